"""Tokenisation offsets, matching keys, canonical names and transliteration (pure functions)."""

from __future__ import annotations

import pytest

from reader.core.entities import canonical, transliterate
from reader.core.entities.text import clitic_splits, key, norm, tokenize
from reader.core.entities.translit import similarity, skeleton


def test_tokens_map_back_to_the_text() -> None:
    text = "«پوتین» گفت: كيم جونغ-أون، لـ بيونغيانغ ۱۰۰میلیون 3.5 مُحَمَّد کرهٔ شمالی پیونگ‌یانگ"
    toks = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    words = [t.text for t in toks]
    assert words[:4] == ["«", "پوتین", "»", "گفت"]
    assert "جونغ" in words and "-" in words and "أون" in words  # hyphen is its own token
    assert "لـ" in words and "پیونگ\u200cیانگ" in words and "مُحَمَّد" in words
    assert "۱۰۰" in words and "3.5" in words


def test_tokenize_never_lets_a_word_end_on_zwnj() -> None:
    toks = tokenize("کتاب\u200c ها")
    assert [t.text for t in toks] == ["کتاب", "ها"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("پيونگ يانگ", "پیونگیانگ"),  # Arabic yeh, space vs none
        ("پیونگ\u200cیانگ", "پیونگ یانگ"),  # ZWNJ vs space
        ("کرهٔ شمالی", "كره شمالي"),  # hamza-above, Arabic kaf/yeh
        ("الأمم المتحدة", "الامم المتحده"),  # alef forms, teh marbuta
        ("جونغ-أون", "جونغ اون"),
    ],
)
def test_key_ignores_spelling_variants(a: str, b: str) -> None:
    assert key(a) == key(b)


def test_norm_keeps_alef_maqsura_apart_from_yeh() -> None:
    # Arabic على ("on") must not become علي ("Ali"); digits become ASCII
    assert norm("على") != norm("علي")
    assert norm("۱۲٣") == "123"


def test_canonical_groups_persian_and_arabic_spellings() -> None:
    assert canonical("بوتين") == canonical("بوتین") == canonical("«پوتین»")
    assert canonical("كيم جونغ أون") == canonical("کیم جونگ اون")
    assert canonical("پوتین") != canonical("کیم")


def test_clitic_splits() -> None:
    assert ("و", "کوریا") in clitic_splits(norm("وكوريا"), "ar")
    assert ("ل", "الامم") in clitic_splits(norm("للأمم"), "ar")  # ل + ال (alef dropped in writing)
    assert clitic_splits(norm("بوش"), "ar") == []  # too short to be clitic + name
    assert clitic_splits(norm("وزیر"), "fa") == [("و", "زیر")]


@pytest.mark.parametrize(
    ("name", "lang", "english"),
    [
        ("پوتین", "fa", "Putin"),
        ("ترامپ", "fa", "Tramp"),
        ("ایران", "fa", "Iran"),
        ("بغداد", "ar", "Baghdad"),
        ("حماس", "ar", "Hamas"),
        ("الجزيرة", "ar", "al-Jazira"),
    ],
)
def test_transliterate_is_readable(name: str, lang: str, english: str) -> None:
    assert transliterate(name, lang) == english


@pytest.mark.parametrize(
    ("name", "lang", "english"),
    [
        ("پوتین", "fa", "Putin"),
        ("بوتين", "ar", "Putin"),
        ("کیم جونگ اون", "fa", "Kim Jong Un"),
        ("كيم جونغ أون", "ar", "Kim Jong-un"),
        ("فلاديمير بوتين", "ar", "Vladimir Putin"),
        ("پیونگیانگ", "fa", "Pyongyang"),
        ("بيونج يانج", "ar", "Pyongyang"),
        ("زيلينسكي", "ar", "Zelensky"),
        ("مایک پمپئو", "fa", "Mike Pompeo"),
    ],
)
def test_similar_names_score_high(name: str, lang: str, english: str) -> None:
    assert similarity(name, lang, english) >= 0.8


@pytest.mark.parametrize(
    ("name", "lang", "english"),
    [("بوتين", "ar", "Russia"), ("پوتین", "fa", "Kim"), ("شويغو", "ar", "Moscow"), ("لوكين", "ar", "Putin")],
)
def test_different_names_score_low(name: str, lang: str, english: str) -> None:
    assert similarity(name, lang, english) < 0.5


def test_skeleton_classes() -> None:
    assert skeleton("Putin") == skeleton("Butin") == "BTN"
    assert skeleton("Muhammad") == skeleton("Mohamad")
