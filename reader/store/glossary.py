"""The user glossary in the library database (table ``glossary_term``): add, list, remove, import.

One row per (language, spelling-insensitive key): adding a term that is already there (in any spelling
variant) replaces its English and note. :func:`glossary` gives the core :class:`Glossary` to match with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from reader.core.glossary.terms import LANGUAGES, Glossary, Term
from reader.store.db import StoreError, db
from reader.store.models import GlossaryTerm


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _check(term: Term) -> Term:
    source, english = term.source.strip(), term.english.strip()
    if term.language not in LANGUAGES:
        raise StoreError(f"A glossary term needs the language fa or ar, not {term.language!r}.")
    if not source or not term.key:
        raise StoreError("A glossary term needs its Persian or Arabic form.")
    if not english:
        raise StoreError(f"The glossary term «{source}» needs its English.")
    return Term(source, english, term.language, term.note.strip())


def add_terms(terms: Iterable[Term]) -> tuple[int, int]:
    """Add or update terms in one transaction; returns (added, updated)."""
    checked = [_check(t) for t in terms]
    added = updated = 0
    with db.atomic():
        for t in checked:
            row = GlossaryTerm.get_or_none((GlossaryTerm.language == t.language) & (GlossaryTerm.key == t.key))
            if row is None:
                GlossaryTerm.create(language=t.language, source=t.source, key=t.key, english=t.english, note=t.note)
                added += 1
            elif (row.source, row.english, row.note) != (t.source, t.english, t.note):
                row.source, row.english, row.note, row.updated = t.source, t.english, t.note, _now()
                row.save()
                updated += 1
    return added, updated


def add_term(source: str, english: str, language: str, note: str = "") -> Term:
    term = _check(Term(source, english, language, note))
    add_terms([term])
    return term


def terms(language: str | None = None) -> list[Term]:
    q = GlossaryTerm.select()
    if language:
        q = q.where(GlossaryTerm.language == language)
    return [Term(r.source, r.english, r.language, r.note)
            for r in q.order_by(GlossaryTerm.language, GlossaryTerm.source)]


def remove_term(source: str, language: str | None = None) -> int:
    """Remove the term written *source* (any spelling variant); returns how many rows went."""
    from reader.core.entities.text import key

    which = GlossaryTerm.key == key(source)
    if language:
        which &= GlossaryTerm.language == language
    n = GlossaryTerm.delete().where(which).execute()
    if not n:
        raise StoreError(f"«{source.strip()}» is not in the glossary.")
    return n


def glossary(language: str) -> Glossary:
    """The glossary of *language*, ready for matching (empty when the database is not open)."""
    if db.obj is None:
        return Glossary(language)
    return Glossary(language, terms(language))
