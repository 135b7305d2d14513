"""The HTTP fetcher and page reader against a real server on 127.0.0.1 (pages we wrote)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from reader.core.importers import DocumentError, decode_html
from reader.core.web.fetch import FetchError, Limits, check_url, fetch
from reader.core.web.page import read_url
from tests.support.websites import AR_HEADLINE, AR_LEAD, FA_HEADLINE, FA_LEAD, Site, ar_page, news_site, serve


def _no_zwnj(text: str) -> str:
    return text.replace("\u200c", "")


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serve() as s:
        yield news_site(s)


def test_persian_page_keeps_article_and_drops_site_chrome(site: Site) -> None:
    page = read_url(site.url("/fa/bread"))
    text = _no_zwnj(page.document.text)  # ZWNJ handling belongs to the HTML extractor's own tests
    assert _no_zwnj(FA_LEAD) in text  # the lead paragraph is kept
    assert "هزینه آرد و سوخت" in text
    for chrome in ("صفحه اول", "اخبار مرتبط", "ارسال نظر", "تمامی حقوق", "واتساپ"):
        assert chrome not in text
    assert page.document.source == site.url("/fa/bread")
    assert page.canonical_url == site.url("/fa/bread")


def test_gzip_page_is_decoded(site: Site) -> None:
    page = read_url(site.url("/fa/bread-gz"))
    assert _no_zwnj(FA_LEAD) in _no_zwnj(page.document.text)


def test_windows_1256_page_from_meta_and_from_header(site: Site) -> None:
    for path in ("/ar/bridge-1256", "/ar/bridge-header"):
        page = read_url(site.url(path))
        assert AR_LEAD in page.document.text, path
        assert page.document.encoding.replace("cp", "windows-") == "windows-1256"


def test_meta_charset_that_lies_is_not_believed(site: Site) -> None:
    page = read_url(site.url("/ar/lying-meta"))  # says windows-1256, is UTF-8
    assert AR_LEAD in page.document.text
    page = read_url(site.url("/ar/lying-header"))  # header says iso-8859-1, is windows-1256
    assert AR_LEAD in page.document.text


def test_page_charset_checks_declarations_against_the_bytes() -> None:
    html = ar_page("utf-8")
    text, enc, _w = decode_html(html.encode("windows-1256"), "p", "")  # declared utf-8, bytes are not
    assert AR_HEADLINE in text and enc.replace("cp", "windows-") == "windows-1256"
    text, enc, _w = decode_html(html.encode("utf-8"), "p", "iso-8859-6")  # the header lies
    assert AR_HEADLINE in text and enc == "utf-8"


def test_redirects_are_followed_and_the_final_url_kept(site: Site) -> None:
    page = read_url(site.url("/older"))
    assert page.final_url == site.url("/fa/bread")
    assert page.document.source == site.url("/older")
    assert site.url("/fa/bread") in page.urls


def test_redirect_loop_and_redirect_limit_give_one_line(site: Site) -> None:
    with pytest.raises(FetchError, match="redirects in a loop"):
        fetch(site.url("/loop-a"))
    with pytest.raises(FetchError, match="more than 1 redirects"):
        fetch(site.url("/older"), limits=Limits(max_redirects=1))


@pytest.mark.parametrize(("path", "message"), [
    ("/missing", "page not found \\(HTTP 404\\)"),
    ("/error", "server error \\(HTTP 500\\); try again later"),
])
def test_http_errors_are_one_clear_line(site: Site, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message) as info:
        fetch(site.url(path))
    assert "\n" not in str(info.value) and "Exception" not in str(info.value)


def test_slow_server_times_out(site: Site) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="too slow"):
        fetch(site.url("/slow"), limits=Limits(read_timeout=0.5))
    assert time.monotonic() - started < 2.5


def test_slow_drip_stops_at_the_total_deadline(site: Site) -> None:
    started = time.monotonic()  # a byte now and then never trips the read timeout; the deadline still holds
    with pytest.raises(FetchError, match="took longer than 0.5 seconds"):
        fetch(site.url("/drip"), limits=Limits(total_timeout=0.5))
    assert time.monotonic() - started < 1.5


def test_huge_page_is_refused_before_and_while_reading(site: Site) -> None:
    with pytest.raises(FetchError, match=r"is 5\.\d MB, over the 1\.0 MB limit"):
        fetch(site.url("/huge"), limits=Limits(max_bytes=1024 * 1024))
    with pytest.raises(FetchError, match=r"over the 1\.0 MB limit"):  # gzip: no usable length, cut while streaming
        fetch(site.url("/huge-gz"), limits=Limits(max_bytes=1024 * 1024))


def test_refused_connection_and_unknown_host_say_so() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with pytest.raises(FetchError, match="refused the connection"):
        fetch(f"http://127.0.0.1:{port}/news")
    with pytest.raises(FetchError, match="cannot find no-such-host.invalid: you may be offline"):
        fetch("http://no-such-host.invalid/news")


def test_not_a_web_address() -> None:
    with pytest.raises(FetchError, match="not a web address"):
        check_url("ftp://example.org/a")
    assert check_url("example.org/news/1") == "https://example.org/news/1"


def test_non_html_and_english_pages_are_refused(site: Site) -> None:
    with pytest.raises(DocumentError, match="is not a web page \\(image/png\\)"):
        read_url(site.url("/image.png"))
    with pytest.raises(ValueError, match="Persian or Arabic"):
        read_url(site.url("/en"))


def test_headline_is_in_the_page_title(site: Site) -> None:
    page = read_url(site.url("/fa/bread"))
    assert FA_HEADLINE in page.document.title_hint or FA_HEADLINE in page.document.text


def test_persian_slug_in_the_address(site: Site) -> None:
    from urllib.parse import quote

    from tests.support.websites import _chrome_fa, fa_article_body

    slug = "/fa/news/12/افزایش-قیمت-نان"
    site.add(quote(slug), _chrome_fa(fa_article_body(), title=FA_HEADLINE))
    site.add("/fa/short/12", b"", status=301, headers={"Location": quote(slug)})
    page = read_url(site.url(slug))
    assert page.document.source == site.url(slug)  # kept as the reader typed it
    assert _no_zwnj(FA_LEAD) in _no_zwnj(page.document.text)
    assert read_url(site.url("/fa/short/12")).final_url == site.url(quote(slug))


def test_page_gets_the_metadata_and_headline_of_a_saved_page(site: Site) -> None:
    page = read_url(site.url("/fa/bread"))
    doc = page.document
    assert doc.title == FA_HEADLINE  # the <h1>, not the kicker, without the site name
    assert doc.meta["published"].startswith("2024-03-11") and doc.meta["author"] == "مریم احمدی"
    assert doc.meta["site_name"] == "خبرگزاری نمونه"
    assert FA_LEAD in doc.text  # the page's own ZWNJs and the lead survive
    assert doc.text.count("\u200c") >= sum(p.count("\u200c") for p in (FA_LEAD,))
