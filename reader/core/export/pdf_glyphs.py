"""Writing shaped glyphs into an fpdf2 page ourselves (reader.core.export.pdf_text decides where).

fpdf2's ``cell()`` splits vocalised Arabic into one fragment per character (harakat lose their base and the
letters stop joining) and maps glyphs that stand for no character to nothing, so extractors print their raw
codes. Here HarfBuzz's output is placed glyph by glyph; fpdf2 still subsets and embeds the font and writes the
ToUnicode map from what we register.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from fpdf import FPDF

ZWJ = 0x200D


def shaped_glyphs(font: Any, text: str, size: float, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Shape *text* and register its glyphs in the font subset with the characters each one stands for.

    Like fpdf2's TTFFont.shape_text, except that glyphs standing for no character (a superscript alef a font
    adds to the Allah ligature, the second glyph of a decomposed letter) are mapped to ZERO WIDTH JOINER:
    without a ToUnicode entry, extractors print their raw codes as control characters.
    """
    infos, positions = font.perform_harfbuzz_shaping(text, size, params)
    starts = sorted({int(i.cluster) for i in infos})
    owned: dict[int, list[int]] = {}
    if starts:
        for idx in range(len(text)):
            pos = bisect_right(starts, idx) - 1
            owned.setdefault(starts[max(pos, 0)], []).append(idx)
    out = []
    hmtx = font.ttfont["hmtx"].metrics
    for gi, gp in zip(infos, positions, strict=False):
        chars = owned.pop(int(gi.cluster), None)
        unicode = tuple(ord(text[c]) for c in chars) if chars else (ZWJ,)
        name = font.ttfont.getGlyphName(gi.codepoint)
        width = round(font.scale * hmtx[name][0])
        glyph = font.subset.get_glyph(glyph=gi.codepoint, unicode=unicode, glyph_name=name, glyph_width=width)
        out.append({
            "mapped_char": font.subset.pick_glyph(glyph) if glyph is not None else None,
            "x_advance": gp.x_advance, "x_offset": gp.x_offset, "y_offset": gp.y_offset,
            "force_positioning": width != gp.x_advance or gp.y_advance != 0,
        })
    return out


def write_glyphs(pdf: FPDF, font: Any, infos: list[dict[str, Any]], size: float, x: float, baseline: float,
                 rgb: tuple[int, int, int]) -> None:
    """One text object (in q/Q, so fpdf2's own font and colour state is kept) drawing *infos* from *x* (mm)."""
    was_set = pdf.current_font_is_set_on_page
    tf = pdf._set_font_for_page(font, size, wrap_in_text_object=False)  # also lists the font on the page
    pdf.current_font_is_set_on_page = was_set
    k, page_h = pdf.k, pdf.h
    factor = font.scale * size / 1000 / k
    r, g, b = rgb
    ops = [f"q {r / 255:.3f} {g / 255:.3f} {b / 255:.3f} rg BT {tf}"]
    run: list[str] = []
    pen = x
    placed = False

    def flush() -> None:
        if run:
            ops.append(f"({font.escape_text(''.join(run))}) Tj")
            run.clear()

    def move(px: float, py: float) -> None:
        flush()
        ops.append(f"1 0 0 1 {px * k:.2f} {(page_h - py) * k:.2f} Tm")

    for ti in infos:
        dx, dy = ti["x_offset"] * factor, ti["y_offset"] * factor
        if ti["mapped_char"] is not None:
            if dx or dy:
                move(pen + dx, baseline - dy)
                placed = False
            elif not placed:
                move(pen, baseline)
                placed = True
            run.append(chr(ti["mapped_char"]))
            if dx or dy or ti["force_positioning"]:
                placed = False  # the next glyph cannot rely on this one's advance in the font
        pen += ti["x_advance"] * factor
    flush()
    ops.append("ET Q")
    pdf._out(" ".join(ops))
