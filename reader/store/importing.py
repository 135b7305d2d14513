"""Importing articles into the library: read (file or paste) → text pipeline → one atomic save.

``import_file``/``import_text`` raise ``ValueError`` subclasses with a one-line reason for bad input
(:class:`reader.core.importers.DocumentError`, ``LanguageError``, ``EmptyTextError``); nothing is written
unless the whole article, its sentences and its search rows are saved (``repo.save_article`` is one
transaction).
"""

from __future__ import annotations

from pathlib import Path

from reader.core.importers import ImportedDocument, from_text, only_passages, read_document
from reader.core.text.pipeline import process_document
from reader.store import repo
from reader.store.models import Article


def import_document(doc: ImportedDocument, language: str | None = None) -> Article:
    """Process an already-read document and store it."""
    processed = process_document(doc, language)
    return repo.save_article(processed, source=doc.source, raw_text=doc.text)


def import_file(path: str | Path, language: str | None = None, *, passages: bool = False) -> Article:
    """Read, process and store one article file (*passages*: only its Persian/Arabic passages)."""
    doc = read_document(path)
    return import_document(only_passages(doc) if passages else doc, language)


def import_text(text: str, source: str = "paste", language: str | None = None) -> Article:
    """Process and store pasted text."""
    return import_document(from_text(text, source), language)
