"""Dialogs, one module each: preferences, translation models, annotation, export, glossary, alternatives. They
collect choices; the controllers (reader.ui.*_controller, reader.ui.menus) act on them. Long work runs through
the task runner.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def combo(items: list[tuple[str, str]], current: str) -> QComboBox:
    """A combo box of (label, key) items with *current* selected (the first when unknown)."""
    c = QComboBox()
    for label, key in items:
        c.addItem(label, key)
    c.setCurrentIndex(max(c.findData(current), 0))
    return c
