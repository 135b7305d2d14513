"""RSS and Atom feeds (parsed by feedparser): the feed's title and site, and its entries as plain data.

``parse_feed`` reads a fetched feed document; ``entry_document`` turns an entry into an article document
when the feed carries the full text (``content:encoded``/Atom ``<content>`` substantially longer than the
summary); otherwise the caller fetches the entry's page (``needs_page``). Feed text is HTML: it goes through
the same extractor as pages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reader.core.importers import DocumentError, ImportedDocument, from_html

FULL_CONTENT_CHARS = 200  # <content> at least this long (visible characters) and well over the summary: full text
FULL_SUMMARY_CHARS = 1500  # a <description> this long carries the whole article (some RSS feeds do that)
_TAG = re.compile(r"<[^>]+>")


class FeedError(ValueError):
    """A document that is not a readable RSS/Atom feed; the message is one human line."""


@dataclass(frozen=True)
class FeedEntry:
    guid: str
    link: str
    title: str
    published: str  # ISO 8601 ("" when the feed gives no date)
    summary_html: str
    content_html: str  # "" when the feed carries only a summary

    @property
    def needs_page(self) -> bool:
        """True when the article must be fetched from ``link`` (the feed has only a summary)."""
        content, summary = len(_visible(self.content_html)), len(_visible(self.summary_html))
        if content >= max(FULL_CONTENT_CHARS, int(summary * 1.5)):
            return False
        return max(content, summary) < FULL_SUMMARY_CHARS


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    site_url: str
    entries: tuple[FeedEntry, ...]


def _visible(html: str) -> str:
    return " ".join(_TAG.sub(" ", html or "").split())


def _iso(struct: object) -> str:
    if not struct:
        return ""
    try:
        return dt.datetime(*struct[:6], tzinfo=dt.UTC).isoformat()  # type: ignore[index]
    except (TypeError, ValueError):
        return ""


def parse_feed(data: bytes | str, url: str = "") -> ParsedFeed:
    """Parse an RSS/Atom document. Raises FeedError when it is not a feed (an HTML page, junk)."""
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": url} if url else None)
    feed = parsed.get("feed", {}) or {}
    version = parsed.get("version", "")
    if not version and not parsed.get("entries"):
        where = f" at {url}" if url else ""
        if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
            raise FeedError(f"the document{where} is not a readable RSS or Atom feed (it is damaged or a web page)")
        raise FeedError(f"the document{where} is not an RSS or Atom feed")
    entries = []
    for e in parsed.get("entries", []):
        link = (e.get("link") or "").strip()
        guid = (e.get("id") or link or e.get("title") or "").strip()
        if not guid:
            continue
        content = ""
        for c in e.get("content", []) or []:
            value = c.get("value") or ""
            if len(value) > len(content):
                content = value
        entries.append(FeedEntry(
            guid=guid,
            link=link,
            title=" ".join((e.get("title") or "").split()),
            published=_iso(e.get("published_parsed") or e.get("updated_parsed")),
            summary_html=e.get("summary") or "",
            content_html=content,
        ))
    return ParsedFeed(
        title=" ".join((feed.get("title") or "").split()),
        site_url=(feed.get("link") or "").strip(),
        entries=tuple(entries),
    )


def entry_document(entry: FeedEntry, *, summary: bool = False) -> ImportedDocument:
    """The entry's article from the feed itself: its full content (or, with *summary*, its summary when that
    is all there is). Raises DocumentError when it holds no Persian/Arabic text."""
    html = entry.summary_html
    if not summary and len(_visible(entry.content_html)) >= len(_visible(entry.summary_html)):
        html = entry.content_html
    if not html.strip():
        raise DocumentError(f"the feed entry «{entry.title or entry.guid}» has no text")
    page = f"<html><body><article><h1>{_escape(entry.title)}</h1>{html}</article></body></html>"
    doc = from_html(page, source=entry.link or entry.guid, name=f"the feed entry «{entry.title or entry.guid}»")
    if entry.title and not doc.title_hint:
        return ImportedDocument(doc.text, entry.title, doc.source, doc.encoding)
    return doc


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def discover_feeds(html: str, base: str) -> list[str]:
    """Feed addresses a web page advertises (``<link rel="alternate" type="application/rss+xml" …>``)."""
    from urllib.parse import urljoin

    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types for junk; no feeds then
        return []
    kinds = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/xml")
    out: list[str] = []
    for link in tree.xpath("//link[@href]"):
        rel = (link.get("rel") or "").lower().split()
        if "alternate" in rel and (link.get("type") or "").lower().strip() in kinds[:2]:
            url = urljoin(base, link.get("href").strip())
            if url not in out:
                out.append(url)
    return out
