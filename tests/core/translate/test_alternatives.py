"""Alternatives: the n best distinct translations with scores (beam n-best), and picking one survives a real
re-translation like an edited translation."""

from __future__ import annotations

import pytest

from reader.app.translate import translate_article
from reader.core.translate import EngineSettings, TranslateError
from reader.core.translate.alternatives import align, translate_alternatives
from reader.core.translate.catalog import ModelSpec
from reader.core.translate.engine import get_engine
from reader.store import repo
from tests.support import testmodels


def test_n_distinct_hypotheses_best_first_with_scores(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    engine = get_engine(fa_model, fast_settings)
    sentence = testmodels.sample_sentences("fa", 1)[0]
    alts = translate_alternatives(engine, sentence, 4)
    assert len(alts) == 4 and len({a.text for a in alts}) == 4
    assert [a.rank for a in alts] == [0, 1, 2, 3]
    assert all(a.score < 0 for a in alts) and [a.score for a in alts] == sorted((a.score for a in alts), reverse=True)
    assert translate_alternatives(engine, "   ", 3) == []


def test_picking_an_alternative_survives_retranslation(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    aid = testmodels.store_article("جمله اول درباره بودجه است. دولت روز سه‌شنبه توافق را تمدید کرد.", "fa")
    engine = get_engine(fa_model, fast_settings)
    translate_article(aid, settings=fast_settings)
    sentence = repo.sentences(aid)[1]
    picked = translate_alternatives(engine, sentence.text, 3)[2]
    assert picked.text != sentence.translation
    repo.set_manual_translation(aid, 1, picked.text)
    before = engine.sentences
    translate_article(aid, settings=fast_settings, refresh=True)
    assert engine.sentences > before  # decoded again, for real
    kept = repo.sentences(aid)[1]
    assert (kept.translation, kept.model) == (picked.text, repo.MANUAL_MODEL)


def test_alignment_links_characters_of_both_sentences(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    engine = get_engine(fa_model, fast_settings)
    source = testmodels.sample_sentences("fa", 1)[0]
    (raw,) = engine.translate([source])
    links = align(engine, source, raw.text)
    assert links and all(0 <= ss < se <= len(source) and 0 <= ts < te <= len(raw.text) for ss, se, ts, te in links)
    assert align(engine, source, raw.text) is links  # cached: no second model pass


def test_a_remote_engine_has_no_alternatives() -> None:
    class Remote:
        spec = None

    with pytest.raises(TranslateError, match="LibreTranslate"):
        translate_alternatives(Remote(), "جمله", 3)
