"""Library sidebar: a virtualised list (model/view, pages fetched as it scrolls) with search over both
languages, filters (language, state, tag, site), sorts (publication date, import date, …), multi-select and
bulk actions (translate, export one PDF, tag, mark read, delete with undo)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from reader.store.library import Filters, LibraryRow
from reader.ui import style
from reader.ui.library_delegate import LibraryDelegate
from reader.ui.library_model import IdRole, LibraryModel

SORTS = (("Published", "published"), ("Imported", "created"), ("Recent", "updated"), ("Title", "title"),
         ("Site", "site"))
STATES = (("All articles", None), ("Unread", "unread"), ("Read", "read"), ("Translated", "translated"),
          ("Partly translated", "partly"), ("Not translated", "untranslated"))


def load_ids(filters: Filters, sort: str) -> list[int]:
    """The list's article ids, in order, from the store (the panel itself holds no SQL)."""
    from reader.store import library

    return library.ids(filters, sort)


def search_article_ids(query: str) -> set[int]:
    from reader.store import search

    return search.article_ids(query)


class LibraryView(QListView):
    """The list; ``count()`` is the number of articles listed (loaded into the view or not)."""

    def count(self) -> int:
        model = self.model()
        return model.total() if isinstance(model, LibraryModel) else 0


class LibraryPanel(QWidget):
    article_activated = Signal(int)
    translate_requested = Signal(list)  # article ids
    export_requested = Signal(list)
    delete_requested = Signal(list)
    changed = Signal()  # tags / read state changed here

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search both languages…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        lay.addWidget(self.search)
        row = QHBoxLayout()
        self.lang = QComboBox()
        for label, key in (("All languages", None), ("Persian", "fa"), ("Arabic", "ar")):
            self.lang.addItem(label, key)
        self.state = QComboBox()
        for label, key in STATES:
            self.state.addItem(label, key)
        self.sort = QComboBox()
        for label, key in SORTS:
            self.sort.addItem(label, key)
        for w in (self.lang, self.state, self.sort):
            row.addWidget(w)
        lay.addLayout(row)
        row2 = QHBoxLayout()
        self.tag = QComboBox()
        self.site = QComboBox()
        row2.addWidget(self.tag)
        row2.addWidget(self.site)
        lay.addLayout(row2)
        self.model = LibraryModel()
        self.list = LibraryView()
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setAlternatingRowColors(True)
        self.list.setItemDelegate(LibraryDelegate(self.list))  # each line aligned and cut for its direction
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.list.setContextMenuPolicy(Qt.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        delete = QShortcut(QKeySequence.Delete, self.list, context=Qt.WidgetShortcut)
        delete.activated.connect(lambda: self.selected_ids() and self.delete_requested.emit(self.selected_ids()))
        lay.addWidget(self.list, 1)
        self.count = QLabel()
        self.count.setStyleSheet("color: gray")
        lay.addWidget(self.count)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(25)  # short: a search over 10,000 articles takes ~20-40 ms itself
        self._debounce.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.lang, self.state, self.sort, self.tag, self.site):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.list.activated.connect(self._activated)
        self.list.clicked.connect(self._activated)
        self._all: list[int] = []
        self.current_id = 0
        self.search_message = ""
        self._fill_choices()

    # ---- data -----------------------------------------------------------------------------------------
    @property
    def rows(self) -> list[LibraryRow]:
        """Every row listed (reads them all: for tests and small jobs; the view reads a page at a time)."""
        return self.model.rows()

    @property
    def ids(self) -> list[int]:
        return self.model.ids()

    def set_calendar(self, calendar: str) -> None:
        self.model.calendar = calendar
        self.model.clear_meta()

    def filters(self) -> Filters:
        return Filters(language=self.lang.currentData(), state=self.state.currentData(),
                       tag=self.tag.currentData(), site=self.site.currentData())

    def refresh(self) -> None:
        """Re-read the list from the store (filters or contents changed), then apply the search."""
        self.model.font = style.source_font(self.font().pointSizeF() * 1.05)
        self._fill_choices()
        self._all = load_ids(self.filters(), self.sort.currentData() or "published")
        self._stale = True  # contents may have changed: rows are read again as they are shown
        self.apply_search()

    def apply_search(self) -> None:
        query = self.search.text().strip()
        ids = self._all
        self.search_message = ""
        if query:
            from reader.store.search import QueryError

            try:
                found = search_article_ids(query)
            except QueryError as exc:
                self.search_message = str(exc)
                found = None
            if found is not None:
                ids = [i for i in ids if i in found]
        self.model.set_ids(ids, keep_rows=not getattr(self, "_stale", True))
        self._stale = False
        self._select_current()
        total = len(ids)
        text = f"{total} article{'s' if total != 1 else ''}" + (" found" if query else "")
        self.count.setText(self.search_message or text)

    def update_article(self, article_id: int) -> None:
        """One article changed (translated, tagged, read): update its row in place."""
        from reader.store import library

        row = library.row(article_id)
        if row is None:
            self.model.remove_ids({article_id})
            return
        self.model.replace_row(row)

    def _fill_choices(self) -> None:
        from reader.store import library

        for combo, items, empty in ((self.tag, library.all_tags(), "All tags"),
                                    (self.site, library.sites(), "All sites")):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(empty, None)
            for name, count in items:
                combo.addItem(f"{name} ({count})", name)
            i = combo.findData(current)
            combo.setCurrentIndex(max(0, i))
            combo.blockSignals(False)
            combo.setVisible(bool(items))

    def reload_choices(self) -> None:
        self._fill_choices()

    # ---- selection ------------------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.list.selectionModel().selectedIndexes())
        return [self.model.ids()[r] for r in rows]

    def set_current(self, article_id: int) -> None:
        self.current_id = article_id
        self._select_current()

    def _select_current(self) -> None:
        pos = self.model.position(self.current_id)
        if pos is None:
            return
        self.model.ensure_loaded(pos)
        index = self.model.index(pos)
        self.list.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect)
        self.list.scrollTo(index)

    def _activated(self, index) -> None:  # noqa: ANN001
        if len(self.list.selectionModel().selectedIndexes()) > 1:
            return  # extending a multi-selection is not opening an article
        aid = int(index.data(IdRole))
        if aid != self.current_id:
            self.current_id = aid
            self.article_activated.emit(aid)

    # ---- bulk actions ---------------------------------------------------------------------------------
    def _menu(self, pos) -> None:  # noqa: ANN001
        ids = self.selected_ids()
        if not ids:
            return
        n = len(ids)
        plural = f"{n} article{'s' if n != 1 else ''}"
        menu = QMenu(self)
        menu.addAction(f"Translate {plural}", lambda: self.translate_requested.emit(ids))
        menu.addAction(f"Export {plural} to one PDF…", lambda: self.export_requested.emit(ids))
        menu.addSeparator()
        menu.addAction("Add tag…", lambda: self.ask_tag(ids))
        from reader.store import library

        tags = sorted({t for r in library.rows_for(ids).values() for t in r.tags})
        if tags:
            remove = menu.addMenu("Remove tag")
            for t in tags:
                remove.addAction(t, lambda t=t: self.untag(ids, t))
        menu.addAction("Mark read", lambda: self.mark(ids, True))
        menu.addAction("Mark unread", lambda: self.mark(ids, False))
        menu.addSeparator()
        menu.addAction(f"Delete {plural}", lambda: self.delete_requested.emit(ids))
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def ask_tag(self, ids: list[int]) -> None:
        from reader.store import library

        names = [n for n, _c in library.all_tags()]
        name, ok = QInputDialog.getItem(self, "Add tag", f"Tag for {len(ids)} article(s):", names, 0, True)
        if ok and name.strip():
            self.tag_articles(ids, name)

    def tag_articles(self, ids: list[int], name: str) -> None:
        from reader.store import library

        library.add_tag(ids, name)
        self._after_bulk(ids)

    def untag(self, ids: list[int], name: str) -> None:
        from reader.store import library

        library.remove_tag(ids, name)
        self._after_bulk(ids)

    def mark(self, ids: list[int], read: bool) -> None:
        from reader.store import library

        library.mark_read(ids, read)
        self._after_bulk(ids)

    def _after_bulk(self, ids: list[int]) -> None:
        self._fill_choices()
        for aid in ids:
            self.update_article(aid)
        if self.tag.currentData() or self.state.currentData():
            self.refresh()  # the change may move rows in or out of the filtered list
        self.changed.emit()
