"""Importing articles into the library: read (file or paste) → text pipeline → one atomic save.

Two ways in: ``import_file``/``import_text`` do all three at once (CLI, batch); the window splits them so that
reading and processing run off the GUI thread (:func:`prepare_imports`, a job that touches no store) and only the
save runs on it (:func:`save_prepared`). ``import_file``/``import_text`` raise ``ValueError`` subclasses with a one-line reason for bad input
(:class:`reader.core.importers.DocumentError`, ``LanguageError``, ``EmptyTextError``); nothing is written
unless the whole article, its sentences and its search rows are saved (``repo.save_article`` is one
transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.dates import published_iso
from reader.core.importers import ImportedDocument, from_text, only_passages, read_document
from reader.core.text.pipeline import process_document
from reader.store import repo
from reader.store.models import Article


def import_document(doc: ImportedDocument, language: str | None = None) -> Article:
    """Process an already-read document and store it."""
    processed = process_document(doc, language)
    return repo.save_article(processed, source=doc.source, raw_text=doc.text,
                             published=published_iso(processed.date, processed.meta))


def import_file(path: str | Path, language: str | None = None, *, passages: bool = False) -> Article:
    """Read, process and store one article file (*passages*: only its Persian/Arabic passages)."""
    doc = read_document(path)
    return import_document(only_passages(doc) if passages else doc, language)


def import_text(text: str, source: str = "paste", language: str | None = None) -> Article:
    """Process and store pasted text."""
    return import_document(from_text(text, source), language)


@dataclass(frozen=True)
class Prepared:
    """An article read and processed off the GUI thread, ready to be saved (or the reason it cannot be)."""

    name: str
    processed: Any = None
    source: str = ""
    raw: str = ""
    error: str = ""


def _reason(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def prepare_imports(paths: list[Path], texts: list[str], *, passages: bool = False, cancel=None, progress=None,
                    emit=None) -> list[Prepared]:
    """Job (worker thread): read and process files and pasted texts; touches no store (*passages*: keep only
    the Persian/Arabic passages of each)."""
    out: list[Prepared] = []
    items: list[tuple[str, Path | str]] = [(p.name, p) for p in paths] + [("pasted text", t) for t in texts]
    for n, (name, item) in enumerate(items):
        if cancel is not None and cancel.is_set():
            break
        try:
            doc = read_document(item) if isinstance(item, Path) else from_text(item, "paste")
            if passages:
                doc = only_passages(doc)
            processed = process_document(doc)
            out.append(Prepared(name, processed, doc.source, doc.text))
        except Exception as exc:  # each file's reason is reported; the others still import
            out.append(Prepared(name, error=f"{name}: {_reason(exc)}"))
        if progress is not None:
            progress(n + 1, len(items))
    return out


def save_prepared(prepared: list[Prepared]) -> tuple[list[int], list[str]]:
    """GUI thread: store what prepare_imports made (one transaction per article). Returns (ids, reasons)."""
    ids: list[int] = []
    errors: list[str] = []
    for p in prepared:
        if p.error:
            errors.append(p.error)
            continue
        try:
            ids.append(repo.save_article(p.processed, source=p.source, raw_text=p.raw,
                                         published=published_iso(p.processed.date, p.processed.meta)).id)
        except Exception as exc:
            errors.append(f"{p.name}: {_reason(exc)}")
    return ids, errors
