"""One spelling per name across an article: the entity layer's projections are made to agree."""

from __future__ import annotations

from reader.core.glossary import Glossary, Term
from reader.core.glossary.names import SentenceState, choose_spellings, enforce_names
from reader.core.types import Edit, EntitySpan

S0 = "کیم جونگ اون به پکن رفت."
S1 = "سفر کیم جونگ اون سه روز طول کشید."
S2 = "کیم جونگ اون و شی جین‌پینگ دیدار کردند."


def _ent(source: str, name: str, translation: str, english: str | None, canonical: str = "",
         typ: str = "PERSON") -> EntitySpan:
    s = source.index(name)
    if english is None:
        return EntitySpan(typ, s, s + len(name), name, canonical=canonical)
    t = translation.index(english)
    return EntitySpan(typ, s, s + len(name), name, canonical=canonical, english=english, en_start=t,
                      en_end=t + len(english))


def test_the_most_common_spelling_wins_and_is_put_everywhere() -> None:
    t0, t1, t2 = "Kim Jong Un went to Beijing.", "Kim Jong-un's trip lasted three days.", \
        "Kim Jung Eun and Xi Jinping met."
    ents = {0: [_ent(S0, "کیم جونگ اون", t0, "Kim Jong Un"), _ent(S0, "پکن", t0, "Beijing", "Beijing", "LOCATION")],
            1: [_ent(S1, "کیم جونگ اون", t1, "Kim Jong-un")],
            2: [_ent(S2, "کیم جونگ اون", t2, "Kim Jung Eun"), _ent(S2, "شی جین‌پینگ", t2, "Xi Jinping")]}
    # no canonical English: the three mentions group by their folded source spelling
    states = {0: SentenceState(S0, t0), 1: SentenceState(S1, t1), 2: SentenceState(S2, t2)}
    out = enforce_names(states, ents, "fa")
    assert sorted(out) == [1, 2]  # sentence 0 already says Kim Jong Un
    assert out[1][0].translation == "Kim Jong Un's trip lasted three days."
    assert out[2][0].translation == "Kim Jong Un and Xi Jinping met."
    assert [(e.replaced, e.kind) for e in out[2][0].edits] == [("Kim Jung Eun", "name")]
    xi = out[2][1][1]
    assert (xi.english, out[2][0].translation[xi.en_start:xi.en_end]) == ("Xi Jinping", "Xi Jinping")


def test_lexicon_name_and_glossary_beat_the_models_spelling_and_adjectives_stay() -> None:
    t = "Beijin welcomed the Chinese delegation."
    ents = {0: [_ent("پکن از هیئت چینی استقبال کرد.", "پکن", t, "Beijin", "Beijing", "LOCATION")]}
    assert choose_spellings(ents) == {"Beijing": "Beijing"}
    out = enforce_names({0: SentenceState("پکن از هیئت چینی استقبال کرد.", t)}, ents, "fa")
    assert out[0][0].translation == "Beijing welcomed the Chinese delegation."
    ents = {0: [_ent(S0, "پکن", "Iranian officials", "Iranian", "Iran", "LOCATION")]}
    assert enforce_names({0: SentenceState(S0, "Iranian officials")}, ents, "fa") == {}
    g = Glossary("fa", [Term("کیم جونگ اون", "Kim Jong-un", "fa")])
    t0 = "Kim Jong Un went to Beijing."
    ents = {0: [_ent(S0, "کیم جونگ اون", t0, "Kim Jong Un")]}
    assert list(choose_spellings(ents, g).values()) == ["Kim Jong-un"]


def test_glossary_edits_already_in_the_sentence_are_kept_and_shifted() -> None:
    t = "Kim Jung Eun met the IRGC."
    prior = (Edit(t.index("IRGC"), t.index("IRGC") + 4, "Revolutionary Guards", "سپاه پاسداران"),)
    ents = {0: [_ent(S0, "کیم جونگ اون", t, "Kim Jung Eun", "Kim Jong Un")]}
    out = enforce_names({0: SentenceState(S0, t, prior)}, ents, "fa")
    done = out[0][0]
    assert done.translation == "Kim Jong Un met the IRGC."
    assert [(done.translation[e.start:e.end], e.kind) for e in done.edits] == [("Kim Jong Un", "name"),
                                                                            ("IRGC", "glossary")]


def test_unprojected_mentions_are_left_alone() -> None:
    ents = {0: [_ent(S0, "کیم جونگ اون", "", None, "Kim Jong Un")]}
    assert enforce_names({0: SentenceState(S0, "He went to Beijing.")}, ents, "fa") == {}


def test_a_name_projected_in_part_is_not_doubled() -> None:
    t = "Kim Jong-un met Xi."
    ents = {0: [EntitySpan("PERSON", 0, 12, "کیم جونگ اون", canonical="Kim Jong Un", english="Jong-un",
                           en_start=4, en_end=11)]}
    assert enforce_names({0: SentenceState(S0, t)}, ents, "fa") == {}


def test_the_readers_own_english_name_is_written_where_the_model_rendered_the_name() -> None:
    t = "Kim Jung Eun went to Beijing."
    reader = EntitySpan("PERSON", 0, 12, "کیم جونگ اون", canonical="Kim Jong Un", english="Kim Jong-un",
                        extra={"reader_english": True, "projected": (0, 12)})  # not in the translation
    place = _ent(S0, "پکن", t, "Beijing", "Beijing", "LOCATION")
    out = enforce_names({0: SentenceState(S0, t)}, {0: [reader, place]}, "fa")
    done, ents = out[0]
    assert done.translation == "Kim Jong-un went to Beijing."  # the reader's name beats the lexicon's
    assert [(e.english, done.translation[e.en_start:e.en_end]) for e in ents] == [
        ("Kim Jong-un", "Kim Jong-un"), ("Beijing", "Beijing")]
