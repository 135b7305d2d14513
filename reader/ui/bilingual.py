"""The bilingual view: source (right-to-left) and English side by side or interleaved, sentence by sentence.

One grid row per sentence keeps aligned sentences level while scrolling. Hovering or clicking a sentence on
either side lights up its counterpart. Text is selectable (annotations are made from selections).
"""

from __future__ import annotations

import time
from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from reader.app.view import ArticleView, ViewSentence
from reader.ui import style
from reader.ui.article_header import ArticleHeader
from reader.ui.message_bar import MessageBar
from reader.ui.rich import Mark, render
from reader.ui.sentence_label import Selection, SentenceLabel, reading_step
from reader.ui.sentence_render import (
    english_html,
    gutter_html,
    gutter_label,
    sentence_marks,
    sentence_scroll_area,
)

PLACEHOLDER_TRANSLATING = "Translating…"
PLACEHOLDER_NO_MODEL = "—"


class BilingualView(QWidget):
    """Source and translation, one row per sentence."""

    sentence_selected = Signal(int)
    annotate_requested = Signal(object)  # Selection | None
    edit_requested = Signal(int)  # sentence index whose translation the user wants to correct
    alternatives_requested = Signal(int)  # sentence index whose alternatives the user wants to see
    entity_requested = Signal(object)  # dict from SentenceLabel.entity_requested, plus "language"

    def __init__(self, colors: style.Colors, font_size: float = 13) -> None:
        super().__init__()
        self.colors = colors
        self.font_size = font_size
        self.zoom = 100
        self.layout_mode = "columns"
        self.source_side = "right"
        self.show_original = False
        self.show_entities = True
        self.entity_types = {"PERSON", "LOCATION", "ORGANIZATION", "MISC"}
        self.focus_entity = ""
        self.focus_annotation = 0
        self.article: ArticleView | None = None
        self.translations: dict[int, str | None] = {}
        self.flags: dict[int, tuple] = {}
        self.models: dict[int, str] = {}
        self.edits: dict[int, tuple] = {}  # glossary / name corrections per sentence (reader.core.types.Edit)
        self.placeholder = PLACEHOLDER_TRANSLATING
        self.current = -1
        self.hovered = -1
        self._focus_side = "source"
        self.src_labels: list[SentenceLabel] = []
        self.en_labels: list[SentenceLabel] = []
        self.gutters: list[QLabel] = []
        self._pending: list[int] = []
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(0)
        self._render_timer.timeout.connect(self._render_pending)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        self.message_bar = MessageBar()
        outer.addWidget(self.message_bar)
        self.header = ArticleHeader()  # title, English headline, metadata
        outer.addWidget(self.header)
        self.scroll = sentence_scroll_area()
        self.scroll.installEventFilter(self)
        outer.addWidget(self.scroll, 1)
        self.clear()
        self.setFocusPolicy(Qt.StrongFocus)

    # ----- building -------------------------------------------------------------------------------------
    def show_article(self, article: ArticleView) -> None:
        self.article = article
        self.translations = {s.index: s.translation for s in article.sentences}
        self.flags = {s.index: s.flags for s in article.sentences}
        self.models = {s.index: s.model for s in article.sentences}
        self.edits = {s.index: s.edits for s in article.sentences}
        self.current = -1
        self.hovered = -1
        self.focus_entity = ""
        self.placeholder = PLACEHOLDER_TRANSLATING  # a new article starts as "being translated"
        self._rebuild()

    def clear(self) -> None:
        self.article = None
        self.src_labels, self.en_labels, self.gutters = [], [], []
        self.header.setText("")
        self.empty = QLabel("Open an article from the library, or drop a .txt, .html or .docx file here.")
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setWordWrap(True)
        self.scroll.setWidget(self.empty)

    def _rebuild(self) -> None:
        art = self.article
        self._pending.clear()  # everything is rendered below
        if art is None:
            return
        keep = self.scroll.verticalScrollBar().value()
        container = QWidget()
        container.setObjectName("sentences")
        grid = QGridLayout(container)
        grid.setContentsMargins(8, 4, 8, 16)
        grid.setHorizontalSpacing(0)
        grid.setVerticalSpacing(0)
        self.src_labels, self.en_labels, self.gutters = [], [], []
        rtl = art.language in ("fa", "ar")
        src_font = style.source_font(self.font_size * self.zoom / 100 * 1.12, art.language)
        en_font = style.english_font(self.font_size * self.zoom / 100)
        columns = self.layout_mode == "columns"
        if columns:
            src_col, gut_col, en_col = (2, 1, 0) if self.source_side == "right" else (0, 1, 2)
            grid.setColumnStretch(src_col, 1)
            grid.setColumnStretch(en_col, 1)
        else:
            grid.setColumnStretch(1, 1)
        row = 0
        last_par = None
        for s in art.sentences:
            if last_par is not None and s.paragraph != last_par:
                spacer = QWidget()
                spacer.setFixedHeight(int(14 * self.zoom / 100))
                grid.addWidget(spacer, row, 0)
                row += 1
            last_par = s.paragraph
            src = self._label(s.index, "source", rtl)
            src.setFont(src_font)
            en = self._label(s.index, "target", False)
            en.setFont(en_font)
            gut = gutter_label()
            self.src_labels.append(src)
            self.en_labels.append(en)
            self.gutters.append(gut)
            if columns:
                grid.addWidget(en, row, en_col)
                grid.addWidget(gut, row, gut_col)
                grid.addWidget(src, row, src_col)
                row += 1
            else:
                grid.addWidget(gut, row, 0, 2, 1)
                grid.addWidget(src, row, 1)
                grid.addWidget(en, row + 1, 1)
                row += 2
        grid.setRowStretch(row, 1)
        self.scroll.setWidget(container)
        self.render_header()
        for s in art.sentences:
            self._render_sentence(s)
        self._restyle_all()
        QTimer.singleShot(0, lambda: self.scroll.verticalScrollBar().setValue(keep))

    def _label(self, index: int, side: str, rtl: bool) -> SentenceLabel:
        label = SentenceLabel(index, side, rtl)
        label.hovered.connect(self._hover)
        label.unhovered.connect(self._unhover)
        label.pressed.connect(self._pressed)
        label.annotate_requested.connect(lambda sel: self.annotate_requested.emit(self._stored(sel)))
        label.edit_requested.connect(self.edit_requested)
        label.alternatives_requested.connect(self.alternatives_requested)
        label.copy_requested.connect(self.copy_pair)
        label.entities_provider = lambda i: [] if self.article is None or self.show_original else [
            (e.type, e.start, e.end, e.text) for e in self.article.entities if e.sentence_index == i]
        label.entity_requested.connect(lambda r: self.article and self.entity_requested.emit(
            {**r, "language": self.article.language}))
        return label

    def _stored(self, sel: Selection | None) -> Selection | None:
        """A selection made in the original text (the toggle) as offsets in the stored, normalised sentence,
        where annotations anchor; other selections are already there."""
        if sel is None or sel.side != "source" or not self.show_original or self.article is None:
            return sel
        start, end = self.article.stored_span(sel.index, sel.start, sel.end)
        text = self.article.sentences[sel.index].text[start:end]
        return Selection(sel.index, sel.side, start, end, text)

    def _pressed(self, index: int, side: str) -> None:
        self.select(index, scroll=False, from_user=True)
        self._focus_side = side

    def render_header(self) -> None:
        if self.article is not None:
            self.header.paint(self.article, self.colors, self.font_size * self.zoom / 100)

    def _sentence(self, index: int) -> ViewSentence | None:
        if self.article is None or not 0 <= index < len(self.article.sentences):
            return None
        return self.article.sentences[index]

    def _marks(self, index: int, side: str) -> list[Mark]:
        if self.article is None:
            return []
        marks = sentence_marks(self.article, index, side, self.colors, self.show_entities, self.entity_types,
                               self.focus_entity, self.focus_annotation)
        if side == "source" and self.show_original:  # marks anchor to the normalised text: map them over
            marks = [replace(m, start=a, end=b) for m in marks
                     for a, b in [self.article.original_span(index, m.start, m.end)] if a < b]
        return marks

    def _render_sentence(self, s: ViewSentence) -> None:
        i = s.index
        if i >= len(self.src_labels):
            return
        src_text = s.original if self.show_original else s.text
        self.src_labels[i].setText(render(src_text, self._marks(i, "source"), rtl=True))
        self.en_labels[i].set_rich(*english_html(self.translations.get(i), self._marks(i, "target"),
                                                 self.edits.get(i) or (), self.placeholder, self.colors))
        text, tip = gutter_html(i, self.models.get(i, ""), self.flags.get(i) or (), self.colors)
        self.gutters[i].setText(text)
        self.gutters[i].setToolTip(tip)

    def rerender(self) -> None:
        if self.article:
            for s in self.article.sentences:
                self._render_sentence(s)

    # ----- live updates ---------------------------------------------------------------------------------
    def set_translation(self, index: int, translation: str, flags: tuple = (), model: str = "",
                        edits: tuple = ()) -> None:
        """Record a translation; it is painted by the time-sliced renderer so that a whole batch arriving at
        once never blocks the GUI thread for long (laying out long right-to-left text is not free)."""
        self.translations[index] = translation
        self.flags[index] = tuple(flags)
        self.models[index] = model
        self.edits[index] = tuple(edits)
        self._pending.append(index)
        if not self._render_timer.isActive():
            self._render_timer.start()

    def _render_pending(self) -> None:
        deadline = time.perf_counter() + 0.006  # a few ms per event-loop turn: the relayout that follows is
        # proportional to the labels changed, so keep each turn small
        while self._pending and time.perf_counter() < deadline:
            s = self._sentence(self._pending.pop(0))
            if s is not None:
                self._render_sentence(s)
        if self._pending:
            self._render_timer.start()

    def flush_rendering(self) -> None:
        """Paint everything still pending now (tests, screenshots)."""
        while self._pending:
            s = self._sentence(self._pending.pop(0))
            if s is not None:
                self._render_sentence(s)

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        if self.article:
            for s in self.article.sentences:
                if self.translations.get(s.index) is None:
                    self._render_sentence(s)

    def update_overlays(self, article: ArticleView) -> None:
        """New entities/annotations for the open article, without rebuilding the widgets."""
        if self.article is None or article.id != self.article.id:
            return
        self.article = article
        for s in article.sentences:
            if s.translation is not None:
                self.translations[s.index] = s.translation
                self.flags[s.index] = s.flags
                self.models[s.index] = s.model
                self.edits[s.index] = s.edits
        self.rerender()

    # ----- highlighting ---------------------------------------------------------------------------------
    def _restyle(self, index: int) -> None:
        if not 0 <= index < len(self.src_labels):
            return
        if index == self.current:
            bg = self.colors.current_bg
        elif index == self.hovered:
            bg = self.colors.hover_bg
        else:
            bg = "transparent"
        sheet = f"background-color: {bg}; border-radius: 4px;"
        for lab in (self.src_labels[index], self.en_labels[index]):
            lab.state = "current" if index == self.current else ("hover" if index == self.hovered else "")
            lab.setStyleSheet(sheet)

    def _restyle_all(self) -> None:
        for i in range(len(self.src_labels)):
            self._restyle(i)

    def _hover(self, index: int) -> None:
        old, self.hovered = self.hovered, index
        self._restyle(old)
        self._restyle(index)

    def _unhover(self, index: int) -> None:
        if self.hovered == index:
            self.hovered = -1
            self._restyle(index)

    def select(self, index: int, scroll: bool = True, from_user: bool = False) -> None:
        if not 0 <= index < len(self.src_labels):
            return
        old, self.current = self.current, index
        self._restyle(old)
        self._restyle(index)
        if scroll:
            self.scroll.ensureWidgetVisible(self.src_labels[index], 0, 60)
            self.scroll.ensureWidgetVisible(self.en_labels[index], 0, 60)
        if from_user or old != index:
            self.sentence_selected.emit(index)


    # ----- view options ---------------------------------------------------------------------------------
    def set_layout(self, mode: str, source_side: str | None = None) -> None:
        self.layout_mode = mode
        if source_side:
            self.source_side = source_side
        cur = self.current
        self._rebuild()
        if cur >= 0:
            self.select(cur)

    def set_zoom(self, zoom: int) -> None:
        self.zoom = max(50, min(300, zoom))
        cur = self.current
        self._rebuild()
        if cur >= 0:
            self.select(cur)


    def set_colors(self, colors: style.Colors) -> None:
        self.colors = colors
        self._rebuild()

    def set_show_original(self, on: bool) -> None:
        self.show_original = on
        self.rerender()

    def set_entity_display(self, show: bool, types: set[str] | None = None) -> None:
        self.show_entities = show
        if types is not None:
            self.entity_types = set(types)
        self.rerender()

    def set_focus_entity(self, canonical: str) -> None:
        self.focus_entity = canonical
        self.rerender()
        if canonical and self.article:
            for e in self.article.entities:
                if e.canonical == canonical:
                    self.select(e.sentence_index)
                    break

    def set_focus_annotation(self, annotation_id: int) -> None:
        self.focus_annotation = annotation_id
        self.rerender()
        if self.article:
            for a in self.article.annotations:
                if a.id == annotation_id:
                    self.select(a.sentence_index)
                    break

    # ----- selection, clipboard, keyboard ---------------------------------------------------------------
    def current_selection(self) -> Selection | None:
        for lab in self.src_labels + self.en_labels:
            sel = lab.selection()
            if sel is not None:
                return self._stored(sel)
        return None

    def pair_text(self, index: int) -> str:
        s = self._sentence(index)
        if s is None:
            return ""
        return f"{s.text}\n{self.translations.get(index) or ''}".strip()

    def copy_pair(self, index: int | None = None) -> None:
        i = self.current if index is None else index
        text = self.pair_text(i)
        if text:
            QGuiApplication.clipboard().setText(text)

    def move(self, delta: int) -> None:
        if not self.src_labels:
            return
        start = self.current if self.current >= 0 else (-1 if delta > 0 else len(self.src_labels))
        self.select(max(0, min(len(self.src_labels) - 1, start + delta)), from_user=True)

    def eventFilter(self, obj: object, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.KeyPress and self.handle_key(event):  # type: ignore[arg-type]
            return True
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        step = reading_step(event.key(), event.modifiers(), self._focus_side, self.layout_mode == "columns")
        if step is None:
            return False
        if step == "home":
            self.select(0, from_user=True)
        elif step == "end":
            self.select(len(self.src_labels) - 1, from_user=True)
        elif step == "switch":
            self._focus_side = "target" if self._focus_side == "source" else "source"
        else:
            self.move(step)
        return True
