"""Fonts, light/dark palettes and the colours shared by both panes (entities, highlights, annotations)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader import resources

_families: list[str] = []


def register_fonts() -> list[str]:
    """Register the bundled OFL fonts once; returns their family names."""
    if _families:
        return _families
    for path in resources.fonts():
        fid = QFontDatabase.addApplicationFont(str(path))
        if fid >= 0:
            for fam in QFontDatabase.applicationFontFamilies(fid):
                if fam not in _families:
                    _families.append(fam)
    return _families


def _family(preferred: list[str]) -> str:
    fams = register_fonts()
    for name in preferred:
        if name in fams:
            return name
    return fams[0] if fams else "DejaVu Sans"


def source_font(point_size: float, language: str = "fa") -> QFont:
    """Vazirmatn for Persian; Noto Naskh Arabic (a Naskh face Arabic readers expect) for Arabic."""
    order = ["Noto Naskh Arabic", "Vazirmatn"] if language == "ar" else ["Vazirmatn", "Noto Naskh Arabic"]
    f = QFont(_family(order))
    f.setPointSizeF(point_size)
    return f


def english_font(point_size: float) -> QFont:
    f = QFont(_family(["Vazirmatn"]))  # its Latin glyphs are Roboto's
    f.setPointSizeF(point_size)
    return f


@dataclass(frozen=True)
class Colors:
    dark: bool
    current_bg: str
    hover_bg: str
    placeholder: str
    gutter: str
    flag: str
    entity: dict[str, str]
    entity_focus: str


LIGHT = Colors(
    dark=False,
    current_bg="#fff3bf",
    hover_bg="#f1f3f5",
    placeholder="#868e96",
    gutter="#adb5bd",
    flag="#e8590c",
    entity={"PERSON": "#d0ebff", "LOCATION": "#d3f9d8", "ORGANIZATION": "#ffe8cc", "MISC": "#eebefa"},
    entity_focus="#ff922b",
)
DARK = Colors(
    dark=True,
    current_bg="#5c4a12",
    hover_bg="#2c2f33",
    placeholder="#909296",
    gutter="#5c5f66",
    flag="#ff922b",
    entity={"PERSON": "#1c3d5a", "LOCATION": "#1e4d2b", "ORGANIZATION": "#5c3a12", "MISC": "#4a2350"},
    entity_focus="#d9480f",
)

ENTITY_LABELS = {"PERSON": "People", "LOCATION": "Places", "ORGANIZATION": "Organisations", "MISC": "Other"}


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    try:
        from PySide6.QtCore import Qt

        return hints.colorScheme() == Qt.ColorScheme.Dark
    except AttributeError:
        return False


def apply_theme(app: QApplication, theme: str) -> Colors:
    """theme: system | light | dark. Returns the colour set the panes should use."""
    dark = theme == "dark" or (theme == "system" and system_prefers_dark())
    app.setStyle("Fusion")
    if dark:
        p = QPalette()
        base, text, window = QColor("#1e1f22"), QColor("#e9ecef"), QColor("#25262b")
        p.setColor(QPalette.Window, window)
        p.setColor(QPalette.WindowText, text)
        p.setColor(QPalette.Base, base)
        p.setColor(QPalette.AlternateBase, window)
        p.setColor(QPalette.Text, text)
        p.setColor(QPalette.Button, window)
        p.setColor(QPalette.ButtonText, text)
        p.setColor(QPalette.ToolTipBase, window)
        p.setColor(QPalette.ToolTipText, text)
        p.setColor(QPalette.Highlight, QColor("#1971c2"))
        p.setColor(QPalette.HighlightedText, QColor("#ffffff"))
        p.setColor(QPalette.PlaceholderText, QColor("#909296"))
        p.setColor(QPalette.Link, QColor("#74c0fc"))
        app.setPalette(p)
        return DARK
    app.setPalette(app.style().standardPalette())
    return LIGHT
