"""Refreshing feeds: fetch each feed (conditionally), import its new entries as articles, optionally translate
them, all off the caller's thread when asked, and never letting one slow or broken feed hold up the others.

* ``refresh_feed`` does one feed: fetch with its ETag/Last-Modified (304: nothing to do), parse, record new
  entries, import each (the feed's own content when it carries the full text, else the entry's page, else
  its summary as a last resort), link entries to articles the library already has instead of duplicating
  them (:mod:`reader.store.dedupe`), then translate the new articles when the feed asks for it.
* ``refresh_feeds`` runs several feeds at once on a thread pool; each has its own timeouts
  (``FEED_LIMITS``), so a feed that hangs only delays its own report.
* ``refresh_job`` is ``refresh_feeds`` as a job of the window's task runner (which its timer starts every N
  minutes, and the Refresh button on demand); the CLI's ``feeds refresh [--every MIN]`` prints the reports.

The text pipeline and the database write of each article run under one lock (the network work stays
parallel); a failed entry is kept as ``failed`` with its reason and retried on the next refresh.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from reader.app.feeds import FEED_LIMITS
from reader.core.web.fetch import FetchError, Limits, fetch
from reader.store import feeds as store
from reader.store.db import db
from reader.store.models import Feed, FeedItem

MAX_NEW_ITEMS = 50  # per refresh and feed: a first refresh of a long archive feed takes the newest ones
MAX_ATTEMPTS = 3  # a failing entry is retried on this many refreshes, then left as failed
PAGE_LIMITS = Limits(connect_timeout=8.0, read_timeout=15.0, total_timeout=30.0)
_IMPORT_LOCK = threading.Lock()


@dataclass
class FeedReport:
    feed_id: int
    title: str
    new_items: int = 0
    imported: list[int] = field(default_factory=list)  # article ids imported or updated now
    linked: int = 0  # entries that were already in the library
    failed: int = 0
    translated: int = 0
    error: str = ""  # the feed itself could not be refreshed (one line)
    notes: list[str] = field(default_factory=list)  # one line each: failed entries, translation skipped

    def summary(self) -> str:
        if self.error:
            return f"{self.title}: {self.error}"
        parts = [f"{len(self.imported)} new article{'s' if len(self.imported) != 1 else ''}"]
        if self.linked:
            parts.append(f"{self.linked} already in the library")
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.translated:
            parts.append(f"{self.translated} translated")
        return f"{self.title}: " + ", ".join(parts)


def _check(cancel: threading.Event | None) -> bool:
    return cancel is not None and cancel.is_set()


def refresh_feed(feed_id: int, *, translate: bool | None = None, cancel: threading.Event | None = None,
                 limits: Limits = FEED_LIMITS, page_limits: Limits = PAGE_LIMITS) -> FeedReport:
    """Refresh one feed (see the module docstring). Never raises for network or content problems: they end
    up in the report. *translate* overrides the feed's own auto-translate flag."""
    from reader.core.web.feeds import FeedError, parse_feed

    feed = store.get_feed(feed_id)
    report = FeedReport(feed.id, feed.title or feed.url)
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        resp = fetch(feed.url, limits=limits, headers=headers, what="the feed")
        parsed = None if resp.not_modified else parse_feed(resp.data, resp.final_url)
    except (FetchError, FeedError) as exc:
        report.error = str(exc)
        store.record_check(feed.id, error=report.error)
        return report
    if parsed is None:
        store.record_check(feed.id)
    else:
        store.record_check(
            feed.id, etag=resp.headers.get("etag", ""), last_modified=resp.headers.get("last-modified", ""),
            title=parsed.title, site_url=parsed.site_url,
        )
        report.title = feed.title or parsed.title or report.title
        report.new_items = store.record_entries(feed.id, [
            store.NewEntry(e.guid, e.link, e.title, e.published) for e in parsed.entries[:MAX_NEW_ITEMS]
        ])
    entries = {e.guid: e for e in parsed.entries} if parsed is not None else {}
    for item in store.pending_items(feed.id, MAX_ATTEMPTS, MAX_NEW_ITEMS):
        if _check(cancel):
            break
        _import_item(item, entries.get(item.guid), feed, report, page_limits)
    if (feed.auto_translate if translate is None else translate) and report.imported and not _check(cancel):
        _translate(report, cancel)
    return report


def _entry_document(item: FeedItem, entry: object | None, page_limits: Limits) -> tuple[object, tuple, dict]:
    """(document, urls, meta) for one entry: the feed's full text, else the page, else the summary."""
    from reader.core.web.feeds import entry_document
    from reader.core.web.page import read_url

    if entry is not None and not entry.needs_page:  # type: ignore[attr-defined]
        doc = entry_document(entry)  # type: ignore[arg-type]
        return doc, tuple(u for u in (item.link,) if u), {"url": item.link} if item.link else {}
    if item.link:
        try:
            page = read_url(item.link, limits=page_limits)
            return page.document, page.urls, page.meta
        except ValueError as exc:
            if entry is None or not entry.summary_html.strip():  # type: ignore[attr-defined]
                raise
            if _transient(exc) and item.attempts + 1 < MAX_ATTEMPTS:
                raise  # the site is down or slow right now: try the full page again next time
            # the page is gone or holds no article (or kept failing): the feed's summary is all there is
    if entry is None:
        raise FetchError(f"the entry «{item.title or item.guid}» is no longer in the feed and has no link")
    doc = entry_document(entry, summary=True)  # type: ignore[arg-type]
    return doc, tuple(u for u in (item.link,) if u), {"url": item.link, "feed_summary_only": True}


def _transient(exc: BaseException) -> bool:
    """A failure that may pass: no connection, a timeout, a server error or rate limit (not 404, not junk)."""
    if not isinstance(exc, FetchError):
        return False
    return exc.status is None or exc.status >= 500 or exc.status == 429


def _import_item(item: FeedItem, entry: object | None, feed: Feed, report: FeedReport,
                 page_limits: Limits) -> None:
    from reader.app.importing import import_document_outcome

    try:
        doc, urls, meta = _entry_document(item, entry, page_limits)
        meta = {**meta, "feed": feed.title or feed.url, "feed_url": feed.url}
        if item.published:
            meta.setdefault("published", item.published)
        with _IMPORT_LOCK:
            outcome = import_document_outcome(doc, None, urls=urls, meta=meta)  # type: ignore[arg-type]
    except ValueError as exc:
        report.failed += 1
        reason = " ".join(str(exc).split())
        report.notes.append(f"«{item.title or item.link}»: {reason}")
        store.item_failed(item.id, reason)
        return
    store.item_imported(item.id, outcome.article.id)
    if outcome.status == "unchanged":
        report.linked += 1
    else:
        report.imported.append(outcome.article.id)


def _translate(report: FeedReport, cancel: threading.Event | None) -> None:
    """Translate the newly imported articles with the app's engine (the same orchestration as the reader)."""
    from reader.app.translate import translate_article
    from reader.core.jobs import Cancelled
    from reader.core.translate.errors import TranslateError

    for article_id in report.imported:
        if _check(cancel):
            return
        try:
            translate_article(article_id, cancel=cancel)
        except Cancelled:
            return
        except TranslateError as exc:  # no model installed, server down: say it once and stop trying
            report.notes.append(f"not translated: {' '.join(str(exc).split())}")
            return
        report.translated += 1


def refresh_feeds(feed_ids: Iterable[int] | None = None, *, workers: int = 4,
                  cancel: threading.Event | None = None, translate: bool | None = None,
                  on_report: Callable[[FeedReport], None] | None = None,
                  limits: Limits = FEED_LIMITS, page_limits: Limits = PAGE_LIMITS) -> list[FeedReport]:
    """Refresh feeds concurrently (all by default); reports come back (and to *on_report*) as each feed
    finishes, so a slow feed never holds up the others."""
    ids = list(feed_ids) if feed_ids is not None else [f.id for f in store.all_feeds()]
    if not ids:
        return []
    database = db.obj

    def one(fid: int) -> FeedReport:
        try:
            return refresh_feed(fid, translate=translate, cancel=cancel, limits=limits, page_limits=page_limits)
        except Exception as exc:  # one feed's bug must not take the others down; it is reported on that feed
            return FeedReport(fid, str(fid), error=f"refresh failed: {' '.join(str(exc).split()) or type(exc).__name__}")
        finally:
            if database is not None and threading.current_thread() is not threading.main_thread():
                database.close()  # the worker thread's own connection

    # Daemon threads, not a ThreadPoolExecutor: a fetch that hangs until its timeout must never keep the app
    # from quitting (executor threads are joined at interpreter exit); on cancel the finished reports return.
    todo: queue.Queue[int] = queue.Queue()
    for fid in ids:
        todo.put(fid)
    done: queue.Queue[FeedReport] = queue.Queue()

    def worker() -> None:
        while not _check(cancel):
            try:
                fid = todo.get_nowait()
            except queue.Empty:
                return
            done.put(one(fid))

    for k in range(max(1, min(workers, len(ids)))):
        threading.Thread(target=worker, name=f"feed-{k}", daemon=True).start()
    reports: list[FeedReport] = []
    while len(reports) < len(ids):
        try:
            report = done.get(timeout=0.2)
        except queue.Empty:
            if _check(cancel):
                break
            continue
        reports.append(report)
        if on_report is not None:
            on_report(report)
    return reports


def refresh_job(feed_ids: list[int] | None = None, *, cancel: threading.Event | None = None,
                progress: Callable[[int, int], None] | None = None,
                emit: Callable[[FeedReport], None] | None = None) -> list[FeedReport]:
    """Job for the window's task runner: refresh feeds, emitting each feed's report as it finishes and
    counting feeds done as progress (the schedule is the window's timer; the CLI has ``--every``)."""
    total = len(feed_ids) if feed_ids is not None else len(store.all_feeds())
    done = 0

    def report(r: FeedReport) -> None:
        nonlocal done
        done += 1
        if emit is not None:
            emit(r)
        if progress is not None:
            progress(done, total)

    return refresh_feeds(feed_ids, cancel=cancel, on_report=report)
