"""The preferences dialog: it shows the current settings and returns the user's choices (it writes no setting:
each key has one owner, see reader.ui.view_options and reader.ui.translation)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from reader.settings import Settings
from reader.ui.dialogs import combo


class PreferencesDialog(QDialog):
    """Font size, theme, layout, translation speed/quality preset, translation backend and feed refresh."""

    def __init__(self, parent: QWidget, settings: Settings) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        form = QFormLayout(self)
        self.font_size = QSpinBox()
        self.font_size.setRange(8, 40)
        self.font_size.setValue(settings.font_size)
        self.font_size.setSuffix(" pt")
        form.addRow("Text size", self.font_size)
        self.theme = combo([("Follow the system", "system"), ("Light", "light"), ("Dark", "dark")],
                                 settings.theme)
        form.addRow("Theme", self.theme)
        self.layout_ = combo([("Side by side", "columns"), ("Interleaved", "interleaved")], settings.layout)
        form.addRow("Layout", self.layout_)
        self.side = combo([("Source on the right", "right"), ("Source on the left", "left")],
                                settings.source_side)
        form.addRow("Side by side", self.side)
        self.preset = combo(
            [("Fast (greedy)", "fast"), ("Balanced (default)", "balanced"), ("Best quality (slower)", "quality")],
            settings.preset,
        )
        form.addRow("Translation", self.preset)
        self.backend = combo([("This computer", "local"), ("LibreTranslate server", "libretranslate")],
                                   settings.backend)
        form.addRow("Translate on", self.backend)
        self.url = QLineEdit(settings.libretranslate_url)
        self.url.setPlaceholderText("http://translate.example.org:5000")
        form.addRow("Server URL", self.url)
        self.key = QLineEdit(settings.libretranslate_key)
        self.key.setEchoMode(QLineEdit.Password)
        self.key.setPlaceholderText("API key (if the server needs one)")
        form.addRow("API key", self.key)
        self.feed_minutes = QSpinBox()
        self.feed_minutes.setRange(0, 24 * 60)
        self.feed_minutes.setSingleStep(15)
        self.feed_minutes.setValue(settings.feed_refresh_minutes)
        self.feed_minutes.setSuffix(" min")
        self.feed_minutes.setSpecialValueText("Only when asked")
        form.addRow("Refresh feeds every", self.feed_minutes)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, object]:
        """The chosen values by settings key (applied by their owners when the dialog is accepted)."""
        return {
            "font_size": self.font_size.value(),
            "theme": self.theme.currentData(),
            "layout": self.layout_.currentData(),
            "source_side": self.side.currentData(),
            "preset": self.preset.currentData(),
            "backend": self.backend.currentData(),
            "libretranslate_url": self.url.text().strip(),
            "libretranslate_key": self.key.text().strip(),
            "feed_refresh_minutes": self.feed_minutes.value(),
        }
