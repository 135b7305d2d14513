"""The training and evaluation scripts on a tiny corpus written for this test (the shipped models are never
retrained here): reproducible output, a model card, per-type tables, research data kept out of resources/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.entities import model
from tools.ner import evaluate, train

FA = [
    [("ولادیمیر", "B-PER"), ("پوتین", "I-PER"), ("به", "O"), ("تهران", "B-LOC"), ("رفت", "O"), (".", "O")],
    [("علی", "B-PER"), ("رضایی", "I-PER"), ("در", "O"), ("سازمان", "B-ORG"), ("ملل", "I-ORG"), ("گفت", "O")],
    [("خبرگزاری", "B-ORG"), ("مهر", "I-ORG"), ("از", "O"), ("مسکو", "B-LOC"), ("گزارش", "O"), ("داد", "O")],
    [("مریم", "B-PER"), ("احمدی", "I-PER"), ("وارد", "O"), ("کابل", "B-LOC"), ("شد", "O"), (".", "O")],
    [("دیدار", "O"), ("در", "O"), ("شهر", "O"), ("اصفهان", "B-LOC"), ("برگزار", "O"), ("شد", "O")],
]
AR = [
    [("قال", "O"), ("محمد", "B-PERS"), ("علي", "I-PERS"), ("في", "O"), ("بغداد", "B-LOC"), (".", "O")],
    [("وزارة", "B-ORG"), ("الخارجية", "I-ORG"), ("في", "O"), ("القاهرة", "B-LOC"), ("أعلنت", "O")],
    [("زار", "O"), ("سامي", "B-PERS"), ("حداد", "I-PERS"), ("دمشق", "B-LOC"), ("أمس", "O")],
]


def _write(path: Path, sents: list, sep: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join("\n".join(f"{t}{sep}{g}" for t, g in s) for s in sents) + "\n", encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "ner-data"
    for name in ("train", "dev", "test"):
        _write(d / "parstwiner" / f"{name}.txt", FA * 3, "\t")
    _write(d / "anercorp" / "ANERCorp_approxCamelSplit_train.txt", AR * 3, " ")
    _write(d / "anercorp" / "ANERCorp_approxCamelSplit_test.txt", AR, " ")
    return d


@pytest.mark.slow
def test_training_is_reproducible_and_writes_a_card(tmp_path: Path, data_dir: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    outs = [tmp_path / "a", tmp_path / "b"]
    for out in outs:
        assert train.main(["--lang", "fa", "--out", str(out), "--data", str(data_dir), "--iterations", "15"]) == 0
    assert (outs[0] / "fa.crfsuite").read_bytes() == (outs[1] / "fa.crfsuite").read_bytes()
    assert (outs[0] / "gazetteer.json.gz").read_bytes() == (outs[1] / "gazetteer.json.gz").read_bytes()
    card = json.loads((outs[0] / "fa.json").read_text(encoding="utf-8"))
    assert card["train"] == ["parstwiner/train", "parstwiner/dev"] and card["shippable"] is True
    assert card["generated_sentences"] > 0 and "parstwiner/test" in card["scores_f1"]
    assert (outs[0] / "lexicon.json").is_file()  # the model's lexicon travels with it

    capsys.readouterr()
    try:
        assert evaluate.main(["--lang", "fa", "--model-dir", str(outs[0]), "--data", str(data_dir)]) == 0
    finally:
        model.clear_cache()
    out = capsys.readouterr().out
    assert "parstwiner/test" in out and "arman/test1: skipped" in out  # absent corpora are reported, not fatal
    table = out[out.index("parstwiner/test"):]
    assert all(t in table for t in ("PERSON", "LOCATION", "ORGANIZATION", "ALL", "gazetteer"))


def test_research_data_never_goes_into_resources(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert train.main(["--recipe", "fa-research", "--data", str(data_dir)]) == 1
    assert "research-only" in capsys.readouterr().err


def test_missing_corpus_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert train.main(["--lang", "ar", "--out", str(tmp_path / "m"), "--data", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("train: ") and "missing" in err
