"""The translated headline is in every export format, under the source title."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reader.core.export import ExportOptions, export_documents
from tests.support.export_data import norm, pdf_text, sample_document

HEADLINE = "Kim Jong Un travels to Beijing"


@pytest.mark.parametrize("fmt", ["pdf", "html", "md"])
def test_english_headline_follows_the_title(tmp_path: Path, fmt: str) -> None:
    doc = replace(sample_document("fa", rows=2), title_en=HEADLINE)
    out = tmp_path / f"a.{fmt}"
    export_documents([doc], out, fmt, ExportOptions())
    text = norm(" ".join(pdf_text(out))) if fmt == "pdf" else out.read_text(encoding="utf-8")
    headline, title = (norm(HEADLINE), norm(doc.title)) if fmt == "pdf" else (HEADLINE, doc.title)
    assert headline in text and text.index(headline) > text.index(title)
