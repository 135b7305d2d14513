"""Translation engine benchmark: latency and throughput on a transformer-base-sized model, vs argostranslate.

    .venv/bin/python bench/bench_translate.py [--arch base,big] [--sweep] [--cores 2] [--repeat 2] [--no-argos]

Models: the synthetic packages from tests/support/testmodels.py, per architecture: ``base`` (transformer-base
as Argos and OPUS-MT base: d=512, 6+6 layers, 32k vocab, int8, ~94 MB) and ``big`` (transformer-big as
opus-mt-tc-big: d=1024, 16 heads, ff 4096, int8, ~277 MB); built on the fly and cached in the test-model cache
dir, never committed. Seeds from ``TARJOMAN_SEEDS`` (default ../shared/seeds). Text: the first 30
sentences of the seed articles (../shared/seeds), segmented by reader.core.text when available.
A random-weight model never emits </s>, so every sentence decodes until the length cap; the bench sets the
cap to 1.0 x source tokens (no offset) so the number of target tokens matches the source, as a real
translation would. Every path below, argostranslate's included, decodes under the same cap.

Printed per architecture and preset: cold start (model load + first article), warm first-sentence latency
(time until the article's first sentence is on screen), warm article time, sentences/s, target tokens/s, CPU
seconds, peak RSS (VmHWM, reset per architecture); then cache-hit re-open time (the article-level job over the
library database), optionally a sweep over beam / batch size / thread layout, and the ratio against
argostranslate 1.11's own translate path on the same base package and text.
Goals (2 cores, warm): base balanced article <= 1.5 s, first sentence <= 0.3 s; big balanced <= 4 s; >= 3x
argostranslate; cache re-open <= 100 ms.

Measured 2026-11-30 with the models branch (run-on chunking, NLLB/BPE tokenizers, n-best) on the same 2 cores
while ~8 other helpers' jobs ran (load average 5-14): walls are 3-10x what an idle machine gives, so the ``cpu``
column (CPU seconds used) is the figure to compare; an A/B run of main's and this branch's engine on the same
package gave the same CPU (6.25/6.37 vs 6.12/5.78 s for the balanced article). Synthetic models, best of 2-3:

    arch  preset (beam)     first    article   tok/s   cpu     peak RSS
    base  fast (1)          1.81 s    6.78 s    354     4.8 s   592 MB
    base  balanced (2)      0.63 s   10.83 s    193     6.8 s   592 MB
    base  quality (4)       2.97 s   12.32 s    169    10.7 s   592 MB
    big   fast (1)          8.39 s   28.47 s     84    10.5 s   1342 MB   (d=1024, 16 heads, 6+6, int8, 277 MB)
    big   balanced (2)     13.02 s   49.00 s     43    15.5 s   1342 MB
    big   quality (4)      11.82 s   50.77 s     41    25.0 s   1342 MB
    argostranslate (beam 4, sentence by sentence, same run): 48.2 s; our balanced preset 4.4x faster, fast 7.1x
    cache re-open 25-48 ms (0 model calls); job alone with everything cached 2-8 ms

The goals (base balanced article <= 1.5 s and first sentence <= 0.3 s; big balanced <= 4 s) could not be checked
under this load. From CPU seconds: base balanced needs 6.8 cpu-s here vs 3.1 on the idle machine earlier
(the same engine: contention inflates CPU time too), and big needs ~2.2x base; on an idle 2-core machine
that puts base balanced near the earlier 1.6 s and big balanced near 3.5-4 s. Rerun on an idle machine.

Earlier (idle machine, before this branch): fast 1.26 s, balanced 1.64 s (first 0.41 s), quality 2.29 s;
argostranslate 16.95 s (balanced 10.4x faster); cold model load 0.05 s + first article 1.57 s.

Sweep (``--sweep``, earlier idle run). Threads, batch 8, both cores free: inter 2 x intra 1 vs inter 1 x intra 2
= 1.21 vs 3.60 s (greedy), 1.77 vs 4.43 s (beam 2), 2.49 vs 6.06 s (beam 4); at intra 2 CTranslate2 keeps ~1
core busy, at inter 2 both, and it needs ~1.2x less CPU. Batch 4 / 8 / 16 at beam 2: 3.8 / 3.1 / 3.0 cpu-s;
first batch 0 / 1 / 2 sentences: 2.7 / 3.1 / 3.2 cpu-s, but with 0 the article's first sentence arrives after
1.1-1.9 s instead of 0.4-0.7 s. The first sentence here is 75 tokens (4.5-5.5 ms per token with beam 2):
~0.2 s at the reference's 35 tokens; the 0.3 s target holds per token, not for this long lead sentence.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = Path(os.environ.get("TARJOMAN_SEEDS") or ROOT.parent / "shared" / "seeds")
CAP = {"max_length_ratio": 1.0, "max_length_offset": 0}


def seed_sentences(n: int = 30) -> tuple[list[str], Any]:
    """The first *n* sentences of the seeds, and a ProcessedText holding exactly them (first seed used)."""
    from tests.support.testmodels import processed_text

    out: list[str] = []
    first = None
    for path in sorted(SEEDS.glob("*.txt")):
        processed = processed_text(path.read_text(encoding="utf-8"))
        first = first or processed
        out += [s.text for s in processed.sentences]
        if len(out) >= n:
            break
    if not out:
        sys.exit(f"No seed articles at {SEEDS}.")
    return out[:n], replace(first, sentences=first.sentences[:n])


class Run:
    """Timings of one job run."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.cpu_start = time.process_time()
        self.cpu = 0.0
        self.first: float | None = None
        self.sentence0: float | None = None

    def on_result(self, r: Any) -> None:
        now = time.perf_counter() - self.start
        self.first = self.first if self.first is not None else now
        if r.index == 0:
            self.sentence0 = now


def timed_job(sentences: list[str], engine: Any, settings: Any, cache: Any = None) -> tuple[float, Run, int]:
    from reader.core.translate.job import translate_sentences

    tokens_before = engine.target_tokens
    run = Run()
    translate_sentences(sentences, engine, cache, settings=settings, on_result=run.on_result)
    run.cpu = time.process_time() - run.cpu_start
    return time.perf_counter() - run.start, run, engine.target_tokens - tokens_before


def best_of(repeat: int, fn: Any) -> Any:
    runs = [fn() for _ in range(repeat)]
    return min(runs, key=lambda r: r[0])


def line(label: str, total: float, run: Run, tokens: int, n: int) -> str:
    return (f"{label:<34} first {run.first:6.3f}s  sentence0 {run.sentence0:6.3f}s  article {total:6.2f}s  "
            f"{n / total:6.1f} sent/s  {tokens / total:7.0f} tok/s  cpu {run.cpu:5.2f}s")


def argos_path(spec: Any, sentences: list[str], cores: int, repeat: int) -> tuple[float, int, str]:
    """argostranslate 1.11's PackageTranslation on the same package, offline, under the same length cap."""
    from reader import config

    os.environ.setdefault("ARGOS_CHUNK_TYPE", "ARGOSTRANSLATE")
    with config.argos_env():
        import argostranslate.package
        import argostranslate.settings as argos_settings
        import argostranslate.translate as argos_translate
    import ctranslate2

    class OneSentencePerLine:
        """argostranslate's sentencizers download models on first use (stanza resources, MiniSBD .onnx from
        GitHub, spaCy xx_sent_ud_sm) and ChunkType NONE is not implemented in 1.11; the text is already one
        sentence per line (argos translates line by line), so splitting is the identity."""

        def split_sentences(self, text: str) -> list[str]:
            return [text]

    class Capped:
        def __init__(self, real: Any) -> None:
            self.real, self.tokens = real, 0

        def translate_batch(self, source: list[list[str]], **kw: Any) -> Any:
            kw.setdefault("max_decoding_length", int(CAP["max_length_ratio"] * max(len(t) for t in source)))
            out = self.real.translate_batch(source, **kw)
            self.tokens += sum(len(r.hypotheses[0]) for r in out)
            return out

    pkg = argostranslate.package.Package(spec.path)
    translation = argos_translate.PackageTranslation(
        argos_translate.Language(spec.from_code, spec.from_code), argos_translate.Language("en", "English"), pkg)
    translation.sentencizer = OneSentencePerLine()
    intra = argos_settings.intra_threads or cores
    translation.translator = Capped(ctranslate2.Translator(
        str(spec.path / "model"), device=argos_settings.device, compute_type=argos_settings.compute_type,
        inter_threads=argos_settings.inter_threads, intra_threads=intra))
    text = "\n".join(sentences)
    translation.translate(text)  # warm-up
    times = []
    for _ in range(repeat):
        translation.translator.tokens = 0
        t0 = time.perf_counter()
        out = translation.translate(text)
        times.append(time.perf_counter() - t0)
    assert len(out.split("\n")) == len(sentences)
    how = (f"argostranslate {importlib.metadata.version('argostranslate')}: PackageTranslation.hypotheses, "
           f"beam {argos_settings.beam_size}, batch {argos_settings.batch_size} tokens, inter "
           f"{argos_settings.inter_threads} / intra {intra} threads; sentencizer replaced by one-sentence-per-line "
           "(its stanza/MiniSBD/spaCy splitters all download a model first); same decode cap injected")
    return min(times), translation.translator.tokens, how


def reset_peak_rss() -> bool:
    """Reset the kernel's peak-RSS mark (VmHWM) of this process to its current RSS (Linux >= 4.0)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_rss_mb() -> float:
    try:
        for row in Path("/proc/self/status").read_text().splitlines():
            if row.startswith("VmHWM:"):
                return int(row.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arch", default="base,big", help="synthetic architectures, comma-separated: base, big")
    ap.add_argument("--sweep", action="store_true", help="also sweep beam x batch x threads on the base model")
    ap.add_argument("--quick", action="store_true", help="(kept for old scripts) same as the default: no sweep")
    ap.add_argument("--cores", type=int, default=2, help="CPU cores to use (pins the process when it can)")
    ap.add_argument("--repeat", type=int, default=2, help="runs per measurement (best is kept)")
    ap.add_argument("--no-argos", action="store_true")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity") and len(os.sched_getaffinity(0)) > args.cores:
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[: args.cores])
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    home = Path(tempfile.mkdtemp(prefix="tarjoman-bench-"))
    os.environ["TARJOMAN_HOME"] = str(home)

    from reader.core.translate import EngineSettings
    from reader.core.translate.engine import Engine, evict, get_engine
    from reader.core.translate.packages import install_package
    from tests.support.testmodels import SIZES, build_argos_package, cache_root

    sentences, processed = seed_sentences(30)

    def settings_for(preset: str, **kw: Any) -> EngineSettings:
        return EngineSettings.from_preset(preset, **{**CAP, **kw})

    default = settings_for("balanced")
    table: list[tuple[str, str, float, float, float, float, float]] = []
    base_spec = None
    results: dict[str, float] = {}
    for arch in [a.strip() for a in args.arch.split(",") if a.strip()]:
        cfg = SIZES[arch]
        evict()
        reset_peak_rss()
        t0 = time.perf_counter()
        package = build_argos_package(home / "pkg" / arch, "fa", size=arch)
        print(f"\n######## {arch}: d={cfg['d']}, {cfg['heads']} heads, ff {cfg['ff']}, {cfg['layers'][0]}+"
              f"{cfg['layers'][1]} layers, {cfg['vocab']} vocab, {cfg['quant']}; {package.name} "
              f"{package.stat().st_size / 1e6:.0f} MB (built/cached in {cache_root()}: {time.perf_counter() - t0:.1f} s)")
        spec = install_package(package)
        probe = Engine(spec, EngineSettings(inter_threads=1, intra_threads=1))
        src_tokens = [len(t) for t in probe.encode(sentences)]
        probe.close()
        print(f"text: {len(sentences)} sentences, {statistics.mean(src_tokens):.1f} source tokens/sentence "
              f"(min {min(src_tokens)}, max {max(src_tokens)}); cores: {cores}; decode cap: 1.0 x source tokens")
        print(f"== cold (model load + first article), preset balanced: {default}")
        t0 = time.perf_counter()
        engine = get_engine(spec, default)
        load = time.perf_counter() - t0
        total, run, tokens = timed_job(sentences, engine, default)
        print(f"model load {load:.2f} s; " + line("first article (cold)", total, run, tokens, len(sentences)))
        print("== warm, presets")
        for preset in ("fast", "balanced", "quality"):
            s = settings_for(preset)
            engine = get_engine(spec, s)
            total, run, tokens = best_of(args.repeat, lambda s=s, e=engine: timed_job(sentences, e, s))
            if arch == "base":
                results[preset] = total
            print(line(f"{preset} (beam {s.beam_size}, batch {s.max_batch_size})", total, run, tokens,
                       len(sentences)), flush=True)
            table.append((arch, f"{preset} (beam {s.beam_size})", run.sentence0 or 0.0, total, tokens / total,
                          run.cpu, 0.0))
        peak = peak_rss_mb()
        table = [(*row[:6], peak) if row[0] == arch else row for row in table]
        print(f"peak RSS while loading and translating with {arch}: {peak:.0f} MB")
        if arch == "base":
            base_spec = spec
        if args.sweep and arch == "base":
            sweep(spec, sentences, cores, args.repeat, default)

    print(f"\n== summary (warm, best of {args.repeat}; first = the article's first sentence on screen)")
    print(f"{'arch':<6} {'preset':<18} {'first':>7} {'article':>8} {'tok/s':>7} {'cpu':>6} {'peak RSS':>9}")
    for arch, preset, first, total, tps, cpu, peak in table:
        print(f"{arch:<6} {preset:<18} {first:6.3f}s {total:7.2f}s {tps:7.0f} {cpu:5.2f}s {peak:7.0f} MB")
    goals = {("base", "balanced"): (1.5, 0.3), ("big", "balanced"): (4.0, None)}
    for (arch, preset), (article_goal, first_goal) in goals.items():
        row = next((r for r in table if r[0] == arch and r[1].startswith(preset)), None)
        if row:
            ok = row[3] <= article_goal and (first_goal is None or row[2] <= first_goal)
            print(f"goal {arch} {preset}: article <= {article_goal} s" + (f", first <= {first_goal} s" if first_goal
                  else "") + f": {'met' if ok else 'NOT met'} ({row[3]:.2f} s, first {row[2]:.3f} s)")
    if base_spec is None:
        return 0
    spec = install_package(build_argos_package(home / "pkg" / "base", "fa", size="base"))
    cache_section(spec, processed, sentences, default, home)

    if not args.no_argos:
        print("\n== argostranslate's own translate path, same package (base) and text (warm)")
        evict()
        argos_time, argos_tokens, how = argos_path(spec, sentences, cores, args.repeat)
        print(how)
        print(f"argostranslate: article {argos_time:.2f} s, {len(sentences) / argos_time:.1f} sent/s, "
              f"{argos_tokens / argos_time:.0f} tok/s (no streaming: the first sentence arrives with the last)")
        for preset, t in results.items():
            print(f"speed-up of our {preset:<8} preset: {argos_time / t:4.1f}x")
    return 0


def sweep(spec: Any, sentences: list[str], cores: int, repeat: int, default: Any) -> None:
    from reader.core.translate import EngineSettings
    from reader.core.translate.engine import get_engine

    print("\n== sweep (warm): beam x batch size x threads (inter x intra), first batch = 1 sentence")
    for inter, intra in ((cores, 1), (1, cores)):
        for beam in (1, 2, 4):
            for batch in (4, 8, 16) if inter > 1 else (8,):
                s = EngineSettings(beam_size=beam, max_batch_size=batch, inter_threads=inter,
                                   intra_threads=intra, **CAP)
                engine = get_engine(spec, s)
                total, run, tokens = best_of(repeat, lambda s=s, e=engine: timed_job(sentences, e, s))
                print(line(f"beam {beam} batch {batch:2d} threads {inter}x{intra}", total, run, tokens,
                           len(sentences)), flush=True)
    for first in (0, 2):
        s = replace(default, first_batch=first)
        engine = get_engine(spec, s)
        total, run, tokens = best_of(repeat, lambda s=s, e=engine: timed_job(sentences, e, s))
        print(line(f"balanced, first batch {first}", total, run, tokens, len(sentences)))


def cache_section(spec: Any, processed: Any, sentences: list[str], default: Any, home: Path) -> None:
    from reader.app.translate import library_cache, translate_article
    from reader.core.translate.engine import get_engine
    from reader.store import init_db, repo

    print("\n== cache (library database in a temp home, base model)")
    init_db(home / "library.sqlite3")
    aid = repo.save_article(processed, source="bench").id
    engine = get_engine(spec, default)
    t0 = time.perf_counter()
    translate_article(aid, engine=engine, settings=default, cache=library_cache(use_shipped=False))
    first_open = time.perf_counter() - t0
    calls = engine.calls
    reopen = []
    for _ in range(5):
        t0 = time.perf_counter()
        translate_article(aid, engine=engine, settings=default, cache=library_cache(use_shipped=False))
        reopen.append(time.perf_counter() - t0)
    assert engine.calls == calls, "re-open called the model"
    print(f"first open (translate + cache + save) {first_open:.2f} s; re-open from cache: median "
          f"{statistics.median(reopen) * 1000:.0f} ms (min {min(reopen) * 1000:.0f} ms), 0 model calls")
    lookup = []
    for _ in range(5):
        t0 = time.perf_counter()
        timed_job(sentences, engine, default, library_cache(use_shipped=False))
        lookup.append(time.perf_counter() - t0)
    print(f"job alone, all cached (lookup + flags, no store writes): median {statistics.median(lookup) * 1000:.0f} ms")


if __name__ == "__main__":
    raise SystemExit(main())
