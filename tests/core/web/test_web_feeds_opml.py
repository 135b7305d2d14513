"""Feed parsing (RSS 2.0, Atom, RSS with the article in its description, not-a-feed) and OPML, on our own
documents."""

from __future__ import annotations

import pytest

from reader.core.web.feeds import FeedError, discover_feeds, entry_document, parse_feed
from reader.core.web.opml import OpmlError, OpmlFeed, read_opml, write_opml
from tests.support.websites import AR_BODY, AR_BODY_2, RSS_ITEMS, atom_feed, rss_feed

BASE = "https://news.example.org"


def test_rss_entries_with_summaries_need_their_pages() -> None:
    feed = parse_feed(rss_feed(BASE, RSS_ITEMS).encode("utf-8"), BASE + "/rss")
    assert feed.title == "خبرگزاری نمونه - اقتصادی" and feed.site_url == BASE + "/"
    assert [e.link for e in feed.entries] == [BASE + "/fa/bread", BASE + "/fa/gone"]
    first = feed.entries[0]
    assert first.guid == BASE + "/fa/bread" and first.published == "2024-03-11T06:00:00+00:00"
    assert all(e.needs_page for e in feed.entries)


def test_atom_with_content_carries_the_article() -> None:
    feed = parse_feed(atom_feed(BASE))
    entry = feed.entries[0]
    assert not entry.needs_page and entry.guid == "urn:example:ar-health:1"
    doc = entry_document(entry)
    assert all(p in doc.text for p in AR_BODY_2) and doc.source == BASE + "/ar/vaccine"
    assert doc.title_hint == "حملة تطعيم جديدة في جميع المحافظات"


def test_rss_whose_description_is_the_whole_article() -> None:
    long_text = " ".join(AR_BODY * 6)
    xml = rss_feed(BASE, [("/ar/bridge", "افتتاح جسر جديد", long_text, "Tue, 02 Apr 2024 08:00:00 GMT")])
    entry = parse_feed(xml).entries[0]
    assert not entry.needs_page
    assert AR_BODY[0] in entry_document(entry).text


@pytest.mark.parametrize("data", [b"<html><body><p>not a feed</p></body></html>", b"\x00\x01garbage", b""])
def test_not_a_feed_is_one_line(data: bytes) -> None:
    with pytest.raises(FeedError, match="RSS or Atom feed") as info:
        parse_feed(data, BASE + "/x")
    assert "\n" not in str(info.value)


def test_feed_discovery_from_a_page() -> None:
    html = ('<html><head><link rel="alternate" type="application/rss+xml" href="/rss/fa.xml">'
            '<link rel="alternate" type="application/atom+xml" href="https://other.example.org/atom">'
            '<link rel="stylesheet" href="/s.css"></head><body></body></html>')
    assert discover_feeds(html, BASE + "/fa/") == [BASE + "/rss/fa.xml", "https://other.example.org/atom"]


def test_opml_nested_folders_flatten_and_round_trip() -> None:
    opml = """<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>
      <outline text="فارسی"><outline text="اقتصاد" xmlUrl="https://a.example.org/rss" htmlUrl="https://a.example.org/"/>
        <outline text="دوباره" xmlUrl="https://a.example.org/rss"/></outline>
      <outline title="عربي" XMLURL="https://b.example.org/atom"/><outline text="no feed here"/></body></opml>"""
    feeds = read_opml(opml)
    assert feeds == [OpmlFeed("https://a.example.org/rss", "اقتصاد", "https://a.example.org/"),
                     OpmlFeed("https://b.example.org/atom", "عربي", "")]
    assert read_opml(write_opml(feeds)) == feeds


def test_opml_with_entities_is_refused() -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body/></opml>'
    with pytest.raises(OpmlError, match="declares XML entities"):
        read_opml(bomb)
