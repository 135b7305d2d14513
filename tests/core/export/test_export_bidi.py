"""The PDF typesetter: bidi run order, shaping (joining), line breaking, span geometry, extraction chunks."""

from __future__ import annotations

import pytest

from reader.core.export.bidi import extraction_chunks, glyph_starts, visual_runs
from reader.core.export.model import ExportOptions


@pytest.fixture(scope="module")
def writer():
    from reader.core.export.pdf import PdfWriter

    w = PdfWriter(ExportOptions())
    w.pdf.add_page()
    return w


def test_visual_runs_follow_rule_l2() -> None:
    # RTL paragraph: R R EN EN R  -> the number stays left-to-right in the middle, runs reversed around it.
    assert visual_runs([1, 1, 2, 2, 1]) == [(4, 5, 1), (2, 4, 2), (0, 2, 1)]
    # LTR paragraph with an RTL stretch holding a number: 0 0 1 2 1 0
    assert visual_runs([0, 0, 1, 2, 1, 0]) == [(0, 2, 0), (4, 5, 1), (3, 4, 2), (2, 3, 1), (5, 6, 0)]
    assert visual_runs([]) == []


def test_extraction_chunks_split_only_where_naive_readers_need_it() -> None:
    rtl = "سلام دنیا. "
    # The trailing neutrals of an RTL run go one by one after it; the words stay one piece.
    assert extraction_chunks(rtl, True) == [(0, 9), (9, 10), (10, 11)]
    # Persian digits look neutral to pypdf: one character per piece (never reversed).
    assert extraction_chunks("۱۴۰۲", False) == [(0, 1), (1, 2), (2, 3), (3, 4)]
    assert extraction_chunks("NATO", False) == [(0, 4)]
    # Guillemets are not neutral for pypdf; they get their own pieces.
    assert extraction_chunks("«کیم»", True) == [(0, 1), (1, 4), (4, 5)]
    # Bidi controls are pieces of their own (the writer skips drawing them).
    assert extraction_chunks("\u2068ab\u2069", False) == [(0, 1), (1, 3), (3, 4)]


def test_glyph_starts_cover_every_character() -> None:
    # An RTL run of 3 glyphs in visual order (clusters 2,1,0) where char 3 is merged into cluster 2.
    starts = glyph_starts([2, 1, 0], [1.0, 2.0, 3.0], 4)
    assert starts == [3.0, 1.0, 0.0, 0.0]


def test_arabic_letters_join(writer) -> None:
    ts = writer.setter("ar")
    font = ts.fonts.arabic
    word = "بوتين"
    joined = writer.pdf.fonts[font].perform_harfbuzz_shaping(word, 11, ts._params(word, True))[0]
    alone = [writer.pdf.fonts[font].perform_harfbuzz_shaping(c, 11, ts._params(c, True))[0][0].codepoint
             for c in word]
    # Contextual forms: the glyphs inside the word are not the isolated letters.
    assert sorted(g.codepoint for g in joined) != sorted(alone)
    # and a run is shaped right to left: the first letter's glyph comes last, at the right.
    assert [g.cluster for g in joined] == [4, 3, 2, 1, 0]


def test_lines_fit_and_keep_all_words(writer) -> None:
    ts = writer.setter("fa")
    text = ("شورای شهر اصفهان روز دوشنبه ۱۲ آذر ۱۴۰۲ طرح توسعهٔ خط دوم متروی شهر را تصویب کرد و "
            "سازمان ملل متحد (UN) نیز گزارش داد.")
    block = ts.layout(text, 60, 11, rtl=True)
    assert len(block.lines) >= 2
    assert all(line.width <= 60.01 for line in block.lines)
    words = [w for line in block.lines for w in text[line.start:line.end].split()]
    assert words == text.split()


def test_numbers_and_latin_sit_inside_rtl_lines_in_visual_order(writer) -> None:
    ts = writer.setter("fa")
    text = "سال ۱۴۰۲ و NATO"
    line = ts.layout(text, 200, 11, rtl=True).lines[0]
    visual = [text[r.start:r.end] for r in line.runs]
    # Left to right on the page: "NATO" (last word, leftmost), " و ", "۱۴۰۲", "سال " (first word, rightmost).
    assert visual[0] == "NATO" and visual[-1].strip() == "سال" and "۱۴۰۲" in visual
    assert [r.rtl for r in line.runs][visual.index("۱۴۰۲")] is False


def test_span_boxes_land_on_the_right_glyphs(writer) -> None:
    ts = writer.setter("fa")
    text = "اول دوم سوم"
    block = ts.layout(text, 200, 11, rtl=True)
    line = block.lines[0]
    first = ts.boxes(block, line, 0, 3)  # "اول", the first word: rightmost in RTL
    last = ts.boxes(block, line, 8, 11)  # "سوم": leftmost
    assert len(first) == 1 and len(last) == 1
    assert last[0][1] <= first[0][0]
    assert abs(first[0][1] - line.width) < 0.01  # the first word ends at the line's right edge
    assert abs(last[0][0]) < 0.01
    whole = ts.boxes(block, line, 0, len(text))
    assert len(whole) == 1 and abs(whole[0][1] - whole[0][0] - line.width) < 0.01
