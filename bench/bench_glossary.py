"""Benchmark of the glossary: what post-editing costs per article, against decoding it, and what a glossary
change costs (re-applying from the cache) — on the tiny test model, so decode times are a lower bound.

    .venv/bin/python bench/bench_glossary.py [--terms N] [--sentences N]

Builds a glossary of N Persian terms (the corpus's own words and phrases, plus made-up names), a 30-sentence
article, and prints: when the headline and the first sentence are reported, glossary build time, matching + post-editing per sentence, re-applying to a translated
article through the app (cache only) vs translating it, and forced alignment passes. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--terms", type=int, default=1000)
    ap.add_argument("--sentences", type=int, default=30)
    args = ap.parse_args()
    import os

    home = Path(tempfile.mkdtemp(prefix="tarjoman-bench-glossary-"))
    os.environ["TARJOMAN_HOME"] = str(home)
    from reader import config
    from reader.app import glossary as service
    from reader.app.translate import library_cache, translate_article
    from reader.core.glossary import Glossary, Term
    from reader.core.glossary.apply import apply_glossary
    from reader.core.translate import align as alternatives
    from reader.core.translate.engine import get_engine
    from reader.core.translate.settings import EngineSettings
    from reader.store.db import init_db
    from tests.support import testmodels

    init_db(config.paths().database)
    sents = testmodels.sample_sentences("fa", args.sentences)
    words = sorted({w for s in sents for w in s.rstrip(".!؟").split() if len(w) > 3})
    terms = [Term(w, f"Term{i}", "fa") for i, w in enumerate(words)]
    terms += [Term(f"{a} {b}", f"Name {i}", "fa") for i, (a, b) in enumerate(zip(words, words[1:], strict=False))]
    terms += [Term(f"نام{i} ساختگی{i}", f"Made Up {i}", "fa") for i in range(max(0, args.terms - len(terms)))]
    terms = terms[: args.terms]
    t0 = time.perf_counter()
    g = Glossary("fa", terms)
    print(f"glossary of {len(g.by_key)} terms built in {(time.perf_counter() - t0) * 1000:.1f} ms")
    found = sum(len(g.find(s)) for s in sents)
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        for s in sents:
            apply_glossary(s, "The model's English for this sentence, with Some Names in it.", g, "fa")
        times.append(time.perf_counter() - t0)
    print(f"match + post-edit, {len(sents)} sentences ({found} term occurrences): "
          f"{statistics.median(times) * 1000:.1f} ms ({statistics.median(times) / len(sents) * 1e6:.0f} µs/sentence)")

    spec = testmodels.install_test_model("fa", "en")
    settings = EngineSettings(beam_size=2, inter_threads=1, intra_threads=2)
    engine = get_engine(spec, settings)
    text = "گزارش آزمایشی\n\n" + " ".join(sents)
    aid = testmodels.store_article(text, "fa")
    seen: dict[str, float] = {}
    t0 = time.perf_counter()
    translate_article(aid, settings=settings, cache=library_cache(use_shipped=False),
                      on_headline=lambda r: seen.setdefault("headline", time.perf_counter() - t0),
                      on_result=lambda r: seen.setdefault("sentence", time.perf_counter() - t0))
    first = time.perf_counter() - t0
    print(f"translate the article (headline + {args.sentences} sentences, tiny model, no glossary): "
          f"{first * 1000:.0f} ms, {engine.sentences} sentences decoded; headline reported at "
          f"{seen['headline'] * 1000:.0f} ms, first sentence at {seen['sentence'] * 1000:.0f} ms")
    service.add_terms([Term(w, f"Term{i}", "fa") for i, w in enumerate(words[:50])])
    decoded, passes = engine.sentences, alternatives.forced_passes
    t0 = time.perf_counter()
    translate_article(aid, settings=settings, cache=library_cache(use_shipped=False))
    applied = time.perf_counter() - t0
    print(f"glossary of 50 terms applied to it: {applied * 1000:.0f} ms, {engine.sentences - decoded} decoded, "
          f"{alternatives.forced_passes - passes} forced alignment passes (first time)")
    service.add_terms([Term(w, f"Other{i}", "fa") for i, w in enumerate(words[:50])])
    decoded, passes = engine.sentences, alternatives.forced_passes
    t0 = time.perf_counter()
    translate_article(aid, settings=settings, cache=library_cache(use_shipped=False))
    again = time.perf_counter() - t0
    print(f"same terms, new English, re-applied: {again * 1000:.0f} ms, {engine.sentences - decoded} decoded, "
          f"{alternatives.forced_passes - passes} forced alignment passes (alignments cached)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
