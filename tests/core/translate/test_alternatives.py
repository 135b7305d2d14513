"""Alternatives picked from the engine's n best survive a real re-translation like an edited translation; the
model's attention alignment (what the glossary falls back on) links characters of both sentences, in batches,
cached per pair."""

from __future__ import annotations

import pytest

from reader.app.alternatives import article_alternatives, choose_alternative
from reader.app.translate import translate_article
from reader.core.translate import EngineSettings
from reader.core.translate import align as aligner
from reader.core.translate.catalog import ModelSpec
from reader.core.translate.engine import get_engine
from reader.store import repo
from reader.store.db import StoreError
from tests.support import testmodels


def test_picking_an_alternative_survives_retranslation(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    aid = testmodels.store_article("جمله اول درباره بودجه است. دولت روز سه‌شنبه توافق را تمدید کرد.", "fa")
    engine = get_engine(fa_model, fast_settings)
    translate_article(aid, settings=fast_settings)
    sentence = repo.sentences(aid)[1]
    alts = article_alternatives(aid, 1, 3, fast_settings)
    assert len(alts) == 3 and len({a.text for a in alts}) == 3
    picked = alts[2]
    assert picked.text != sentence.translation
    choose_alternative(aid, 1, picked.text)
    before = engine.sentences
    translate_article(aid, settings=fast_settings, refresh=True)
    assert engine.sentences > before  # decoded again, for real
    kept = repo.sentences(aid)[1]
    assert (kept.translation, kept.model) == (picked.text, repo.MANUAL_MODEL)
    with pytest.raises(StoreError, match="has no sentence 7"):
        article_alternatives(aid, 7, 3, fast_settings)


def test_alignment_links_characters_of_both_sentences(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    engine = get_engine(fa_model, fast_settings)
    source = testmodels.sample_sentences("fa", 1)[0]
    (raw,) = engine.translate([source])
    links = aligner.align(engine, source, raw.text)
    assert links and all(0 <= ss < se <= len(source) and 0 <= ts < te <= len(raw.text) for ss, se, ts, te in links)
    assert aligner.align(engine, source, raw.text) is links  # cached: no second model pass


def test_alignment_in_batches_then_cached_per_pair(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    engine = get_engine(fa_model, fast_settings)
    sources = testmodels.sample_sentences("fa", 7)[3:7]
    pairs = [(s, r.text) for s, r in zip(sources, engine.translate(sources), strict=True)]
    before = aligner.forced_passes
    links = aligner.align_many(engine, pairs)
    assert aligner.forced_passes - before == 4 and all(links)
    for (source, translation), found in zip(pairs, links, strict=True):
        assert all(0 <= ss < se <= len(source) and 0 <= ts < te <= len(translation) for ss, se, ts, te in found)
    assert aligner.align_many(engine, pairs) == links and aligner.align(engine, *pairs[2]) is links[2]
    assert aligner.forced_passes - before == 4  # all from the cache


def test_an_engine_without_a_local_model_gives_no_links() -> None:
    class Remote:  # what a LibreTranslate engine offers: no translator, no tokenizer
        class spec:  # noqa: N801
            key = "libretranslate:test"

        def encode(self, sentences: list[str]) -> list[list[str]]:
            return [s.split() for s in sentences]

        def model_input(self, pieces: list[str]) -> list[str]:
            return list(pieces)

    before = aligner.forced_passes
    assert aligner.align(Remote(), "یک جمله", "one sentence") == [] and aligner.forced_passes == before
