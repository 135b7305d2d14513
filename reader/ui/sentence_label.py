"""One sentence on one side of the bilingual view: selectable rich text that reports hover, clicks, selections
and its context menu's requests as signals (the view connects them; the label knows nothing of the view)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QLabel, QMenu, QSizePolicy


@dataclass(frozen=True)
class Selection:
    """A text selection inside one sentence label (offsets in the sentence or its translation)."""

    index: int
    side: str  # "source" | "target"
    start: int
    end: int
    text: str


class SentenceLabel(QLabel):
    """One sentence on one side."""

    hovered = Signal(int)  # index
    unhovered = Signal(int)
    pressed = Signal(int, str)  # index, side
    annotate_requested = Signal(object)  # Selection | None
    edit_requested = Signal(int)
    alternatives_requested = Signal(int)  # index: show the model's other translations of this sentence
    copy_requested = Signal(int)
    entity_requested = Signal(object)  # dict: action ("reject"|"type"|"english"|"add"|"page"), text, type

    # Set by the view: the entities of this sentence as (type, start, end, text) in this label's text.
    entities_provider = None

    def __init__(self, index: int, side: str, rtl: bool) -> None:
        super().__init__()
        self.index = index
        self.side = side
        self.rtl = rtl
        self.setObjectName(f"{side}-{index}")
        self.setWordWrap(True)
        self.setTextFormat(Qt.RichText)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.setMouseTracking(True)
        # Ignored horizontally: a very long unbreakable token (URL, broken model output) must not widen the
        # column and push the other language off screen; the label wraps to the width the grid gives it.
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Minimum)
        self.setAlignment((Qt.AlignRight if rtl else Qt.AlignLeft) | Qt.AlignTop)
        self.setLayoutDirection(Qt.RightToLeft if rtl else Qt.LeftToRight)
        self.setContentsMargins(8, 5, 8, 5)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.state = ""  # "" | "hover" | "current"

    def enterEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        self.hovered.emit(self.index)
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        self.unhovered.emit(self.index)
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mousePressEvent(event)
        if event.button() == Qt.LeftButton:
            self.pressed.emit(self.index, self.side)

    def set_rich(self, html: str, tooltip: str = "") -> None:
        self.setText(html)
        self.setToolTip(tooltip)

    def selection(self) -> Selection | None:
        if not self.hasSelectedText():
            return None
        start = self.selectionStart()
        text = self.selectedText()
        return Selection(self.index, self.side, start, start + len(text), text)

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        sel = self.selection()
        act = QAction("Highlight and annotate…", menu)
        act.setEnabled(sel is not None)
        act.triggered.connect(lambda: self.annotate_requested.emit(sel))
        menu.addAction(act)
        if self.side == "target":
            edit = QAction("Edit translation…", menu)
            edit.triggered.connect(lambda: self.edit_requested.emit(self.index))
            menu.addAction(edit)
            alternatives = QAction("Alternatives…", menu)
            alternatives.triggered.connect(lambda: self.alternatives_requested.emit(self.index))
            menu.addAction(alternatives)
        if self.side == "source":
            self._entity_menu(menu, sel)
        copy_pair = QAction("Copy sentence pair", menu)
        copy_pair.triggered.connect(lambda: self.copy_requested.emit(self.index))
        menu.addAction(copy_pair)
        menu.exec(self.mapToGlobal(pos))

    def _entity_menu(self, menu: QMenu, sel: Selection | None) -> None:
        """Entity corrections: on the entity the selection touches, or Mark as… for a new one."""
        spans = list(self.entities_provider(self.index)) if self.entities_provider else []
        touched = [s for s in spans if sel is not None and s[1] < sel.end and sel.start < s[2]]
        menu.addSeparator()
        if touched:
            etype, _start, _end, text = touched[0]
            sub = menu.addMenu(f"Entity «{text}»")
            _add_entity_actions(sub, self, etype, text)
        elif sel is not None and sel.text.strip():
            mark = menu.addMenu("Mark as")
            chosen = sel.text.strip()
            for key, name in ENTITY_TYPES:
                act = mark.addAction(name.lower())
                act.triggered.connect(lambda _c=False, k=key, t=chosen: self.entity_requested.emit(
                    {"action": "add", "text": t, "type": k}))
        if spans and not touched:
            sub = menu.addMenu("Entities in this sentence")
            for etype, _start, _end, text in spans:
                _add_entity_actions(sub.addMenu(text), self, etype, text)


ENTITY_TYPES = (("PERSON", "Person"), ("LOCATION", "Place"), ("ORGANIZATION", "Organisation"))


def _add_entity_actions(menu: QMenu, label: SentenceLabel, etype: str, text: str) -> None:
    def emit(action: str, new_type: str = "") -> None:
        label.entity_requested.emit({"action": action, "text": text, "type": new_type})

    page = menu.addAction("Show across the library…")
    page.triggered.connect(lambda: emit("page"))
    menu.addSeparator()
    reject = menu.addAction("Not an entity")
    reject.triggered.connect(lambda: emit("reject"))
    change = menu.addMenu("Change type")
    for key, name in ENTITY_TYPES:
        if key != etype:
            act = change.addAction(name)
            act.triggered.connect(lambda _c=False, k=key: emit("type", k))
    english = menu.addAction("Set English name…")
    english.triggered.connect(lambda: emit("english"))




def reading_step(key: int, mods, focus_side: str, columns: bool) -> int | str | None:
    """What a key does in the view: +1/-1 (next/previous sentence), "home", "end", "switch" (Tab: the other
    pane), or None (not ours: modified keys and everything else). j/k and ↓/↑ move; ←/→ follow the reading
    direction of the focused pane (in the right-to-left source, ← goes forward)."""
    if mods & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier):
        return None
    if key in (Qt.Key_Down, Qt.Key_J):
        return 1
    if key in (Qt.Key_Up, Qt.Key_K):
        return -1
    if key in (Qt.Key_Left, Qt.Key_Right):
        forward = Qt.Key_Left if focus_side == "source" else Qt.Key_Right
        return 1 if key == forward else -1
    if key == Qt.Key_Home:
        return "home"
    if key == Qt.Key_End:
        return "end"
    if key == Qt.Key_Tab and columns:
        return "switch"
    return None
