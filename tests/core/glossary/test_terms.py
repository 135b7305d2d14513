"""Glossary terms are found in Persian/Arabic sentences whatever spelling variants and clitics they carry."""

from __future__ import annotations

from reader.core.glossary import Glossary, Term, glossary_version


def _found(g: Glossary, sentence: str) -> list[tuple[str, str]]:
    return [(sentence[m.start:m.end], m.term.english) for m in g.find(sentence)]


FA = Glossary("fa", [
    Term("کیم جونگ اون", "Kim Jong Un", "fa"),
    Term("پیونگ‌یانگ", "Pyongyang", "fa"),
    Term("سپاه", "the Guards", "fa"),
    Term("سپاه پاسداران", "Islamic Revolutionary Guard Corps", "fa"),
    Term("ترامپ", "Trump", "fa"),
])
AR = Glossary("ar", [Term("الأمم المتحدة", "United Nations", "ar"), Term("حزب الله", "Hezbollah", "ar")])


def test_arabic_letters_and_zwnj_variants_match_the_persian_term() -> None:
    s = "رهبر کره شمالی، كيم جونگ‌اون، روز یکشنبه به پیونگیانگ بازگشت."
    assert _found(FA, s) == [("كيم جونگ‌اون", "Kim Jong Un"), ("پیونگیانگ", "Pyongyang")]
    assert _found(FA, "سفر به پیونگ یانگ") == [("پیونگ یانگ", "Pyongyang")]
    joined = Glossary("fa", [Term("كيم جونگ‌اون", "Kim Jong Un", "fa")])  # two words as written, three here
    assert _found(joined, "دیدار کیم جونگ اون") == [("کیم جونگ اون", "Kim Jong Un")]


def test_longest_term_wins_and_matches_do_not_overlap() -> None:
    s = "فرمانده سپاه پاسداران گفت سپاه آماده است."
    assert _found(FA, s) == [("سپاه پاسداران", "Islamic Revolutionary Guard Corps"), ("سپاه", "the Guards")]


def test_clitics_stay_outside_the_match() -> None:
    assert _found(FA, "وپیونگ‌یانگ را دید") == [("پیونگ‌یانگ", "Pyongyang")]
    assert _found(FA, "حامیان ترامپ‌ها را") == [("ترامپ", "Trump")]  # a ZWNJ suffix after the term
    s = "وقال مندوب لبنان للأمم المتحدة إن حزب الله وبحزب الله"
    assert _found(AR, s) == [("لأمم المتحدة", "United Nations"), ("حزب الله", "Hezbollah"), ("حزب الله", "Hezbollah")]
    assert _found(AR, "وأعلنت الامم المتحدة") == [("الامم المتحدة", "United Nations")]  # hamza dropped


def test_a_term_is_not_found_inside_a_longer_word_or_across_punctuation() -> None:
    assert _found(FA, "سپاهیان آمدند") == []
    assert _found(FA, "پیونگ، یانگ") == []


def test_language_and_version() -> None:
    assert _found(AR, "کیم جونگ اون") == []  # the Persian glossary is not the Arabic one
    assert Glossary("fa").version == "" and not Glossary("fa")
    same = [Term("ترامپ", "Trump", "fa", note="president")]
    assert glossary_version(same) == glossary_version([Term("ترامپ", "Trump", "fa")])  # notes do not count
    assert glossary_version(same) != glossary_version([Term("ترامپ", "Donald Trump", "fa")])
