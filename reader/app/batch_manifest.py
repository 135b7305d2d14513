"""The batch's memory of what it imported: ``batch-imports.json`` (resolved path + SHA-256 → article id) and,
for a run killed before that file was written, the same SHA-256 saved in the article's meta in the article's
own transaction, and the article's content hash (reader.store.dedupe). Stale ``batch-imports.json.tmp<PID>``
files of killed runs are removed on the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

MANIFEST_NAME = "batch-imports.json"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Manifest:
    """Which file (resolved path + SHA-256) became which article: ``batch-imports.json`` in the app home."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.files: dict[str, dict[str, Any]] = {}
        remove_stale_temp_files(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("files"), dict):
                self.files = data["files"]
        except (OSError, ValueError):
            pass  # a missing or damaged manifest only means files get imported again

    def article_for(self, path: Path, sha256: str) -> int | None:
        entry = self.files.get(str(path))
        if isinstance(entry, dict) and entry.get("sha256") == sha256 and isinstance(entry.get("article_id"), int):
            return int(entry["article_id"])
        return None

    FLUSH_SECONDS = 1.0  # the file is rewritten at most this often (a rewrite per file grows quadratically)

    def record(self, path: Path, sha256: str, article_id: int) -> None:
        self.files[str(path)] = {"sha256": sha256, "article_id": article_id}
        self._dirty = True
        if time.monotonic() - getattr(self, "_written", 0.0) >= self.FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Write the manifest (atomically) when it has unwritten entries. An entry lost to a crash only means
        the store's own lookup (source path + the SHA-256 in the article's meta) is used on the next run."""
        if not getattr(self, "_dirty", False):
            return
        self._dirty = False
        self._written = time.monotonic()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + f".tmp{os.getpid()}")
        tmp.write_text(json.dumps({"version": 1, "files": self.files}, ensure_ascii=False, indent=1),
                       encoding="utf-8")
        os.replace(tmp, self.path)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but is not ours
        return True
    return True


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Delete ``<manifest>.tmp<PID>`` files left by a run that was killed mid-write (its PID is gone)."""
    removed = []
    for tmp in path.parent.glob(path.name + ".tmp*"):
        pid = tmp.name[len(path.name) + 4:]
        if pid.isdigit() and not _pid_alive(int(pid)):
            try:
                tmp.unlink()
                removed.append(tmp)
            except OSError:
                pass
    return removed


def existing_article(path: Path, sha256: str, manifest: Manifest) -> int | None:
    from reader.store.models import Article

    aid = manifest.article_for(path, sha256)
    if aid is not None and Article.get_or_none(Article.id == aid) is not None:
        return aid
    for article in Article.select(Article.id, Article.meta).where(Article.source == str(path)):
        if isinstance(article.meta, dict) and article.meta.get("sha256") == sha256:
            return int(article.id)
    return None


def import_recorded(path: Path, sha256: str) -> tuple[int, bool]:
    """Import one file with the app's importer (any format it reads): (article id, whether it is new).

    Two guards against importing a file twice when a run was killed before batch-imports.json was written:
    the file's SHA-256 is saved in the article's meta in the article's own transaction (found again by
    :func:`existing_article` before any work), and the importer recognises the same content by the article's
    content hash, looked up in the transaction that would store it (reader.store.dedupe)."""
    from reader.app.importing import import_document_outcome
    from reader.core.importers import read_document

    outcome = import_document_outcome(read_document(path), meta={"sha256": sha256})
    return int(outcome.article.id), outcome.status == "new"
