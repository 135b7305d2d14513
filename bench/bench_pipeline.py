"""Quality and throughput of the text pipeline (clean → language id → normalise + ZWNJ → segment).

Quality, on our own news fixtures (tests/fixtures/news, see tests/support/textquality.py):
- ZWNJ restoration precision/recall on Persian with every ZWNJ removed (and with ZWNJs turned into spaces),
  and the share of ZWNJs kept when the text carries them (also through HTML import, also on the seeds);
- sentence-boundary precision/recall/F1 for Persian and Arabic news with headlines on their own lines;
- language id accuracy on Persian in Arabic letters, short Telegram-style posts and mixed pages.
Throughput: HTML import (pages/s: extraction + metadata + pipeline) on fixture pages with site chrome, and the
text pipeline on the seed articles from ../shared/seeds (read, never copied), repeated until --mb of raw text
has gone through. Run: ``.venv/bin/python bench/bench_pipeline.py [--mb 1] [--pages 40]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = next(
    (p for p in (Path(os.environ.get("TARJOMAN_SEEDS", "") or ROOT.parent / "shared" / "seeds"),
                 Path("/work/shared/seeds")) if p.is_dir()),
    ROOT.parent / "shared" / "seeds",
)
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="megabytes of raw text to process (default 1)")
    parser.add_argument(
        "--pages", type=int, default=40, help="HTML pages to import for throughput (default 40)"
    )
    args = parser.parse_args()
    quality()
    html_throughput(args.pages)

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


def quality() -> None:
    from reader.core.text.langid import LanguageError, detect
    from tests.support import textquality as q

    for mode in ("removed", "spaced"):
        z = q.zwnj_scores(mode)
        print(
            f"ZWNJ restoration (ZWNJ {mode:7}): precision {z.precision:.3f}  recall {z.recall:.3f}  "
            f"(tp {z.tp}, fp {z.fp}, fn {z.fn})"
        )
    kept_share, added = q.zwnj_on_carrying_text()
    print(f"ZWNJ kept when the text carries them: {kept_share:.3f} (ZWNJs added to such text: {added})")
    for wrap in (False, True):
        for lang in ("fa", "ar"):
            s = q.sentence_scores(lang, wrap=wrap)
            shape = "hard-wrapped at 72" if wrap else "one paragraph a line"
            print(
                f"sentence boundaries {lang} ({shape}): precision {s.precision:.3f}  recall {s.recall:.3f}  "
                f"F1 {s.f1:.3f}  ({s.tp + s.fn} gold boundaries)"
            )
    for lang in ("fa", "ar"):
        s = q.html_sentence_scores(lang)
        print(
            f"sentence boundaries {lang} (imported as news pages): precision {s.precision:.3f}  "
            f"recall {s.recall:.3f}  F1 {s.f1:.3f}"
        )
    by_kind: dict[str, list[int]] = {}
    for kind, expected, text in q.langid_cases():
        try:
            got = detect(text)
        except LanguageError:
            got = "refused"
        counts = by_kind.setdefault(kind, [0, 0])
        counts[0] += got == expected
        counts[1] += 1
    print("language id: " + "  ".join(f"{k} {ok}/{n}" for k, (ok, n) in sorted(by_kind.items())))
    kept, total = _seed_zwnj_kept()
    if total:
        print(f"ZWNJ kept through HTML import of the seeds that carry them: {kept}/{total}")


def _seed_zwnj_kept() -> tuple[int, int]:
    """Seeds wrapped in a minimal page: every ZWNJ of a Persian seed must survive import + normalisation."""
    import html as html_mod

    from reader.core.importers import from_html
    from reader.core.text.pipeline import process_document

    kept = total = 0
    for path in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
        raw = path.read_text(encoding="utf-8")
        n = raw.count("\u200c")
        if n < 3:
            continue
        body = "".join(f"<p>{html_mod.escape(line)}</p>" for line in raw.splitlines() if line.strip())
        doc = from_html(
            f"<html><head><meta charset='utf-8'></head><body><article>{body}</article></body></html>"
        )
        p = process_document(doc)
        if p.language != "fa":
            continue
        total += n
        kept += min(n, doc.text.count("\u200c") + doc.title.count("\u200c"))
    return kept, total


def html_throughput(pages: int) -> None:
    from reader.core.importers import from_html
    from reader.core.text.pipeline import process_document
    from tests.support import textquality as q

    docs = [q.html_page(a) for a in q.load_articles()]
    if not docs or pages <= 0:
        return
    for page in docs:  # warm up the libraries (hazm and camel-tools load once)
        process_document(from_html(page))
    t0 = time.perf_counter()
    size = 0
    for i in range(pages):
        page = docs[i % len(docs)]
        size += len(page.encode("utf-8"))
        process_document(from_html(page))
    dt = time.perf_counter() - t0
    print(
        f"HTML import: {pages / dt:.1f} pages/s ({dt / pages * 1000:.0f} ms/page, {size / pages / 1024:.1f} KB/page, "
        f"extraction + metadata + pipeline)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
