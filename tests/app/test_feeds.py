"""Feeds against a real server on 127.0.0.1: subscribe, refresh (full text / page / summary), unread counts,
no duplicates, conditional refresh, a broken and a slow feed that block nobody, OPML round trip."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.app import feeds
from reader.app.feed_refresh import refresh_feed, refresh_feeds
from reader.core.web.feeds import FeedError
from reader.core.web.fetch import Limits
from reader.store.models import Article, Feed, FeedItem
from tests.support.websites import Site, atom_feed, feed_site, rss_feed, serve


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as s:
        yield feed_site(s)


def test_rss_with_summaries_imports_the_full_pages(library, site: Site) -> None:
    feed, created = feeds.add_feed(site.url("/rss/economy.xml"))
    assert created and feed.title == "خبرگزاری نمونه - اقتصادی"
    report = refresh_feed(feed.id)
    assert report.error == "" and report.new_items == 2
    assert len(report.imported) == 2 and report.failed == 0
    bread = Article.get(Article.source == site.url("/fa/bread"))
    assert "هزینه آرد و سوخت" in bread.text.replace("\u200c", "")  # the page, not the one-line summary
    assert bread.meta["feed"] == feed.title and bread.meta["canonical_url"] == site.url("/fa/bread")
    gone = Article.get(Article.id != bread.id)  # its page is a 404: the summary is imported instead
    assert gone.meta["feed_summary_only"] is True and "بازار میوه" in gone.text
    row = feeds.list_feeds()[0]
    assert (row.items, row.unread) == (2, 2)
    feeds.mark_read(bread.id)
    assert feeds.unread_counts() == {feed.id: 1}


def test_refresh_again_adds_nothing_and_uses_the_etag(library, site: Site) -> None:
    feed, _ = feeds.add_feed(site.url("/rss/economy.xml"))
    refresh_feed(feed.id)
    pages_before = site.hits["/fa/bread"]
    again = refresh_feed(feed.id)
    assert again.new_items == 0 and again.imported == [] and again.error == ""
    assert Article.select().count() == 2 and FeedItem.select().count() == 2
    assert site.hits["/fa/bread"] == pages_before  # imported items are not fetched again
    assert Feed.get_by_id(feed.id).etag == '"v1"'


def test_feed_item_already_in_the_library_is_linked_not_duplicated(library, site: Site) -> None:
    from reader.app.importing import import_url

    first = import_url(site.url("/fa/bread")).article
    feed, _ = feeds.add_feed(site.url("/rss/economy.xml"))
    report = refresh_feed(feed.id)
    assert report.linked == 1
    assert Article.select().where(Article.source == site.url("/fa/bread")).count() == 1
    assert FeedItem.get(FeedItem.link == site.url("/fa/bread")).article_id == first.id


def test_atom_with_full_content_needs_no_page(library, site: Site) -> None:
    feed, _ = feeds.add_feed(site.url("/atom/health.xml"))
    report = refresh_feed(feed.id)
    assert len(report.imported) == 1
    assert site.hits["/ar/vaccine"] == 0  # the feed carried the article
    article = Article.get_by_id(report.imported[0])
    assert article.language == "ar" and "حملة تطعيم" in article.text


def test_a_site_page_leads_to_its_feed(library, site: Site) -> None:
    feed, created = feeds.add_feed(site.url("/fa/"))
    assert created and feed.url == site.url("/rss/economy.xml")
    again, created = feeds.add_feed(site.url("/rss/economy.xml"))
    assert not created and again.id == feed.id


def test_not_a_feed_is_refused_with_one_line(library, site: Site) -> None:
    with pytest.raises(FeedError, match="web page without an RSS or Atom feed"):
        feeds.add_feed(site.url("/feeds/broken.xml"))
    assert Feed.select().count() == 0


def test_broken_and_slow_feeds_do_not_block_the_others(library, site: Site) -> None:
    good, _ = feeds.add_feed(site.url("/atom/health.xml"))
    slow, _ = feeds.add_feed(site.url("/feeds/slow.xml"), check=False)
    broken, _ = feeds.add_feed(site.url("/feeds/broken.xml"), check=False)
    missing, _ = feeds.add_feed(site.url("/feeds/missing.xml"), check=False)
    from reader.core.text.pipeline import warm_up

    warm_up("ar")  # time the network, not the first import of the text pipeline
    order: list[int] = []
    started = time.monotonic()
    reports = refresh_feeds(on_report=lambda r: order.append(r.feed_id), limits=Limits(read_timeout=1.0))
    elapsed = time.monotonic() - started
    by_id = {r.feed_id: r for r in reports}
    assert len(by_id[good.id].imported) == 1
    assert "too slow" in by_id[slow.id].error
    assert "is not a readable RSS or Atom feed" in by_id[broken.id].error
    assert "HTTP 404" in by_id[missing.id].error
    assert sorted(order) == sorted(by_id)  # every feed reported as soon as it was done
    assert elapsed < 5.0  # nobody waited for the slow server (it answers after 6 s)
    assert Feed.get_by_id(slow.id).last_error == by_id[slow.id].error


def test_refresh_job_emits_each_report_and_counts_progress(library, site: Site) -> None:
    from reader.app.feed_refresh import refresh_job

    good, _ = feeds.add_feed(site.url("/atom/health.xml"))
    missing, _ = feeds.add_feed(site.url("/feeds/missing.xml"), check=False)
    emitted: list = []
    steps: list[tuple[int, int]] = []
    reports = refresh_job(None, emit=emitted.append, progress=lambda d, t: steps.append((d, t)))
    assert {r.feed_id for r in emitted} == {good.id, missing.id} and len(reports) == 2
    assert steps[-1] == (2, 2)


def test_opml_round_trip(library, site: Site, tmp_path: Path) -> None:
    feeds.add_feed(site.url("/rss/economy.xml"))
    feeds.add_feed(site.url("/atom/health.xml"))
    out = tmp_path / "feeds.opml"
    assert feeds.export_opml(out) == 2
    text = out.read_text(encoding="utf-8")
    assert "xmlUrl" in text and "خبرگزاری نمونه - اقتصادی" in text
    for f in Feed.select():
        feeds.remove_feed(f.id)
    added, known = feeds.import_opml(out)
    assert (len(added), known) == (2, 0)
    assert {f.title for f in added} == {"خبرگزاری نمونه - اقتصادی", "صحيفة المثال - صحة"}
    added, known = feeds.import_opml(out)
    assert (len(added), known) == (0, 2)


def test_bad_opml_is_one_line(library, tmp_path: Path) -> None:
    from reader.core.web.opml import OpmlError

    bad = tmp_path / "x.opml"
    bad.write_text("<rss><channel/></rss>", encoding="utf-8")
    with pytest.raises(OpmlError, match="not an OPML file"):
        feeds.import_opml(bad)
    bad.write_text("<opml><body><outline", encoding="utf-8")
    with pytest.raises(OpmlError, match="not valid OPML"):
        feeds.import_opml(bad)


def test_failing_entry_is_retried_then_left(library, site: Site) -> None:
    from reader.app.feed_refresh import MAX_ATTEMPTS

    site.add("/rss/bad.xml", "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
             f"<item><title>x</title><link>{site.url('/nowhere')}</link><guid>g1</guid></item>"
             "</channel></rss>", content_type="application/rss+xml")
    feed, _ = feeds.add_feed(site.url("/rss/bad.xml"))
    for _ in range(MAX_ATTEMPTS + 2):
        refresh_feed(feed.id)
    assert site.hits["/nowhere"] == MAX_ATTEMPTS
    item = FeedItem.get()
    assert item.state == "failed" and "HTTP 404" in item.error and item.attempts == MAX_ATTEMPTS


def test_unread_follows_the_library_reading_state_and_trash(library, site: Site) -> None:
    from reader.store import library as lib

    feed, _ = feeds.add_feed(site.url("/rss/economy.xml"))
    report = refresh_feed(feed.id)
    a, b = report.imported
    assert feeds.unread_counts() == {feed.id: 2}
    assert feeds.mark_read(a) == 1 and feeds.mark_read(a) == 0
    assert feeds.unread_counts() == {feed.id: 1}
    lib.mark_read([a], read=False)  # "mark unread" in the library counts again
    assert feeds.unread_counts() == {feed.id: 2}
    lib.trash([b])
    assert feeds.unread_counts() == {feed.id: 1}
    assert [aid for aid, _t, _r in feeds.feed_articles(feed.id)] == [a]


def test_page_down_now_is_retried_before_settling_for_the_summary(library, site: Site) -> None:
    from reader.app.feed_refresh import MAX_ATTEMPTS

    item = ("/fa/down", "خبر سایتی که فعلا خراب است", "خلاصه خبر درباره قیمت میوه در بازار امروز.",
            "Mon, 11 Mar 2024 06:00:00 GMT")
    site.add("/rss/down.xml", rss_feed(site.base, [item]), content_type="application/rss+xml")
    site.add("/fa/down", "<html><body>خطا</body></html>", status=503)
    feed, _ = feeds.add_feed(site.url("/rss/down.xml"))
    for attempt in range(1, MAX_ATTEMPTS):
        report = refresh_feed(feed.id)
        assert report.failed == 1 and "HTTP 503" in report.notes[0], attempt
    assert Article.select().count() == 0
    last = refresh_feed(feed.id)  # the last try keeps at least the summary
    assert len(last.imported) == 1
    assert Article.get_by_id(last.imported[0]).meta["feed_summary_only"] is True


@pytest.mark.slow
def test_auto_translate_feed_translates_new_articles_and_says_when_it_cannot(library, site: Site) -> None:
    from reader.store import repo
    from tests.support.testmodels import install_test_model
    from tests.support.websites import AR_BODY, AR_BODY_2

    feed, _ = feeds.add_feed(site.url("/atom/health.xml"), auto_translate=True)
    report = refresh_feed(feed.id)  # no Arabic model installed: imported, and the report says why not translated
    assert len(report.imported) == 1 and report.translated == 0
    assert any(n.startswith("not translated:") for n in report.notes)
    install_test_model("ar", "en")
    second = atom_feed(site.base).replace("urn:example:ar-health:1", "urn:example:ar-health:2")
    for old, new in zip(AR_BODY_2, AR_BODY, strict=False):
        second = second.replace(old, new)
    site.add("/atom/health.xml", second, content_type="application/atom+xml")
    report = refresh_feed(feed.id)
    assert report.error == "" and len(report.imported) == 1 and report.translated == 1
    done, total = repo.translation_progress(report.imported[0])
    assert total and done == total


def test_cancel_returns_without_waiting_for_a_hanging_feed(library, site: Site) -> None:
    import threading

    good, _ = feeds.add_feed(site.url("/atom/health.xml"), check=False)
    slow, _ = feeds.add_feed(site.url("/feeds/slow.xml"), check=False)
    cancel = threading.Event()
    reports: list = []

    def on_report(r) -> None:
        reports.append(r)
        cancel.set()  # the reader closes the window once the first feed is in

    started = time.monotonic()
    out = refresh_feeds(cancel=cancel, on_report=on_report, limits=Limits(read_timeout=30.0))
    assert time.monotonic() - started < 5.0  # the slow server answers after 6 s; nobody waited for it
    assert [r.feed_id for r in out] == [good.id] and slow.id not in {r.feed_id for r in reports}
