"""The quality numbers of issue 12 on our own news fixtures (tests/fixtures/news): ZWNJ restoration, sentence
boundaries with headlines on their own lines (also hard-wrapped), and language identification."""

from __future__ import annotations

import pytest

from reader.core.text.langid import detect
from tests.support import textquality as q


def test_zwnj_restoration_precision_and_recall_on_text_with_zwnj_removed() -> None:
    score = q.zwnj_scores("removed")
    assert score.precision >= 0.97, score
    assert score.recall >= 0.88, score


def test_text_that_carries_zwnj_keeps_every_one_and_gets_none_added() -> None:
    assert q.zwnj_on_carrying_text() == (1.0, 0)


@pytest.mark.parametrize("language", ["fa", "ar"])
@pytest.mark.parametrize("wrap", [False, True], ids=["one-paragraph-a-line", "hard-wrapped"])
def test_sentence_boundary_f1_with_headlines_on_their_own_lines(language: str, wrap: bool) -> None:
    score = q.sentence_scores(language, wrap=wrap)
    assert score.f1 >= 0.96, score


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_sentence_boundary_f1_through_html_import(language: str) -> None:
    score = q.html_sentence_scores(language)
    assert score.f1 >= 0.96, score


def test_language_of_persian_in_arabic_letters_short_posts_and_mixed_pages() -> None:
    wrong = [
        (kind, expected, text[:50]) for kind, expected, text in q.langid_cases() if detect(text) != expected
    ]
    assert wrong == []
