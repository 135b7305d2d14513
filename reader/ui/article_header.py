"""The article's header above the bilingual view: its title, the English headline (painted the moment it is
translated, before any sentence) and one line of metadata."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from reader.app.view import ArticleView
from reader.ui import style
from reader.ui.sentence_render import header_html


class ArticleHeader(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("articleHeader")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.setContentsMargins(12, 8, 12, 4)
        self.article: ArticleView | None = None
        self.headline = ""
        self.colors: style.Colors | None = None
        self.size = 13.0

    def paint(self, article: ArticleView, colors: style.Colors, size: float) -> None:
        if self.article is None or article.id != self.article.id or article.title_en:
            self.headline = article.title_en
        self.article, self.colors, self.size = article, colors, size
        self.setText(header_html(article, colors, size, self.headline))
        self.setFont(style.source_font(size, article.language))

    def set_headline(self, english: str) -> None:
        """The translated headline arrived: show it under the title at once."""
        self.headline = english
        if self.article is not None and self.colors is not None:
            self.setText(header_html(self.article, self.colors, self.size, english))
