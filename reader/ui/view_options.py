"""How the articles look: layout, sides, original text, entity highlights, zoom, text size and theme.

The one owner of these settings keys (``layout``, ``source_side``, ``show_original``, ``show_entities``,
``entity_types``, ``zoom``, ``font_size``, ``theme``): menus, the entity panel's type checkboxes and the
preferences dialog all change them through here, and here they are applied to the view.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QApplication

from reader.settings import Settings
from reader.ui import style
from reader.ui.bilingual import BilingualView
from reader.ui.entities_panel import EntityPanel
from reader.ui.hub import Hub

KEYS = ("layout", "source_side", "show_original", "show_entities", "entity_types", "zoom", "font_size", "theme")


class ViewOptions:
    def __init__(self, hub: Hub, settings: Settings, view: BilingualView, entities: EntityPanel) -> None:
        self.hub = hub
        self.settings = settings
        self.view = view
        self.entities = entities
        view.font_size = settings.font_size
        view.zoom = settings.zoom
        view.layout_mode = settings.layout
        view.source_side = settings.source_side
        view.show_original = settings.show_original
        view.show_entities = settings.show_entities
        view.entity_types = set(settings.entity_types) | {"MISC"}
        entities.types_changed.connect(self.set_entity_types)

    def set_interleaved(self, on: bool) -> None:
        self.settings.layout = "interleaved" if on else "columns"
        self.view.set_layout(self.settings.layout)

    def swap_sides(self) -> None:
        self.settings.source_side = "left" if self.settings.source_side == "right" else "right"
        self.view.set_layout(self.settings.layout, self.settings.source_side)

    def set_show_original(self, on: bool) -> None:
        self.settings.show_original = on
        self.view.set_show_original(on)

    def set_show_entities(self, on: bool) -> None:
        self.settings.show_entities = on
        self.view.set_entity_display(on)

    def set_entity_types(self, types: set) -> None:
        self.settings.entity_types = sorted(t for t in types if t != "MISC")
        self.view.set_entity_display(self.settings.show_entities, types)

    def zoom(self, delta: int) -> None:
        """Zoom by *delta* percent; 0 resets to 100 %."""
        self.settings.zoom = 100 if delta == 0 else max(50, min(300, self.settings.zoom + delta))
        self.view.set_zoom(self.settings.zoom)

    def apply_preferences(self, values: Mapping[str, object]) -> style.Colors:
        """Apply the preferences dialog's text size, theme, layout and side; returns the theme's colours."""
        s = self.settings
        s.font_size = int(values.get("font_size", s.font_size))  # type: ignore[arg-type]
        s.theme = str(values.get("theme", s.theme))
        s.layout = str(values.get("layout", s.layout))
        s.source_side = str(values.get("source_side", s.source_side))
        colors = style.apply_theme(QApplication.instance(), s.theme)
        self.view.colors = colors
        self.entities.set_colors(colors)
        self.view.font_size = s.font_size
        self.view.set_layout(s.layout, s.source_side)
        return colors
