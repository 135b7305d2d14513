"""Links and feeds: pages/s for `import URL` from a local server, and a feed refresh round with one slow feed.

    .venv/bin/python bench/bench_web.py [--pages 30] [--feeds 8]

Part A — N distinct article pages (our own Persian page shape: menu, related links, share bar, comment form,
~5 paragraphs, UTF-8, gzip) served by http.server on 127.0.0.1, imported one after the other into an empty
library: pages/s end to end (HTTP + charset + extraction + text pipeline + store), and the time for a second
import of the same URLs (all recognised as already in the library: no duplicates).

Part B — F feeds (RSS with summaries only, 3 items each → 3 page fetches per feed) plus one feed whose server
answers after 4 s with a 1 s read timeout: wall time of the concurrent refresh round, time until the last
good feed was reported, and whether the slow one failed alone.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--feeds", type=int, default=8)
    args = ap.parse_args()

    from reader.app.feed_refresh import refresh_feeds
    from reader.app.feeds import add_feed
    from reader.app.importing import import_url
    from reader.core.web.fetch import Limits
    from reader.store import close_db, init_db
    from reader.store.models import Article
    from tests.support.websites import FA_BODY, _chrome_fa, fa_article_body, rss_feed, serve

    with tempfile.TemporaryDirectory() as tmp, serve() as site:
        init_db(Path(tmp) / "lib.sqlite3")
        for i in range(args.pages):
            body = fa_article_body(f"خبر شماره {i} درباره بازار") + f"<p>{FA_BODY[i % 4]} شماره {i}.</p>"
            site.add(f"/p/{i}", _chrome_fa(body, title=f"خبر شماره {i}"), headers={"Content-Encoding": "gzip"})
        from reader.core.text.pipeline import warm_up

        warm_up("fa")
        t = time.perf_counter()
        for i in range(args.pages):
            import_url(site.url(f"/p/{i}"))
        a = time.perf_counter() - t
        t = time.perf_counter()
        statuses = [import_url(site.url(f"/p/{i}")).status for i in range(args.pages)]
        b = time.perf_counter() - t
        print(f"A. import URL: {args.pages} pages in {a:.2f} s = {args.pages / a:.1f} pages/s; "
              f"again: {b:.2f} s, {statuses.count('unchanged')}/{args.pages} recognised, "
              f"{Article.select().count()} articles stored")

        for f in range(args.feeds):
            items = [(f"/f{f}/{k}", f"خبر {k} از خوراک {f}", "خلاصه کوتاه خبر.", "Mon, 11 Mar 2024 06:00:00 GMT")
                     for k in range(3)]
            site.add(f"/feed{f}.xml", rss_feed(site.base, items), content_type="application/rss+xml")
            for k in range(3):
                body = fa_article_body(f"خبر {k} از خوراک {f}") + f"<p>متن اختصاصی خوراک {f} خبر {k}.</p>"
                site.add(f"/f{f}/{k}", _chrome_fa(body, title=f"خبر {k}"))
            add_feed(site.url(f"/feed{f}.xml"), check=False)
        site.add("/slow.xml", rss_feed(site.base, []), content_type="application/rss+xml", delay=4.0)
        slow = add_feed(site.url("/slow.xml"), check=False)[0]
        done: list[tuple[int, float]] = []
        t = time.perf_counter()
        reports = refresh_feeds(limits=Limits(read_timeout=1.0), on_report=lambda r: done.append(
            (r.feed_id, time.perf_counter() - t)))
        total = time.perf_counter() - t
        last_good = max(s for fid, s in done if fid != slow.id)
        imported = sum(len(r.imported) for r in reports)
        errors = [r.feed_id for r in reports if r.error]
        print(f"B. refresh: {args.feeds} feeds + 1 slow: round {total:.2f} s, last good feed at {last_good:.2f} s, "
              f"{imported} articles imported, failed feeds: {errors} (slow feed id {slow.id})")
        close_db()


if __name__ == "__main__":
    main()
