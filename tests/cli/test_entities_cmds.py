"""`tarjoman entities FILE_OR_ID` end to end on a real temporary library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

ARTICLE_AR = (
    "بوتين يزور بيونغ يانغ\n\n"
    "وصل الرئيس الروسي فلاديمير بوتين إلى بيونغ يانغ اليوم. "
    "ويلتقي بوتين بكيم جونغ أون لبحث العلاقات بين روسيا وكوريا الشمالية.\n"
)


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    p = tmp_path / "visit.txt"
    p.write_text(ARTICLE_AR, encoding="utf-8")
    return p


def _sentences(article_id: int) -> dict[int, str]:
    from reader.store import repo

    return {s.index + 1: s.text for s in repo.sentences(article_id)}


def test_entities_json_from_a_file_does_not_import_it(
    library: object, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.core.importers import read_document
    from reader.core.text.pipeline import process
    from reader.store.models import Article, Entity

    assert main(["entities", str(article_file)]) == 0
    records = json.loads(capsys.readouterr().out)
    assert Article.select().count() == 0 and Entity.select().count() == 0  # nothing was imported or saved
    assert records and all(set(r) == {"sentence", "type", "text", "start", "end", "english"} for r in records)
    sents = {s.index + 1: s.text for s in process(read_document(article_file).text).sentences}
    for r in records:
        assert sents[r["sentence"]][r["start"]:r["end"]] == r["text"]  # offsets relative to the sentence
        assert r["english"] is None  # not translated
    found = {(r["type"], r["text"]) for r in records}
    assert ("PERSON", "كيم جونغ أون") in found and ("LOCATION", "كوريا الشمالية") in found
    # once imported, the id form and the file form give the same answer (the file is the library's article)
    assert main(["import", str(article_file)]) == 0
    capsys.readouterr()
    assert main(["entities", "1", "--format", "json", "--no-save"]) == 0
    assert json.loads(capsys.readouterr().out) == records
    assert main(["entities", str(article_file), "--no-save"]) == 0
    assert json.loads(capsys.readouterr().out) == records
    assert Article.select().count() == 1


def test_entities_tsv_with_translation(library: object, article_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reader.app.importing import import_file
    from reader.core.types import TranslationResult
    from reader.store import repo

    a = import_file(article_file)
    s = next(x for x in repo.sentences(a) if "بكيم" in x.text)
    tr = "Putin will meet Kim Jong Un to discuss relations between Russia and North Korea."
    repo.save_translations(a, [TranslationResult(s.index, s.text, tr)])
    assert main(["entities", str(a.id), "--format", "tsv"]) == 0
    lines = capsys.readouterr().out.rstrip("\n").split("\n")
    assert lines[0] == "sentence\ttype\ttext\tstart\tend\tenglish"
    rows = [ln.split("\t") for ln in lines[1:]]
    english = {r[2]: r[5] for r in rows if int(r[0]) == s.index + 1}
    assert english["كيم جونغ أون"] == "Kim Jong Un"
    assert english["كوريا الشمالية"] == "North Korea"
    assert english["روسيا"] == "Russia"


def test_help_states_offsets_are_per_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["entities", "--help"])
    out = capsys.readouterr().out
    assert "offsets of the entity in that sentence" in out


def test_bad_references_give_one_line_errors(library: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entities", "/no/such/file.txt"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tarjoman: ") and err.count("\n") == 1
    assert main(["entities", "4242"]) == 1
    assert "No article with id 4242" in capsys.readouterr().err
