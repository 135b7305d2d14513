"""Feeds panel and links in the window (offscreen Qt, a real server on 127.0.0.1, a real library)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QUrl

from reader.ui.feeds_panel import ARTICLE_ROLE
from reader.ui.rich import isolate
from tests.support.websites import Site, feed_site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as s:
        yield feed_site(s)


@pytest.fixture(scope="module")
def warm() -> None:
    """The window warms the text pipeline up at start; a cold hazm import takes longer than a test waits."""
    from reader.core.text.pipeline import warm_up

    warm_up("fa")
    warm_up("ar")


@pytest.fixture
def feeds_ui(qtbot, library, warm):
    from reader.settings import Settings
    from reader.ui.feeds_panel import FeedsController, FeedsPanel
    from reader.ui.hub import Hub
    from reader.ui.tasks import TaskRunner

    hub = Hub()
    tasks = TaskRunner()
    panel = FeedsPanel()
    qtbot.addWidget(panel)
    messages: list[tuple[str, str]] = []
    controller = FeedsController(panel, tasks, hub, Settings(), message=lambda lv, t: messages.append((lv, t)))
    yield panel, controller, hub, messages
    tasks.cancel_all(wait=5)


def _labels(panel) -> list[str]:
    return [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]


def test_add_feed_imports_in_background_and_counts_unread(qtbot, feeds_ui, site: Site) -> None:
    panel, controller, hub, messages = feeds_ui
    changed: list[int] = []
    hub.articles_changed.connect(lambda: changed.append(1))
    controller.add(site.url("/rss/economy.xml"))
    qtbot.waitUntil(lambda: not controller.refreshing and _labels(panel) == [isolate("خبرگزاری نمونه - اقتصادی") + "  (2)"],
                    timeout=30000)
    assert changed and panel.title.text() == "<b>Feeds</b> (2 unread)" and not messages
    feed_row = panel.tree.topLevelItem(0)
    assert feed_row.childCount() == 2 and feed_row.font(0).bold()
    opened: list[int] = []
    panel.article_activated.connect(opened.append)
    first = feed_row.child(0)
    panel._activated(first)
    assert opened == [first.data(0, ARTICLE_ROLE)]
    hub.article_opened.emit(opened[0])  # the window opened it: read
    assert _labels(panel) == [isolate("خبرگزاری نمونه - اقتصادی") + "  (1)"]


def test_broken_feed_reports_on_its_row_and_others_still_import(qtbot, feeds_ui, site: Site) -> None:
    from reader.app import feeds

    panel, controller, _hub, messages = feeds_ui
    feeds.add_feed(site.url("/atom/health.xml"), check=False)
    feeds.add_feed(site.url("/feeds/missing.xml"), check=False)
    controller.reload()
    controller.refresh(None)
    qtbot.waitUntil(lambda: not controller.refreshing, timeout=30000)
    labels = _labels(panel)
    assert any(lbl.startswith("⚠ ") for lbl in labels) and any(lbl.endswith("(1)") for lbl in labels)
    assert messages and messages[0][0] == "warning" and "HTTP 404" in messages[0][1]
    assert panel.status.text() == "1 new article; 1 feed failed"


def test_adding_a_page_without_feed_says_why(qtbot, feeds_ui, site: Site) -> None:
    panel, controller, _hub, messages = feeds_ui
    controller.add(site.url("/feeds/broken.xml"))
    qtbot.waitUntil(lambda: bool(messages), timeout=30000)
    assert messages[0][0] == "error" and "web page without an RSS or Atom feed" in messages[0][1]
    assert _labels(panel) == []


def test_opml_export_and_import_from_the_panel(qtbot, feeds_ui, site: Site, tmp_path: Path) -> None:
    from reader.app import feeds

    panel, controller, _hub, _messages = feeds_ui
    feeds.add_feed(site.url("/atom/health.xml"), check=False)
    out = tmp_path / "f.opml"
    controller.export_opml(str(out))
    assert "Wrote 1 feeds" in panel.status.text()
    feeds.remove_feed(1)
    controller.import_opml(str(out))
    qtbot.waitUntil(lambda: not controller.refreshing, timeout=30000)
    assert len(_labels(panel)) == 1


def test_schedule_follows_the_setting(feeds_ui) -> None:
    _panel, controller, _hub, _messages = feeds_ui
    assert controller.timer.isActive() and controller.timer.interval() == 30 * 60_000
    controller.settings.feed_refresh_minutes = 0
    controller.apply_schedule()
    assert not controller.timer.isActive()


def test_dropped_browser_link_is_a_url_and_local_files_stay_files(qtbot, tmp_path: Path) -> None:
    from reader.ui.web_import import split_drop

    md = QMimeData()
    md.setUrls([QUrl("https://news.example.org/fa/123"), QUrl.fromLocalFile(str(tmp_path / "a.html"))])
    paths, urls, texts = split_drop(md)
    assert paths == [tmp_path / "a.html"] and urls == ["https://news.example.org/fa/123"] and texts == []
    md = QMimeData()
    md.setText("  https://news.example.org/ar/9  ")
    assert split_drop(md) == ([], ["https://news.example.org/ar/9"], [])
    md = QMimeData()
    md.setText("خبر کوتاه https://x.example.org")
    assert split_drop(md) == ([], [], ["خبر کوتاه https://x.example.org"])


def test_mark_all_read_clears_the_count(qtbot, feeds_ui, site: Site) -> None:
    from reader.app import feeds

    panel, controller, _hub, _messages = feeds_ui
    feed, _ = feeds.add_feed(site.url("/rss/economy.xml"), check=False)
    controller.refresh([feed.id])
    qtbot.waitUntil(lambda: not controller.refreshing and _labels(panel) == [isolate("خبرگزاری نمونه - اقتصادی") + "  (2)"],
                    timeout=30000)
    panel.mark_read_requested.emit(feed.id)
    assert _labels(panel) == ["خبرگزاری نمونه - اقتصادی"] and feeds.unread_counts() == {}
