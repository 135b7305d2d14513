"""`tarjoman import / normalize / segment` through reader.cli.main."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from reader.cli import main

Z = "\u200c"
FA = "گزارش بازار\n\nفروشندهها میگویند قیمتها بالاتر رفتهاند. خریداران کمتر شدهاند.\n\nبازار شلوغ است.\n"


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def _article_counts(home: Path) -> tuple[int, int]:
    import sqlite3

    con = sqlite3.connect(home / "library.sqlite3")
    try:
        return (
            con.execute("SELECT count(*) FROM article").fetchone()[0],
            con.execute("SELECT count(*) FROM sentence").fetchone()[0],
        )
    finally:
        con.close()


@pytest.fixture
def closed_db():
    """Make sure each CLI run opens the library of its own TARJOMAN_HOME, and close it afterwards."""
    from reader.store import close_db

    close_db()
    yield
    close_db()


def test_import_good_and_bad(tarjoman_home: Path, closed_db, tmp_path: Path, capsys) -> None:
    good = tmp_path / "good.txt"
    good.write_text(FA, encoding="utf-8")
    cp1256 = tmp_path / "ar.txt"
    cp1256.write_bytes("الطقس بارد اليوم في العاصمة. وقد يتساقط الثلج.\n".encode("windows-1256"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("الطقس حار في الجنوب. والناس في البيوت.\n".encode("utf-16"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    latin = tmp_path / "latin.txt"
    latin.write_text("Nothing but English.\n", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\xff\x00\x10" * 100)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(b"%PDF-1.4")

    files = [good, empty, cp1256, latin, binary, huge, pdf, utf16, tmp_path / "missing.txt"]
    rc = main(["import", *map(str, files)])
    out, err = capsys.readouterr()
    assert rc == 1
    lines = out.strip().split("\n")
    assert len(lines) == 3
    fields = [line.split("\t") for line in lines]
    assert [f[1] for f in fields] == ["fa", "ar", "ar"]
    assert fields[0][2] == "3 sentences"
    assert fields[0][3] == "گزارش بازار"
    errors = err.strip().split("\n")
    assert len(errors) == 6
    for bad, msg in zip([empty, latin, binary, huge, pdf, tmp_path / "missing.txt"], errors, strict=True):
        assert msg.startswith(f"tarjoman: {bad}: ")
        assert "Traceback" not in msg
    assert "50.0 MB" in errors[3] and "20.0 MB" in errors[3]
    assert _article_counts(tarjoman_home) == (3, 3 + 2 + 2)


def test_import_all_good_exits_zero(tarjoman_home: Path, closed_db, seeds: list[Path], capsys) -> None:
    rc = main(["import", str(seeds[0]), "--lang", "fa"])
    out, err = capsys.readouterr()
    assert rc == 0 and err == ""
    assert out.split("\t")[1] == "fa"


def test_import_only_bad_writes_nothing(tarjoman_home: Path, closed_db, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("Only English words.\n", encoding="utf-8")
    assert main(["import", str(bad)]) == 1
    _out, err = capsys.readouterr()
    assert "no Persian or Arabic text found" in err
    assert _article_counts(tarjoman_home) == (0, 0)


def test_normalize_keeps_lines(tarjoman_home: Path, tmp_path: Path, capsys) -> None:
    src = tmp_path / "in.txt"
    src.write_text("کتابها را آوردند\n\nمیگویند نزدیکتر است\n", encoding="utf-8")
    assert main(["normalize", str(src)]) == 0
    out = capsys.readouterr().out
    assert out == f"کتاب{Z}ها را آوردند\n\nمی{Z}گویند نزدیک{Z}تر است\n"


def test_normalize_stdin_and_lang(tarjoman_home: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    _stdin(monkeypatch, "العَرَبِيّــة جميلة\nسطر ثانٍ\n".encode())
    assert main(["normalize", "-", "--lang", "ar"]) == 0
    assert capsys.readouterr().out == "العربية جميلة\nسطر ثان\n"


def test_normalize_errors(tarjoman_home: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    _stdin(monkeypatch, b"English text only\n")
    assert main(["normalize"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tarjoman: no Persian or Arabic text found")
    _stdin(monkeypatch, b"")
    assert main(["normalize"]) == 1
    assert "empty" in capsys.readouterr().err
    assert main(["normalize", "/nonexistent/file.txt"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_segment(tarjoman_home: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    _stdin(monkeypatch, FA.encode())
    assert main(["segment"]) == 0
    out = capsys.readouterr().out
    assert out == (
        "گزارش بازار\n\n"
        f"فروشنده{Z}ها می{Z}گویند قیمت{Z}ها بالاتر رفته{Z}اند.\nخریداران کمتر شده{Z}اند.\n\n"
        "بازار شلوغ است.\n"
    )


def test_segment_seed_002(tarjoman_home: Path, seeds: list[Path], capsys) -> None:
    seed = next(p for p in seeds if p.name.startswith("002"))
    assert main(["segment", str(seed)]) == 0
    out = capsys.readouterr().out
    assert "اظهار أخبار متعلقة" not in out
    paragraphs = out.strip().split("\n\n")
    assert len(paragraphs) > 10
    assert "فلاديمير بوتين ويناقشا" in paragraphs[0]
