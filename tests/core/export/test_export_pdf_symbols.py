"""Emoji and symbols survive the PDF export: drawn with the bundled fallback fonts, extractable as text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from reader.core.export import ExportOptions, export_documents
from reader.core.export.model import ExportDocument, ExportRow
from tests.support.export_data import norm, pdf_text

FA_EMOJI = "قیمت نان ۱۰٪ گران شد 😟 و مردم در صف ایستادند 🍞✅"
AR_SYMBOLS = "فاز الفريق ⚽ بالمباراة ★★★ ويتأهل ← إلى النهائي ❤️ 🇶🇦"
EN_SYMBOLS = "Bread prices rose 10% 😟 → people queued 🍞 ✔ ★ ☎ 137"
ALL_SYMBOLS = ["😟", "🍞", "✅", "⚽", "★", "←", "❤", "✔", "☎", "→", "🇶🇦"]


def _doc(lang: str, source: str) -> ExportDocument:
    return ExportDocument(title="نماد و شکلک 📰" if lang == "fa" else "رموز ⚽", language=lang,
                          rows=(ExportRow(0, 0, source, EN_SYMBOLS),))


def _fonts(path: Path) -> set[str]:
    out = set()
    for page in pypdf.PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            out.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return out


@pytest.mark.parametrize("layout", ["columns", "interleaved"])
def test_emoji_and_symbols_are_in_the_pdf_text(tmp_path: Path, layout: str) -> None:
    out = tmp_path / "symbols.pdf"
    export_documents([_doc("fa", FA_EMOJI), _doc("ar", AR_SYMBOLS)], out, options=ExportOptions(layout=layout))
    text = norm("".join(pdf_text(out)))
    for sym in ALL_SYMBOLS:
        assert norm(sym) in text, sym
    for sentence in (FA_EMOJI, AR_SYMBOLS, EN_SYMBOLS):  # the words around them stay in logical order
        for word in sentence.split():
            assert norm(word) in text, word
    fonts = _fonts(out)
    assert any(f.startswith("NotoEmoji") for f in fonts), fonts
    assert any(f.startswith("NotoSansSymbols") for f in fonts), fonts


def test_every_symbol_has_a_glyph_in_some_embedded_font(tmp_path: Path) -> None:
    """No character is left to a font that lacks it (that is what a vanished glyph / empty box means)."""
    from fontTools.ttLib import TTFont

    from reader import resources
    from reader.core.export.pdf import FALLBACK_FONTS, FONT_FILES

    cmaps = [set(TTFont(str(resources.font(f))).getBestCmap()) for f in FALLBACK_FONTS.values()]
    cmaps += [set(TTFont(str(resources.font(reg))).getBestCmap()) for reg, _b, _f in FONT_FILES.values()]
    for sym in ALL_SYMBOLS + ["📰"]:
        base = [c for c in sym if ord(c) < 0xFE00 or ord(c) > 0xFE0F]
        assert any(all(ord(c) in cm for c in base) for cm in cmaps), sym


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) not installed")
def test_pdftoppm_renders_the_symbol_page(tmp_path: Path) -> None:
    out = tmp_path / "symbols.pdf"
    export_documents([_doc("fa", FA_EMOJI)], out)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
                   check=True, capture_output=True)
    assert list(tmp_path.glob("page*.png"))
