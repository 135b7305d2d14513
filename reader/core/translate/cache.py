"""Persistent translation cache: the library's ``translation_cache`` table, with a read-only shipped fallback.

Key: ``sha256(model_key + "\\0" + normalise(source))`` where ``model_key`` is ``backend:model-id:version``
(e.g. ``argos:translate-fa_en:1.9``). A value is the translation, its mean log-probability per token, its
quality flags and a timestamp. Each batch is written in one transaction, so a crash mid-article leaves whole
batches or nothing. The table is whatever database ``reader.store.db.db`` is bound to (``init_db``).

Shipped cache (``reader.resources.translations_cache_dir()``): ``*.jsonl`` files, one JSON object per line::

    {"key": "<sha256>", "model": "argos:translate-fa_en:1.9", "source": "...", "translation": "...",
     "score": -0.41, "flags": [{"code": "...", "message": "..."}]}

Lookups try the database first, then the shipped files by key; with no model installed (``model_key=None``)
the shipped files are searched by normalised source text, so bundled samples read in English out of the box.
:func:`export_articles` writes entries for given articles in that format (``tarjoman models export-cache``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.types import Flag, TranslationResult

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def normalise(source: str) -> str:
    """The form of a sentence that is cached and translated: NFC, whitespace runs → one space, stripped.
    ZWNJ is kept (it changes Persian words)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", source)).strip()


def cache_key(model_key: str, source: str) -> str:
    return hashlib.sha256(f"{model_key}\0{normalise(source)}".encode()).hexdigest()


def _flags_from_json(data: Any) -> tuple[Flag, ...]:
    if not isinstance(data, list):
        return ()
    return tuple(Flag(str(d.get("code", "")), str(d.get("message", ""))) for d in data if isinstance(d, dict))


@dataclass(frozen=True)
class CacheEntry:
    translation: str
    score: float | None
    flags: tuple[Flag, ...]
    model: str
    origin: str  # "db" | "shipped"


class _Shipped:
    """The read-only JSON-lines files, loaded once and reloaded when the folder changes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._stamp: tuple[Any, ...] | None = None
        self.by_key: dict[str, CacheEntry] = {}
        self.by_source: dict[str, CacheEntry] = {}
        self._lock = threading.Lock()

    def _current_stamp(self) -> tuple[Any, ...]:
        if not self.folder.is_dir():
            return ()
        return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(self.folder.glob("*.jsonl")))

    def refresh(self) -> None:
        stamp = self._current_stamp()
        with self._lock:
            if stamp == self._stamp:
                return
            by_key: dict[str, CacheEntry] = {}
            by_source: dict[str, CacheEntry] = {}
            for path in sorted(self.folder.glob("*.jsonl")) if stamp else []:
                for line in path.read_text(encoding="utf-8").splitlines():
                    try:
                        row = json.loads(line)
                        entry = CacheEntry(str(row["translation"]), row.get("score"),
                                           _flags_from_json(row.get("flags")), str(row["model"]), "shipped")
                    except (ValueError, KeyError, TypeError):
                        continue  # a damaged line costs that sentence only
                    by_key[str(row.get("key") or cache_key(entry.model, str(row.get("source", ""))))] = entry
                    if row.get("source"):
                        by_source.setdefault(normalise(str(row["source"])), entry)
            self.by_key, self.by_source, self._stamp = by_key, by_source, stamp


class TranslationCache:
    """Cache of sentence translations. ``db_hits``/``shipped_hits``/``misses`` count lookups (for tests)."""

    def __init__(self, shipped_dir: Path | None = None, *, use_db: bool = True, use_shipped: bool = True) -> None:
        if shipped_dir is None and use_shipped:
            from reader.resources import translations_cache_dir

            shipped_dir = translations_cache_dir()
        self._shipped = _Shipped(shipped_dir) if (use_shipped and shipped_dir is not None) else None
        self.use_db = use_db
        self.db_hits = 0
        self.shipped_hits = 0
        self.misses = 0

    @staticmethod
    def _db_ready() -> bool:
        from reader.store.db import db

        return db.obj is not None

    def lookup(self, model_key: str | None, sources: Sequence[str]) -> dict[int, CacheEntry]:
        """Cached entries for *sources* by position."""
        found: dict[int, CacheEntry] = {}
        keys = [cache_key(model_key, s) for s in sources] if model_key else []
        if model_key and self.use_db and self._db_ready():
            from reader.store.models import TranslationCache as Row

            wanted = sorted(set(keys))
            rows: dict[str, Any] = {}
            for k in range(0, len(wanted), 500):
                for row in Row.select().where(Row.key.in_(wanted[k : k + 500])):
                    rows[row.key] = row
            for i, key in enumerate(keys):
                row = rows.get(key)
                if row is not None:
                    found[i] = CacheEntry(row.translation, row.score, _flags_from_json(row.flags), row.model, "db")
            self.db_hits += len(found)
        if self._shipped is not None and len(found) < len(sources):
            self._shipped.refresh()
            for i, src in enumerate(sources):
                if i in found:
                    continue
                entry = (self._shipped.by_key.get(keys[i]) if model_key
                         else self._shipped.by_source.get(normalise(src)))
                if entry is not None:
                    found[i] = entry
                    self.shipped_hits += 1
        self.misses += len(sources) - len(found)
        return found

    def store(self, model_key: str, items: Iterable[tuple[str, TranslationResult]]) -> int:
        """Write (source, result) pairs in one transaction; returns how many were written."""
        if not (self.use_db and self._db_ready()):
            return 0
        from reader.store.db import db
        from reader.store.models import TranslationCache as Row

        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        rows = {
            cache_key(model_key, src): {
                "key": cache_key(model_key, src), "model": model_key, "translation": r.translation,
                "score": r.score, "flags": [f.to_json() for f in r.flags], "created": now,
            }
            for src, r in items
        }
        if not rows:
            return 0
        with db.atomic():
            data = list(rows.values())
            for k in range(0, len(data), 200):
                Row.insert_many(data[k : k + 200]).on_conflict_replace().execute()
        return len(rows)

    def forget(self, model_key: str, sources: Iterable[str]) -> int:
        """Drop entries (e.g. to force a re-translation)."""
        if not self._db_ready():
            return 0
        from reader.store.models import TranslationCache as Row

        keys = [cache_key(model_key, s) for s in sources]
        return Row.delete().where(Row.key.in_(keys)).execute() if keys else 0


def _file_name(model_key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", model_key).strip("_") + ".jsonl"


def export_articles(article_ids: Iterable[int], out_dir: Path, model_key: str | None = None) -> dict[Path, int]:
    """Write cached translations of the given articles' sentences into *out_dir* as shipped-cache files.

    Entries come from the database cache, keyed with each sentence's ``model`` (or *model_key* when given).
    Existing files are merged (same key: the new entry wins) and kept sorted, so re-exports diff cleanly.
    Returns {file: number of entries written for these articles}.
    """
    from reader.store import repo
    from reader.store.models import TranslationCache as Row

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    new: dict[str, dict[str, dict[str, Any]]] = {}
    for aid in article_ids:
        for sent in repo.sentences(repo.get_article(aid)):
            mk = model_key or sent.model
            if not mk:
                continue
            key = cache_key(mk, sent.text)
            row = Row.get_or_none(Row.key == key)
            if row is None:
                continue
            new.setdefault(mk, {})[key] = {
                "key": key, "model": mk, "source": normalise(sent.text), "translation": row.translation,
                "score": row.score, "flags": row.flags or [],
            }
    written: dict[Path, int] = {}
    for mk, entries in new.items():
        path = out_dir / _file_name(mk)
        merged: dict[str, dict[str, Any]] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    row = json.loads(line)
                    merged[row["key"]] = row
                except (ValueError, KeyError, TypeError):
                    continue
        merged.update(entries)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text("".join(json.dumps(merged[k], ensure_ascii=False, sort_keys=True) + "\n"
                               for k in sorted(merged)), encoding="utf-8")
        tmp.replace(path)
        written[path] = len(entries)
    return written
