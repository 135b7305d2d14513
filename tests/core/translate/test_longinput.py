"""Run-on sentences are decoded in bounded chunks and still give one translation; n-best alternatives."""

from __future__ import annotations

from pathlib import Path

from reader.core.translate import EngineSettings
from reader.core.translate.catalog import ModelSpec
from reader.core.translate.engine import Engine, get_engine, translate_alternatives
from reader.core.translate.longinput import split_pieces


def _words(n: int, mark: str = "") -> list[str]:
    return [f"\u2581w{i}{mark if i % 10 == 9 else ''}" for i in range(n)]


def test_short_sentence_is_one_chunk() -> None:
    pieces = _words(20)
    assert split_pieces(pieces, 150) == [pieces]


def test_long_sentence_splits_after_clause_punctuation_first() -> None:
    pieces = _words(100, "،")  # a Persian comma ends every tenth word
    chunks = split_pieces(pieces, 25)
    assert sum(chunks, []) == pieces and all(len(c) <= 25 for c in chunks)
    assert all(c[-1].endswith("،") for c in chunks[:-1]), "chunks end at a clause boundary"
    assert [len(c) for c in chunks] == [20, 20, 20, 20, 20]


def test_clause_without_punctuation_is_cut_into_windows_at_word_starts() -> None:
    pieces = []
    for i in range(60):
        pieces += [f"\u2581w{i}", "ord"]  # two pieces per word
    chunks = split_pieces(pieces, 15)
    assert sum(chunks, []) == pieces and all(len(c) <= 15 for c in chunks)
    assert all(c[0].startswith("\u2581") for c in chunks), "no window starts inside a word"


def test_bpe_windows_respect_continuation_marks() -> None:
    pieces = ["ab@@", "cd", "ef@@", "gh@@", "ij"] * 20
    chunks = split_pieces(pieces, 7, lambda seq, i: i == 0 or not seq[i - 1].endswith("@@"))
    assert sum(chunks, []) == pieces and all(not c[-1].endswith("@@") for c in chunks)


def test_run_on_sentence_gives_one_translation_in_bounded_work(fa_model: ModelSpec) -> None:
    settings = EngineSettings(beam_size=1, inter_threads=1, intra_threads=1, max_source_tokens=40)
    engine = Engine(fa_model, settings)
    clause = "وزیر امور خارجه روز دوشنبه در سفر به مسکو گفت که همکاری ادامه دارد، "
    text = clause * 60  # ~600 words, one "sentence"
    pieces = engine.encode([text])[0]
    results = engine.translate(["جمله کوتاه.", text, "جمله دیگر."])
    assert [r.index for r in results] == [0, 1, 2] and all(r.text for r in results)
    units = -(-len(pieces) // 40)
    assert engine.sentences == 3 and engine.units_decoded >= units + 2, "the run-on sentence was decoded in chunks"
    # each chunk's decode is capped at ratio x its length + offset: the total is bounded by the input
    cap = settings.max_length_ratio * len(pieces) + engine.units_decoded * settings.max_length_offset
    assert results[1].tokens <= cap


def test_alternatives_are_distinct_scored_and_best_first(fa_model: ModelSpec, tarjoman_home: Path) -> None:
    settings = EngineSettings(beam_size=2, inter_threads=1, intra_threads=1)
    alternatives = Engine(fa_model, settings).alternatives("این یک آزمایش است.", 4)
    assert len(alternatives) == 4
    assert len({a.text for a in alternatives}) == len(alternatives)
    scores = [a.score for a in alternatives]
    assert scores == sorted(scores, reverse=True) and all(s < 0 for s in scores)


def test_absurdly_long_sentence_is_translated_up_to_the_cap_and_marked(fa_model: ModelSpec) -> None:
    """A 200,000-character "sentence" used to run for minutes: the work per sentence is now bounded."""
    settings = EngineSettings(beam_size=1, inter_threads=1, intra_threads=1, max_source_tokens=40,
                              max_sentence_tokens=200, max_batch_size=16)
    engine = Engine(fa_model, settings)
    text = ("وزیر امور خارجه روز دوشنبه در سفر به مسکو گفت که همکاری ادامه دارد، " * 3000)[:200_000]
    [result] = engine.translate([text])
    assert result.text.endswith(" […]") and engine.sentences == 1
    assert engine.units_decoded <= 200 // 40 + 2, "only the first max_sentence_tokens pieces were decoded"
    short = engine.translate(["جمله کوتاه است."])[0]
    assert not short.text.endswith("[…]")


def test_cut_at_word_keeps_words_whole() -> None:
    from reader.core.translate.longinput import cut_at_word

    pieces = []
    for i in range(50):
        pieces += [f"\u2581w{i}", "a", "b"]
    cut = cut_at_word(pieces, 20)
    assert len(cut) == 18 and pieces[len(cut)].startswith("\u2581")


def test_alternatives_of_a_run_on_sentence_and_through_the_app_wrapper(fa_model: ModelSpec) -> None:
    settings = EngineSettings(beam_size=1, inter_threads=1, intra_threads=1, max_source_tokens=30)
    engine = get_engine(fa_model, settings)
    text = "وزیر امور خارجه روز دوشنبه در سفر به مسکو گفت که همکاری ادامه دارد، " * 8
    found = translate_alternatives(text, "fa", 3, settings, spec=fa_model)
    assert len(found) == 3 and len({a.text for a in found}) == 3
    assert engine.sentences == 1 and engine.units_decoded > 1  # chunked like normal translation
