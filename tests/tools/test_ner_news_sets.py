"""Our own news-style evaluation sets (tools/ner/data): they parse onto the tagger's tokens, and the evaluation
script scores them per type with the earlier scores beside them."""

from __future__ import annotations

import pytest

from tools.ner import corpora, evaluate
from tools.ner.newsset import DATA_DIR, read_docs, to_tokens


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_news_sets_parse_into_articles_with_every_type(lang: str) -> None:
    docs = read_docs(DATA_DIR / f"news_{lang}.txt")
    assert len(docs) >= 6
    labels = {lab[2:] for d in docs for s in d for _, lab in s if lab != "O"}
    assert labels == {"PERSON", "LOCATION", "ORGANIZATION"}


def test_markup_becomes_bio_labels_and_bad_markup_is_refused() -> None:
    assert to_tokens("دیدار [PER علی رضایی] در [LOC تهران] .") == [
        ("دیدار", "O"), ("علی", "B-PERSON"), ("رضایی", "I-PERSON"), ("در", "O"), ("تهران", "B-LOCATION"), (".", "O")]
    with pytest.raises(ValueError):
        to_tokens("[PER علی رضایی در تهران")
    with pytest.raises(ValueError):
        to_tokens("[LOC تهر]ان")


def test_evaluate_prints_per_type_scores_before_and_after(capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main(["--split", "news/fa", "--split", "news/ar"]) == 0
    out = capsys.readouterr().out
    for name in ("news/fa", "news/ar"):
        table = out[out.index(name):]
        assert "articles" in table.splitlines()[0]
        assert all(t in table for t in ("PERSON", "LOCATION", "ORGANIZATION", "ALL", "before", "ΔF1"))


def test_news_sets_are_never_training_data() -> None:
    trained = {n for r in corpora.RECIPES.values() for n in r["train"]}
    assert not {n for n, s in corpora.SPLITS.items() if s.news} & trained
