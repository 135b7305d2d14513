"""Required English is put into a model translation where the model rendered a term differently, and marked."""

from __future__ import annotations

from reader.core.glossary import Glossary, Term
from reader.core.glossary.apply import apply_glossary
from reader.core.glossary.postedit import Wanted, enforce, find_phrase
from reader.core.types import Edit

G = Glossary("fa", [Term("کیم جونگ اون", "Kim Jong Un", "fa"), Term("سپاه پاسداران", "IRGC", "fa"),
                    Term("آتش‌بس", "ceasefire", "fa")])
SRC = "کیم جونگ اون با فرمانده سپاه پاسداران دیدار کرد."


def _marked(text: str, edits: tuple[Edit, ...]) -> list[tuple[str, str]]:
    return [(text[e.start:e.end], e.replaced) for e in edits]


def test_english_already_there_is_left_alone() -> None:
    out = apply_glossary(SRC, "Kim Jong Un met the IRGC commander.", G, "fa")
    assert out.translation == "Kim Jong Un met the IRGC commander." and out.edits == () and out.missing == ()


def test_hyphenated_and_respelt_names_are_corrected_and_marked() -> None:
    out = apply_glossary(SRC, "Kim Jong-un met the commander of the IRGC.", G, "fa")
    assert out.translation == "Kim Jong Un met the commander of the IRGC."
    assert _marked(out.translation, out.edits) == [("Kim Jong Un", "Kim Jong-un")]
    out = apply_glossary(SRC, "Kim Jung Eun met the IRGC commander.", G, "fa")  # transliterated differently
    assert out.translation.startswith("Kim Jong Un met") and out.edits[0].replaced == "Kim Jung Eun"
    assert out.edits[0].source == "کیم جونگ اون" and out.edits[0].kind == "glossary"
    assert "«کیم جونگ اون»" in out.edits[0].tooltip(out.translation)


def test_sentence_initial_capital_is_not_a_difference() -> None:
    out = apply_glossary("آتش‌بس برقرار شد.", "Ceasefire was established.", G, "fa")
    assert out.edits == ()


def test_term_rendered_by_meaning_is_placed_by_the_alignment_or_reported_missing() -> None:
    translation = "Kim Jong Un met the commander of the Revolutionary Guards."
    out = apply_glossary(SRC, translation, G, "fa")
    assert out.translation == translation and [w.english for w in out.missing] == ["IRGC"]
    a = SRC.index("سپاه")
    t = translation.index("Revolutionary")
    the = translation.index("the Revolutionary")  # attention often spills onto the article: it stays
    links = [(a, a + 4, the, the + 3), (a, a + 4, t, t + 13), (a + 5, a + 13, t + 14, t + 20), (0, 3, 0, 3)]
    out = apply_glossary(SRC, translation, G, "fa", links=links)
    assert out.translation == "Kim Jong Un met the commander of the IRGC."
    assert _marked(out.translation, out.edits) == [("IRGC", "Revolutionary Guards")]


def test_several_edits_keep_offsets_and_map_old_ones() -> None:
    src = "کیم جونگ اون و سپاه پاسداران"
    translation = "kim jong-un and Sepah Pasdaran, said Kim."
    a = src.index("سپاه")
    t = translation.index("Sepah")
    out = enforce(translation, [Wanted(0, 12, "کیم جونگ اون", "Kim Jong Un"),
                                Wanted(a, len(src), "سپاه پاسداران", "IRGC")],
                  "fa", links=[(a, len(src), t, t + 14)])
    assert out.translation == "Kim Jong Un and IRGC, said Kim."
    assert _marked(out.translation, out.edits) == [("Kim Jong Un", "kim jong-un"), ("IRGC", "Sepah Pasdaran")]
    old = translation.index("said")
    assert out.translation[out.moved(old):out.moved(old) + 4] == "said"


def test_find_phrase_is_whole_words_only() -> None:
    assert find_phrase("Irani and Iran-backed Iran", "Iran") == [(10, 14), (22, 26)]
