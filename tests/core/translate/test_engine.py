"""The CTranslate2 engine on a real (tiny, random-weight) model: batching, alignment, caps, warm registry."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.core.translate import EngineSettings, ModelLoadError
from reader.core.translate.catalog import ModelSpec, register_custom_model, spec_from_dir
from reader.core.translate.engine import Engine, evict, get_engine, loaded_pairs, plan_batches
from tests.support import testmodels


def test_plan_batches_head_then_longest_first_in_even_batches() -> None:
    lengths = [9, 3, 0, 7, 1, 5, 2]
    batches = plan_batches(lengths, max_batch_size=2, first_batch=1)
    assert batches == [[0], [3, 5], [1, 6], [4]]
    assert sorted(i for b in batches for i in b) == [0, 1, 3, 4, 5, 6]  # the empty sentence needs no model
    assert plan_batches(lengths, 10, 0) == [[0, 3, 5, 1, 6, 4]]
    # two workers: the batch count is rounded up to a multiple of 2 and the batches evened out
    assert plan_batches(lengths, 3, 1, workers=2) == [[0], [3, 5, 1], [6, 4]]
    assert [len(b) for b in plan_batches([5] * 29, 8, 0, workers=2)] == [8, 7, 7, 7]
    assert [len(b) for b in plan_batches([5] * 29, 16, 0, workers=3)] == [10, 10, 9]
    assert plan_batches([], 4, 1) == [] and plan_batches([0, 0], 4, 1) == []


def test_translate_is_one_to_one_and_counts_calls(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    engine = Engine(fa_model, fast_settings)
    sentences = testmodels.sample_sentences("fa", 10) + ["   "]
    out = engine.translate(sentences)
    assert [r.index for r in out] == list(range(11))
    assert all(r.text.strip() for r in out[:10]) and out[10].text == "" and out[10].tokens == 0
    assert engine.calls == 4 and engine.sentences == 10  # 1 head + ceil(9 / 4) batches; blank not sent
    assert all(r.logprob is not None and r.logprob < 0 for r in out[:10])
    assert engine.target_tokens == sum(r.tokens for r in out)


def test_stream_yields_batches_with_indices_and_caps_length(fa_model: ModelSpec,
                                                            fast_settings: EngineSettings) -> None:
    engine = Engine(fa_model, fast_settings)
    sentences = testmodels.sample_sentences("fa", 9)
    batches = list(engine.translate_stream(sentences))
    assert [len(b) for b in batches] == [1, 4, 4]
    assert batches[0][0].index == 0  # the first sentence of the article comes first
    src_tokens = [len(t) for t in engine.encode(sentences)]
    for batch in batches:
        longest = max(src_tokens[r.index] for r in batch)
        assert all(r.tokens <= 3 * longest + 10 for r in batch)
    tight = EngineSettings(beam_size=1, max_batch_size=4, first_batch=0, max_length_ratio=0.5, max_length_offset=0)
    capped = engine.translate(sentences, tight)
    assert all(r.tokens <= max(src_tokens) // 2 for r in capped)


def test_stream_stops_submitting_when_cancelled(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    engine = Engine(fa_model, fast_settings)
    cancel = threading.Event()
    got = []
    for batch in engine.translate_stream(testmodels.sample_sentences("fa", 12), cancel=cancel):
        got.append(batch)
        cancel.set()
    # the head batch finished, the one queued behind it (window = workers + 1) is still delivered, no more
    assert len(got) == 2 and engine.calls == 2


def test_registry_keeps_one_warm_engine_per_pair(fa_model: ModelSpec) -> None:
    a = get_engine(fa_model, EngineSettings(intra_threads=1))
    b = get_engine(fa_model, EngineSettings.from_preset("quality", intra_threads=1))
    assert a is b and b.settings.beam_size == 4  # decoding settings change without a reload
    c = get_engine(fa_model, EngineSettings(intra_threads=2))
    assert c is not a and loaded_pairs() == [("fa", "en")]  # thread settings need a reload
    evict(("fa", "en"))
    assert loaded_pairs() == []


def test_registry_is_thread_safe(fa_model: ModelSpec) -> None:
    got: list[Engine] = []
    lock = threading.Lock()

    def load() -> None:
        engine = get_engine(fa_model, EngineSettings(intra_threads=1))
        with lock:
            got.append(engine)

    threads = [threading.Thread(target=load) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 4 and all(e is got[0] for e in got)


def test_concurrent_translations_share_one_engine(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    engine = get_engine(fa_model, EngineSettings(inter_threads=2, intra_threads=1))
    sentences = testmodels.sample_sentences("fa", 6)
    expected = [r.text for r in engine.translate(sentences, fast_settings)]
    results: list[list[str]] = []

    def run() -> None:
        results.append([r.text for r in engine.translate(sentences, fast_settings)])

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected, expected]


def test_target_prefix_is_forced_and_stripped(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    from dataclasses import replace

    prefixed = replace(fa_model, target_prefix="▁the")  # a piece in the test vocabulary
    engine = Engine(prefixed, fast_settings)
    out = engine.translate(testmodels.sample_sentences("fa", 3))
    assert all(not r.text.startswith("the ") for r in out)
    assert engine.decode(["▁the", "▁in", "▁Tehran"]).startswith("in")


def test_decode_mirrors_argostranslate(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    engine = Engine(fa_model, fast_settings)
    assert engine.decode(["▁in", "▁the", "▁new", "_budget"]) == "in the new budget"


@pytest.mark.parametrize("layout", ["opus", "flat"])
def test_custom_model_layouts(library: object, tmp_path: Path, layout: str, fast_settings: EngineSettings) -> None:
    folder = testmodels.build_custom_model_dir(tmp_path, "ar", layout)
    spec = register_custom_model(folder, "ar", name=f"my-{layout}")
    assert spec.backend == "custom" and spec.pair == ("ar", "en") and spec.ct2_dir == spec.path
    assert spec.key.startswith(f"custom:my-{layout}:") and len(spec.version) == 10
    if layout == "opus":
        assert (spec.source_spm.name, spec.target_spm.name) == ("source.spm", "target.spm")
    out = get_engine(spec, fast_settings).translate(testmodels.sample_sentences("ar", 3))
    assert len(out) == 3 and all(r.text for r in out)
    assert spec_from_dir(folder, from_code="ar").version == spec.version  # unregistered use (--model PATH)


def test_broken_model_load_is_one_clear_line(tmp_path: Path) -> None:
    folder = testmodels.build_custom_model_dir(tmp_path, "fa", "flat")
    (folder / "model.bin").write_bytes(b"garbage" * 50)
    spec = spec_from_dir(folder, from_code="fa")
    with pytest.raises(ModelLoadError, match="could not be loaded") as info:
        Engine(spec)
    assert "\n" not in str(info.value)


def test_loading_a_model_holds_no_lock_that_evict_or_other_pairs_wait_on(fa_model, monkeypatch) -> None:
    """get_engine used to load under the registry lock: Remove model (evict) on the GUI thread froze for the
    whole load. While a load is held up, evict returns and the pair loaded meanwhile is not registered."""
    import threading

    from reader.core.translate import engine as engine_mod

    started, release = threading.Event(), threading.Event()
    real_init = engine_mod.Engine.__init__

    def held_up_init(self, *args, **kwargs):  # the real load, held at its start until the test lets it go
        started.set()
        release.wait(30)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(engine_mod.Engine, "__init__", held_up_init)
    loaded: list[Engine] = []
    loader = threading.Thread(target=lambda: loaded.append(get_engine(fa_model, EngineSettings(intra_threads=1))))
    loader.start()
    try:
        assert started.wait(30)
        evictor = threading.Thread(target=evict, args=(("fa", "en"),))
        evictor.start()
        evictor.join(5)
        assert not evictor.is_alive(), "evict waited for a model load"
        assert loaded_pairs() == []
    finally:
        release.set()
        loader.join(60)
    assert len(loaded) == 1 and loaded[0].translate(["سلام"])  # the caller still gets a working engine
    assert loaded_pairs() == []  # but an engine evicted while loading is not kept warm
