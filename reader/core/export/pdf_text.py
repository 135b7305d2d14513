"""Bidirectional typesetting on top of fpdf2: line breaking, run ordering, span geometry, drawing.

fpdf2 shapes text with HarfBuzz but its own line renderer reorders bidi fragments in a simplified way and
gives no glyph geometry. Here each paragraph is broken into lines by measuring HarfBuzz-shaped words, each
line is split into directional runs by the Unicode Bidirectional Algorithm (fpdf2's implementation, levels +
rule L2 applied here), runs are drawn one by one at positions we compute, with one font per run (Arabic
script → the language's Arabic font; anything else → the Latin font; a character neither has — emoji,
dingbats, arrows — → the first fallback font that has it, so nothing is dropped), so:

* Arabic letters join (a run is shaped as a whole), text runs right to left, numbers and Latin words inside
  RTL text sit where a native reader expects them;
* highlight and underline boxes for any character range come from the same shaping, so they line up with
  the glyphs exactly (inline colour changes inside a word would break joining; boxes do not);
* runs are written to the page in logical order (each at its visual place) and cut at characters that do
  not join, so that text extraction gives logical text both in bidi-aware tools (poppler's pdftotext, which
  orders by position) and in naive ones (pypdf, which reads stream order and flips what it sees as
  right-to-left). ``/ActualText`` spans were tried and dropped: poppler then reverses the lines.

Only this module and reader.core.export.pdf import fpdf; both are imported lazily by the export jobs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from fpdf import FPDF
from fpdf.bidi import BidiParagraph
from fpdf.enums import TextDirection

from reader.core.export.bidi import extraction_chunks, glyph_starts, visual_runs
from reader.core.export.pdf_glyphs import shaped_glyphs, write_glyphs
from reader.core.export.spans import BIDI_CONTROLS, hex_to_rgb

_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_TOKEN = re.compile(r"\S+")


def _attaches(ch: str) -> bool:
    """Characters that belong to the character before them (emoji sequences, joiners, bidi marks)."""
    cp = ord(ch)
    return (cp in (0x200C, 0x200D, 0x200E, 0x200F, 0x20E3) or 0xFE00 <= cp <= 0xFE0F
            or 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F)


@dataclass(frozen=True)
class Run:
    """A directional run of one line: ``text[start:end]``, drawn left to right at its place in the line."""

    start: int
    end: int
    rtl: bool
    family: str
    width: float


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    runs: tuple[Run, ...]  # visual order, left to right
    width: float
    has_rtl: bool


@dataclass(frozen=True)
class Block:
    """A typeset paragraph."""

    text: str
    rtl: bool
    size: float  # pt
    style: str
    line_height: float  # mm
    lines: tuple[Line, ...]

    @property
    def height(self) -> float:
        return self.line_height * len(self.lines)


@dataclass
class Decor:
    """A decoration of ``text[start:end]``: a background box, an underline, or a superscript marker."""

    kind: str  # "bg" | "underline" | "marker"
    start: int
    end: int
    color: str
    label: str = ""  # marker text


@dataclass
class FontPair:
    """The two families a document uses, registered on the FPDF object (styles "" and "B")."""

    arabic: str
    latin: str
    language: str  # "fa" | "ar": OpenType language of Arabic-script runs
    line_factor: dict[str, float] = field(default_factory=dict)  # family -> line height / font size
    fallbacks: tuple[str, ...] = ()  # emoji/symbol families, tried in order for characters the two lack
    fallback_files: dict[str, str] = field(default_factory=dict)  # family -> font file, registered on first use


class Typesetter:
    """Measures, breaks and draws bidirectional paragraphs on one FPDF document."""

    def __init__(self, pdf: FPDF, fonts: FontPair) -> None:
        self.pdf = pdf
        self.fonts = fonts
        self._shape_cache: dict[tuple[Any, ...], tuple[list[int], list[float]]] = {}
        self._cmaps: dict[str, set[int]] = {}

    # ---- fonts and shaping -------------------------------------------------------------------------
    def _font(self, family: str, style: str) -> Any:
        key = family.lower() + style
        if key not in self.pdf.fonts and family in self.fonts.fallback_files:  # parsing a font costs ~0.1 s
            path = self.fonts.fallback_files[family]
            self.pdf.add_font(family, "", path)
            self.pdf.add_font(family, "B", path)
        return self.pdf.fonts[key]

    def _cmap(self, family: str) -> set[int]:
        if family not in self._cmaps:
            font = self._font(family, "")
            self._cmaps[family] = set(font.ttfont.getBestCmap().keys())
        return self._cmaps[family]

    def family_for(self, text: str) -> str:
        """Arabic-script text gets the Arabic font; anything else the Latin one (if it covers the text), else
        the first font (fallbacks included) that covers all of it."""
        first = self.fonts.arabic if _ARABIC_SCRIPT.search(text) else self.fonts.latin
        other = self.fonts.latin if first == self.fonts.arabic else self.fonts.arabic
        needed = {ord(c) for c in text if not c.isspace() and not _attaches(c)}
        if needed <= self._cmap(first):
            return first
        for fam in (other, *self.fonts.fallbacks):
            if needed <= self._cmap(fam):
                return fam
        return first

    def _fallback_for(self, ch: str, base: str) -> str:
        """The family to draw *ch* with when *base* lacks it (the other script font, then the fallbacks)."""
        other = self.fonts.latin if base == self.fonts.arabic else self.fonts.arabic
        for fam in (other, *self.fonts.fallbacks):
            if ord(ch) in self._cmap(fam):
                return fam
        return base

    def _params(self, text: str, rtl: bool) -> dict[str, Any]:
        arabic = bool(_ARABIC_SCRIPT.search(text))
        return {
            "use_shaping_engine": True,
            "features": {},
            "direction": TextDirection.RTL if rtl else TextDirection.LTR,
            "fragment_direction": TextDirection.RTL if rtl else TextDirection.LTR,
            "paragraph_direction": TextDirection.RTL if rtl else TextDirection.LTR,
            "script": "arab" if arabic else None,
            "language": self.fonts.language if arabic else None,
        }

    def shape(self, text: str, family: str, style: str, size: float, rtl: bool) -> tuple[list[int], list[float]]:
        """(cluster of each glyph, advance of each glyph in mm), glyphs in visual order."""
        key = (text, family, style, size, rtl)
        hit = self._shape_cache.get(key)
        if hit is not None:
            return hit
        font = self._font(family, style)
        infos, positions = font.perform_harfbuzz_shaping(text, size, self._params(text, rtl))
        factor = font.scale * size / 1000 / self.pdf.k
        result = ([int(i.cluster) for i in infos], [p.x_advance * factor for p in positions])
        if len(self._shape_cache) > 50_000:
            self._shape_cache.clear()
        self._shape_cache[key] = result
        return result

    def width(self, text: str, style: str, size: float, rtl: bool, family: str | None = None) -> float:
        if not text:
            return 0.0
        fam = family or self.family_for(text)
        return sum(self.shape(text, fam, style, size, rtl)[1])

    def line_height(self, text: str, size: float) -> float:
        size_mm = size / self.pdf.k
        fams = {self.fonts.latin}
        if _ARABIC_SCRIPT.search(text):
            fams.add(self.fonts.arabic)
        return size_mm * max(self.fonts.line_factor.get(f, 1.7) for f in fams)

    # ---- bidi ----------------------------------------------------------------------------------
    def _levels(self, text: str, rtl: bool) -> list[int]:
        """Resolved embedding levels of a whole paragraph (rules up to I2; L1 is applied per line)."""
        base = 1 if rtl else 0
        try:
            chars = BidiParagraph(
                text=text, base_direction=TextDirection.RTL if rtl else TextDirection.LTR, preserve_bn_chars=True
            ).get_characters()
        except Exception:  # a bidi failure must not lose text: fall back to one run
            return [base] * len(text)
        if len(chars) != len(text) or any(c.character_index != i for i, c in enumerate(chars)):
            return [base] * len(text)
        return [c.embedding_level for c in chars]

    def _runs(self, text: str, start: int, end: int, rtl: bool, style: str, size: float,
              levels: list[int] | None = None) -> tuple[Run, ...]:
        """Directional runs of the line ``text[start:end]`` in visual order (UBA rules L1 and L2, levels
        resolved on the whole paragraph so that context across line breaks counts)."""
        seg = text[start:end]
        if not seg:
            return ()
        levels = list(levels[start:end]) if levels is not None else self._levels(seg, rtl)
        base = 1 if rtl else 0
        for i in range(len(seg) - 1, -1, -1):  # L1: whitespace and isolates at the end of the line
            if seg[i].isspace() or seg[i] in "\u2066\u2067\u2068\u2069\u200b":
                levels[i] = base
            else:
                break
        order = visual_runs(levels)
        runs: list[Run] = []
        for s, e, lv in order:
            rtl_run = bool(lv % 2)
            subs = [
                Run(start + a, start + b, rtl_run, fam, self.width(seg[a:b], style, size, rtl_run, fam))
                for a, b, fam in self._font_runs(seg, s, e)
            ]
            runs.extend(reversed(subs) if rtl_run else subs)
        return tuple(runs)

    def _font_runs(self, seg: str, s: int, e: int) -> list[tuple[int, int, str]]:
        """Split ``seg[s:e]`` where the font must change (a character the run's font lacks)."""
        piece = seg[s:e]
        base = self.fonts.arabic if _ARABIC_SCRIPT.search(piece) else self.fonts.latin
        cmap = self._cmap(base)
        if all(ord(c) in cmap or c.isspace() or c in "\u200c\u200d\u200e\u200f" for c in piece):
            return [(s, e, base)]
        out: list[tuple[int, int, str]] = []
        for i, ch in enumerate(piece):
            if ord(ch) in cmap or ch.isspace():
                fam = base
            elif _attaches(ch) and out:  # ZWJ, variation selectors, skin tones, keycaps: stay with their emoji
                fam = out[-1][2]
            else:
                fam = self._fallback_for(ch, base)
            if out and out[-1][2] == fam:
                out[-1] = (out[-1][0], s + i + 1, fam)
            else:
                out.append((s + i, s + i + 1, fam))
        return out

    # ---- layout ----------------------------------------------------------------------------------
    def layout(self, text: str, width: float, size: float, style: str = "", rtl: bool | None = None) -> Block:
        """Break *text* into lines no wider than *width* (mm)."""
        from reader.core.export.spans import first_strong_rtl

        if rtl is None:
            rtl = bool(first_strong_rtl(text))
        text = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
        lh = self.line_height(text, size)
        levels = self._levels(text, rtl)
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        tokens = self._split_long(text, tokens, width, style, size, rtl)
        space = self.width(" ", style, size, rtl, self.fonts.latin)
        lines: list[Line] = []
        i = 0
        while i < len(tokens):
            j = i
            approx = self._token_width(text, tokens[i], style, size, rtl)
            while j + 1 < len(tokens):
                gap = (tokens[j + 1][0] - tokens[j][1]) * space
                w = self._token_width(text, tokens[j + 1], style, size, rtl)
                if approx + gap + w > width:
                    break
                approx += gap + w
                j += 1
            # The estimate ignores shaping across tokens and font choice per run: verify, step back if needed.
            while True:
                runs = self._runs(text, tokens[i][0], tokens[j][1], rtl, style, size, levels)
                real = sum(r.width for r in runs)
                if real <= width + 0.01 or j == i:
                    break
                j -= 1
            has_rtl = any(r.rtl for r in runs) or bool(_ARABIC_SCRIPT.search(text[tokens[i][0]:tokens[j][1]]))
            lines.append(Line(tokens[i][0], tokens[j][1], runs, real, has_rtl))
            i = j + 1
        return Block(text, rtl, size, style, lh, tuple(lines))

    def _token_width(self, text: str, tok: tuple[int, int], style: str, size: float, rtl: bool) -> float:  # noqa: ARG002
        piece = text[tok[0]:tok[1]]
        return self.width(piece, style, size, bool(_ARABIC_SCRIPT.search(piece)))

    def _split_long(
        self, text: str, tokens: list[tuple[int, int]], width: float, style: str, size: float, rtl: bool
    ) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for s, e in tokens:
            if self._token_width(text, (s, e), style, size, rtl) <= width:
                out.append((s, e))
                continue
            start = s
            while start < e:  # longest prefix that fits (at least one character)
                lo, hi = start + 1, e
                while lo < hi:
                    mid = (lo + hi + 1) // 2
                    if self._token_width(text, (start, mid), style, size, rtl) <= width:
                        lo = mid
                    else:
                        hi = mid - 1
                out.append((start, lo))
                start = lo
        return out

    # ---- geometry ----------------------------------------------------------------------------------
    def line_x(self, block: Block, line: Line, x: float, width: float) -> float:
        return x + width - line.width if block.rtl else x

    def boxes(self, block: Block, line: Line, start: int, end: int) -> list[tuple[float, float]]:
        """Horizontal extents (relative to the line's left edge) of ``text[start:end]`` on *line*."""
        if end <= line.start or start >= line.end:
            return []
        out: list[tuple[float, float]] = []
        x = 0.0
        for run in line.runs:
            if end > run.start and start < run.end:
                piece = block.text[run.start:run.end]
                clusters, advances = self.shape(piece, run.family, block.style, block.size, run.rtl)
                gx = x
                for cl, adv in zip(clusters, advances, strict=False):
                    pos = run.start + cl
                    if start <= pos < end and adv > 0:
                        if out and abs(out[-1][1] - gx) < 0.01:
                            out[-1] = (out[-1][0], gx + adv)
                        else:
                            out.append((gx, gx + adv))
                    gx += adv
            x += run.width
        return out

    # ---- drawing ----------------------------------------------------------------------------------
    def draw(
        self,
        block: Block,
        x: float,
        y: float,
        width: float,
        decor: list[Decor] | None = None,
        first: int = 0,
        last: int | None = None,
        color: str = "#000000",
    ) -> float:
        """Draw lines ``first:last`` of *block* with its top-left at (x, y); returns the y below them."""
        pdf = self.pdf
        lines = block.lines[first:last]
        decor = decor or []
        for li, line in enumerate(lines):
            top = y + li * block.line_height
            lx = self.line_x(block, line, x, width)
            for d in decor:
                if d.kind == "bg":
                    for x0, x1 in self.boxes(block, line, d.start, d.end):
                        pdf.set_fill_color(*hex_to_rgb(d.color))
                        pdf.rect(lx + x0, top + block.line_height * 0.06, x1 - x0, block.line_height * 0.9,
                                 style="F")
            self._draw_line(block, line, lx, color, top)
            for d in decor:
                if d.kind == "underline":
                    for x0, x1 in self.boxes(block, line, d.start, d.end):
                        pdf.set_fill_color(*hex_to_rgb(d.color))
                        pdf.rect(lx + x0, top + block.line_height * 0.9, x1 - x0, 0.35, style="F")
        # Markers last, so that text extraction reads each paragraph's lines without interruption.
        for li, line in enumerate(lines):
            top = y + li * block.line_height
            lx = self.line_x(block, line, x, width)
            for d in decor:
                if d.kind == "marker" and line.start < d.end <= line.end:
                    self._marker(block, line, lx, top, d)
        return y + len(lines) * block.line_height

    def _baseline(self, block: Block, top: float) -> float:
        size_mm = block.size / self.pdf.k
        return top + block.line_height / 2 + 0.32 * size_mm

    def _draw_line(self, block: Block, line: Line, lx: float, color: str, top: float) -> None:
        """Draw the runs of *line* at their visual places, in logical order, chunked for extraction."""
        baseline = self._baseline(block, top)
        xs = []
        rx = lx
        for run in line.runs:
            xs.append(rx)
            rx += run.width
        for run, run_x in sorted(zip(line.runs, xs, strict=True), key=lambda t: t[0].start):
            piece = block.text[run.start:run.end]
            clusters, advances = self.shape(piece, run.family, block.style, block.size, run.rtl)
            starts = glyph_starts(clusters, advances, len(piece))
            for cs, ce in extraction_chunks(piece, run.rtl):
                if all(c in BIDI_CONTROLS for c in piece[cs:ce]):
                    continue
                x0 = min((starts[i] for i in range(cs, ce) if starts[i] is not None), default=None)
                if x0 is not None:
                    self.emit(piece[cs:ce], run.family, block.style, block.size, run.rtl, run_x + x0, baseline, color)

    def emit(self, text: str, family: str, style: str, size: float, rtl: bool, x: float, baseline: float,
             color: str) -> None:
        """Write HarfBuzz-shaped *text* as one text object, its first glyph's left edge at *x* (mm)."""
        font = self._font(family, style)
        infos = shaped_glyphs(font, text, size, self._params(text, rtl))
        write_glyphs(self.pdf, font, infos, size, x, baseline, hex_to_rgb(color))

    def _marker(self, block: Block, line: Line, lx: float, top: float, d: Decor) -> None:
        """A small superscript label just after the logical end of ``text[start:end]``."""
        boxes = self.boxes(block, line, d.end - 1, d.end)
        if not boxes:
            boxes = self.boxes(block, line, max(line.start, d.start), d.end)
            if not boxes:
                return
        run = next((r for r in line.runs if r.start < d.end <= r.end), line.runs[0])
        size = max(5.5, block.size * 0.55)
        w = self.width(d.label, "B", size, False, self.fonts.latin)
        x = lx + (boxes[0][0] - w - 0.15 if run.rtl else boxes[-1][1] + 0.15)
        self.emit(d.label, self.fonts.latin, "B", size, False, x, top + size / self.pdf.k * 1.05, d.color)
