"""The entity page: one entity across the library — its spellings per language, the entities it appears with,
and every sentence that mentions it (newest article first, key word in context, with the English); open an
article at a mention, export the mentions as CSV or a bilingual PDF."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.app.entity_page import EntityPage, entity_page
from reader.ui import style
from reader.ui.rich import isolate, starts_rtl


class EntityPageDialog(QDialog):
    def __init__(self, name: str, parent: QWidget | None, open_article: Callable[[int], None],
                 open_entity: Callable[[str], None], export: Callable[[EntityPage, str], None]) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WA_DeleteOnClose, True)
        self.open_article, self.open_entity, self.export = open_article, open_entity, export
        self.page: EntityPage | None = entity_page(name)
        if self.page is None:
            return
        page = self.page
        self.setWindowTitle(f"{page.name} — across the library")
        self.resize(1280, 620)
        lay = QVBoxLayout(self)
        head = QLabel(f"<h2>{_esc(page.name)}</h2><p>{_esc(style.ENTITY_LABELS.get(page.type, page.type))} · "
                      f"{len(page.articles)} article{'s' if len(page.articles) != 1 else ''} · "
                      f"{page.total_mentions} mention{'s' if page.total_mentions != 1 else ''}"
                      + (f" (the newest {len(page.mentions)} below)" if len(page.mentions) < page.total_mentions
                         else "") + "</p>")
        lay.addWidget(head)
        spell = " · ".join(f"<b>{lang}</b>: " + ", ".join(f"{_esc(isolate(t))} ({c})" for t, c in per[:6])
                           for lang, per in page.spellings.items())
        spellings = QLabel(spell)
        spellings.setWordWrap(True)
        spellings.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(spellings)
        row = QHBoxLayout()
        self.mentions = QTreeWidget()
        self.mentions.setHeaderLabels(["Date", "Article", "Sentence", "English"])
        self.mentions.setRootIsDecorated(False)
        self.mentions.setWordWrap(True)
        source_font = style.source_font(self.font().pointSizeF() * 1.05)
        for m in page.mentions:
            left, kw, right = m.context(50)
            item = QTreeWidgetItem([m.date, m.title, f"…{left}«{kw}»{right}…", m.translation])
            item.setData(0, Qt.UserRole, (m.article_id, m.sentence_index))
            item.setFont(2, source_font)
            item.setTextAlignment(2, Qt.AlignRight | Qt.AlignVCenter)
            if starts_rtl(m.title):
                item.setTextAlignment(1, Qt.AlignRight | Qt.AlignVCenter)
            item.setToolTip(2, m.source)
            item.setToolTip(3, m.translation)
            self.mentions.addTopLevelItem(item)
        self.mentions.setColumnWidth(0, 90)
        self.mentions.setColumnWidth(1, 130)
        self.mentions.setColumnWidth(2, 400)
        self.mentions.itemActivated.connect(self._open_mention)
        row.addWidget(self.mentions, 2)  # the "Appears with" names need room too
        self.related = QListWidget()
        for other, shown, etype, n in page.related:
            it = QListWidgetItem(f"{isolate(shown)} · {style.ENTITY_LABELS.get(etype, etype)} ({n})")
            it.setData(Qt.UserRole, other)
            self.related.addItem(it)
        self.related.itemActivated.connect(lambda it: self.open_entity(it.data(Qt.UserRole)))
        side = QVBoxLayout()
        side.addWidget(QLabel("Appears with"))
        side.addWidget(self.related, 1)
        row.addLayout(side, 1)
        lay.addLayout(row, 1)
        buttons = QHBoxLayout()
        for label, suffix in (("Export CSV…", "csv"), ("Export PDF…", "pdf")):
            b = QPushButton(label)
            b.clicked.connect(lambda _c=False, s=suffix: self._export(s))
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        buttons.addWidget(close)
        lay.addLayout(buttons)

    def _open_mention(self, item: QTreeWidgetItem) -> None:
        article_id, _index = item.data(0, Qt.UserRole)
        self.open_article(int(article_id))

    def _export(self, suffix: str) -> None:
        if self.page is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export mentions", f"{self.page.name}.{suffix}",
                                              f"{suffix.upper()} (*.{suffix})")
        if path:
            self.export(self.page, path)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
