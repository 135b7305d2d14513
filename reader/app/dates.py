"""Publication dates for articles stored before their printed date could be read (libraries migrated from the
first schema): derive the ISO date from the printed one (Jalali, Hijri, Gregorian; reader.core.dates) once."""

from __future__ import annotations

from reader.core.dates import published_iso
from reader.store import repo


def backfill_published() -> int:
    """Give every article with a printed date but no ISO publication date one, where it can be read; returns
    how many were set. Cheap when there is nothing to do (one indexed-column query)."""
    found = {}
    for article_id, printed, meta in repo.undated_articles():
        iso = published_iso(printed, meta)
        if iso:
            found[article_id] = iso
    if found:
        repo.set_published(found)
    return len(found)
