"""Entity page at library scale: time `entity_page(name)` on libraries of 500 and 10,000 articles.

Articles are built from sentences we write here (synthetic names and places, 6 sentences, ~20 entities each) and
stored through the real store (reader.store.repo / reader.store.entities); prints the time to build the page of a
frequent entity (in ~20% of articles), a rare one (a handful), and an unknown name, each the median of 5 runs.
Usage: python bench/bench_entity_page.py [N ...]   (default: 500 10000)
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PEOPLE = [f"{a} {b}" for a in ("احمد", "مریم", "علی", "سارا", "حسن", "لیلا", "رضا", "نرگس") for b in
          ("کریمی", "رضایی", "احمدی", "موسوی", "حسینی", "جعفری", "صادقی", "نوری", "عباسی", "قاسمی")]
PLACES = ["تهران", "مسکو", "پکن", "قاهره", "بغداد", "دمشق", "آنکارا", "برلین", "پاریس", "توکیو"]
ORGS = ["سازمان ملل", "وزارت نفت", "بانک مرکزی", "دانشگاه تهران", "شورای امنیت"]


def build(n: int) -> None:
    from reader.core.types import EntitySpan
    from reader.store import repo
    from reader.store.entities import save_entities
    from tests.support.articles import processed_from_sentences

    rng = random.Random(n)
    for i in range(n):
        sents, ents = [], {}
        for k in range(6):
            who = "کیم جونگ اون" if (k == 0 and i % 5 == 0) else rng.choice(PEOPLE)
            if k == 1 and i % 2000 == 7:
                who = "یک نام کمیاب"
            where, org = rng.choice(PLACES), rng.choice(ORGS)
            s = f"{who} روز دوشنبه در {where} با نمایندگان {org} دیدار کرد."
            sents.append(s)
            a = s.index(where)
            o = s.index(org)
            ents[k] = [EntitySpan("PERSON", 0, len(who), who, canonical=who),
                       EntitySpan("LOCATION", a, a + len(where), where, canonical=where),
                       EntitySpan("ORGANIZATION", o, o + len(org), org, canonical=org)]
        art = repo.save_article(processed_from_sentences(sents, "fa", f"خبر {i}"))
        save_entities(art.id, ents)


def median_ms(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [500, 10_000]
    from reader.app.entity_page import entity_page
    from reader.store import close_db, init_db

    for n in sizes:
        home = tempfile.mkdtemp(prefix="tarjoman-bench-entities-")
        os.environ["TARJOMAN_HOME"] = home
        init_db(Path(home) / "library.sqlite3")
        t = time.perf_counter()
        build(n)
        built = time.perf_counter() - t
        frequent = entity_page("کیم جونگ اون")
        print(f"{n:>6} articles (built in {built:.0f} s): frequent entity "
              f"({len(frequent.articles) if frequent else 0} articles, {len(frequent.mentions) if frequent else 0} "
              f"mentions) {median_ms(lambda: entity_page('کیم جونگ اون')):.0f} ms; rare "
              f"{median_ms(lambda: entity_page('یک نام کمیاب')):.1f} ms; unknown "
              f"{median_ms(lambda: entity_page('نامی که نیست')):.1f} ms")
        close_db()


if __name__ == "__main__":
    main()
