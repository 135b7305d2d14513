"""Gazetteer and dictionary matching (small inputs written for these tests)."""

from __future__ import annotations

from reader.core.entities import lexicon
from reader.core.entities.text import norm, tokenize


def _find(text: str, lang: str) -> list[tuple[str, str, str]]:
    lex = lexicon.get(lang)
    toks = tokenize(text)
    norms = [t.norm for t in toks]
    return [(" ".join(t.text for t in toks[m.start:m.end]), m.entry.type, m.entry.en) for m in lex.find(norms)]


def test_shipped_lexicon_covers_both_languages() -> None:
    for lang in ("fa", "ar"):
        lex = lexicon.get(lang)
        assert len(lex.names) > 10000  # CLDR + GeoNames + hand-written
        assert lex.lookup("مسکو" if lang == "fa" else "موسكو").en == "Moscow"


def test_spelling_and_spacing_variants_match() -> None:
    assert _find("از پیونگ یانگ به پیونگیانگ و پيونگ‌يانگ", "fa") == [
        ("پیونگ یانگ", "LOCATION", "Pyongyang"), ("پیونگیانگ", "LOCATION", "Pyongyang"),
        ("پيونگ‌يانگ", "LOCATION", "Pyongyang")]
    assert ("کرهٔ شمالی", "LOCATION", "North Korea") in _find("سفر به کرهٔ شمالی", "fa")


def test_clitic_on_the_first_word_is_tolerated() -> None:
    found = _find("زار بالولايات المتحدة ولكوريا الشمالية", "ar")
    assert ("بالولايات المتحدة", "LOCATION", "United States") in found
    assert ("ولكوريا الشمالية", "LOCATION", "North Korea") in found


def test_no_matches_across_small_function_words() -> None:
    # "و این" joined is a city name in GeoNames; "بود و" too: neither may match
    assert _find("او بود و این را گفت", "fa") == []


def test_ambiguous_common_words_are_not_places() -> None:
    lex = lexicon.get("fa")
    assert lex.lookup("مالی") is None  # Mali, but mostly "financial"
    assert lex.lookup("دوشنبه") is None  # Dushanbe, but mostly "Monday"
    assert lexicon.get("ar").lookup("كيف") is None  # Kyiv, but mostly "how"


def test_dictionary_has_english_forms_for_organisations() -> None:
    assert lexicon.get("ar").lookup("مجلس الأمن").en == "Security Council"
    assert lexicon.get("fa").lookup("شورای امنیت").en == "Security Council"
    un = lexicon.get("fa").lookup("سازمان ملل")
    assert un.en == "United Nations" and "UN" in un.alt


def test_norm_is_idempotent_on_lexicon_keys() -> None:
    for k in list(lexicon.get("fa").names)[:500]:
        assert norm(k) == k
