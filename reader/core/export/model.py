"""Plain, immutable data the export writers consume (built by reader.app.exporting, or by hand in tests).

Offsets are always relative to the row's own text: ``source`` for source-side spans and ``translation`` for
target-side spans. Writers clip spans that fall outside their text, so a stale span never breaks an export.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from reader.core.jobs import Progress, no_progress

Layout = Literal["columns", "interleaved"]
Format = Literal["pdf", "md", "html"]

LANGUAGE_NAMES = {"fa": "Persian", "ar": "Arabic", "en": "English"}
NATIVE_LANGUAGE_NAMES = {"fa": "فارسی", "ar": "العربية", "en": "English"}
RTL_LANGUAGES = frozenset({"fa", "ar", "ur", "ps", "ckb", "he", "yi"})


@dataclass(frozen=True)
class EntityMark:
    """A named entity inside one side of a row."""

    type: str  # PERSON | LOCATION | ORGANIZATION | MISC | ...
    start: int
    end: int
    text: str = ""


@dataclass(frozen=True)
class AnnotationMark:
    """A highlight (optionally with a note) inside one side of a row."""

    side: str  # "source" | "target"
    start: int
    end: int
    color: str = "#ffe066"
    note: str = ""
    tags: tuple[str, ...] = ()
    quote: str = ""
    id: int | None = None


@dataclass(frozen=True)
class ExportRow:
    """One sentence and its translation."""

    index: int  # sentence index in its article (0-based)
    paragraph: int
    source: str
    translation: str | None
    source_entities: tuple[EntityMark, ...] = ()
    target_entities: tuple[EntityMark, ...] = ()
    annotations: tuple[AnnotationMark, ...] = ()
    flags: tuple[dict[str, str], ...] = ()  # quality warnings: {"code", "message"}


@dataclass(frozen=True)
class ExportDocument:
    """One article (or a sentence range of one) ready to be written."""

    title: str
    language: str  # "fa" | "ar"
    source: str = ""
    date: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    rows: tuple[ExportRow, ...] = ()
    article_id: int | None = None
    backend: str = ""  # engine/model that translated it
    title_en: str = ""  # the headline's translation ("" when not translated)

    @property
    def rtl(self) -> bool:
        return self.language in RTL_LANGUAGES

    @property
    def translated(self) -> int:
        return sum(1 for r in self.rows if r.translation is not None)

    @property
    def source_label(self) -> str:
        """The source as an export shows it: a web address whole, a local file by its name only (an export
        is shared; the reader's folders are nobody's business), pasted text as such."""
        src = self.source.strip()
        if not src or src.startswith(("http://", "https://")):
            return src
        if src == "paste":
            return "pasted text"
        return src.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class ExportOptions:
    """What to draw and how."""

    layout: Layout = "columns"
    entities: bool = True
    annotations: bool = True
    paragraph_bookmarks: bool = False
    sentence_numbers: bool = True
    page_size: str = "A4"  # "A4" | "Letter"
    font_size: float = 11.0
    title: str = ""  # document title when several articles go into one file (default: derived)


@dataclass(frozen=True)
class ExportResult:
    """What a writer produced."""

    path: str
    format: str
    documents: int
    rows: int
    pages: int = 0  # PDF only
    footnotes: int = 0


def row_progress(docs: Sequence[ExportDocument], progress: Progress | None) -> tuple[int, Callable[[], None]]:
    """For the writers: the number of rows in *docs* and a ``tick()`` that reports one more row done.
    Reports ``(0, total)`` at once; refuses an empty export with a one-line reason."""
    if not docs:
        raise ValueError("Nothing to export: no articles were given.")
    report = progress or no_progress
    total = sum(len(d.rows) for d in docs)
    done = 0
    report(0, total)

    def tick() -> None:
        nonlocal done
        done += 1
        report(done, total)

    return total, tick
