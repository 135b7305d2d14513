"""An in-view message with action buttons, in place of modal dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton


class MessageBar(QFrame):
    """An in-view message with action buttons (no modal dialogs)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("messageBar")
        self.setFrameShape(QFrame.StyledPanel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        lay.addWidget(self.label, 1)
        self._buttons: list[QPushButton] = []
        self._lay = lay
        self.hide()

    def show_message(self, level: str, text: str, actions: list | None = None) -> None:
        for b in self._buttons:
            b.deleteLater()
        self._buttons = []
        colors = {"info": "#d0ebff", "warning": "#fff3bf", "error": "#ffe3e3"}
        fg = {"info": "#1c3d5a", "warning": "#5c4a12", "error": "#7a1c1c"}
        self.setStyleSheet(
            f"#messageBar {{ background: {colors.get(level, '#e9ecef')}; border-radius: 4px; }}"
            f"#messageBar QLabel {{ color: {fg.get(level, '#212529')}; }}"
        )
        self.label.setText(text)
        for label, callback in actions or []:
            b = QPushButton(label)
            b.clicked.connect(callback)
            self._lay.addWidget(b)
            self._buttons.append(b)
        close = QPushButton("✕")
        close.setFlat(True)
        close.setToolTip("Dismiss")
        close.setFixedWidth(28)
        close.clicked.connect(self.hide)
        self._lay.addWidget(close)
        self._buttons.append(close)
        self.show()
