"""The library list as a Qt model: rows loaded in pages as the view scrolls (canFetchMore/fetchMore), one row
updated in place when its article changes, and the filtered list swapped without rebuilding widgets."""

from __future__ import annotations

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


class LibraryModel(QAbstractListModel):
    """Holds the whole filtered list (plain tuples from one query); exposes it to the view a page at a time."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[LibraryRow] = []
        self._shown = 0
        self._pos: dict[int, int] = {}
        self.page = PAGE
        self._meta: dict[int, str] = {}  # article id -> meta line (computed when first shown)
        self.calendar = "gregorian"
        self.font: QFont | None = None

    # ---- contents -------------------------------------------------------------------------------------
    def set_rows(self, rows: list[LibraryRow], keep_visible: int = 0) -> None:
        self.beginResetModel()
        self._meta.clear()
        self._rows = rows
        self._pos = {r.id: i for i, r in enumerate(rows)}
        self._shown = min(len(rows), max(self.page, keep_visible))
        self.endResetModel()

    def rows(self) -> list[LibraryRow]:
        return self._rows

    def total(self) -> int:
        return len(self._rows)

    def position(self, article_id: int) -> int | None:
        return self._pos.get(article_id)

    def ensure_loaded(self, position: int) -> None:
        """Make row *position* available to the view (fetching pages up to it)."""
        while position >= self._shown and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def replace_row(self, row: LibraryRow) -> bool:
        """Update one article's row in place (no reset); False when it is not in the list."""
        i = self._pos.get(row.id)
        if i is None:
            return False
        self._rows[i] = row
        self._meta.pop(row.id, None)
        if i < self._shown:
            index = self.index(i)
            self.dataChanged.emit(index, index)
        return True

    def remove_ids(self, ids: set[int]) -> None:
        keep = [r for r in self._rows if r.id not in ids]
        if len(keep) != len(self._rows):
            self.set_rows(keep, keep_visible=self._shown)

    # ---- QAbstractListModel ---------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid():
            return
        more = min(self.page, len(self._rows) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.DisplayRole):  # noqa: ANN201
        if not index.isValid() or index.row() >= self._shown:
            return None
        r = self._rows[index.row()]
        if role == Qt.DisplayRole:
            english = f"\n{r.title_en}" if r.title_en else ""  # the English headline under the source title
            return f"{'• ' if not r.read else ''}{r.title}{english}\n{self.meta_line(r)}"
        if role == IdRole:
            return r.id
        if role == RowRole:
            return r
        if role == Qt.ToolTipRole:
            english = f"\n{r.title_en}" if r.title_en else ""
            return f"{r.title}{english}\n{self.meta_line(r)}" + (f"\nTags: {', '.join(r.tags)}" if r.tags else "")
        if role == Qt.TextAlignmentRole:
            return _ALIGN
        if role == Qt.FontRole:
            return self.font
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
