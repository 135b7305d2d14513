"""The user glossary in the library database (table ``glossary_term``): one row per (language, key).

The key is the term's spelling-insensitive form (reader.core.glossary.term_key), computed by the caller
(reader.app.glossary), so adding a term already there in another spelling replaces its English and note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from reader.core.types import Term
from reader.store.db import db
from reader.store.models import GlossaryTerm


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def add_terms(items: Iterable[tuple[Term, str]]) -> tuple[int, int]:
    """Add or update (term, key) pairs in one transaction; returns (added, updated)."""
    added = updated = 0
    with db.atomic():
        for t, key in items:
            row = GlossaryTerm.get_or_none((GlossaryTerm.language == t.language) & (GlossaryTerm.key == key))
            if row is None:
                GlossaryTerm.create(language=t.language, source=t.source, key=key, english=t.english, note=t.note)
                added += 1
            elif (row.source, row.english, row.note) != (t.source, t.english, t.note):
                row.source, row.english, row.note, row.updated = t.source, t.english, t.note, _now()
                row.save()
                updated += 1
    return added, updated


def terms(language: str | None = None) -> list[Term]:
    if db.obj is None:
        return []
    q = GlossaryTerm.select()
    if language:
        q = q.where(GlossaryTerm.language == language)
    return [Term(r.source, r.english, r.language, r.note)
            for r in q.order_by(GlossaryTerm.language, GlossaryTerm.source)]


def remove_key(key: str, language: str | None = None) -> int:
    """Remove the term with this key (in *language*, or in any); returns how many rows went."""
    which = GlossaryTerm.key == key
    if language:
        which &= GlossaryTerm.language == language
    return GlossaryTerm.delete().where(which).execute()
