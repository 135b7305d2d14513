"""Export speed: one 30-sentence article, and a 20-article batch into one file (PDF, HTML, Markdown).

    .venv/bin/python bench/bench_export.py [--repeat 3] [--layout columns|interleaved]

Articles are built in a temporary library from the seed articles (../shared/seeds, read, never copied into the
project) through the text pipeline when it is available, else one sentence per line; every sentence gets a
made-up English line, two entities and — every fourth sentence — an annotation with a note, so the export does
all its work (shaping, bidi, highlights, footnotes, sticky notes, bookmarks). Target: ≤ 2 s for 30 sentences.
Times are wall-clock, best of --repeat, measured from the store query (build_documents) to the file on disk.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT.parent / "shared" / "seeds"


def build_library(home: Path) -> list[int]:
    """Store the seeds, cut to 30 sentences each, with fake English, entities and annotations."""
    os.environ["TARJOMAN_HOME"] = str(home)
    from reader.core.types import ProcessedText, SentenceSpan, TranslationResult
    from reader.store import annotations as ann
    from reader.store import init_db, repo
    from reader.store.models import Entity

    init_db(home / "library.sqlite3")
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        sys.exit(f"seed articles not found at {SEEDS}")
    try:
        from reader.core.text.pipeline import process
    except ImportError:
        process = None
    ids = []
    for path in seeds:
        raw = path.read_text(encoding="utf-8")
        if process is not None:
            p = process(raw, None, str(path))
        else:
            lines = [x.strip() for x in raw.splitlines() if x.strip()]
            text, spans = "", []
            for i, s in enumerate(lines[1:]):
                text += " " if text else ""
                spans.append(SentenceSpan(i, len(text), len(text) + len(s), s, i // 3))
                text += s
            lang = "fa" if "ی" in raw else "ar"
            p = ProcessedText(lang, lines[0], "", {}, text, text, [], tuple(spans))
        sentences = list(p.sentences)
        while len(sentences) < 30:  # short seeds: repeat their sentences to reach 30
            s = sentences[len(sentences) % len(p.sentences)]
            sentences.append(SentenceSpan(len(sentences), s.start, s.end, s.text, s.paragraph + 10))
        p = ProcessedText(p.language, p.title, p.date, p.meta, p.original_text, p.text, p.offset_map,
                          tuple(sentences[:30]))
        aid = repo.save_article(p, source=str(path)).id
        rows = repo.sentences(aid)
        repo.save_translations(aid, [TranslationResult(
            s.index, s.text, f"Sentence {s.index + 1}: officials in Moscow and Pyongyang met on 18 June 2024 "
            "to discuss trade, energy and the war in Ukraine, according to a report.") for s in rows], "bench")
        for s in rows:
            words = s.text.split()
            if len(words) > 4:
                a = s.text.index(words[1])
                Entity.create(article=aid, sentence=s.id, type="PERSON", start=s.start + a,
                              end=s.start + a + len(words[1]), text=words[1], en_start=25, en_end=31)
                b = s.text.index(words[3])
                Entity.create(article=aid, sentence=s.id, type="LOCATION", start=s.start + b,
                              end=s.start + b + len(words[3]), text=words[3], en_start=36, en_end=45)
            if s.index % 4 == 1:
                ann.create(aid, s.index, "source", 0, min(12, len(s.text)), note="یادداشت برای بررسی", tags=["bench"])
        ids.append(aid)
    return ids


def best(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--layout", choices=["columns", "interleaved"], default="columns")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        t = time.perf_counter()
        ids = build_library(home / "home")
        print(f"library: {len(ids)} seed articles × 30 sentences built in {time.perf_counter() - t:.1f} s")
        from reader.app.exporting import export_articles
        from reader.core.export import ExportOptions

        opts = ExportOptions(layout=args.layout, paragraph_bookmarks=True)
        batch = [ids[i % len(ids)] for i in range(20)]
        print(f"layout: {args.layout}; best of {args.repeat}")
        first = time.perf_counter()
        res = export_articles(ids[:1], home / "cold.pdf", options=opts)
        print(f"pdf   1 article  (30 sentences), first call incl. fpdf2 import + font load: "
              f"{time.perf_counter() - first:.2f} s, {res.pages} pages")
        for fmt in ("pdf", "html", "md"):
            one = best(lambda fmt=fmt: export_articles(ids[:1], home / f"one.{fmt}", options=opts), args.repeat)
            many = best(lambda fmt=fmt: export_articles(batch, home / f"batch.{fmt}", options=opts), args.repeat)
            size = (home / f"batch.{fmt}").stat().st_size / 1e6
            print(f"{fmt:5} 1 article  (30 sentences): {one:6.3f} s   "
                  f"20 articles (600 sentences): {many:6.3f} s  ({size:.1f} MB)")


if __name__ == "__main__":
    main()
