"""Translation cache logic: keys, a persistent table behind a protocol, and the read-only shipped files.

Key: ``sha256(model_key + "\\0" + normalise(source))`` where ``model_key`` is ``backend:model-id:version``
(e.g. ``argos:translate-fa_en:1.9``). A value is the translation, its mean log-probability per token, its
quality flags and a timestamp. Where entries persist is a :class:`CacheTable` given to :class:`SentenceCache`
(the app passes the library's table, reader.store.translation_cache; each batch is one transaction, so a crash
mid-article leaves whole batches or nothing). This module holds only the key logic and the shipped files.

Shipped cache (``reader.resources.translations_cache_dir()``): ``*.jsonl`` files, one JSON object per line::

    {"key": "<sha256>", "model": "argos:translate-fa_en:1.9", "source": "...", "translation": "...",
     "score": -0.41, "flags": [{"code": "...", "message": "..."}]}

Lookups try the database first, then the shipped files by key; with no model installed (``model_key=None``)
the shipped files are searched by normalised source text, so bundled samples read in English out of the box.
:func:`write_shipped` merges entries into such files (``tarjoman models export-cache``, via reader.app.translate).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from reader.core.types import Flag, TranslationResult

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def normalise(source: str) -> str:
    """The form of a sentence that is cached and translated: NFC, whitespace runs → one space, stripped.
    ZWNJ is kept (it changes Persian words)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", source)).strip()


def cache_key(model_key: str, source: str) -> str:
    return hashlib.sha256(f"{model_key}\0{normalise(source)}".encode()).hexdigest()


def flags_from_json(data: Any) -> tuple[Flag, ...]:
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
                                           flags_from_json(row.get("flags")), str(row["model"]), "shipped")
                    except (ValueError, KeyError, TypeError):
                        continue  # a damaged line costs that sentence only
                    by_key[str(row.get("key") or cache_key(entry.model, str(row.get("source", ""))))] = entry
                    if row.get("source"):
                        by_source.setdefault(normalise(str(row["source"])), entry)
            self.by_key, self.by_source, self._stamp = by_key, by_source, stamp


class CacheTable(Protocol):
    """Where cached translations persist (the library's ``translation_cache`` table: reader.store.translation_cache).
    Rows are plain dicts with the keys ``key, model, translation, score, flags`` (flags as JSON data)."""

    def ready(self) -> bool: ...

    def get(self, keys: Sequence[str]) -> dict[str, dict[str, Any]]: ...

    def put(self, rows: Sequence[dict[str, Any]]) -> int: ...

    def delete(self, keys: Sequence[str]) -> int: ...


class SentenceCache:
    """Cache of sentence translations: the persistent *table* first (None: nothing is written or read there),
    then the shipped files. ``db_hits``/``shipped_hits``/``misses`` count lookups (for tests)."""

    def __init__(self, table: CacheTable | None = None, shipped_dir: Path | None = None, *,
                 use_shipped: bool = True) -> None:
        if shipped_dir is None and use_shipped:
            from reader.resources import translations_cache_dir

            shipped_dir = translations_cache_dir()
        self._shipped = _Shipped(shipped_dir) if (use_shipped and shipped_dir is not None) else None
        self.table = table
        self.db_hits = 0
        self.shipped_hits = 0
        self.misses = 0

    def _table_ready(self) -> bool:
        return self.table is not None and self.table.ready()

    def lookup(self, model_key: str | None, sources: Sequence[str]) -> dict[int, CacheEntry]:
        """Cached entries for *sources* by position."""
        found: dict[int, CacheEntry] = {}
        keys = [cache_key(model_key, s) for s in sources] if model_key else []
        if model_key and self.table is not None and self._table_ready():
            rows = self.table.get(sorted(set(keys)))
            for i, key in enumerate(keys):
                row = rows.get(key)
                if row is not None:
                    found[i] = CacheEntry(row["translation"], row["score"], flags_from_json(row["flags"]),
                                          row["model"], "db")
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
        if self.table is None or not self._table_ready():
            return 0
        rows = {
            cache_key(model_key, src): {
                "key": cache_key(model_key, src), "model": model_key, "translation": r.translation,
                "score": r.score, "flags": [f.to_json() for f in r.flags],
            }
            for src, r in items
        }
        return self.table.put(list(rows.values())) if rows else 0

    def forget(self, model_key: str, sources: Iterable[str]) -> int:
        """Drop entries (e.g. to force a re-translation)."""
        if self.table is None or not self._table_ready():
            return 0
        keys = [cache_key(model_key, s) for s in sources]
        return self.table.delete(keys) if keys else 0


def _file_name(model_key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", model_key).strip("_") + ".jsonl"


def write_shipped(out_dir: Path, entries: dict[str, dict[str, dict[str, Any]]]) -> dict[Path, int]:
    """Merge *entries* ({model key: {cache key: row}}; rows as in the shipped format) into the shipped-cache
    files in *out_dir* (same key: the new entry wins), kept sorted so re-exports diff cleanly.
    Returns {file: number of entries given for it}."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[Path, int] = {}
    for mk, new in entries.items():
        path = out_dir / _file_name(mk)
        merged: dict[str, dict[str, Any]] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    row = json.loads(line)
                    merged[row["key"]] = row
                except (ValueError, KeyError, TypeError):
                    continue
        merged.update(new)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text("".join(json.dumps(merged[k], ensure_ascii=False, sort_keys=True) + "\n"
                               for k in sorted(merged)), encoding="utf-8")
        tmp.replace(path)
        written[path] = len(new)
    return written
