"""Benchmark of the entity tagger: load time, tagging throughput (tokens/s) and the time it adds per article.

    .venv/bin/python bench/bench_entities.py [--repeat N]

Uses the seed articles in ../shared/seeds (skipped when absent) and the shipped models in resources/ner.
Prints numbers only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = ROOT.parent / "shared" / "seeds"


def _lang(text: str) -> str:
    return "fa" if text.count("ی") + text.count("ک") > text.count("ي") + text.count("ك") else "ar"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    from reader.core.entities import model, project_sentence, tag_sentences
    from reader.core.entities.text import tokenize

    t0 = time.perf_counter()
    for lang in ("fa", "ar"):
        model.get(lang)
    load = time.perf_counter() - t0
    print(f"load both models + lexicons: {load * 1000:.0f} ms (once per process)")

    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        print(f"no seed articles at {SEEDS}; nothing else to measure")
        return 0
    total_tokens = 0
    total_time = 0.0
    print(f"\n{'article':<28} {'lang':>4} {'sents':>6} {'tokens':>7} {'entities':>8} {'ms/article':>11} {'tokens/s':>9}")
    for path in files:
        text = path.read_text(encoding="utf-8")
        lang = _lang(text)
        sents = [ln for ln in text.split("\n") if ln.strip()]
        ntok = sum(len(tokenize(s)) for s in sents)
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            out = tag_sentences(sents, lang)
            times.append(time.perf_counter() - t)
        best = statistics.median(times)
        total_tokens += ntok
        total_time += best
        n_ent = sum(len(e) for e in out)
        print(f"{path.name:<28} {lang:>4} {len(sents):>6} {ntok:>7} {n_ent:>8} {best * 1000:>11.1f} {ntok / best:>9,.0f}")
    print(f"\ntagging throughput over the seeds: {total_tokens / total_time:,.0f} tokens/s "
          f"(median of {args.repeat} runs per article); mean added time per article "
          f"{1000 * total_time / len(files):.0f} ms")

    # projection cost on a sentence pair written for this benchmark
    src = "ولادیمیر پوتین، رئیس‌جمهور روسیه، روز سه‌شنبه با کیم جونگ اون در پیونگ‌یانگ دیدار کرد."
    tgt = "Russian President Vladimir Putin met Kim Jong Un in Pyongyang on Tuesday."
    ents = tag_sentences([src], "fa")[0]
    n = 200
    t = time.perf_counter()
    for _ in range(n):
        project_sentence(ents, src, tgt, "fa")
    per = (time.perf_counter() - t) / n
    print(f"projection: {per * 1000:.2f} ms per sentence pair with {len(ents)} entities "
          f"(~{per * 40 * 1000:.0f} ms for a 40-sentence translated article)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
