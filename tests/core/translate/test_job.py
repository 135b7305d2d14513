"""Acceptance: install a package, translate seed articles, cache, cancel and resume — all for real."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.app.translate import library_cache, translate_article
from reader.core.jobs import Cancelled
from reader.core.translate import EngineSettings, ModelNotFound
from reader.core.translate.catalog import ModelSpec
from reader.core.translate.engine import get_engine
from reader.core.translate.job import translate_sentences
from reader.core.translate.packages import install_package
from reader.core.types import TranslationResult
from reader.store import repo
from tests.support import testmodels


def _seed(seeds: list[Path], prefix: str) -> str:
    return next(p for p in seeds if p.name.startswith(prefix)).read_text(encoding="utf-8")


def test_seed_article_end_to_end_then_all_from_cache(fa_model: ModelSpec, seeds: list[Path],
                                                     fast_settings: EngineSettings) -> None:
    aid = testmodels.store_article(_seed(seeds, "000"), max_sentences=20)
    rows = repo.sentences(aid)
    engine = get_engine(fa_model, fast_settings)
    streamed: list[TranslationResult] = []
    progress: list[tuple[int, int]] = []
    results = translate_article(aid, settings=fast_settings, on_result=streamed.append,
                                progress=lambda d, t: progress.append((d, t)))
    assert [r.index for r in results] == [s.index for s in rows]
    assert [r.source for r in results] == [s.text for s in rows]
    assert all(r.translation and r.model == "argos:translate-fa_en:0.1" and not r.cached for r in results)
    assert streamed[0].index == rows[0].index  # the article's first sentence is the first one decoded
    assert sorted(r.index for r in streamed) == [s.index for s in rows]
    assert progress[0] == (0, len(rows)) and progress[-1] == (len(rows), len(rows))
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    calls, sentences = engine.calls, engine.sentences
    assert sentences == len({s.text for s in rows}) + 1  # and the headline, decoded on its own first
    stored = repo.sentences(aid)
    assert [s.translation for s in stored] == [r.translation for r in results]
    assert repo.get_article(aid).backend == "argos:translate-fa_en:0.1"

    again = translate_article(aid, settings=fast_settings)  # re-opening the article
    assert (engine.calls, engine.sentences) == (calls, sentences), "re-open must not call the model"
    assert all(r.cached for r in again)
    assert [(r.translation, r.flags) for r in again] == [(r.translation, r.flags) for r in results]


def test_arabic_seed_with_its_own_model(library: object, ar_package: Path, seeds: list[Path],
                                        fast_settings: EngineSettings) -> None:
    install_package(ar_package)
    aid = testmodels.store_article(_seed(seeds, "001"), max_sentences=12)
    assert repo.get_article(aid).language == "ar"
    results = translate_article(aid, settings=fast_settings)
    assert len(results) == len(repo.sentences(aid)) and all(r.model.startswith("argos:translate-ar_en") for r in results)


def test_editing_one_sentence_retranslates_only_it(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    engine = get_engine(fa_model, fast_settings)
    cache = library_cache(use_shipped=False)
    sentences = testmodels.sample_sentences("fa", 8)
    translate_sentences(sentences, engine, cache, settings=fast_settings)
    before = engine.sentences
    edited = list(sentences)
    edited[5] = edited[5].replace(".", "!")
    out = translate_sentences(edited, engine, cache, settings=fast_settings)
    assert engine.sentences - before == 1
    assert [r.cached for r in out] == [i != 5 for i in range(8)]


def test_cancel_after_first_batch_then_resume(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    engine = get_engine(fa_model, fast_settings)
    cache = library_cache(use_shipped=False)
    sentences = testmodels.sample_sentences("fa", 14)
    cancel = threading.Event()
    got: list[TranslationResult] = []

    def stop_after_first_batch(done: int, total: int) -> None:
        if done > 0:
            cancel.set()

    with pytest.raises(Cancelled):
        translate_sentences(sentences, engine, cache, cancel=cancel, progress=stop_after_first_batch,
                            on_result=got.append, settings=fast_settings)
    assert 0 < len(got) < len(sentences)
    cached = cache.lookup(fa_model.key, sentences)
    assert sorted(cached) == sorted(r.index for r in got)  # exactly what was reported is cached
    assert all(cached[r.index].translation == r.translation for r in got)
    decoded_before = engine.sentences
    assert decoded_before == len(got)

    rest = translate_sentences(sentences, engine, cache, settings=fast_settings)
    assert engine.sentences - decoded_before == len(sentences) - len(got)  # only the rest
    assert [r.cached for r in rest] == [i in cached for i in range(len(sentences))]


def test_cancel_before_start_reports_cache_only(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    engine = get_engine(fa_model, fast_settings)
    cache = library_cache(use_shipped=False)
    sentences = testmodels.sample_sentences("fa", 4)
    translate_sentences(sentences[:2], engine, cache, settings=fast_settings)
    cancel = threading.Event()
    cancel.set()
    got: list[TranslationResult] = []
    with pytest.raises(Cancelled):
        translate_sentences(sentences, engine, cache, cancel=cancel, on_result=got.append)
    assert [r.index for r in got] == [0, 1] and all(r.cached for r in got)


def test_duplicates_are_decoded_once(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    engine = get_engine(fa_model, fast_settings)
    s = testmodels.sample_sentences("fa", 3)
    out = translate_sentences([s[0], s[1], s[0], "  " + s[0], s[2]], engine, None, settings=fast_settings)
    assert engine.sentences == 3
    assert out[0].translation == out[2].translation == out[3].translation and out[3].source == "  " + s[0]


def test_no_model_is_a_clear_error_and_cache_can_still_serve(library: object, tmp_path: Path) -> None:
    aid = testmodels.store_article("جمله اول است. جمله دوم است.", "fa")
    with pytest.raises(ModelNotFound, match="tarjoman models download fa en"):
        translate_article(aid, cache=library_cache(use_shipped=False))
    import json

    from reader.core.translate.cache import cache_key

    shipped = tmp_path / "shipped"
    shipped.mkdir()
    lines = [{"key": cache_key("argos:translate-fa_en:1.9", s.text), "model": "argos:translate-fa_en:1.9",
              "source": s.text, "translation": f"sentence {s.index}", "score": None, "flags": []}
             for s in repo.sentences(aid)]
    (shipped / "x.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    results = translate_article(aid, cache=library_cache(shipped))
    assert [r.translation for r in results] == ["sentence 0", "sentence 1"]
    assert [s.translation for s in repo.sentences(aid)] == ["sentence 0", "sentence 1"]


def test_flags_reach_results_and_store(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    aid = testmodels.store_article("رئیس‌جمهور روز دوشنبه در تهران بودجه جدید را تصویب کرد.", "fa")
    (result,) = translate_article(aid, settings=fast_settings)
    # random weights: the output is gibberish, which the flags must say
    assert result.flags and all(f.message for f in result.flags)
    assert repo.sentences(aid)[0].flags == [f.to_json() for f in result.flags]
    assert result.score is not None and result.score < 0
