"""The annotation dialog: colour, note and tags of one highlight."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

HIGHLIGHT_COLORS = (("Yellow", "#ffe066"), ("Green", "#b2f2bb"), ("Blue", "#a5d8ff"), ("Pink", "#fcc2d7"),
                    ("Orange", "#ffc078"))


class AnnotationDialog(QDialog):
    """Colour, note and tags of one highlight."""

    def __init__(self, parent: QWidget, quote: str, color: str = "#ffe066", note: str = "",
                 tags: tuple[str, ...] = ()) -> None:
        from PySide6.QtWidgets import QLabel, QPlainTextEdit

        super().__init__(parent)
        self.setWindowTitle("Annotate")
        form = QFormLayout(self)
        q = QLabel(f"“{quote}”")
        q.setWordWrap(True)
        form.addRow("Selection", q)
        self.color = QComboBox()
        for label, value in HIGHLIGHT_COLORS:
            self.color.addItem(label, value)
        idx = self.color.findData(color)
        if idx < 0:
            self.color.addItem(color, color)
            idx = self.color.count() - 1
        self.color.setCurrentIndex(idx)
        form.addRow("Colour", self.color)
        self.note = QPlainTextEdit(note)
        self.note.setPlaceholderText("Optional note (searchable)")
        form.addRow("Note", self.note)
        self.tags = QLineEdit(", ".join(tags))
        self.tags.setPlaceholderText("tags, separated by commas")
        form.addRow("Tags", self.tags)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        return {
            "color": self.color.currentData(),
            "note": self.note.toPlainText().strip(),
            "tags": [t.strip() for t in self.tags.text().split(",") if t.strip()],
        }
