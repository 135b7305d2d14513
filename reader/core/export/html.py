"""Bilingual HTML export: one self-contained file (inline CSS, no scripts, no external resources).

Columns layout is a three-column table (English · number · source, the source cell ``dir="rtl"``);
interleaved layout puts each translation under its sentence. Entities are ``<span class="ent ent-TYPE">``
tinted like the reader window, annotations are ``<mark>`` in their own colour with a footnote reference, and
the notes are listed per article as footnotes with links back.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.core.export.model import (
    LANGUAGE_NAMES,
    NATIVE_LANGUAGE_NAMES,
    AnnotationMark,
    ExportDocument,
    ExportOptions,
    ExportResult,
    ExportRow,
    row_progress,
)
from reader.core.export.spans import (
    ENTITY_COLORS,
    first_strong_rtl,
    note_order,
    pieces,
    row_annotations,
    safe_color,
)
from reader.core.jobs import Progress, check

_CSS = """
:root { --ink: #212529; --muted: #6c757d; --rule: #dee2e6; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; color: var(--ink); background: #fff;
  font: 16px/1.65 "Vazirmatn", "Noto Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
[lang="ar"] { font-family: "Noto Naskh Arabic", "Amiri", "Vazirmatn", "Noto Sans Arabic", "Segoe UI",
  Tahoma, serif; line-height: 1.9; }
[lang="fa"] { font-family: "Vazirmatn", "Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", Tahoma,
  sans-serif; line-height: 1.9; }
header h1 { font-size: 1.6em; margin: 0 0 .2em; }
.meta { color: var(--muted); font-size: .85em; margin: 0 0 1em; }
nav.toc { border-bottom: 1px solid var(--rule); margin-bottom: 2em; }
article { margin-bottom: 3em; }
table.bilingual { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.bilingual th { color: var(--muted); font-size: .8em; text-align: start; border-bottom: 1px solid var(--rule); }
table.bilingual td { vertical-align: top; padding: .35em .5em; }
table.bilingual col.num { width: 3em; }
tr.para-start td { padding-top: 1.1em; }
td.src, th.src { text-align: right; }
td.num, th.num, span.num { color: #adb5bd; font-size: .75em; text-align: center; }
.flag { color: #e8590c; }
.pair { margin: 0 0 1.1em; }
.pair.para-start { margin-top: 2em; }
.pair p { margin: 0; }
.pair p.en { color: #343a40; }
p.src span.num { margin-inline-end: .6em; }
.ent { border-bottom: 2px solid transparent; }
mark { padding: 0 .05em; }
sup.fnref a { color: #c2410c; text-decoration: none; font-weight: bold; }
section.footnotes { border-top: 1px solid var(--rule); font-size: .85em; margin-top: 1.5em; }
section.footnotes .tags { color: var(--muted); }
.missing { color: #adb5bd; }
@media print { body { max-width: none; padding: 0; } tr { break-inside: avoid; } .pair { break-inside: avoid; } }
"""


def _entity_css() -> str:
    rules = [
        f".ent-{kind} {{ background: {bg}; border-bottom-color: {line}; }}"
        for kind, (bg, line) in ENTITY_COLORS.items()
    ]
    return "\n".join(rules)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _dir(text: str, default_rtl: bool = False) -> str:
    rtl = first_strong_rtl(text)
    return "rtl" if (default_rtl if rtl is None else rtl) else "ltr"


class _Article:
    """Renders one document; numbers its notes."""

    def __init__(self, doc: ExportDocument, n: int, options: ExportOptions) -> None:
        self.doc = doc
        self.n = n
        self.opt = options
        self.notes: list[tuple[int, AnnotationMark]] = []

    def anchor(self, kind: str, i: int) -> str:
        return f"a{self.n}-{kind}-{i}"

    def text(self, row: ExportRow, side: str, numbers: dict[int, int]) -> str:
        text = row.source if side == "source" else (row.translation or "")
        ents = (row.source_entities if side == "source" else row.target_entities) if self.opt.entities else ()
        anns = row_annotations(row, side) if self.opt.annotations else []
        out = []
        for p in pieces(text, ents, anns, numbers):
            piece = _esc(p.text)
            if p.entity is not None:
                kind = p.entity.type.upper() if p.entity.type.upper() in ENTITY_COLORS else "MISC"
                piece = f'<span class="ent ent-{kind}" title="{_esc(p.entity.type)}">{piece}</span>'
            for a in reversed(p.annotations):
                title = f' title="{_esc(a.note)}"' if a.note.strip() else ""
                piece = f'<mark style="background:{safe_color(a.color)}"{title}>{piece}</mark>'
            for number in p.notes_ending:
                piece += (f'<sup class="fnref"><a id="{self.anchor("fnref", number)}" '
                          f'href="#{self.anchor("fn", number)}">{number}</a></sup>')
            out.append(piece)
        return "".join(out)

    def numbers(self, row: ExportRow) -> dict[int, int]:
        numbers: dict[int, int] = {}
        if not self.opt.annotations:
            return numbers
        for a in note_order(row):
            number = len(self.notes) + 1
            self.notes.append((number, a))
            numbers[id(a)] = number
        return numbers

    def header(self) -> str:
        d = self.doc
        lang = _esc(d.language)
        parts = [f"{LANGUAGE_NAMES.get(d.language, d.language)}–English"]
        if d.date:
            parts.append(f'<span dir="auto">{_esc(d.date)}</span>')
        if d.source_label:
            src = _esc(d.source_label)
            if d.source.startswith(("http://", "https://")):
                src = f'<a href="{src}">{src}</a>'
            parts.append(f"Source: {src}")
        if d.rows and d.translated < len(d.rows):
            parts.append(f"{d.translated} of {len(d.rows)} sentences translated")
        if d.backend:
            parts.append(f"Translation: {_esc(d.backend)}")
        if d.meta.get("sentence_range"):
            a, b, total = d.meta["sentence_range"]
            parts.append(f"Sentences {a}–{b} of {total}")
        title = _esc(d.title or "Untitled")
        english = f'<p class="title-en" lang="en">{_esc(d.title_en)}</p>\n' if d.title_en else ""
        return (f'<header><h1 dir="{_dir(d.title, d.rtl)}" lang="{lang}">{title}</h1>\n{english}'
                f'<p class="meta" lang="en">{" · ".join(parts)}</p></header>\n')

    def num(self, row: ExportRow) -> str:
        if not self.opt.sentence_numbers:
            return ""
        if row.flags:
            msg = _esc("; ".join(f.get("message", "") for f in row.flags))
            return f'<span class="flag" title="{msg}">{row.index + 1} ⚠</span>'
        return str(row.index + 1)

    def body(self, cancel: threading.Event | None, tick: Callable[[], None] | None) -> str:
        d = self.doc
        lang = _esc(d.language)
        dr = "rtl" if d.rtl else "ltr"
        out = [f'<article id="article-{self.n}" lang="en">\n', self.header()]
        columns = self.opt.layout == "columns"
        if columns:
            native = _esc(NATIVE_LANGUAGE_NAMES.get(d.language, d.language))
            out.append('<table class="bilingual"><colgroup><col><col class="num"><col></colgroup>\n'
                       f'<thead><tr><th>English</th><th class="num">#</th>'
                       f'<th class="src" dir="{dr}" lang="{lang}">{native}</th></tr></thead>\n<tbody>\n')
        last_par: int | None = None
        for row in d.rows:
            check(cancel)
            numbers = self.numbers(row)
            cls = ' class="para-start"' if last_par is not None and row.paragraph != last_par else ""
            last_par = row.paragraph
            src = self.text(row, "source", numbers)
            en = self.text(row, "target", numbers) if row.translation is not None else ""
            rid = self.anchor("s", row.index + 1)
            if columns:
                en_cell = f'<td class="en" lang="en" dir="ltr">{en}</td>' if row.translation is not None else \
                    '<td class="en missing" lang="en"></td>'
                out.append(f'<tr id="{rid}"{cls}>{en_cell}<td class="num">{self.num(row)}</td>'
                           f'<td class="src" dir="{dr}" lang="{lang}">{src}</td></tr>\n')
            else:
                pair_cls = ' class="pair para-start"' if cls else ' class="pair"'
                num = f'<span class="num">{self.num(row)}</span>' if self.opt.sentence_numbers else ""
                en_p = f'<p class="en" lang="en" dir="ltr">{en}</p>' if row.translation is not None else ""
                out.append(f'<div id="{rid}"{pair_cls}><p class="src" dir="{dr}" lang="{lang}">{num}{src}</p>'
                           f"{en_p}</div>\n")
            if tick is not None:
                tick()
        if columns:
            out.append("</tbody></table>\n")
        out.append(self.footnotes())
        out.append("</article>\n")
        return "".join(out)

    def footnotes(self) -> str:
        if not self.notes:
            return ""
        items = []
        for number, a in self.notes:
            quote = " ".join(a.quote.split())
            parts = []
            if quote:
                parts.append(f'«<span dir="auto">{_esc(quote)}</span>»')
            if a.note.strip():
                parts.append(f'<span dir="auto">{_esc(a.note.strip())}</span>')
            if a.tags:
                parts.append('<span class="tags">' + " ".join(_esc("#" + t) for t in a.tags) + "</span>")
            note_dir = _dir(a.note if a.note.strip() else a.quote)
            items.append(f'<li id="{self.anchor("fn", number)}" value="{number}" dir="{note_dir}">{" — ".join(parts)} '
                         f'<a href="#{self.anchor("fnref", number)}" aria-label="back">↩</a></li>')
        return '<section class="footnotes"><h2>Notes</h2><ol>\n' + "\n".join(items) + "\n</ol></section>\n"


def render_html(
    docs: Sequence[ExportDocument],
    options: ExportOptions | None = None,
    cancel: threading.Event | None = None,
    tick: Callable[[], None] | None = None,
) -> str:
    """The whole HTML document as a string."""
    options = options or ExportOptions()
    title = options.title or (docs[0].title if len(docs) == 1 else f"{len(docs)} articles — Tarjoman export")
    head = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="Tarjoman">\n'
        f'<meta name="date" content="{dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}">\n'
        f'<title>{_esc(title)}</title>\n<style>{_CSS}{_entity_css()}\n</style>\n</head>\n<body>\n'
    )
    out = [head]
    if len(docs) > 1:
        out.append('<nav class="toc"><ol>\n')
        for i, d in enumerate(docs, 1):
            out.append(f'<li><a href="#article-{i}" dir="auto" lang="{_esc(d.language)}">'
                       f"{_esc(d.title or 'Untitled')}</a></li>\n")
        out.append("</ol></nav>\n")
    for i, d in enumerate(docs, 1):
        out.append(_Article(d, i, options).body(cancel, tick))
    out.append("</body>\n</html>\n")
    return "".join(out)


def write_html(
    docs: Sequence[ExportDocument],
    path: str | os.PathLike[str],
    options: ExportOptions | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Job: write *docs* as one self-contained HTML file (atomically)."""
    from reader.core.export.markdown import write_text_atomic

    total, tick = row_progress(docs, progress)
    text = render_html(docs, options, cancel, tick)
    check(cancel)
    target = write_text_atomic(Path(path), text)
    notes = text.count('<li id="a')
    return ExportResult(str(target), "html", len(docs), total, footnotes=notes)
