"""Bilingual PDF export: text extracts in logical order, fonts embedded, bookmarks, metadata, notes, pages."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from pathlib import Path

import pypdf
import pytest

from reader.core.export import ExportOptions, export_documents
from reader.core.export.model import ExportDocument, ExportRow
from reader.core.jobs import Cancelled
from tests.support.export_data import column_text, norm, pdf_text, sample_document, sentences


@pytest.mark.parametrize("lang", ["fa", "ar"])
@pytest.mark.parametrize("layout", ["columns", "interleaved"])
def test_source_and_english_extract_in_logical_order(tmp_path: Path, lang: str, layout: str) -> None:
    doc = sample_document(lang)
    out = tmp_path / "a.pdf"
    result = export_documents([doc], out, options=ExportOptions(layout=layout))
    assert result.format == "pdf" and result.rows == 5 and result.pages >= 1
    text = norm("".join(pdf_text(out)))
    src, en = sentences(lang)
    for s in src:
        assert norm(s) in text, s  # digits, Latin words and punctuation in their logical places too
    for e in en:
        assert norm(e) in text, e
    # The reversed string must not be there (a visual-order extraction would give it).
    assert norm(src[0])[::-1] not in text


def test_fonts_are_embedded_and_arabic_uses_naskh(tmp_path: Path) -> None:
    out = tmp_path / "ar.pdf"
    export_documents([sample_document("ar")], out)
    reader = pypdf.PdfReader(str(out))
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in desc, font["/BaseFont"]
            embedded.add(str(font["/BaseFont"]).split("+")[-1])
    assert any(name.startswith("NotoNaskhArabic") for name in embedded), embedded
    assert any(name.startswith("Vazirmatn") for name in embedded), embedded  # English text


def test_bookmarks_metadata_page_numbers_and_notes(tmp_path: Path) -> None:
    fa, ar = sample_document("fa", repeat=4), sample_document("ar")
    out = tmp_path / "two.pdf"
    result = export_documents([fa, ar], out, options=ExportOptions(paragraph_bookmarks=True))
    reader = pypdf.PdfReader(str(out))
    outline = reader.outline
    top = [o for o in outline if not isinstance(o, list)]
    assert [o.title for o in top] == [fa.title, ar.title]
    children = outline[1]
    assert isinstance(children, list) and len(children) == len({r.paragraph for r in fa.rows})
    assert reader.get_destination_page_number(top[1]) > reader.get_destination_page_number(top[0])

    meta = reader.metadata
    assert meta.title == "2 articles — Tarjoman export"
    assert meta.author == "Tarjoman"
    assert "Persian" in meta.subject and "Arabic" in meta.subject
    assert "cost" in meta["/Keywords"]  # annotation tags become keywords
    assert meta.creation_date is not None

    pages = pdf_text(out)
    assert len(pages) == result.pages >= 2
    for i, page in enumerate(pages, 1):
        assert f"{i} / {len(pages)}" in page
    # Notes: numbered footnotes on the page and sticky-note annotations in the margin.
    assert result.footnotes == 2 * 4 + 2
    assert norm("1. «") in norm(pages[0]) and norm("یادداشت آزمایشی") in norm(pages[0])
    annots = [a.get_object() for a in reader.pages[0].get("/Annots", [])]
    texts = [a for a in annots if a["/Subtype"] == "/Text"]
    assert texts and any("یادداشت آزمایشی" in str(a["/Contents"]) for a in texts)


def test_rows_are_not_split_across_pages(tmp_path: Path) -> None:
    doc = sample_document("fa", repeat=12)  # 60 rows, several pages
    out = tmp_path / "long.pdf"
    result = export_documents([doc], out, options=ExportOptions(layout="interleaved"))
    assert result.pages >= 3
    pages = [norm(p) for p in pdf_text(out)]
    for row in doc.rows:
        assert any(norm(row.source) in p and norm(row.translation or "") in p for p in pages), row.index


def test_a_row_taller_than_a_page_is_split_without_losing_text(tmp_path: Path) -> None:
    src, en = sentences("ar")
    huge = " ".join(src * 12)
    doc = ExportDocument("طويل", "ar", rows=(ExportRow(0, 0, huge, " ".join(en * 12)),))
    out = tmp_path / "huge-interleaved.pdf"
    result = export_documents([doc], out, options=ExportOptions(layout="interleaved"))
    assert result.pages >= 2
    pages = pdf_text(out)
    # Drop the running head (the title) and the page number of each page, then read the pages as one.
    body = "".join(norm(p).replace(norm(f"{i} / {len(pages)}"), "").replace("طويل", "")
                   for i, p in enumerate(pages, 1))
    assert norm(huge) in body and norm(doc.rows[0].translation or "") in body
    # Columns: both columns continue side by side on the next pages.
    out = tmp_path / "huge-columns.pdf"
    assert export_documents([doc], out).pages >= 2
    assert norm(huge) in norm(column_text(out, right=True).replace("طويل", ""))
    left = re.sub(r"\d+ / \d+", "", column_text(out, right=False))  # page numbers sit left of the middle
    assert norm(doc.rows[0].translation or "") in norm(left)


def test_untranslated_rows_and_a_sentence_range(tmp_path: Path) -> None:
    src, _ = sentences("fa")
    rows = tuple(ExportRow(i, 0, s, None) for i, s in enumerate(src))
    doc = ExportDocument("بدون ترجمه", "fa", meta={"sentence_range": (1, 5, 9)}, rows=rows)
    out = tmp_path / "u.pdf"
    export_documents([doc], out)
    text = pdf_text(out)[0]
    assert "0 of 5 sentences translated" in text and "Sentences 1–5 of 9" in text
    assert all(norm(s) in norm(text) for s in src)


def test_progress_and_cancel(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    out = tmp_path / "p.pdf"
    export_documents([sample_document("fa")], out, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    cancel = threading.Event()

    def stop_early(done: int, total: int) -> None:
        if done == 2:
            cancel.set()

    target = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        export_documents([sample_document("fa")], target, cancel=cancel, progress=stop_early)
    assert not target.exists() and not list(tmp_path.glob(".*.part"))


def test_empty_export_and_unknown_format_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Nothing to export"):
        export_documents([], tmp_path / "x.pdf")
    with pytest.raises(ValueError, match="Unknown export format"):
        export_documents([sample_document("fa")], tmp_path / "x.docx")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")
def test_page_renders_with_ink_in_both_columns(tmp_path: Path) -> None:
    from PIL import Image

    out = tmp_path / "r.pdf"
    export_documents([sample_document("fa")], out)
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "pg")],
                   check=True, timeout=60)
    img = Image.open(next(tmp_path.glob("pg*.png"))).convert("L")
    w, h = img.size
    body = img.crop((0, int(h * 0.25), w, int(h * 0.6)))
    left = body.crop((0, 0, w // 2, body.height))
    right = body.crop((w // 2, 0, w, body.height))

    def ink(im: Image.Image) -> int:
        return sum(im.histogram()[:128])

    assert ink(left) > 200 and ink(right) > 200  # English column and source column both drawn


def test_vocalised_arabic_and_ligatures_extract_cleanly(tmp_path: Path) -> None:
    # Harakat, shadda, tanween, the Allah ligature (its font adds a glyph that stands for no character),
    # tatweel, and a character the Arabic font lacks (the em dash comes from the Latin font).
    vocalised = "إِنَّ الْحَمْدَ لِلَّهِ نَحْمَدُهُ — كــتــاب جداً وأيضاً"
    persian = "خانهٔ ما اصلاً فوراً آماده است."
    rows = (ExportRow(0, 0, vocalised, "Praise be to God."), ExportRow(1, 0, persian, "Our house is ready."))
    for lang in ("ar", "fa"):
        out = tmp_path / f"v-{lang}.pdf"
        export_documents([ExportDocument("تشكيل", lang, rows=rows)], out)
        text = "".join(pdf_text(out))
        assert norm(vocalised) in norm(text) and norm(persian) in norm(text)
        assert not [c for c in text if ord(c) < 32 and c not in "\n\t"]  # no raw glyph codes
