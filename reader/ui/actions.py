"""User actions as small functions over core/store, called by the window (widgets hold no SQL).

Each returns plain data or raises an exception whose message is shown to the user as is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.app.view import ArticleView, load_article_view


def open_article(article_id: int) -> ArticleView:
    return load_article_view(article_id)


@dataclass(frozen=True)
class Prepared:
    """An article read and processed off the GUI thread, ready to be saved (or the reason it cannot be)."""

    name: str
    item: Any = None  # reader.app.importing.PreparedImport
    error: str = ""


def _reason(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def prepare_imports(paths: list[Path], texts: list[str], urls: list[str] | None = None, *, cancel=None,
                    progress=None, emit=None) -> list[Prepared]:
    """Job (worker thread): read (files, web pages, pasted texts) and process; touches no store."""
    from reader.app.importing import prepare_document, prepare_file, prepare_url
    from reader.core.importers import from_text

    out: list[Prepared] = []
    items: list[tuple[str, str, Path | str]] = (
        [(p.name, "file", p) for p in paths] + [(u, "url", u) for u in urls or []]
        + [("pasted text", "text", t) for t in texts]
    )
    for n, (name, kind, item) in enumerate(items):
        if cancel is not None and cancel.is_set():
            break
        try:
            if kind == "file":
                prepared = prepare_file(item)
            elif kind == "url":
                prepared = prepare_url(str(item))
            else:
                prepared = prepare_document(from_text(str(item), "paste"))
            out.append(Prepared(name, prepared))
        except Exception as exc:  # each input's reason is reported; the others still import
            reason = _reason(exc)
            out.append(Prepared(name, error=reason if kind == "url" and reason.startswith(name) else f"{name}: {reason}"))
        if progress is not None:
            progress(n + 1, len(items))
    return out


def save_prepared(prepared: list[Prepared]) -> tuple[list[int], list[str]]:
    """GUI thread: store what prepare_imports made (one transaction per article). An article the library
    already has is not stored again: its id is returned (and it is updated when its page changed)."""
    from reader.app.importing import save_prepared as save_one

    ids: list[int] = []
    errors: list[str] = []
    for p in prepared:
        if p.error:
            errors.append(p.error)
            continue
        try:
            ids.append(save_one(p.item).article.id)
        except Exception as exc:
            errors.append(f"{p.name}: {_reason(exc)}")
    return ids, errors


def set_manual_translation(article_id: int, index: int, text: str) -> None:
    from reader.store import repo

    repo.set_manual_translation(article_id, index, text)


def delete_article(article_id: int) -> None:
    from reader.store import repo

    repo.delete_article(article_id)


def library_is_empty() -> bool:
    from reader.store.models import Article

    return not Article.select().exists()


def _entity_signature(article_id: int) -> list[int]:
    """Changes whenever a sentence or a translation of the article changes."""
    import zlib

    from reader.store import repo

    rows = repo.sentences(article_id)
    blob = "\x00".join(f"{s.text}\x01{s.translation or ''}" for s in rows).encode("utf-8")
    return [len(rows), zlib.crc32(blob)]


def needs_tagging(article_id: int) -> bool:
    """Entities are (re)computed when the article's sentences or translations changed since the last run."""
    from reader.store.models import Article

    a = Article.get_or_none(Article.id == article_id)
    return a is not None and (a.meta or {}).get("entities_for") != _entity_signature(article_id)


def compute_entities(article_id: int, *, cancel=None, progress=None, emit=None):
    """Job (worker thread): tag sentences and project onto translations; nothing is saved here."""
    from reader.app.entities import tag_article
    from reader.core.jobs import no_progress

    return tag_article(article_id, save=False, cancel=cancel, progress=progress or no_progress)


def save_entities(article_id: int, computed) -> None:
    """GUI thread: store the computed entities and remember what they were computed for."""
    from reader.store.db import db
    from reader.store.entities import save_entities as _save
    from reader.store.models import Article

    with db.atomic():
        _save(article_id, computed)
        a = Article.get_by_id(article_id)
        meta = dict(a.meta or {})
        meta["entities_for"] = _entity_signature(article_id)
        Article.update(meta=meta).where(Article.id == article_id).execute()
