"""Glossary CSV and TBX-lite files round-trip, and bad files get one clear sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.glossary import Term
from reader.core.glossary.files import (
    GlossaryFileError,
    read_csv,
    read_file,
    read_tbx,
    write_csv,
    write_file,
    write_tbx,
)

TERMS = [Term("کیم جونگ اون", "Kim Jong Un", "fa", "North Korean leader"),
         Term("الأمم المتحدة", "United Nations", "ar"),
         Term("سپاه پاسداران", "IRGC, the Guards", "fa")]


@pytest.mark.parametrize("suffix", [".csv", ".tbx"])
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"glossary{suffix}"
    write_file(path, TERMS)
    got = read_file(path)
    assert got.skipped == [] and got.terms == TERMS


def test_tbx_is_tbx_basic_with_language_sections() -> None:
    text = write_tbx(TERMS[:1])
    assert 'type="TBX-Basic"' in text and 'xml:lang="fa"' in text and "<term>Kim Jong Un</term>" in text


def test_csv_without_language_column_takes_the_given_language_and_reports_bad_rows() -> None:
    data = "کیم جونگ اون;Kim Jong Un\nپوتین;\n\n# comment\nبغداد;Baghdad;ku\n"
    got = read_csv(data, language="fa", name="terms.csv")
    assert got.terms == [Term("کیم جونگ اون", "Kim Jong Un", "fa")]
    assert got.skipped == ["Line 2 of terms.csv needs a source term and its English.",
                           "Line 5 of terms.csv has no language fa or ar (it says 'ku')."]
    assert read_csv(write_csv(TERMS)).terms == TERMS  # header row recognised
    assert read_csv("\ufeffsource,english,language\nبوتين,Putin,ar-SA\n".encode()).terms == [
        Term("بوتين", "Putin", "ar")]


def test_older_martif_tbx_and_synonyms() -> None:
    data = """<?xml version="1.0"?><martif type="TBX"><text><body>
      <termEntry id="t1"><descrip type="definition">city</descrip>
        <langSet xml:lang="fa-IR"><tig><term>پیونگ‌یانگ</term></tig><tig><term>پیونگیانگ</term></tig></langSet>
        <langSet xml:lang="en-US"><tig><term>Pyongyang</term></tig></langSet></termEntry>
      <termEntry id="t2"><langSet xml:lang="en"><tig><term>Orphan</term></tig></langSet></termEntry>
    </body></text></martif>"""
    got = read_tbx(data, "old.tbx")
    assert got.terms == [Term("پیونگ‌یانگ", "Pyongyang", "fa", "city"), Term("پیونگیانگ", "Pyongyang", "fa", "city")]
    assert got.skipped == ["Entry t2 of old.tbx needs an English term and a Persian or Arabic one."]


def test_unreadable_files_say_why(tmp_path: Path) -> None:
    with pytest.raises(GlossaryFileError, match="not a well-formed TBX"):
        read_tbx(b"<tbx><text>", "broken.tbx")
    with pytest.raises(GlossaryFileError, match="not TBX"):
        read_tbx(b"<html/>", "page.tbx")
    with pytest.raises(GlossaryFileError, match="use a .csv or a .tbx"):
        read_file(tmp_path / "terms.pdf")
    bad = tmp_path / "terms.csv"
    bad.write_bytes(b"\xff\xfe\x00\xd8\x00")
    with pytest.raises(GlossaryFileError):
        read_file(bad)
    with pytest.raises(GlossaryFileError, match="Cannot read"):
        read_file(tmp_path / "missing.csv")
