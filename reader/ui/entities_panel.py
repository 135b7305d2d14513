"""Entity panel: the open article's people, places and organisations grouped by type, with counts.

Clicking an entity lights up every occurrence in both panes and lists the other articles that mention it.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.app.view import ArticleView
from reader.ui import style


class EntityPanel(QWidget):
    entity_selected = Signal(str)
    types_changed = Signal(set)
    article_requested = Signal(int)
    page_requested = Signal(str)  # canonical name: show the entity across the library
    correction_requested = Signal(object)  # dict: action, text, type (the window adds the language)

    def __init__(self, colors: style.Colors) -> None:
        super().__init__()
        self.colors = colors
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        legend = QHBoxLayout()
        self.checks: dict[str, QCheckBox] = {}
        for etype in ("PERSON", "LOCATION", "ORGANIZATION"):
            cb = QCheckBox(style.ENTITY_LABELS[etype])
            cb.setChecked(True)
            cb.setToolTip(f"Highlight {style.ENTITY_LABELS[etype].lower()} in both panes")
            cb.toggled.connect(self._types_toggled)
            self.checks[etype] = cb
            legend.addWidget(cb)
        lay.addLayout(legend)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Entity", "English", "×"])
        self.tree.setRootIsDecorated(True)
        self.tree.setColumnWidth(0, 150)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemDoubleClicked.connect(
            lambda item, _col: item.data(0, Qt.UserRole) and self.page_requested.emit(item.data(0, Qt.UserRole)))
        self.tree.setContextMenuPolicy(Qt.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        lay.addWidget(self.tree, 2)
        self.others_label = QLabel("Other articles mentioning it:")
        self.others_label.setStyleSheet("color: gray")
        lay.addWidget(self.others_label)
        self.others = QListWidget()
        self.others.itemActivated.connect(lambda it: self.article_requested.emit(int(it.data(Qt.UserRole))))
        self.others.itemClicked.connect(lambda it: self.article_requested.emit(int(it.data(Qt.UserRole))))
        lay.addWidget(self.others, 1)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: gray")
        lay.addWidget(self.empty)
        self.article_id = 0
        self.article: ArticleView | None = None
        self._paint_legend()

    def _paint_legend(self) -> None:
        for etype, cb in self.checks.items():
            cb.setStyleSheet(f"QCheckBox {{ background: {self.colors.entity[etype]}; padding: 2px 6px; "
                             "border-radius: 3px; }")

    def set_colors(self, colors: style.Colors) -> None:
        self.colors = colors
        self._paint_legend()
        self.set_article(self.article)

    def set_article(self, article: ArticleView | None) -> None:
        self.article = article
        self.tree.clear()
        self.others.clear()
        self.article_id = article.id if article else 0
        if article is None or not article.entities:
            self.empty.setText("No entities found yet." if article else "")
            return
        self.empty.setText("")
        groups: dict[str, Counter] = defaultdict(Counter)
        spellings: dict[tuple[str, str], Counter] = defaultdict(Counter)
        english: dict[tuple[str, str], str | None] = {}
        for e in article.entities:
            groups[e.type][e.canonical] += 1
            key = (e.type, e.canonical)
            spellings[key][e.text] += 1  # shown: the group's most frequent spelling (not a clitic-cut first one)
            if not english.get(key) and e.english:
                english[key] = e.english
        shown = {key: (c.most_common(1)[0][0], english.get(key)) for key, c in spellings.items()}
        for etype in ("PERSON", "LOCATION", "ORGANIZATION", "MISC"):
            if etype not in groups:
                continue
            counter = groups[etype]
            top = QTreeWidgetItem([f"{style.ENTITY_LABELS.get(etype, etype)} ({sum(counter.values())})", "", ""])
            top.setBackground(0, QBrush(QColor(self.colors.entity.get(etype, "#dddddd"))))
            top.setFlags(Qt.ItemIsEnabled)
            for canonical, n in counter.most_common():
                text, english = shown[(etype, canonical)]
                child = QTreeWidgetItem([text, english or "", str(n)])
                child.setData(0, Qt.UserRole, canonical)
                child.setTextAlignment(0, Qt.AlignRight | Qt.AlignVCenter)
                child.setFont(0, style.source_font(self.font().pointSizeF() * 1.1))
                try:
                    from reader.core.entities import transliterate

                    child.setToolTip(0, transliterate(text, article.language))
                except Exception:
                    child.setToolTip(0, text)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)

    def _clicked(self, item: QTreeWidgetItem) -> None:
        canonical = item.data(0, Qt.UserRole)
        if not canonical:
            return
        self.entity_selected.emit(canonical)
        self.others.clear()
        from reader.store.entities import other_articles_with

        for aid, title in other_articles_with(canonical, self.article_id):
            it = QListWidgetItem(title)
            it.setData(Qt.UserRole, aid)
            self.others.addItem(it)

    def _context_menu(self, pos) -> None:
        from PySide6.QtWidgets import QMenu

        item = self.tree.itemAt(pos)
        canonical = item.data(0, Qt.UserRole) if item else None
        if not canonical:
            return
        text = item.text(0)
        menu = QMenu(self)
        menu.addAction("Show across the library…").triggered.connect(lambda: self.page_requested.emit(canonical))
        menu.addAction("Not an entity").triggered.connect(
            lambda: self.correction_requested.emit({"action": "reject", "text": text}))
        menu.addAction("Set English name…").triggered.connect(
            lambda: self.correction_requested.emit({"action": "english", "text": text}))
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def _types_toggled(self) -> None:
        self.types_changed.emit({t for t, cb in self.checks.items() if cb.isChecked()} | {"MISC"})
