"""Feed subscriptions and their items in the library (persistence only; fetching and importing are in
:mod:`reader.app.feeds`).

Unread: a feed's article is unread until the reader opens it (``Article.read_at``, the library's own reading
state, so marking an article unread in the library counts it again); articles in the trash do not count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from peewee import JOIN, fn

from reader.store.db import StoreError, db
from reader.store.models import Article, Feed, FeedItem

_LIVE = FeedItem.article.is_null(False) & Article.deleted_at.is_null()  # imported and not in the trash
_UNREAD = _LIVE & Article.read_at.is_null()


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


@dataclass(frozen=True)
class NewEntry:
    guid: str
    link: str = ""
    title: str = ""
    published: str = ""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def get_feed(ref: int | str) -> Feed:
    """A feed by id or URL; StoreError when there is none."""
    feed = Feed.get_or_none(Feed.id == int(ref)) if str(ref).isdigit() else Feed.get_or_none(Feed.url == str(ref))
    if feed is None:
        raise StoreError(f"No feed {ref} in the library (see `tarjoman feeds list`).")
    return feed


def find_feed(url: str) -> Feed | None:
    return Feed.get_or_none(Feed.url == url)


def create_feed(url: str, *, title: str = "", site_url: str = "", auto_translate: bool = False) -> tuple[Feed, bool]:
    """(feed, created): an existing subscription to *url* is returned as is."""
    with db.atomic():
        existing = Feed.get_or_none(Feed.url == url)
        if existing is not None:
            return existing, False
        return Feed.create(url=url, title=title, site_url=site_url, auto_translate=auto_translate), True


def all_feeds() -> list[Feed]:
    return list(Feed.select().order_by(Feed.id))


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
    items = fn.SUM(_LIVE.cast("integer"))
    unread = fn.SUM(_UNREAD.cast("integer"))
    q = (Feed.select(Feed, items.alias("n_items"), unread.alias("n_unread"))
         .join(FeedItem, JOIN.LEFT_OUTER, on=(FeedItem.feed == Feed.id))
         .join(Article, JOIN.LEFT_OUTER, on=(FeedItem.article == Article.id))
         .group_by(Feed.id).order_by(fn.LOWER(Feed.title), Feed.id))
    return [
        FeedRow(f.id, f.url, f.title or f.url, f.site_url, bool(f.auto_translate), int(f.n_items or 0),
                int(f.n_unread or 0), f.last_checked.isoformat(timespec="seconds") if f.last_checked else "",
                f.last_error)
        for f in q
    ]


def unread_counts() -> dict[int, int]:
    """Feed id → its articles not opened yet (and not in the trash)."""
    q = (FeedItem.select(FeedItem.feed, fn.COUNT(FeedItem.id).alias("n"))
         .join(Article, on=(FeedItem.article == Article.id)).where(_UNREAD).group_by(FeedItem.feed))
    return {row.feed_id: int(row.n) for row in q}


def feed_articles(ref: int | str, limit: int = 200) -> list[tuple[int, str, bool]]:
    """(article id, title, read) of a feed's articles (not in the trash), newest first (one query)."""
    feed = get_feed(ref)
    q = (FeedItem.select(FeedItem.article, Article.title, Article.read_at)
         .join(Article, on=(FeedItem.article == Article.id))
         .where((FeedItem.feed == feed.id) & _LIVE)
         .order_by(FeedItem.published.desc(), FeedItem.id.desc()).limit(limit).tuples())
    return [(int(aid), title or "", read_at is not None) for aid, title, read_at in q]


def mark_read(article_id: int) -> int:
    """The reader opened this article: it stops counting as unread. Returns 1 when that changed it."""
    return Article.update(read_at=_now()).where((Article.id == article_id) & Article.read_at.is_null()).execute()


def mark_feed_read(feed_id: int) -> int:
    """Every article of the feed counts as read; returns how many changed."""
    ids = [a for (a,) in FeedItem.select(FeedItem.article).where(
        (FeedItem.feed == feed_id) & FeedItem.article.is_null(False)).tuples()]
    if not ids:
        return 0
    return Article.update(read_at=_now()).where(Article.id.in_(ids) & Article.read_at.is_null()).execute()


def is_feed_article(article_id: int) -> bool:
    return FeedItem.select().where(FeedItem.article == article_id).exists()


# ---- refresh bookkeeping (reader.app.feeds drives it) -------------------------------------------------------
def record_check(feed_id: int, *, error: str = "", etag: str | None = None, last_modified: str | None = None,
                 title: str = "", site_url: str = "") -> None:
    """After a fetch: when, the error ("" = fine), the HTTP validators, and a title/site the feed lacked."""
    feed = Feed.get_by_id(feed_id)
    changes: dict = {Feed.last_checked: _now(), Feed.last_error: error}
    if etag is not None:
        changes[Feed.etag] = etag
    if last_modified is not None:
        changes[Feed.last_modified] = last_modified
    if title and not feed.title:
        changes[Feed.title] = title
    if site_url and not feed.site_url:
        changes[Feed.site_url] = site_url
    Feed.update(changes).where(Feed.id == feed_id).execute()


def record_entries(feed_id: int, entries: Iterable[NewEntry]) -> int:
    """Add the entries the feed did not have yet; returns how many were new."""
    known = {g for (g,) in FeedItem.select(FeedItem.guid).where(FeedItem.feed == feed_id).tuples()}
    rows = [{"feed": feed_id, "guid": e.guid, "link": e.link, "title": e.title, "published": e.published}
            for e in entries if e.guid not in known]
    with db.atomic():
        for k in range(0, len(rows), 100):
            FeedItem.insert_many(rows[k:k + 100]).on_conflict_ignore().execute()
    return len(rows)


def pending_items(feed_id: int, max_attempts: int, limit: int) -> list[FeedItem]:
    """Entries not imported yet that have failed fewer than *max_attempts* times, oldest first."""
    return list(FeedItem.select()
                .where((FeedItem.feed == feed_id) & (FeedItem.state != "imported")
                       & (FeedItem.attempts < max_attempts))
                .order_by(FeedItem.id).limit(limit))


def item_failed(item_id: int, reason: str) -> None:
    FeedItem.update(state="failed", error=reason, attempts=FeedItem.attempts + 1).where(
        FeedItem.id == item_id).execute()


def item_imported(item_id: int, article_id: int) -> None:
    FeedItem.update(state="imported", error="", article=article_id).where(FeedItem.id == item_id).execute()
