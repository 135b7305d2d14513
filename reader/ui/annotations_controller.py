"""Annotations in the window: create from a selection, edit, delete, undo and redo (one undo stack).

Subscribes to the hub (``article_opened``, ``annotation_edit_requested``, ``annotation_delete_requested``) and
announces every change with ``annotations_changed``; no widget reaches into another to annotate.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from reader.store.annotations import AnnotationRecord, get
from reader.store.annotations_undo import UndoStack
from reader.ui.dialogs.annotation import AnnotationDialog
from reader.ui.hub import Hub


class AnnotationsController:
    """Owner of the annotation undo stack. *notify(text)* shows a short status message."""

    def __init__(self, hub: Hub, parent: QWidget, notify: Callable[[str], None]) -> None:
        self.hub = hub
        self.parent = parent
        self.notify = notify
        self.undo = UndoStack()
        self.article_id = 0
        hub.article_opened.connect(self._opened)
        hub.annotation_edit_requested.connect(self.edit)
        hub.annotation_delete_requested.connect(self.delete)

    def _opened(self, article_id: int) -> None:
        self.article_id = article_id

    def _changed(self, record: AnnotationRecord | None) -> None:
        if record is not None:
            self.hub.annotations_changed.emit(record.article_id)

    def annotate(self, selection) -> None:
        """Ask for colour, note and tags of a selection (reader.ui.bilingual.Selection, offsets in the stored
        text of the sentence or its translation) and create the annotation."""
        if not self.article_id:
            return
        if selection is None:
            self.hub.message.emit("info", "Select some text in either pane first, then annotate it.", [])
            return
        dlg = AnnotationDialog(self.parent, selection.text)
        if not dlg.exec():
            return
        try:
            record = self.undo.create(self.article_id, selection.index, selection.side, selection.start,
                                      selection.end, **dlg.values())
        except Exception as exc:  # the store's one-line reason (no such sentence, empty span …)
            from reader.app.maintenance import describe

            self.hub.message.emit("error", describe(exc), [])
            return
        self._changed(record)

    def edit(self, annotation_id: int) -> None:
        r = get(annotation_id)
        dlg = AnnotationDialog(self.parent, r.quote, r.color, r.note, r.tags)
        if dlg.exec():
            self._changed(self.undo.update(annotation_id, **dlg.values()))

    def delete(self, annotation_id: int) -> None:
        self._changed(self.undo.delete(annotation_id))
        self.notify("Note deleted — Ctrl+Z brings it back")

    def undo_last(self) -> None:
        self._changed(self.undo.undo())

    def redo_last(self) -> None:
        self._changed(self.undo.redo())
