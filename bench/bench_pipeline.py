"""Throughput of the text pipeline (clean → language id → normalise + ZWNJ → segment).

Reads the seed articles from ../shared/seeds (beside the checkout), processes them over and over until 1 MB of
raw text has gone through, and prints sentences/s and chars/s per language and overall, plus the one-off cost
of loading hazm and camel-tools. Run: ``.venv/bin/python bench/bench_pipeline.py [--mb 1]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="megabytes of raw text to process (default 1)")
    args = parser.parse_args()

    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        print(f"bench_pipeline: no seed articles found at {SEEDS}; nothing to measure.", file=sys.stderr)
        return 2
    texts = [f.read_text(encoding="utf-8") for f in files]

    from reader.core.text.pipeline import process, warm_up

    t0 = time.perf_counter()
    warm_up("fa")
    t_fa = time.perf_counter() - t0
    t0 = time.perf_counter()
    warm_up("ar")
    t_ar = time.perf_counter() - t0
    print(f"one-off load: hazm normaliser + lexicon {t_fa:.2f} s, camel-tools {t_ar:.2f} s")

    target = int(args.mb * 1024 * 1024)
    stats: dict[str, list[float]] = {}  # lang -> [seconds, chars, sentences, articles]
    done = 0
    while done < target:
        for raw in texts:
            t0 = time.perf_counter()
            p = process(raw)
            dt = time.perf_counter() - t0
            s = stats.setdefault(p.language, [0.0, 0, 0, 0])
            s[0] += dt
            s[1] += len(raw)
            s[2] += len(p.sentences)
            s[3] += 1
            done += len(raw.encode("utf-8"))
            if done >= target:
                break

    total = [sum(v[i] for v in stats.values()) for i in range(4)]
    print(
        f"processed {done / 1024 / 1024:.2f} MB ({total[1] / 1e6:.2f} M chars) in {total[3]:.0f} articles "
        f"({len(files)} seeds repeated)"
    )
    for lang, (secs, chars, sents, arts) in sorted(stats.items()) + [("all", tuple(total))]:
        print(
            f"{lang:>4}: {sents / secs:8.0f} sentences/s  {chars / secs / 1000:8.1f} k chars/s  "
            f"{secs / arts * 1000:6.1f} ms/article  ({arts:.0f} articles, {secs:.2f} s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
