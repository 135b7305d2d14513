"""Bilingual export of articles: PDF (fpdf2 + HarfBuzz), Markdown and self-contained HTML.

The writers take plain :mod:`reader.core.export.model` data (built from the library by
reader.app.exporting) and are jobs: ``cancel`` event, ``progress(done, total)`` callback, immutable result.
fpdf2 is imported only when a PDF is written.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

from reader.core.export.model import (
    AnnotationMark,
    EntityMark,
    ExportDocument,
    ExportOptions,
    ExportResult,
    ExportRow,
)
from reader.core.jobs import Progress

FORMATS = ("pdf", "md", "html")
_SUFFIXES = {".pdf": "pdf", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}

__all__ = [
    "FORMATS",
    "AnnotationMark",
    "EntityMark",
    "ExportDocument",
    "ExportOptions",
    "ExportResult",
    "ExportRow",
    "export_documents",
    "format_for_path",
]


def format_for_path(path: str | os.PathLike[str]) -> str | None:
    """The export format a file name asks for ("pdf", "md", "html"), or None."""
    return _SUFFIXES.get(Path(path).suffix.lower())


def export_documents(
    docs: Sequence[ExportDocument],
    path: str | os.PathLike[str],
    fmt: str | None = None,
    options: ExportOptions | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Job: write *docs* to *path* in *fmt* (default: from the file name's suffix)."""
    fmt = fmt or format_for_path(path)
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format for {Path(path).name}: use .pdf, .md or .html (or --format).")
    if fmt == "pdf":
        from reader.core.export.pdf import write_pdf

        return write_pdf(docs, path, options, cancel, progress)
    if fmt == "html":
        from reader.core.export.html import write_html

        return write_html(docs, path, options, cancel, progress)
    from reader.core.export.markdown import write_markdown

    return write_markdown(docs, path, options, cancel, progress)
