"""One QObject of app-wide signals. Widgets subscribe here and never reach into each other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Hub(QObject):
    """App-wide events. Arguments are plain Python values (ids, indices, strings)."""

    article_opened = Signal(int)  # article id
    articles_changed = Signal()  # library contents changed (import, delete)
    article_changed = Signal(int)  # one article's row changed (translated, read, tagged): updated in place
    sentence_selected = Signal(int)  # index in the open article
    translation_started = Signal(int, str)  # article id, model description
    translation_result = Signal(int, object)  # article id, TranslationResult
    translation_progress = Signal(int, int, int)  # article id, done, total
    translation_finished = Signal(int, str)  # article id, "done" | "cancelled" | "failed: reason"
    headline_translated = Signal(int, str)  # article id, the headline's English
    glossary_changed = Signal()  # terms added/removed/imported: re-apply to the open article
    entities_changed = Signal(int)  # article id
    entity_selected = Signal(str)  # canonical name ("" clears)
    entity_correction_requested = Signal(object)  # dict: language, text, action, type, english (entity controller)
    entity_page_requested = Signal(str)  # any spelling or canonical name (the entity controller opens the page)
    annotations_changed = Signal(int)  # article id
    annotation_selected = Signal(int)  # annotation id
    annotation_edit_requested = Signal(int)  # annotation id (the annotations controller opens the dialog)
    annotation_delete_requested = Signal(int)  # annotation id (deleted through the undo stack)
    settings_changed = Signal()
    message = Signal(str, str, object)  # level ("info"|"warning"|"error"), text, actions: list[(label, callable)]
    models_changed = Signal()
    import_finished = Signal(object)  # list of new article ids


_hub: Hub | None = None


def hub() -> Hub:
    global _hub
    if _hub is None:
        _hub = Hub()
    return _hub


def reset_hub() -> None:
    """Tests: drop the current hub so each window starts with fresh connections."""
    global _hub
    _hub = None
