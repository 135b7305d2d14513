"""Hostile import files: each is refused with one line naming it, quickly, and never stops the good files.

The kinds (29 refused, 3 tricky-but-valid) live in tests/support/hostile.py: zip bombs (1 GB document.xml,
overlapping members), too many members, truncated/corrupt/malformed .docx, XML entity and depth bombs, huge
and sparse files, binary data, NUL bytes, broken BOMs, lying charsets, folders, pipes, symlink loops, …
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.app.batch import BatchOptions, run_batch
from reader.cli import main
from reader.core.importers import DocumentError, read_document
from reader.store.models import Article
from tests.support.hostile import GOOD, HOSTILE, TRICKY, build_good, build_hostile


def _names(path: Path) -> tuple[str, str]:
    return path.name, str(path)


@pytest.mark.parametrize(("kind", "item"), HOSTILE, ids=[k for k, _ in HOSTILE])
def test_hostile_file_is_refused_with_one_line_naming_it(tmp_path: Path, kind: str, item: tuple) -> None:
    _name, build = item
    path = build(tmp_path)
    with pytest.raises(DocumentError) as info:
        read_document(path)
    message = str(info.value)
    assert "\n" not in message and len(message) < 300, message
    assert any(n in message for n in _names(path)), message
    assert "Error" not in message.split(":")[0], message  # a sentence, not an exception name


@pytest.mark.parametrize(("kind", "item", "expected"), TRICKY, ids=[k for k, _, _ in TRICKY])
def test_lying_but_valid_file_is_read_correctly(tmp_path: Path, kind: str, item: tuple, expected: str) -> None:
    _name, build = item
    assert expected in read_document(build(tmp_path)).text


def test_cli_import_goes_on_past_every_hostile_file(tarjoman_home: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    hostile = build_hostile(tmp_path / "bad")
    good = build_good(tmp_path / "good")
    # the bomb first, as in the report: `tarjoman import bomb.docx good1.txt good2.txt`
    args = ["import", str(hostile[0][1]), *(str(p) for p in good), *(str(p) for _, p in hostile[1:])]
    from reader.store import close_db

    close_db()  # as a fresh process: no library left open by an earlier test
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert len(out.strip().splitlines()) == len(GOOD), (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == len(HOSTILE), err
    for (_kind, path), line in zip(hostile, lines, strict=True):
        assert line.startswith(f"tarjoman: {path}: ") or line.startswith(f"tarjoman: {path.name}"), line
        assert "unexpected error" not in line and "Traceback" not in line
    from reader.store import init_db

    init_db(tarjoman_home / "library.sqlite3")
    try:
        assert Article.select().count() == len(GOOD)
    finally:
        close_db()


def test_batch_import_reports_each_hostile_file_and_imports_the_good(library, tmp_path: Path) -> None:
    hostile = [p for _, p in build_hostile(tmp_path / "bad") if p.is_file() and p.suffix in (".txt", ".docx",
                                                                                               ".html")]
    good = build_good(tmp_path / "good")
    report = run_batch([*hostile, *good], BatchOptions(translate=False))
    assert report.count("imported") == len(good)
    assert {o.path for o in report.failed} == {str(p) for p in hostile}
    for o in report.failed:
        assert "\n" not in o.message and Path(o.path).name in o.message, o.message
    assert Article.select().count() == len(good)


def test_deeply_nested_annotations_file_is_one_sentence(tarjoman_home: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000)
    from reader.store import close_db

    close_db()
    assert main(["annotations", "import", str(deep)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"tarjoman: {deep} nests 200,000 levels deep (the limit is 64); it is not a file Tarjoman wrote"
