"""A web page as an article: fetch, decode and extract with the same functions as saved pages
(:func:`reader.core.importers.decode_html`, which checks the declared charsets against the bytes, and
:func:`reader.core.importers.from_html`: body, lead, headline, date, author, site).

The URL stays the article's source; the page's canonical URL (``<link rel="canonical">`` or ``og:url``) and
the address after redirects go into the article's metadata, so a later import of the same page, under any
of its addresses, is recognised (see :mod:`reader.store.dedupe`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from reader.core.importers import DocumentError, ImportedDocument, decode_html, from_html, from_text
from reader.core.web.fetch import Fetched, FetchError, Limits, fetch

HTML_TYPES = ("text/html", "application/xhtml+xml", "")
TEXT_TYPES = ("text/plain",)


@dataclass(frozen=True)
class WebPage:
    """A fetched page ready for the text pipeline."""

    document: ImportedDocument
    url: str  # as asked for
    final_url: str  # after redirects
    canonical_url: str  # as the page names itself ("" when it does not)
    meta: dict[str, Any] = field(default_factory=dict)  # url, final_url, canonical_url, encoding

    @property
    def urls(self) -> tuple[str, ...]:
        """Every address this article answers to (for recognising a re-import)."""
        return tuple(dict.fromkeys(u for u in (self.url, self.final_url, self.canonical_url) if u))


def canonical_url(html: str, base: str) -> str:
    """The page's own address: ``<link rel="canonical">``, else ``og:url``; absolute, http(s) only."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types for junk; no canonical URL then
        return ""
    hrefs = tree.xpath('//link[contains(concat(" ", normalize-space(translate(@rel, "CANONICAL", '
                       '"canonical")), " "), " canonical ")]/@href')
    hrefs += tree.xpath('//meta[@property="og:url" or @name="og:url"]/@content')
    for href in hrefs:
        href = str(href).strip()
        if not href:
            continue
        url = urljoin(base, href)
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname:
            return url
    return ""


def canonical_url_of_file(path: str | Path, head_bytes: int = 512 * 1024) -> str:
    """The canonical URL a saved web page names (``<link rel="canonical">``/``og:url``), "" when none or when
    the file is not HTML. Only absolute http(s) addresses count."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(head_bytes)
    except OSError:
        return ""
    if b"<" not in data[:4096]:
        return ""
    try:
        text, _enc, _warnings = decode_html(data)
    except ValueError:
        return ""
    return canonical_url(text, "")


def page_from_response(resp: Fetched) -> WebPage:
    """Turn a fetched response into a WebPage (DocumentError when it holds no Persian/Arabic article)."""
    host = urlsplit(resp.final_url).hostname or resp.final_url
    name = f"the page at {host}"
    if resp.content_type not in HTML_TYPES + TEXT_TYPES:
        raise DocumentError(f"{resp.final_url} is not a web page ({resp.content_type}); Tarjoman opens HTML pages")
    if not resp.data.strip():
        raise DocumentError(f"{name} is empty")
    text, encoding, warnings = decode_html(resp.data, name, resp.charset)
    if resp.content_type in TEXT_TYPES and not text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        doc = from_text(text, source=resp.url)
        canon = ""
    else:
        doc = from_html(text, source=resp.url, encoding=encoding, name=name, warnings=warnings)
        canon = canonical_url(text, resp.final_url)
    meta: dict[str, Any] = {"url": resp.url}
    if resp.final_url != resp.url:
        meta["final_url"] = resp.final_url
    if canon:
        meta["canonical_url"] = canon
    return WebPage(doc, resp.url, resp.final_url, canon, meta)


def read_url(url: str, *, limits: Limits | None = None, session: object | None = None) -> WebPage:
    """Fetch *url* and read its article. Raises FetchError or DocumentError (both ValueError, one line)."""
    resp = fetch(url, limits=limits, session=session)
    return page_from_response(resp)


def is_url(text: str) -> bool:
    """Whether a command-line argument or pasted string is a web address rather than a file name."""
    text = (text or "").strip()
    return text.lower().startswith(("http://", "https://")) and " " not in text


__all__ = ["FetchError", "WebPage", "canonical_url", "is_url", "page_from_response", "read_url"]
