"""The library's ``translation_cache`` table behind reader.core.translate.cache's ``CacheTable`` protocol.

Keys are computed by the core (model key + normalised source); this module only reads and writes rows, each
batch in one transaction. It works on whatever database ``reader.store.db.db`` is bound to (``init_db``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reader.store.base import db
from reader.store.models import TranslationCache as Row


class LibraryCacheTable:
    """Cached translations in the library database (plain dict rows: key, model, translation, score, flags)."""

    def ready(self) -> bool:
        return db.obj is not None

    def get(self, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        wanted = sorted(set(keys))
        for k in range(0, len(wanted), 500):
            for row in Row.select().where(Row.key.in_(wanted[k : k + 500])):
                out[row.key] = {"key": row.key, "model": row.model, "translation": row.translation,
                                "score": row.score, "flags": row.flags or []}
        return out

    def put(self, rows: Sequence[dict[str, Any]]) -> int:
        if not rows:
            return 0
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        data = [{**r, "created": now} for r in rows]
        with db.atomic():
            for k in range(0, len(data), 200):
                Row.insert_many(data[k : k + 200]).on_conflict_replace().execute()
        return len(data)

    def delete(self, keys: Sequence[str]) -> int:
        return int(Row.delete().where(Row.key.in_(list(keys))).execute()) if keys else 0
