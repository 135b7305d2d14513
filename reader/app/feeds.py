"""Feed subscriptions as user actions: subscribe (a feed, or a site page that names its feed), and OPML
import/export. Refreshing is :mod:`reader.app.feed_refresh`; the rows live in :mod:`reader.store.feeds`."""

from __future__ import annotations

from pathlib import Path

from reader.core.web.fetch import FetchError, Limits, check_url, fetch
from reader.store import feeds as store
from reader.store.models import Feed

FEED_LIMITS = Limits(connect_timeout=8.0, read_timeout=15.0, total_timeout=30.0, max_bytes=5 * 1024 * 1024)


def resolve_feed_url(url: str, *, limits: Limits = FEED_LIMITS) -> tuple[str, str, str]:
    """(feed URL, title, site URL) for *url*: a feed, or a web page that advertises one. Raises ValueError."""
    from reader.core.importers import decode_html
    from reader.core.web.feeds import FeedError, discover_feeds, parse_feed

    resp = fetch(url, limits=limits, what="the feed")
    try:
        parsed = parse_feed(resp.data, resp.final_url)
        return resp.final_url, parsed.title, parsed.site_url
    except FeedError:
        if resp.content_type not in ("text/html", "application/xhtml+xml"):
            raise
        html, _enc, _warnings = decode_html(resp.data, "the page", resp.charset)
        for candidate in discover_feeds(html, resp.final_url):
            try:
                inner = fetch(candidate, limits=limits, what="the feed")
                parsed = parse_feed(inner.data, inner.final_url)
            except (FetchError, FeedError):
                continue
            return inner.final_url, parsed.title, parsed.site_url
        raise FeedError(f"{url} is a web page without an RSS or Atom feed") from None


def add_feed(url: str, *, auto_translate: bool = False, check: bool = True, title: str = "") -> tuple[Feed, bool]:
    """Subscribe to *url* (checked to be a feed unless *check* is False). Returns (feed, created); an existing
    subscription is returned as is. Raises ValueError (FetchError/FeedError) with one line."""
    url = check_url(url)
    existing = store.find_feed(url)
    if existing is not None:
        return existing, False
    site = ""
    if check:
        url, title, site = resolve_feed_url(url)
    return store.create_feed(url, title=title, site_url=site, auto_translate=auto_translate)


def import_opml(path: str | Path) -> tuple[list[Feed], int]:
    """Subscribe to every feed of an OPML file (without fetching them now). Returns (new feeds, already
    subscribed). Raises OpmlError (a ValueError) with one line."""
    from reader.core.web.opml import OpmlError, read_opml

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OpmlError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    added: list[Feed] = []
    known = 0
    for entry in read_opml(data, path.name):
        try:
            url = check_url(entry.url)
        except FetchError:
            continue  # not a web address: skipped
        feed, created = store.create_feed(url, title=entry.title, site_url=entry.site_url)
        if created:
            added.append(feed)
        else:
            known += 1
    return added, known


def export_opml(path: str | Path) -> int:
    """Write every subscription to an OPML file; returns how many."""
    from reader.core.web.opml import OpmlFeed, write_opml

    feeds = [OpmlFeed(f.url, f.title, f.site_url) for f in store.all_feeds()]
    Path(path).write_text(write_opml(feeds), encoding="utf-8")
    return len(feeds)


def overview(limit: int = 100) -> tuple[list[store.FeedRow], dict[int, list[tuple[int, str, bool]]]] | None:
    """(feed rows, feed id → its newest articles as (id, title, read)) for the feeds panel; None when the
    library cannot be read right now (closed, damaged): the panel keeps what it shows."""
    import sqlite3

    import peewee

    from reader.store.db import StoreError

    try:
        rows = store.list_feeds()
        return rows, {r.id: store.feed_articles(r.id, limit=limit) for r in rows}
    except (StoreError, peewee.DatabaseError, sqlite3.Error):
        return None


# The subscription rows, as the UI and CLI use them (persistence lives in reader.store.feeds).
get_feed = store.get_feed
list_feeds = store.list_feeds
remove_feed = store.remove_feed
set_auto_translate = store.set_auto_translate
unread_counts = store.unread_counts
feed_articles = store.feed_articles
mark_read = store.mark_read
is_feed_article = store.is_feed_article
mark_feed_read = store.mark_feed_read
FeedRow = store.FeedRow
