"""Library services: an article's publication date (ISO) and site, worked out from what the pipeline found or
from the printed date (Jalali, Gregorian, Hijri), for new imports and — once — for articles stored before."""

from __future__ import annotations

import json
from typing import Any

from reader.core.dates import published_iso
from reader.core.sites import site_of
from reader.core.types import ProcessedText
from reader.store import library


def describe(processed: ProcessedText, source: str) -> dict[str, Any]:
    """``published`` and ``site`` keyword arguments for ``repo.save_article``."""
    return {"published": published_iso(processed.date, processed.meta) or "",
            "site": site_of(source, processed.meta)}


def backfill(limit: int = 500) -> int:
    """Work out the date and site of up to *limit* articles that have none yet; returns how many were done."""
    rows = library.undescribed(limit)
    values = []
    for aid, source, date, meta_json in rows:
        try:
            meta = json.loads(meta_json or "{}")
        except ValueError:
            meta = {}
        meta = meta if isinstance(meta, dict) else {}
        values.append((aid, published_iso(date or "", meta), site_of(source or "", meta)))
    if values:
        library.set_described(values)
    return len(values)


def backfill_all() -> int:
    total = 0
    while n := backfill():
        total += n
    return total
