"""Alternatives dialog: the n best translations of one sentence (beam n-best, with the model's confidence).

The window computes them off the GUI thread (reader.app.alternatives.article_alternatives through the task
runner) and hands them in with :meth:`AlternativesDialog.set_alternatives`; the dialog only shows and picks.
Picking one stores it like an edited translation (kept across re-translation); ``chosen`` carries the text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.translate.engine import Alternative
from reader.ui import style


def confidence(score: float) -> str:
    """A reader's word for a mean log-probability per token: the model's average confidence in each piece it
    wrote, in per cent."""
    return f"confidence {math.exp(score) * 100:.0f}%" if score > -50 else "confidence very low"


class AlternativesDialog(QDialog):
    chosen = Signal(str)

    def __init__(self, source: str, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Alternatives")
        self.resize(640, 380)
        self.current = current
        lay = QVBoxLayout(self)
        src = QLabel(source)
        src.setWordWrap(True)
        src.setAlignment(Qt.AlignRight)
        src.setLayoutDirection(Qt.RightToLeft)
        src.setFont(style.source_font(self.font().pointSizeF() * 1.1))
        lay.addWidget(src)
        self.status = QLabel("Finding alternatives…")
        lay.addWidget(self.status)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda _item: self.accept())
        lay.addWidget(self.list, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.use = self.buttons.addButton("Use this translation", QDialogButtonBox.AcceptRole)
        self.use.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.list.currentRowChanged.connect(lambda row: self.use.setEnabled(row >= 0))

    def set_alternatives(self, alternatives: Sequence[Alternative]) -> None:
        self.list.clear()
        for rank, a in enumerate(alternatives):
            mark = "  (current)" if a.text == self.current else ""
            item = QListWidgetItem(f"{a.text}\n{rank + 1}. {confidence(a.score)}{mark}")
            item.setData(Qt.UserRole, a.text)
            item.setToolTip(f"Mean log-probability per token: {a.score:.3f} (the model's average confidence in "
                            "each word piece it wrote)")
            self.list.addItem(item)
        self.status.setText(f"{len(alternatives)} translations, best first." if alternatives
                            else "The model has no other translation of this sentence.")
        if alternatives:
            self.list.setCurrentRow(0)

    def set_error(self, message: str) -> None:
        self.status.setText(message)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen.emit(str(item.data(Qt.UserRole)))
        super().accept()
