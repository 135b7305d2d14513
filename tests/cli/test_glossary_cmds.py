"""`tarjoman glossary ...` and `tarjoman translate ID --alternatives N --sentence K`, end to end with a real
(tiny) model."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.store import repo
from tests.support import testmodels

ARTICLE = """سفر کیم جونگ اون به پکن

رهبر کره شمالی، کیم جونگ اون، روز دوشنبه وارد پکن شد. او با رئیس‌جمهور چین دیدار کرد."""


@pytest.fixture(autouse=True)
def _unload() -> object:
    from reader.core.translate.engine import evict

    yield
    evict()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_export_import_remove(library: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "glossary", "add", "کیم جونگ اون", "Kim Jong Un")[1] == "fa\tکیم جونگ اون\tKim Jong Un\n"
    assert run(capsys, "glossary", "add", "الأمم المتحدة", "United Nations", "--note", "UN")[0] == 0
    code, out, _ = run(capsys, "glossary", "list")
    assert out.splitlines() == ["ar\tالأمم المتحدة\tUnited Nations\tUN", "fa\tکیم جونگ اون\tKim Jong Un\t"]
    for name in ("g.csv", "g.tbx"):
        assert run(capsys, "glossary", "export", str(tmp_path / name))[1] == f"2 terms written to {tmp_path / name}\n"
    assert run(capsys, "glossary", "remove", "كيم جونگ‌اون")[0] == 0  # any spelling of the term
    assert run(capsys, "glossary", "list", "--lang", "fa")[1] == ""
    code, out, _ = run(capsys, "glossary", "import", str(tmp_path / "g.tbx"))
    assert out == "1 terms added, 0 updated, 0 skipped\n"  # the Arabic term was there already, unchanged
    assert len(run(capsys, "glossary", "list")[1].splitlines()) == 2


def test_bad_input_gets_one_sentence(library: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "glossary", "add", "بغداد", "Baghdad")  # no letter says which language
    assert code == 1 and "add --lang fa or --lang ar" in err and "Error" not in err
    code, _, err = run(capsys, "glossary", "remove", "بغداد", "--lang", "ar")
    assert code == 1 and "not in the glossary" in err
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx><body>", encoding="utf-8")
    code, _, err = run(capsys, "glossary", "import", str(bad))
    assert code == 1 and "not a well-formed TBX" in err


def test_glossary_apply_and_alternatives_from_the_command_line(library: object, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "models", "install", str(testmodels.build_argos_package(tmp_path, "fa")))[0] == 0
    aid = testmodels.store_article(ARTICLE, "fa")
    assert run(capsys, "translate", str(aid))[0] == 0
    assert "Kim Jong Un" not in repo.sentences(aid)[0].translation
    title_en = repo.get_article(aid).title_en
    assert title_en and run(capsys, "list")[1].rstrip("\n").endswith(f"\t{title_en}")  # headline beside title
    assert run(capsys, "show", str(aid))[1].splitlines()[:2] == ["# سفر کیم جونگ اون به پکن", f"# {title_en}"]
    run(capsys, "glossary", "add", "کیم جونگ اون", "Kim Jong Un")
    code, out, _ = run(capsys, "glossary", "apply")
    assert (code, out) == (0, f"glossary applied to 1 articles: {aid}\n")
    assert "Kim Jong Un" in repo.sentences(aid)[0].translation

    code, out, _ = run(capsys, "translate", str(aid), "--alternatives", "3", "--sentence", "1", "--pick", "2")
    lines = out.splitlines()
    ranks = [line.split("\t") for line in lines[:3]]
    assert code == 0 and [r[0] for r in ranks] == ["0", "1", "2"] and len({r[2] for r in ranks}) == 3
    assert lines[3] == f"sentence 1 of article {aid} now reads: {ranks[2][2]}"
    assert run(capsys, "translate", str(aid), "--refresh")[0] == 0
    assert repo.sentences(aid)[1].translation == ranks[2][2]  # kept across a real re-translation
    code, _, err = run(capsys, "translate", str(aid), "--alternatives", "3", "--sentence", "9")
    assert code == 1 and "has no sentence 9" in err
