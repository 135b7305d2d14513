"""Library sidebar: articles with language, title, date and translation state; search over both languages."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui import style


@dataclass(frozen=True)
class LibraryRow:
    id: int
    language: str
    title: str
    date: str
    done: int
    total: int
    backend: str
    title_en: str = ""  # the translated headline ("" until translated)


def load_rows(language: str | None, order: str) -> list[LibraryRow]:
    """Library rows from the store (the panel itself holds no SQL)."""
    from reader.store import repo

    progress = repo.progress_by_article()
    return [
        LibraryRow(a.id, a.language, a.title or "(untitled)", a.date, *progress.get(a.id, (0, 0)), a.backend,
                   a.title_en or "")
        for a in repo.list_articles(language=language, order=order)
    ]


def search_article_ids(query: str) -> set[int]:
    from reader.store import repo

    return {h.article_id for h in repo.search(query)}


class LibraryPanel(QWidget):
    article_activated = Signal(int)

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
        self.lang.addItem("All languages", None)
        self.lang.addItem("Persian", "fa")
        self.lang.addItem("Arabic", "ar")
        self.sort = QComboBox()
        for label, key in (("Recent", "updated"), ("Added", "created"), ("Title", "title")):
            self.sort.addItem(label, key)
        row.addWidget(self.lang)
        row.addWidget(self.sort)
        lay.addLayout(row)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(True)
        lay.addWidget(self.list, 1)
        self.count = QLabel()
        self.count.setStyleSheet("color: gray")
        lay.addWidget(self.count)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.lang.currentIndexChanged.connect(lambda _i: self.refresh())
        self.sort.currentIndexChanged.connect(lambda _i: self.refresh())
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.rows: list[LibraryRow] = []
        self.current_id = 0

    def refresh(self) -> None:
        rows = load_rows(self.lang.currentData(), self.sort.currentData())
        query = self.search.text().strip()
        if query:
            ids = search_article_ids(query)
            rows = [r for r in rows if r.id in ids]
        self.rows = rows
        self.list.blockSignals(True)
        self.list.clear()
        source_font = style.source_font(self.font().pointSizeF() * 1.05)
        for r in rows:
            if r.total and r.done == r.total:
                state = "✓ translated"
            elif r.done:
                state = f"{r.done}/{r.total} translated"
            else:
                state = f"{r.total} sentences"
            lang = {"fa": "فا", "ar": "ع"}.get(r.language, r.language)
            meta = " · ".join(x for x in (r.language.upper(), r.date, state) if x)
            english = f"\n{r.title_en}" if r.title_en else ""  # English headline beside the source title
            item = QListWidgetItem(f"{r.title}{english}\n{meta}")
            item.setData(Qt.UserRole, r.id)
            item.setToolTip(f"{r.title}{english}\n{meta}")
            item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            item.setFont(source_font)
            item.setData(Qt.AccessibleTextRole, f"{lang} {r.title}, {r.title_en + ', ' if r.title_en else ''}{state}")
            self.list.addItem(item)
            if r.id == self.current_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        total = len(rows)
        self.count.setText(f"{total} article{'s' if total != 1 else ''}" + (" found" if query else ""))

    def set_current(self, article_id: int) -> None:
        self.current_id = article_id
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.UserRole) == article_id:
                self.list.setCurrentRow(i)
                return

    def _activated(self, item: QListWidgetItem) -> None:
        aid = int(item.data(Qt.UserRole))
        if aid != self.current_id:
            self.current_id = aid
            self.article_activated.emit(aid)
