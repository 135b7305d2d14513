"""Undo/redo of annotation edits (one stack per window; the UI binds Ctrl+Z / Ctrl+Shift+Z)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reader.store.annotations import AnnotationRecord, create, delete, get, restore, update


# ---- undo ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Op:
    kind: str  # "create" | "update" | "delete"
    id: int
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None

    @property
    def label(self) -> str:
        return {"create": "add highlight", "update": "edit annotation", "delete": "delete annotation"}[self.kind]


def _editable(r: AnnotationRecord) -> dict[str, Any]:
    return {"color": r.color, "note": r.note, "tags": list(r.tags), "start": r.start, "end": r.end}


class UndoStack:
    """Annotation edits with undo/redo (one stack per window; the UI binds Ctrl+Z / Ctrl+Shift+Z)."""

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit
        self._undo: list[_Op] = []
        self._redo: list[_Op] = []

    def _push(self, op: _Op) -> None:
        self._undo.append(op)
        del self._undo[: -self.limit]
        self._redo.clear()

    def create(self, article_id: int, sentence_index: int, side: str, start: int, end: int,
               **kwargs: Any) -> AnnotationRecord:
        r = create(article_id, sentence_index, side, start, end, **kwargs)
        self._push(_Op("create", r.id))
        return r

    def update(self, annotation_id: int, **changes: Any) -> AnnotationRecord:
        before = _editable(get(annotation_id))
        r = update(annotation_id, **changes)
        self._push(_Op("update", r.id, before, _editable(r)))
        return r

    def delete(self, annotation_id: int) -> AnnotationRecord:
        r = delete(annotation_id)
        self._push(_Op("delete", r.id))
        return r

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_text(self) -> str:
        return f"Undo {self._undo[-1].label}" if self._undo else ""

    @property
    def redo_text(self) -> str:
        return f"Redo {self._redo[-1].label}" if self._redo else ""

    def undo(self) -> AnnotationRecord | None:
        if not self._undo:
            return None
        op = self._undo.pop()
        if op.kind == "create":
            r = delete(op.id)
        elif op.kind == "delete":
            r = restore(op.id)
        else:
            r = update(op.id, **(op.before or {}))
        self._redo.append(op)
        return r

    def redo(self) -> AnnotationRecord | None:
        if not self._redo:
            return None
        op = self._redo.pop()
        if op.kind == "create":
            r = restore(op.id)
        elif op.kind == "delete":
            r = delete(op.id)
        else:
            r = update(op.id, **(op.after or {}))
        self._undo.append(op)
        return r

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()
