"""`tarjoman import URL` and `tarjoman feeds …` end to end against a real server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from tests.support.websites import Site, feed_site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as s:
        yield feed_site(s)


def test_import_url_twice_is_one_article(library, site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", site.url("/fa/bread")]) == 0
    first = capsys.readouterr().out.strip().split("\t")
    assert first[0] == "1" and first[1] == "fa"
    assert main(["import", site.url("/fa/bread"), site.url("/older")]) == 0
    lines = capsys.readouterr().out.strip().split("\n")
    assert all(line.startswith("1\tfa\t") and line.endswith("(already in the library)") for line in lines)
    assert main(["list"]) == 0
    assert len(capsys.readouterr().out.strip().split("\n")) == 1
    assert main(["show", "1"]) == 0
    assert f"source: {site.url('/fa/bread')}" in capsys.readouterr().out


@pytest.mark.parametrize(("path", "reason"), [
    ("/missing", "page not found (HTTP 404)"),
    ("/error", "server error (HTTP 500); try again later"),
    ("/loop-a", "redirects in a loop"),
    ("/en", "Persian or Arabic"),
])
def test_import_url_failures_are_one_line(library, site: Site, capsys: pytest.CaptureFixture[str],
                                          path: str, reason: str) -> None:
    assert main(["import", site.url(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("tarjoman: ") and reason in err
    assert "Traceback" not in err and "Error:" not in err


def test_feeds_commands(library, site: Site, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["feeds", "add", site.url("/rss/economy.xml")]) == 0
    out = capsys.readouterr().out
    assert "خبرگزاری نمونه - اقتصادی: 2 new articles" in out
    assert main(["feeds", "add", site.url("/atom/health.xml"), "--no-refresh"]) == 0
    capsys.readouterr()
    assert main(["feeds", "list"]) == 0
    lines = capsys.readouterr().out.strip().split("\n")
    assert len(lines) == 2 and "2 unread / 2" in lines[0] and "0 unread / 0\tnever checked" in lines[1]
    assert main(["feeds", "refresh"]) == 0
    out = capsys.readouterr().out
    assert "صحيفة المثال - صحة: 1 new article" in out and "اقتصادی: 0 new articles" in out
    assert main(["feeds", "auto-translate", "2", "on"]) == 0
    assert "auto-translate on" in capsys.readouterr().out
    opml = tmp_path / "subs.opml"
    assert main(["feeds", "export-opml", str(opml)]) == 0
    assert main(["feeds", "remove", "1"]) == 0
    assert main(["feeds", "remove", "1"]) == 1
    assert "No feed 1" in capsys.readouterr().err
    assert main(["feeds", "import-opml", str(opml)]) == 0
    assert "1 feeds added, 1 already subscribed" in capsys.readouterr().err
    assert main(["list"]) == 0
    assert len(capsys.readouterr().out.strip().split("\n")) == 3  # articles stay when a feed goes


def test_feeds_refresh_reports_a_broken_feed_and_goes_on(library, site: Site,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feeds", "add", site.url("/atom/health.xml"), "--no-refresh"]) == 0
    assert main(["feeds", "add", site.url("/feeds/broken.xml")]) == 1  # checked on add: refused
    assert "web page without an RSS or Atom feed" in capsys.readouterr().err
    from reader.app.feeds import add_feed

    add_feed(site.url("/feeds/missing.xml"), check=False)
    assert main(["feeds", "refresh"]) == 1
    captured = capsys.readouterr()
    assert "1 new article" in captured.out and "HTTP 404" in captured.err
