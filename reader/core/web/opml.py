"""OPML subscription lists, the format every feed reader imports and exports.

``read_opml`` returns the feeds of an OPML document (outlines with ``xmlUrl``, nested folders flattened);
``write_opml`` writes a list of feeds as OPML 2.0. Bad input raises :class:`OpmlError` with one line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.etree import ElementTree as ET


class OpmlError(ValueError):
    """A file that is not a usable OPML subscription list; the message is one human line."""


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    title: str = ""
    site_url: str = ""


def read_opml(data: bytes | str, name: str = "the file") -> list[OpmlFeed]:
    if isinstance(data, str):
        data = data.encode("utf-8")
    if b"<!ENTITY" in data[:4096].upper():
        raise OpmlError(f"{name} declares XML entities, which Tarjoman does not read in OPML files")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OpmlError(f"{name} is not valid OPML (XML error at line {exc.position[0]})") from None
    if root.tag.lower() != "opml":
        raise OpmlError(f"{name} is not an OPML file (its root element is <{root.tag}>)")
    feeds: list[OpmlFeed] = []
    seen: set[str] = set()
    for outline in root.iter("outline"):
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        url = (attrs.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        seen.add(url)
        title = (attrs.get("title") or attrs.get("text") or "").strip()
        feeds.append(OpmlFeed(url, title, (attrs.get("htmlurl") or "").strip()))
    return feeds


def write_opml(feeds: list[OpmlFeed], title: str = "Tarjoman feeds") -> str:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = dt.datetime.now(dt.UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    body = ET.SubElement(root, "body")
    for f in feeds:
        attrs = {"type": "rss", "text": f.title or f.url, "title": f.title or f.url, "xmlUrl": f.url}
        if f.site_url:
            attrs["htmlUrl"] = f.site_url
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
