"""Gazetteer and dictionary matching, corpus reading and scoring (small inputs written for these tests)."""

from __future__ import annotations

from pathlib import Path

from reader.core.entities import lexicon
from reader.core.entities.corpora import map_label, read_file, repair_bio, spans
from reader.core.entities.metrics import score
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


def test_map_label_and_repair() -> None:
    assert map_label("B-PERS") == "B-PERSON"
    assert map_label("I_ORG") == "I-ORGANIZATION"
    assert map_label("b-loc") == "B-LOCATION"
    assert map_label("B-NAT") == "B-MISC"
    assert map_label("B_DAT") == "O"
    assert repair_bio(["I-PERSON", "I-PERSON", "O", "I-LOCATION"]) == ["B-PERSON", "I-PERSON", "O", "B-LOCATION"]


def test_read_corpus_formats(tmp_path: Path) -> None:
    (tmp_path / "tab.txt").write_text("علی\tB-PER\nرفت\tO\n\nتهران\tB-LOC\n", encoding="utf-8")
    (tmp_path / "bar.txt").write_text("وزارت|B_ORG\nنیرو|I_ORG\n||O\n", encoding="utf-8")
    (tmp_path / "space.txt").write_text("ذهب O\nعلي بن B-PERS\n", encoding="utf-8")
    assert read_file(tmp_path / "tab.txt") == [[("علی", "B-PERSON"), ("رفت", "O")], [("تهران", "B-LOCATION")]]
    assert read_file(tmp_path / "bar.txt") == [[("وزارت", "B-ORGANIZATION"), ("نیرو", "I-ORGANIZATION"), ("|", "O")]]
    assert read_file(tmp_path / "space.txt") == [[("ذهب", "O"), ("علي بن", "B-PERSON")]]


def test_spans_and_scores() -> None:
    gold = [["B-PERSON", "I-PERSON", "O", "B-LOCATION"], ["B-ORGANIZATION", "O"]]
    pred = [["B-PERSON", "I-PERSON", "O", "B-ORGANIZATION"], ["B-ORGANIZATION", "B-MISC"]]
    assert spans(gold[0]) == [("PERSON", 0, 2), ("LOCATION", 3, 4)]
    s = score(gold, pred)
    assert (s["PERSON"].tp, s["PERSON"].fp, s["PERSON"].fn) == (1, 0, 0)
    assert (s["LOCATION"].tp, s["LOCATION"].fn) == (0, 1)
    assert (s["ORGANIZATION"].tp, s["ORGANIZATION"].fp) == (1, 1)
    assert s["ALL"].tp == 2 and round(s["ALL"].f1, 3) == round(2 * (2 / 3) * (2 / 3) / (4 / 3), 3)


def test_norm_is_idempotent_on_lexicon_keys() -> None:
    for k in list(lexicon.get("fa").names)[:500]:
        assert norm(k) == k
