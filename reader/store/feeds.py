"""Feed subscriptions in the library: add (with discovery from a site's page), list with unread counts,
remove, flags, items, read state, OPML import/export. Refreshing lives in :mod:`reader.store.feed_refresh`.

Unread: an item is unread from the moment its article is imported until the reader opens that article
(:func:`mark_read`); the library shows the count per feed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peewee import JOIN, fn

from reader.core.web.fetch import FetchError, Limits, fetch
from reader.store.db import StoreError, db
from reader.store.models import Feed, FeedItem

FEED_LIMITS = Limits(connect_timeout=8.0, read_timeout=15.0, total_timeout=30.0, max_bytes=5 * 1024 * 1024)


@dataclass(frozen=True)
class FeedRow:
    id: int
    url: str
    title: str
    site_url: str
    auto_translate: bool
    items: int
    unread: int
    last_checked: str  # ISO, "" when never
    last_error: str


def get_feed(ref: int | str) -> Feed:
    """A feed by id or URL; StoreError when there is none."""
    feed = Feed.get_or_none(Feed.id == int(ref)) if str(ref).isdigit() else Feed.get_or_none(Feed.url == str(ref))
    if feed is None:
        raise StoreError(f"No feed {ref} in the library (see `tarjoman feeds list`).")
    return feed


def resolve_feed_url(url: str, *, limits: Limits = FEED_LIMITS) -> tuple[str, str, str]:
    """(feed URL, title, site URL) for *url*: a feed, or a web page that advertises one. Raises ValueError."""
    from reader.core.web.charset import decode_page
    from reader.core.web.feeds import FeedError, discover_feeds, parse_feed

    resp = fetch(url, limits=limits, what="the feed")
    try:
        parsed = parse_feed(resp.data, resp.final_url)
        return resp.final_url, parsed.title, parsed.site_url
    except FeedError:
        if resp.content_type not in ("text/html", "application/xhtml+xml"):
            raise
        html, _enc = decode_page(resp.data, resp.charset)
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
    from reader.core.web.fetch import check_url

    url = check_url(url)
    existing = Feed.get_or_none(Feed.url == url)
    if existing is not None:
        return existing, False
    site = ""
    if check:
        url, title, site = resolve_feed_url(url)
        existing = Feed.get_or_none(Feed.url == url)
        if existing is not None:
            return existing, False
    with db.atomic():
        feed = Feed.create(url=url, title=title or "", site_url=site, auto_translate=auto_translate)
    return feed, True


def remove_feed(ref: int | str) -> Feed:
    """Unsubscribe; the articles already imported stay in the library."""
    feed = get_feed(ref)
    with db.atomic():
        FeedItem.delete().where(FeedItem.feed == feed.id).execute()
        feed.delete_instance()
    return feed


def set_auto_translate(ref: int | str, on: bool) -> Feed:
    feed = get_feed(ref)
    Feed.update(auto_translate=on).where(Feed.id == feed.id).execute()
    return get_feed(feed.id)


def list_feeds() -> list[FeedRow]:
    unread = fn.SUM(((FeedItem.read == False) & FeedItem.article.is_null(False)).cast("integer"))  # noqa: E712
    q = (Feed.select(Feed, fn.COUNT(FeedItem.article).alias("n_items"), unread.alias("n_unread"))
         .join(FeedItem, JOIN.LEFT_OUTER, on=(FeedItem.feed == Feed.id))
         .group_by(Feed.id).order_by(fn.LOWER(Feed.title), Feed.id))
    return [
        FeedRow(f.id, f.url, f.title or f.url, f.site_url, bool(f.auto_translate), int(f.n_items or 0),
                int(f.n_unread or 0), f.last_checked.isoformat(timespec="seconds") if f.last_checked else "",
                f.last_error)
        for f in q
    ]


def unread_counts() -> dict[int, int]:
    """Feed id → articles imported from it and not opened yet."""
    q = (FeedItem.select(FeedItem.feed, fn.COUNT(FeedItem.id).alias("n"))
         .where((FeedItem.read == False) & FeedItem.article.is_null(False))  # noqa: E712
         .group_by(FeedItem.feed))
    return {row.feed_id: int(row.n) for row in q}


def feed_articles(ref: int | str) -> list[tuple[int, bool]]:
    """(article id, read) of a feed's imported items, newest first."""
    feed = get_feed(ref)
    q = (FeedItem.select(FeedItem.article, FeedItem.read)
         .where((FeedItem.feed == feed.id) & FeedItem.article.is_null(False))
         .order_by(FeedItem.published.desc(), FeedItem.id.desc()))
    return [(row.article_id, bool(row.read)) for row in q]


def mark_read(article_id: int, read: bool = True) -> int:
    """The reader opened this article: its feed items stop counting as unread. Returns rows changed."""
    return FeedItem.update(read=read).where((FeedItem.article == article_id) & (FeedItem.read != read)).execute()


def import_opml(path: str | Path) -> tuple[list[Feed], int]:
    """Subscribe to every feed of an OPML file (without fetching them now). Returns (new feeds, already
    subscribed). Raises OpmlError/OSError-as-ValueError with one line."""
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
            feed, created = add_feed(entry.url, check=False, title=entry.title)
        except FetchError:
            continue  # not a web address: skipped
        if created:
            if entry.site_url:
                Feed.update(site_url=entry.site_url).where(Feed.id == feed.id).execute()
            added.append(feed)
        else:
            known += 1
    return added, known


def export_opml(path: str | Path) -> int:
    """Write every subscription to an OPML file; returns how many."""
    from reader.core.web.opml import OpmlFeed, write_opml

    feeds = [OpmlFeed(f.url, f.title, f.site_url) for f in Feed.select().order_by(Feed.id)]
    Path(path).write_text(write_opml(feeds), encoding="utf-8")
    return len(feeds)
