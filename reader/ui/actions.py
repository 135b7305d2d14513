"""User actions as small functions over core/store, called by the window (widgets hold no SQL).

Each returns plain data or raises an exception whose message is shown to the user as is.
"""

from __future__ import annotations

from pathlib import Path

from reader.store.view import ArticleView, load_article_view

SUPPORTED_SUFFIXES = {".txt", ".text", ".html", ".htm", ".docx"}


def open_article(article_id: int) -> ArticleView:
    return load_article_view(article_id)


def import_paths(paths: list[Path]) -> tuple[list[int], list[str]]:
    """Import files; returns (new article ids, one-line errors "name: reason")."""
    from reader.store.importing import import_file

    ids: list[int] = []
    errors: list[str] = []
    for p in paths:
        try:
            ids.append(import_file(p).id)
        except Exception as exc:  # each file's reason is reported, the others still import
            errors.append(f"{p.name}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
    return ids, errors


def import_pasted(text: str) -> int:
    from reader.store.importing import import_text

    return import_text(text, source="paste").id


def delete_article(article_id: int) -> None:
    from reader.store import repo

    repo.delete_article(article_id)


def import_samples_if_empty() -> int:
    from reader.store.samples import import_samples_if_empty as _imp

    return _imp()
