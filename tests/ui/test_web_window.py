"""Links and feeds in the main window: Open URL, a dropped browser link, a pasted link, the feeds panel under
the library, and no duplicate when the same page is opened twice (offscreen Qt, a real local server)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QGuiApplication

from tests.support.websites import AR_LEAD, Site, feed_site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as s:
        yield feed_site(s)


def _article_count() -> int:
    from reader.store.models import Article

    return Article.select().count()


def test_open_url_imports_and_opens_the_page_once(window, qtbot, site: Site, monkeypatch) -> None:
    before = _article_count()
    monkeypatch.setattr("reader.ui.web_import.ask_url", lambda parent: site.url("/ar/bridge-1256"))
    window.menus.open_url.trigger()
    qtbot.waitUntil(lambda: window.article is not None and window.article.language == "ar", timeout=30000)
    first = window.article.id
    assert _article_count() == before + 1
    assert AR_LEAD.split()[0] in " ".join(s.text for s in window.article.sentences)
    md = QMimeData()  # the same page dropped from a browser: opened again, not added again
    md.setUrls([QUrl(site.url("/ar/bridge-1256"))])
    window.open_article(1)
    assert window.importer.drop(md)
    qtbot.waitUntil(lambda: window.article is not None and window.article.id == first, timeout=30000)
    assert _article_count() == before + 1


def test_pasted_link_opens_the_page(window, qtbot, site: Site) -> None:
    QGuiApplication.clipboard().setText(site.url("/fa/bread"))
    window.importer.paste_article()
    qtbot.waitUntil(lambda: window.article is not None and window.article.source == site.url("/fa/bread"),
                    timeout=30000)


def test_a_failing_link_says_why_in_the_message_bar(window, qtbot, site: Site) -> None:
    window.import_files([], urls=[site.url("/error")])
    bar = window.view.message_bar
    qtbot.waitUntil(lambda: bar.isVisible() and "HTTP 500" in bar.label.text(), timeout=30000)


def test_feeds_panel_sits_under_the_library_and_opens_feed_articles(window, qtbot, site: Site) -> None:
    assert window.library_column.indexOf(window.feeds_panel) == 1
    assert window.menus.refresh_feeds.shortcut().toString() == "F5"
    window.feeds.add(site.url("/atom/health.xml"))
    panel = window.feeds_panel
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1 and panel.tree.topLevelItem(0).childCount() == 1
                    and not window.feeds.refreshing, timeout=30000)
    assert panel.tree.topLevelItem(0).text(0).endswith("(1)")
    panel._activated(panel.tree.topLevelItem(0).child(0))
    qtbot.waitUntil(lambda: window.article is not None and window.article.language == "ar", timeout=10000)
    qtbot.waitUntil(lambda: not panel.tree.topLevelItem(0).text(0).endswith("(1)"), timeout=5000)


def test_preferences_set_the_feed_schedule(window) -> None:
    window.feeds.apply_preferences({"feed_refresh_minutes": 0})
    assert not window.feeds.timer.isActive() and window.settings.feed_refresh_minutes == 0
    window.feeds.apply_preferences({"feed_refresh_minutes": 15})
    assert window.feeds.timer.interval() == 15 * 60_000
