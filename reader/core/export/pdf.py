"""Bilingual PDF export (fpdf2 + HarfBuzz shaping through reader.core.export.pdf_text).

Layouts: ``columns`` (English left, source right, one row per sentence, rows never split unless a single
row is taller than a page) and ``interleaved`` (each source sentence with its translation underneath).
Entities get a tint of their type's colour and an underline; annotations a highlight in their colour, a
superscript number, a footnote at the bottom of the page and a PDF text annotation (sticky note) in the
margin. Each article gets a bookmark (and, optionally, one per paragraph), every page a number.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

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
from reader.core.export.pdf_text import Block, Decor, FontPair, Typesetter
from reader.core.export.spans import (
    FSI,
    PDI,
    entity_colors,
    first_strong_rtl,
    footnote_label,
    note_order,
    row_annotations,
    safe_color,
)
from reader.core.jobs import Progress, check

MARGIN = 16.0
GUTTER = 9.0
ROW_GAP = 2.2
PARAGRAPH_GAP = 3.2
MARKER_COLOR = "#c2410c"
GREY = "#6c757d"
RULE = "#ced4da"

# family name on the FPDF object -> (regular file, bold file, line height / font size)
FONT_FILES = {
    "vazirmatn": ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf", 1.75),
    "naskh": ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf", 1.9),
}
# fallbacks for characters the text fonts lack, in order: emoji (monochrome), dingbats/symbols, arrows/math
FALLBACK_FONTS = {
    "notoemoji": "NotoEmoji-Regular.ttf",
    "notosymbols2": "NotoSansSymbols2-Regular.ttf",
    "notosymbols": "NotoSansSymbols-Regular.ttf",
}


class _Pdf(FPDF):
    """FPDF with a page-number footer."""

    footer_family = "vazirmatn"

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(self.footer_family, "", 8)
        self.set_text_color(108, 117, 125)
        self.set_text_shaping(True, direction="ltr")
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align="C")


@dataclass
class _Note:
    number: int
    block: Block
    setter: Typesetter


def _font_path(name: str) -> Path | None:
    from reader import resources

    p = resources.font(name)
    return p if p.is_file() else None


class PdfWriter:
    """Lays out documents page by page (page breaks are ours, never fpdf2's)."""

    def __init__(self, options: ExportOptions) -> None:
        self.opt = options
        fmt = "Letter" if options.page_size.lower() == "letter" else "A4"
        self.pdf = _Pdf(orientation="P", unit="mm", format=fmt)
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.c_margin = 0
        self.pdf.alias_nb_pages()
        self.families: dict[str, float] = {}
        for family, (regular, bold, factor) in FONT_FILES.items():
            rp, bp = _font_path(regular), _font_path(bold)
            if rp is None:
                continue
            self.pdf.add_font(family, "", str(rp))
            self.pdf.add_font(family, "B", str(bp or rp))
            self.families[family] = factor
        if "vazirmatn" not in self.families:
            raise FileNotFoundError("The Vazirmatn font is missing from Tarjoman's resources; reinstall the app.")
        self.fallbacks: dict[str, str] = {}  # registered by the typesetter when a character needs one
        for family, filename in FALLBACK_FONTS.items():
            fp = _font_path(filename)
            if fp is not None:  # a missing fallback only means those symbols are missing, as before
                self.fallbacks[family] = str(fp)
        self.setters: dict[str, Typesetter] = {}
        self.width = self.pdf.w - 2 * MARGIN
        self.bottom = self.pdf.h - 16.0
        self.notes: list[_Note] = []
        self.note_count = 0
        self.footnotes_total = 0
        self.page_started = False
        self.y = MARGIN

    # ---- fonts ---------------------------------------------------------------------------------------
    def setter(self, language: str) -> Typesetter:
        if language not in self.setters:
            arabic = "naskh" if language == "ar" and "naskh" in self.families else "vazirmatn"
            pair = FontPair(arabic, "vazirmatn", language if language in ("fa", "ar") else "fa",
                            dict(self.families), tuple(self.fallbacks), dict(self.fallbacks))
            self.setters[language] = Typesetter(self.pdf, pair)
        return self.setters[language]

    # ---- pages ---------------------------------------------------------------------------------------
    def new_page(self, doc: ExportDocument | None = None, running_head: bool = True) -> None:
        self.finish_page()
        self.pdf.add_page()
        self.page_started = True
        self.y = MARGIN
        if doc is not None and running_head:
            ts = self.setter(doc.language)
            head = ts.layout(doc.title or "Untitled", self.width * 0.8, 7.5, rtl=doc.rtl)
            if len(head.lines) > 1:
                head = Block(head.text, head.rtl, head.size, head.style, head.line_height, head.lines[:1])
            ts.draw(head, MARGIN, self.y - 6, self.width, color=GREY)
            self._rule(self.y - 6 + head.line_height + 0.3)
            self.y += head.line_height - 2

    def finish_page(self) -> None:
        if not self.page_started or not self.notes:
            self.notes = []
            return
        total = sum(n.block.height for n in self.notes) + 3
        y = self.bottom - total
        self._rule(y, length=40)
        y += 2
        for note in self.notes:
            note.setter.draw(note.block, MARGIN, y, self.width, color="#343a40")
            y += note.block.height
        self.notes = []

    def _rule(self, y: float, length: float | None = None, x: float | None = None) -> None:
        self.pdf.set_draw_color(206, 212, 218)
        self.pdf.set_line_width(0.2)
        x0 = MARGIN if x is None else x
        self.pdf.line(x0, y, x0 + (length or self.width), y)

    def notes_height(self) -> float:
        return sum(n.block.height for n in self.notes) + (3 if self.notes else 0)

    def space_left(self, extra_notes: float = 0.0) -> float:
        reserve = self.notes_height() + extra_notes + (3 if extra_notes and not self.notes else 0)
        return self.bottom - reserve - self.y

    # ---- documents -----------------------------------------------------------------------------------
    def document(self, doc: ExportDocument, cancel: threading.Event | None, tick: Progress) -> None:
        self.new_page(doc, running_head=False)
        self.note_count = 0
        ts = self.setter(doc.language)
        title = ts.layout(doc.title or "Untitled", self.width, 17, "B", rtl=doc.rtl and first_strong_rtl(
            doc.title) is not False)
        self.pdf.set_y(self.y)
        self.pdf.start_section(doc.title or "Untitled", level=0)
        self.y = ts.draw(title, MARGIN, self.y, self.width)
        if doc.title_en:
            english = ts.layout(doc.title_en, self.width, 12.5, rtl=False)
            self.y = ts.draw(english, MARGIN, self.y + 0.5, self.width)
        meta = ts.layout(self._meta_line(doc), self.width, 8.5, rtl=False)
        self.y = ts.draw(meta, MARGIN, self.y + 0.5, self.width, color=GREY) + 1.5
        self._rule(self.y)
        self.y += 2.5
        if self.opt.layout == "columns":
            self._column_heads(doc, ts)
        last_paragraph: int | None = None
        for row in doc.rows:
            check(cancel)
            new_paragraph = last_paragraph is not None and row.paragraph != last_paragraph
            if new_paragraph:
                self.y += PARAGRAPH_GAP
            if self.opt.paragraph_bookmarks and row.paragraph != last_paragraph:
                words = " ".join(row.source.split()[:6])
                self.pdf.set_y(self.y)
                self.pdf.start_section(f"¶{row.paragraph + 1} {words}…", level=1)
            last_paragraph = row.paragraph
            self._row(doc, ts, row)
            tick()

    def _meta_line(self, doc: ExportDocument) -> str:
        parts = [f"{LANGUAGE_NAMES.get(doc.language, doc.language)}–English"]
        if doc.date:
            parts.append(doc.date)
        if doc.source_label:
            src = doc.source_label if len(doc.source_label) <= 70 else "…" + doc.source_label[-69:]
            parts.append(f"Source: {src}")
        total = len(doc.rows)
        done = doc.translated
        if total and done < total:
            parts.append(f"{done} of {total} sentences translated")
        if doc.backend:
            parts.append(f"Translation: {doc.backend}")
        if doc.meta.get("sentence_range"):
            a, b, n = doc.meta["sentence_range"]
            parts.append(f"Sentences {a}–{b} of {n}")
        parts.append("Exported " + dt.date.today().isoformat())
        return " · ".join(parts)

    def _column_heads(self, doc: ExportDocument, ts: Typesetter) -> None:
        col = (self.width - GUTTER) / 2
        en = ts.layout("English", col, 8, "B", rtl=False)
        src = ts.layout(NATIVE_LANGUAGE_NAMES.get(doc.language, doc.language), col, 8, "B", rtl=doc.rtl)
        ts.draw(en, MARGIN, self.y, col, color=GREY)
        ts.draw(src, MARGIN + col + GUTTER, self.y, col, color=GREY)
        self.y += max(en.height, src.height) + 1

    # ---- rows -----------------------------------------------------------------------------------------
    def _decor(self, row: ExportRow, side: str, numbers: dict[int, int]) -> list[Decor]:
        out: list[Decor] = []
        if self.opt.entities:
            for e in row.source_entities if side == "source" else row.target_entities:
                bg, _ = entity_colors(e.type)
                out.append(Decor("bg", e.start, e.end, bg))
        if self.opt.annotations:
            for a in row_annotations(row, side):
                out.append(Decor("bg", a.start, a.end, safe_color(a.color)))
        if self.opt.entities:
            for e in row.source_entities if side == "source" else row.target_entities:
                _, line = entity_colors(e.type)
                out.append(Decor("underline", e.start, e.end, line))
        if self.opt.annotations:
            for a in row_annotations(row, side):
                if id(a) in numbers:
                    out.append(Decor("marker", a.start, a.end, MARKER_COLOR, str(numbers[id(a)])))
        return out

    def _row_notes(self, doc: ExportDocument, row: ExportRow) -> tuple[list[_Note], dict[int, int],
                                                                        list[tuple[str, AnnotationMark]]]:
        notes: list[_Note] = []
        numbers: dict[int, int] = {}
        marks: list[tuple[str, AnnotationMark]] = []
        if not self.opt.annotations:
            return notes, numbers, marks
        ts = self.setter(doc.language)
        n = self.note_count
        for a in note_order(row):
            n += 1
            numbers[id(a)] = n
            label = footnote_label(a, isolate=True, max_note=600)  # the sticky note keeps all of it
            rtl = first_strong_rtl(a.note) if a.note.strip() else first_strong_rtl(a.quote)
            text = f"{FSI}{n}.{PDI} {label}"
            notes.append(_Note(n, ts.layout(text, self.width, 8, rtl=bool(rtl)), ts))
            marks.append((a.side, a))
        self.note_count = n
        self.footnotes_total += len(notes)
        return notes, numbers, marks

    def _row(self, doc: ExportDocument, ts: Typesetter, row: ExportRow) -> None:
        size = self.opt.font_size
        notes, numbers, marks = self._row_notes(doc, row)
        if self.opt.layout == "columns":
            col = (self.width - GUTTER) / 2
            src = ts.layout(row.source, col, size, rtl=doc.rtl)
            en = ts.layout(row.translation or "", col, size, rtl=False)
            parts = [(src, MARGIN + col + GUTTER, col, "source", 0.0), (en, MARGIN, col, "target", 0.0)]
            height = max(src.height, en.height)
        else:
            src = ts.layout(row.source, self.width, size, rtl=doc.rtl)
            en = ts.layout(row.translation or "", self.width, size * 0.92, rtl=False)
            parts = [(src, MARGIN, self.width, "source", 0.0), (en, MARGIN, self.width, "target", src.height + 0.6)]
            height = src.height + (en.height + 0.6 if en.lines else 0)
        notes_h = sum(nt.block.height for nt in notes)
        fresh_page = self.bottom - MARGIN - 8.0  # room for rows on a page with only the running head
        if height + ROW_GAP > self.space_left(notes_h) and height + ROW_GAP + notes_h <= fresh_page:
            self.new_page(doc)
        top = self.y
        if height + ROW_GAP > self.space_left(notes_h):
            self._split_row(doc, ts, row, parts, numbers)
        else:
            self._gutter(doc, ts, row, top)
            for block, x, w, side, dy in parts:
                if block.lines:
                    ts.draw(block, x, top + dy, w, self._decor(row, side, numbers))
            self.y = top + height + ROW_GAP
        self.notes.extend(notes)
        self._sticky_notes(marks, top, numbers)

    def _split_row(self, doc: ExportDocument, ts: Typesetter, row: ExportRow,
                   parts: list[tuple[Block, float, float, str, float]], numbers: dict[int, int]) -> None:
        """A row taller than a page: continue it on the next pages (columns side by side, line by line)."""
        groups = [parts] if self.opt.layout == "columns" else [[p] for p in parts]
        self._gutter(doc, ts, row, self.y)
        for group in groups:
            pos = [0] * len(group)
            while any(pos[k] < len(g[0].lines) for k, g in enumerate(group)):
                room = self.space_left()
                if all(room < g[0].line_height for g in group):
                    self.new_page(doc)
                    continue
                top, bottom = self.y, self.y
                for k, (block, x, w, side, _dy) in enumerate(group):
                    fit = int(room // block.line_height)
                    if fit <= 0 or pos[k] >= len(block.lines):
                        continue
                    end = ts.draw(block, x, top, w, self._decor(row, side, numbers), first=pos[k],
                                  last=pos[k] + fit)
                    pos[k] += fit
                    bottom = max(bottom, end)
                self.y = bottom
                if any(pos[k] < len(g[0].lines) for k, g in enumerate(group)):
                    self.new_page(doc)
        self.y += ROW_GAP

    def _gutter(self, doc: ExportDocument, ts: Typesetter, row: ExportRow, top: float) -> None:
        if not self.opt.sentence_numbers:
            return
        label = str(row.index + 1) + (" !" if row.flags else "")
        b = ts.layout(label, GUTTER + 6, 7, rtl=False)
        if self.opt.layout == "columns":
            col = (self.width - GUTTER) / 2
            ts.draw(b, MARGIN + col + (GUTTER - b.lines[0].width) / 2, top + 0.8, GUTTER,
                    color="#e8590c" if row.flags else "#adb5bd")
        else:
            x = MARGIN + self.width + 1.5 if doc.rtl else MARGIN - 1.5 - b.lines[0].width
            ts.draw(b, x, top + 0.8, GUTTER, color="#e8590c" if row.flags else "#adb5bd")

    def _sticky_notes(self, marks: list[tuple[str, AnnotationMark]], top: float, numbers: dict[int, int]) -> None:
        """A PDF text annotation per note, in the margin beside its side of the row."""
        per_side: dict[str, int] = {}
        for side, a in marks:
            k = per_side.get(side, 0)
            per_side[side] = k + 1
            x = self.pdf.w - MARGIN + 4 if side == "source" else 4
            y = top + k * 7
            text = f"[{numbers[id(a)]}] {footnote_label(a, max_quote=200)}"
            try:
                self.pdf.text_annotation(x, y, text, w=6, h=6)
            except TypeError:  # older signature without w/h
                self.pdf.text_annotation(x, y, text)


def write_pdf(
    docs: Sequence[ExportDocument],
    path: str | os.PathLike[str],
    options: ExportOptions | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Job: write *docs* as one bilingual PDF at *path* (atomically: a cancelled export leaves nothing)."""
    options = options or ExportOptions()
    total, tick = row_progress(docs, progress)

    w = PdfWriter(options)
    pdf = w.pdf
    titles = [d.title or "Untitled" for d in docs]
    title = options.title or (titles[0] if len(docs) == 1 else f"{len(docs)} articles — Tarjoman export")
    langs = sorted({d.language for d in docs})
    pdf.set_title(title)
    pdf.set_author("Tarjoman")
    pdf.set_creator("Tarjoman")
    pdf.set_subject("Bilingual export: " + ", ".join(LANGUAGE_NAMES.get(x, x) for x in langs) + " with English")
    keywords = ["Tarjoman", "bilingual", *langs, "en"]
    tags = sorted({t for d in docs for r in d.rows for a in r.annotations for t in a.tags})
    pdf.set_keywords(", ".join(keywords + tags))
    pdf.set_creation_date(dt.datetime.now(dt.UTC))
    pdf.set_lang(langs[0] if len(langs) == 1 else "en")
    for doc in docs:
        check(cancel)
        w.document(doc, cancel, tick)
    w.finish_page()
    check(cancel)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.part")
    try:
        pdf.output(str(tmp))
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return ExportResult(str(target), "pdf", len(docs), total, pages=pdf.page_no(),
                        footnotes=w.footnotes_total)
