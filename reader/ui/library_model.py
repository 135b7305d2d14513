"""The library list as a Qt model over article ids: the ids of the whole filtered list come from one indexed
query; the rows themselves are read from the store a page at a time, as the view scrolls (canFetchMore /
fetchMore); one row is updated in place when its article changes; a search swaps the id list, no widgets."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from reader.store.library import LibraryRow
from reader.ui.rich import isolate

PAGE = 200
IdRole = Qt.UserRole + 1
RowRole = Qt.UserRole + 2
_LANG = {"fa": "فا", "ar": "ع"}
_Index = QModelIndex | QPersistentModelIndex
_ALIGN = int(Qt.AlignRight | Qt.AlignVCenter)


def state_text(r: LibraryRow) -> str:
    if r.state == "translated":
        return "✓ translated"
    if r.done:
        return f"{r.done}/{r.total} translated"
    return f"{r.total} sentences"


def _load(ids: Sequence[int]) -> dict[int, LibraryRow]:
    from reader.store import library

    return library.rows_for(ids)


class LibraryModel(QAbstractListModel):
    """The filtered, sorted article ids; rows read (and kept) a page at a time."""

    def __init__(self, load: Callable[[Sequence[int]], dict[int, LibraryRow]] = _load) -> None:
        super().__init__()
        self._load = load
        self._ids: list[int] = []
        self._pos: dict[int, int] = {}
        self._cache: dict[int, LibraryRow] = {}
        self._meta: dict[int, str] = {}  # article id -> meta line (computed when first shown)
        self._shown = 0
        self.page = PAGE
        self.calendar = "gregorian"
        self.font: QFont | None = None

    # ---- contents -------------------------------------------------------------------------------------
    def set_ids(self, ids: list[int], keep_visible: int = 0, keep_rows: bool = True) -> None:
        self.beginResetModel()
        self._ids = ids
        self._pos = {aid: i for i, aid in enumerate(ids)}
        if not keep_rows:
            self._cache.clear()
            self._meta.clear()
        self._shown = min(len(ids), max(self.page, keep_visible))
        self.endResetModel()

    def ids(self) -> list[int]:
        return self._ids

    def total(self) -> int:
        return len(self._ids)

    def position(self, article_id: int) -> int | None:
        return self._pos.get(article_id)

    def row_at(self, position: int) -> LibraryRow:
        aid = self._ids[position]
        row = self._cache.get(aid)
        if row is None:
            start = position - position % self.page
            self._cache.update(self._load(self._ids[start:start + self.page]))
            row = self._cache.get(aid)
            if row is None:  # gone meanwhile (deleted by another process): an empty line until the next refresh
                row = LibraryRow(aid, "", "", "", None, "", "", 0, 0, "", True, 0)
        return row

    def rows(self) -> list[LibraryRow]:
        """Every row of the list (reads the ones not loaded yet)."""
        missing = [i for i in self._ids if i not in self._cache]
        if missing:
            self._cache.update(self._load(missing))
        return [self._cache[i] for i in self._ids if i in self._cache]

    def ensure_loaded(self, position: int) -> None:
        """Make row *position* available to the view (fetching pages up to it)."""
        while position >= self._shown and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def replace_row(self, row: LibraryRow) -> bool:
        """Update one article's row in place (no reset); False when it is not in the list."""
        i = self._pos.get(row.id)
        if i is None:
            return False
        self._cache[row.id] = row
        self._meta.pop(row.id, None)
        if i < self._shown:
            index = self.index(i)
            self.dataChanged.emit(index, index)
        return True

    def forget(self, article_id: int) -> None:
        self._cache.pop(article_id, None)
        self._meta.pop(article_id, None)

    def remove_ids(self, ids: set[int]) -> None:
        keep = [i for i in self._ids if i not in ids]
        if len(keep) != len(self._ids):
            self.set_ids(keep, keep_visible=self._shown)

    def clear_meta(self) -> None:
        self._meta.clear()
        if self._shown:
            self.dataChanged.emit(self.index(0), self.index(self._shown - 1))

    # ---- QAbstractListModel ---------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid():
            return
        more = min(self.page, len(self._ids) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.DisplayRole):  # noqa: ANN201
        if not index.isValid() or index.row() >= self._shown:
            return None
        if role == IdRole:
            return self._ids[index.row()]
        if role == Qt.TextAlignmentRole:
            return _ALIGN
        if role == Qt.FontRole:
            return self.font
        r = self.row_at(index.row())
        if role == Qt.DisplayRole:
            english = f"\n{r.title_en}" if r.title_en else ""  # the English headline under the source title
            return f"{'• ' if not r.read else ''}{r.title}{english}\n{self.meta_line(r)}"
        if role == RowRole:
            return r
        if role == Qt.ToolTipRole:
            english = f"\n{r.title_en}" if r.title_en else ""
            return f"{r.title}{english}\n{self.meta_line(r)}" + (f"\nTags: {', '.join(r.tags)}" if r.tags else "")
        if role == Qt.AccessibleTextRole:
            return f"{_LANG.get(r.language, r.language)} {r.title}, {state_text(r)}, {'read' if r.read else 'unread'}"
        return None

    def meta_line(self, r: LibraryRow) -> str:
        line = self._meta.get(r.id)
        if line is None:
            line = self._meta[r.id] = self._make_meta_line(r)
        return line

    def _make_meta_line(self, r: LibraryRow) -> str:
        from reader.core.dates import display

        date = display(r.published, r.date, self.calendar)
        tags = " ".join(isolate("#" + t) for t in r.tags)
        return " · ".join(x for x in (r.language.upper(), isolate(date), isolate(r.site), state_text(r), tags) if x)
