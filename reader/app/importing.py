"""Importing articles into the library: read (file or paste) → text pipeline → one atomic save.

``import_file``/``import_text`` raise ``ValueError`` subclasses with a one-line reason for bad input
(:class:`reader.core.importers.DocumentError`, ``LanguageError``, ``EmptyTextError``); nothing is written
unless the whole article, its sentences and its search rows are saved (``repo.save_article`` is one
transaction).
"""

from __future__ import annotations

from pathlib import Path

from reader.core.importers import ImportedDocument, from_text, read_document
from reader.core.text.pipeline import process
from reader.store.dedupe import SaveOutcome, save_or_update
from reader.store.models import Article


def import_document(doc: ImportedDocument, language: str | None = None) -> Article:
    """Process an already-read document and store it (or return the article it already is)."""
    return import_document_outcome(doc, language).article


def import_document_outcome(
    doc: ImportedDocument, language: str | None = None, *, urls: tuple[str, ...] = (),
    meta: dict | None = None,
) -> SaveOutcome:
    """Process and store *doc*: ``new``, or ``unchanged``/``updated`` when the library already has it (same
    content hash, or one of *urls*); see :mod:`reader.store.dedupe`. *meta* is merged into the article's."""
    processed = process(doc.text, language, doc.source, title_hint=doc.title_hint)
    if doc.encoding and doc.encoding not in ("utf-8", "docx"):
        processed.meta["encoding"] = doc.encoding
    if meta:
        processed.meta.update({k: v for k, v in meta.items() if v not in (None, "")})
    return save_or_update(processed, source=doc.source, raw_text=doc.text, urls=urls)


def import_file(path: str | Path, language: str | None = None) -> Article:
    """Read, process and store one article file (or return the article it already is)."""
    return import_file_outcome(path, language).article


def import_file_outcome(path: str | Path, language: str | None = None) -> SaveOutcome:
    """Read, process and store one article file. A saved web page that names its canonical URL is the
    article at that URL: re-importing a newer copy updates it."""
    from reader.core.importers import HTML_EXTENSIONS
    from reader.core.web.page import canonical_url_of_file

    doc = read_document(path)
    urls: tuple[str, ...] = ()
    meta: dict = {}
    if Path(path).suffix.lower() in HTML_EXTENSIONS:
        canonical = canonical_url_of_file(path)
        if canonical:
            urls, meta = (canonical,), {"canonical_url": canonical}
    return import_document_outcome(doc, language, urls=urls, meta=meta)


def import_text(text: str, source: str = "paste", language: str | None = None) -> Article:
    """Process and store pasted text."""
    return import_document(from_text(text, source), language)


def import_url(url: str, language: str | None = None, *, limits: object | None = None) -> SaveOutcome:
    """Fetch a web page and store its article (URL as the source; recognised again under the same URL, its
    canonical URL or the same content). Raises FetchError/DocumentError/LanguageError (ValueError)."""
    from reader.core.web.page import read_url

    page = read_url(url, limits=limits)  # type: ignore[arg-type]
    return import_document_outcome(page.document, language, urls=page.urls, meta=page.meta)
