"""Bilingual Markdown export (GitHub-flavoured: tables, footnotes, inline HTML for direction and highlights).

Source text is wrapped in ``dir="rtl" lang="…"`` elements (a ``<div>`` in table cells, a ``<div>`` with blank
lines around the paragraph in interleaved layout, so Markdown inside it is still parsed); highlights are
``<mark>`` with a ``[^…]`` footnote reference; notes become footnotes. Markdown cannot colour text, so the
named entities are listed per article under the text instead.
"""

from __future__ import annotations

import html
import os
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.core.export.model import (
    LANGUAGE_NAMES,
    NATIVE_LANGUAGE_NAMES,
    ExportDocument,
    ExportOptions,
    ExportResult,
    ExportRow,
    row_progress,
)
from reader.core.export.spans import (
    ENTITY_LABELS,
    first_strong_rtl,
    footnote_label,
    note_order,
    pieces,
    row_annotations,
)
from reader.core.jobs import Progress, check

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def escape(text: str) -> str:
    """Escape Markdown/HTML syntax characters in plain text (and keep it on one line)."""
    text = " ".join(text.split())
    return _SPECIAL.sub(r"\\\1", text).replace("&", "&amp;")


def escape_html(text: str) -> str:
    """Escape text for a raw-HTML line (an HTML block such as ``<h1 …>…</h1>``, or an attribute value).

    CommonMark does not apply backslash escapes inside an HTML block, so :func:`escape` would leave ``<img …>``
    live there; HTML entities are the only escape that holds. Kept on one line, so the block cannot end early.
    """
    return html.escape(" ".join(text.split()), quote=True)


def _footnote_text(text: str) -> str:
    """A footnote body that CommonMark without footnotes cannot read as a link definition.

    ``[^a1n1]: javascript:alert(1)`` is a valid link reference definition, turning every ``[^a1n1]`` into a
    javascript: link; a body without whitespace is that danger, so it is bidi-isolated (FSI…PDI, invisible),
    which leaves no URL scheme at its start.
    """
    body = escape(text)
    return body if any(c.isspace() for c in body) else f"\u2068{body}\u2069"


def write_text_atomic(path: Path, text: str) -> Path:
    """Write *text* (UTF-8) to *path* through a temporary file, so a failure leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def _inline(row: ExportRow, side: str, refs: dict[int, str], options: ExportOptions) -> str:
    text = row.source if side == "source" else (row.translation or "")
    anns = row_annotations(row, side) if options.annotations else []
    numbers = {key: i for i, key in enumerate(refs, 1)}
    out = []
    for p in pieces(text, (), anns, numbers):
        piece = escape(p.text) if p.text.strip() else p.text
        if p.annotations:
            piece = f"<mark>{piece}</mark>"
        for n in p.notes_ending:
            key = next(k for k, v in numbers.items() if v == n)
            piece += f"[^{refs[key]}]"
        out.append(piece)
    return "".join(out)


def _entities(doc: ExportDocument) -> list[str]:
    by_type: dict[str, Counter[str]] = {}
    for row in doc.rows:
        for e in (*row.source_entities, *row.target_entities):
            surface = e.text or (row.source[e.start:e.end] if e in row.source_entities else
                                 (row.translation or "")[e.start:e.end])
            surface = " ".join(surface.split())
            if surface:
                by_type.setdefault(e.type.upper(), Counter())[surface] += 1
    lines = []
    for kind in sorted(by_type, key=lambda k: (list(ENTITY_LABELS).index(k) if k in ENTITY_LABELS else 99, k)):
        items = ", ".join(f"{escape(name)} ×{n}" if n > 1 else escape(name)
                          for name, n in by_type[kind].most_common())
        lines.append(f"- **{ENTITY_LABELS.get(kind, kind.title())}:** {items}")
    return lines


def render_markdown(
    docs: Sequence[ExportDocument],
    options: ExportOptions | None = None,
    cancel: threading.Event | None = None,
    tick: Callable[[], None] | None = None,
) -> str:
    options = options or ExportOptions()
    out: list[str] = []
    if len(docs) > 1:
        out.append(f"# {escape(options.title or f'{len(docs)} articles — Tarjoman export')}\n")
    for di, doc in enumerate(docs, 1):
        check(cancel)
        lang = doc.language
        attr_lang = escape_html(lang)
        dr = "rtl" if doc.rtl else "ltr"
        level = "h1" if len(docs) == 1 else "h2"
        tdir = "rtl" if (first_strong_rtl(doc.title) if first_strong_rtl(doc.title) is not None else doc.rtl) \
            else "ltr"
        # a raw HTML block: entities, never backslashes (see escape_html)
        out.append(f'<{level} dir="{tdir}" lang="{attr_lang}">{escape_html(doc.title or "Untitled")}'
                   f"</{level}>\n")
        if doc.title_en:
            out.append(f"*{escape(doc.title_en)}*\n")
        meta = [f"- **Languages:** {LANGUAGE_NAMES.get(lang, lang)}–English"]
        if doc.date:
            meta.append(f"- **Date:** {escape(doc.date)}")
        if doc.source:
            meta.append(f"- **Source:** {escape(doc.source_label)}")
        if doc.rows and doc.translated < len(doc.rows):
            meta.append(f"- **Translated:** {doc.translated} of {len(doc.rows)} sentences")
        if doc.backend:
            meta.append(f"- **Translation:** {escape(doc.backend)}")
        if doc.meta.get("sentence_range"):
            a, b, total = doc.meta["sentence_range"]
            meta.append(f"- **Sentences:** {a}–{b} of {total}")
        out.append("\n".join(meta) + "\n")
        notes: list[tuple[str, str]] = []
        columns = options.layout == "columns"
        if columns:
            native = NATIVE_LANGUAGE_NAMES.get(lang, lang)
            out.append(f"| # | English | {native} |\n|---:|---|---|")
        last_par: int | None = None
        for row in doc.rows:
            check(cancel)
            refs: dict[int, str] = {}
            for a in note_order(row) if options.annotations else []:
                label = f"a{di}n{len(notes) + 1}"
                refs[id(a)] = label
                notes.append((label, footnote_label(a, max_quote=200)))
            src = _inline(row, "source", refs, options)
            en = _inline(row, "target", refs, options) if row.translation is not None else ""
            num = str(row.index + 1) + (" ⚠" if row.flags else "")
            if columns:
                out.append(f'| {num} | {en} | <div dir="{dr}" lang="{attr_lang}">{src}</div> |')
            else:
                if last_par is not None and row.paragraph != last_par:
                    out.append("\n---\n")
                out.append(f'\n<div dir="{dr}" lang="{attr_lang}">\n\n**{num}.** {src}\n\n</div>\n')
                if row.translation is not None:
                    out.append(f"> {en}\n")
            last_par = row.paragraph
            if tick is not None:
                tick()
        out.append("")
        ents = _entities(doc) if options.entities else []
        if ents:
            out.append("**Named entities**\n\n" + "\n".join(ents) + "\n")
        for label, text in notes:
            out.append(f"[^{label}]: {_footnote_text(text)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def write_markdown(
    docs: Sequence[ExportDocument],
    path: str | os.PathLike[str],
    options: ExportOptions | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Job: write *docs* as one Markdown file (atomically)."""
    total, tick = row_progress(docs, progress)
    text = render_markdown(docs, options, cancel, tick)
    check(cancel)
    target = write_text_atomic(Path(path), text)
    notes = sum(1 for line in text.splitlines() if line.startswith("[^"))
    return ExportResult(str(target), "md", len(docs), total, footnotes=notes)
