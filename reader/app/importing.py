"""Importing articles into the library: read (file, web page or paste) → text pipeline → one atomic save.

``import_file``/``import_text``/``import_url`` raise ``ValueError`` subclasses with a one-line reason for bad
input (:class:`reader.core.importers.DocumentError`, ``FetchError``, ``LanguageError``, ``EmptyTextError``);
nothing is written unless the whole article, its sentences and its search rows are saved (one transaction).
Re-imports never duplicate: the same content (hash) or the same URL is recognised (:mod:`reader.store.dedupe`)
and the outcome says ``new``, ``unchanged`` or ``updated``.

The window reads and processes off the GUI thread (:func:`prepare_imports`, a job over ``prepare_*`` that
touches no store) and saves on it (:func:`save_prepared`); the CLI and batch do both at once (``import_*``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.dates import published_iso
from reader.core.importers import ImportedDocument, from_text, only_passages, read_document
from reader.core.text.pipeline import process_document
from reader.core.types import ProcessedText
from reader.store.dedupe import SaveOutcome, save_or_update
from reader.store.models import Article


@dataclass(frozen=True)
class PreparedImport:
    """An article read and processed, not stored yet."""

    processed: ProcessedText
    source: str
    raw_text: str
    urls: tuple[str, ...] = ()  # addresses that identify it (page URL, final URL, canonical URL)
    meta: dict[str, Any] = field(default_factory=dict)
    language: str | None = None  # the language the import asked for (None: detected)


_OURS = ("canonical_url",)  # absolute addresses resolved against the page's URL win over the page's own value


def prepare_document(doc: ImportedDocument, language: str | None = None, *, urls: tuple[str, ...] = (),
                     meta: dict | None = None) -> PreparedImport:
    """Run the text pipeline on a read document (its headline, metadata and warnings kept); *meta* fills in
    what the document's own metadata lacks (the page's date wins over a feed's). No store."""
    processed = process_document(doc, language)
    for key, value in (meta or {}).items():
        if value in (None, ""):
            continue
        if key in _OURS:
            processed.meta[key] = value
        else:
            processed.meta.setdefault(key, value)
    return PreparedImport(processed, doc.source, doc.text, urls, language=language)


def prepare_file(path: str | Path, language: str | None = None, *, passages: bool = False) -> PreparedImport:
    """Read and process an article file (*passages*: only its Persian/Arabic passages). A saved web page that
    names its canonical URL is the article at that URL (a newer copy updates it). No store."""
    from reader.core.importers import HTML_EXTENSIONS
    from reader.core.web.page import canonical_url_of_file

    doc = read_document(path)
    if passages:
        doc = only_passages(doc)
    urls: tuple[str, ...] = ()
    meta: dict = {}
    if Path(path).suffix.lower() in HTML_EXTENSIONS:
        canonical = canonical_url_of_file(path)
        if canonical:
            urls, meta = (canonical,), {"canonical_url": canonical}
    return prepare_document(doc, language, urls=urls, meta=meta)


def prepare_url(url: str, language: str | None = None, *, limits: Any = None) -> PreparedImport:
    """Fetch a web page and process its article (the URL stays its source). No store."""
    from reader.core.web.page import read_url

    page = read_url(url, limits=limits)
    return prepare_document(page.document, language, urls=page.urls, meta=page.meta)


def save_one(prepared: PreparedImport) -> SaveOutcome:
    """Store a prepared article, or recognise the one the library already has."""
    p = prepared.processed
    return save_or_update(p, source=prepared.source, raw_text=prepared.raw_text, urls=prepared.urls,
                          published=published_iso(p.date, p.meta), language=prepared.language)


def import_document_outcome(doc: ImportedDocument, language: str | None = None, *, urls: tuple[str, ...] = (),
                            meta: dict | None = None) -> SaveOutcome:
    """Process and store *doc* (``new``, ``unchanged`` or ``updated``)."""
    return save_one(prepare_document(doc, language, urls=urls, meta=meta))


def import_document(doc: ImportedDocument, language: str | None = None, *,
                    extra_meta: dict[str, Any] | None = None) -> Article:
    """Process an already-read document and store it (or return the article it already is); *extra_meta* is
    saved with it, in the same transaction."""
    return import_document_outcome(doc, language, meta=extra_meta).article


def import_file_outcome(path: str | Path, language: str | None = None, *, passages: bool = False) -> SaveOutcome:
    return save_one(prepare_file(path, language, passages=passages))


def import_file(path: str | Path, language: str | None = None, *, passages: bool = False) -> Article:
    """Read, process and store one article file (or return the article it already is); *passages*: only its
    Persian/Arabic passages."""
    return import_file_outcome(path, language, passages=passages).article


def import_text(text: str, source: str = "paste", language: str | None = None) -> Article:
    """Process and store pasted text."""
    return import_document(from_text(text, source), language)


def import_url(url: str, language: str | None = None, *, limits: Any = None) -> SaveOutcome:
    """Fetch a web page and store its article (recognised again under the same URL, its canonical URL or the
    same content)."""
    return save_one(prepare_url(url, language, limits=limits))


# --- the window: prepare off the GUI thread, save on it -------------------------------------------------------
@dataclass(frozen=True)
class Prepared:
    """An article read and processed off the GUI thread, ready to be saved (or the reason it cannot be)."""

    name: str
    item: Any = None  # reader.app.importing.PreparedImport
    error: str = ""


def _reason(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def prepare_one(name: str, kind: str, item: Path | str, passages: bool = False) -> Prepared:
    """Read and process one input — a file (Path), a web page (URL) or pasted text — or give the reason it
    cannot be (*passages*: keep only its Persian/Arabic passages). Touches no store; runs in any process."""
    try:
        if kind == "file":
            prepared = prepare_file(item, passages=passages)
        elif kind == "url":
            prepared = prepare_url(str(item))
        else:
            doc = from_text(str(item), "paste")
            prepared = prepare_document(only_passages(doc) if passages else doc)
        return Prepared(name, prepared)
    except Exception as exc:  # each input's reason is reported; the others still import
        reason = _reason(exc)
        return Prepared(name, error=reason if kind == "url" and reason.startswith(name) else f"{name}: {reason}")


def prepare_imports(paths: list[Path], texts: list[str], urls: list[str] | None = None, *, passages: bool = False,
                    cancel=None, progress=None, emit=None, run=None) -> list[Prepared]:
    """Job (worker thread): read (files, web pages, pasted texts) and process; touches no store (*passages*:
    keep only the Persian/Arabic passages of each file and text). *run(fn, *args)* runs each one (the window
    passes ``reader.app.worker.worker().run``: the helper process); by default here."""
    out: list[Prepared] = []
    items: list[tuple[str, str, Path | str]] = (
        [(p.name, "file", p) for p in paths] + [(u, "url", u) for u in urls or []]
        + [("pasted text", "text", t) for t in texts]
    )
    for n, (name, kind, item) in enumerate(items):
        if cancel is not None and cancel.is_set():
            break
        out.append(run(prepare_one, name, kind, item, passages) if run is not None
                   else prepare_one(name, kind, item, passages))
        if progress is not None:
            progress(n + 1, len(items))
    return out


def save_prepared(prepared: list[Prepared]) -> tuple[list[int], list[str], int, str]:
    """GUI thread: store what prepare_imports made (one transaction per article). An article the library
    already has is not stored again: its id is returned (and it is updated when its page changed).

    Returns (ids, one-line reasons for the failures, how many were already in the library, library fault). A
    fault of the library itself (disk full, damaged, read-only, locked) stops the saving: it is returned as its
    one sentence, once, with how many were left."""
    from reader.store.faults import explain

    ids: list[int] = []
    errors: list[str] = []
    known = 0
    for n, p in enumerate(prepared):
        if p.error:
            errors.append(p.error)
            continue
        try:
            outcome = save_one(p.item)
        except Exception as exc:
            fault = explain(exc)
            if fault is not None:
                left = sum(1 for q in prepared[n:] if not q.error)
                return ids, errors, known, f"{fault} ({left} article{'s' if left > 1 else ''} not saved.)"
            errors.append(f"{p.name}: {_reason(exc)}")
            continue
        ids.append(outcome.article.id)
        known += outcome.status in ("unchanged", "restored")
    return ids, errors, known, ""
