"""Feeds in the library: subscriptions with unread counts, their articles, add / refresh / remove, OPML.

``FeedsPanel`` is the widget (a tree: feed → its articles, unread ones bold; the feed row says how many are
unread, by the library's reading state); ``FeedsController`` does the work through the window's task runner, so fetching never runs on the
GUI thread: adding a feed (it is fetched to check it), refreshing (on demand and every
``Settings.feed_refresh_minutes`` by a timer), and marking an article read when the reader opens it. Each
feed's report arrives as soon as that feed is done, so a slow or broken feed delays nobody; its error shows
on its row (tooltip) and in the message bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.rich import isolate, starts_rtl

FEED_ROLE = Qt.UserRole + 1  # feed id on feed rows
ARTICLE_ROLE = Qt.UserRole + 2  # article id on article rows


def _feed_label(title: str, unread: int) -> str:
    return f"{isolate(title)}  ({unread})" if unread else title


class FeedsPanel(QWidget):
    """The feeds tree with its buttons; emits what the user asks for, holds no SQL and fetches nothing."""

    article_activated = Signal(int)
    add_requested = Signal()
    refresh_requested = Signal(object)  # list of feed ids, or None for all
    remove_requested = Signal(int)
    auto_translate_toggled = Signal(int, bool)
    mark_read_requested = Signal(int)  # feed id: all its articles read
    import_opml_requested = Signal()
    export_opml_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 0, 6, 6)
        head = QHBoxLayout()
        self.title = QLabel("<b>Feeds</b>")
        head.addWidget(self.title)
        head.addStretch(1)
        self.add_button = QPushButton("Add…")
        self.add_button.setToolTip("Subscribe to an RSS or Atom feed (or a news site that has one)")
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setToolTip("Fetch new articles from every feed now")
        for b in (self.add_button, self.refresh_button):
            b.setAutoDefault(False)
            head.addWidget(b)
        lay.addLayout(head)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setContextMenuPolicy(Qt.CustomContextMenu)
        self.tree.setAccessibleName("Feeds")
        lay.addWidget(self.tree, 1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: palette(placeholder-text);")
        lay.addWidget(self.status)
        self.add_button.clicked.connect(self.add_requested)
        self.refresh_button.clicked.connect(lambda: self.refresh_requested.emit(None))
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.rows: list = []

    # ----- content ------------------------------------------------------------------------------------
    def set_feeds(self, rows: list, articles: dict[int, list[tuple[int, str, bool]]]) -> None:
        """*rows*: app.feeds.FeedRow; *articles*: feed id → (article id, title, read), newest first."""
        expanded = {self.tree.topLevelItem(i).data(0, FEED_ROLE) for i in range(self.tree.topLevelItemCount())
                    if self.tree.topLevelItem(i).isExpanded()}
        self.rows = rows
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for r in rows:
            item = QTreeWidgetItem([_feed_label(r.title, r.unread)])
            item.setData(0, FEED_ROLE, r.id)
            tip = [r.url]
            if r.auto_translate:
                tip.append("New articles are translated in the background.")
            tip.append(f"Last checked: {r.last_checked.replace('T', ' ')}" if r.last_checked else "Not checked yet.")
            if r.last_error:
                tip.append(f"Last refresh failed: {r.last_error}")
                item.setText(0, "⚠ " + item.text(0))
            item.setToolTip(0, "\n".join(tip))
            if r.unread:
                item.setFont(0, bold)
            for aid, title, read in articles.get(r.id, []):
                child = QTreeWidgetItem([title or "(untitled)"])
                if starts_rtl(title):  # a Persian/Arabic title reads from the right, like the library's
                    child.setTextAlignment(0, Qt.AlignRight | Qt.AlignVCenter)
                child.setData(0, ARTICLE_ROLE, aid)
                if not read:
                    child.setFont(0, bold)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(r.id in expanded)
        unread = sum(r.unread for r in rows)
        self.title.setText(f"<b>Feeds</b> ({unread} unread)" if unread else "<b>Feeds</b>")
        if not rows:
            self.status.setText("No feeds yet: Add… subscribes to a news site's RSS or Atom feed.")

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def feed_item(self, feed_id: int) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, FEED_ROLE) == feed_id:
                return item
        return None

    # ----- interaction ------------------------------------------------------------------------------
    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        aid = item.data(0, ARTICLE_ROLE)
        if aid is not None:
            self.article_activated.emit(int(aid))

    def _menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        menu = QMenu(self)
        feed_id = None
        if item is not None:
            feed_id = item.data(0, FEED_ROLE) or (item.parent().data(0, FEED_ROLE) if item.parent() else None)
        if feed_id is not None:
            row = next((r for r in self.rows if r.id == feed_id), None)
            menu.addAction("Refresh this feed", lambda: self.refresh_requested.emit([feed_id]))
            menu.addAction("Mark all as read", lambda: self.mark_read_requested.emit(feed_id))
            act = menu.addAction("Translate new articles automatically")
            act.setCheckable(True)
            act.setChecked(bool(row and row.auto_translate))
            act.toggled.connect(lambda on: self.auto_translate_toggled.emit(feed_id, on))
            menu.addAction("Unsubscribe…", lambda: self.remove_requested.emit(feed_id))
            menu.addSeparator()
        menu.addAction("Add feed…", self.add_requested.emit)
        menu.addAction("Refresh all", lambda: self.refresh_requested.emit(None))
        menu.addSeparator()
        menu.addAction("Import OPML…", self.import_opml_requested.emit)
        menu.addAction("Export OPML…", self.export_opml_requested.emit)
        menu.exec(self.tree.viewport().mapToGlobal(pos))


class FeedsController(QObject):
    """Feed work for the window: background refreshes (timer + on demand), add, remove, OPML, read state."""

    articles_imported = Signal(object)  # list of new article ids (after each feed's report)

    def __init__(self, panel: FeedsPanel, tasks, hub, settings, parent: QObject | None = None,
                 message: Callable[[str, str], None] | None = None) -> None:
        super().__init__(parent)
        self.panel, self.tasks, self.hub, self.settings = panel, tasks, hub, settings
        self.message = message or (lambda level, text: hub.message.emit(level, text, []))
        self.refreshing = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.refresh(None, quiet=True))
        panel.add_requested.connect(self.ask_add)
        panel.refresh_requested.connect(self.refresh)
        panel.remove_requested.connect(self.remove)
        panel.auto_translate_toggled.connect(self.set_auto_translate)
        panel.mark_read_requested.connect(self.mark_feed_read)
        panel.import_opml_requested.connect(self.import_opml)
        panel.export_opml_requested.connect(self.export_opml)
        hub.article_opened.connect(self.mark_read)
        self._reload_soon = QTimer(self)  # the library changed (read/unread, trash, new articles): one reload
        self._reload_soon.setSingleShot(True)
        self._reload_soon.setInterval(300)
        self._reload_soon.timeout.connect(self.reload)
        hub.articles_changed.connect(self._reload_soon.start)
        self.apply_schedule()
        self.reload()

    # ----- schedule and refresh -----------------------------------------------------------------------
    def apply_schedule(self) -> None:
        minutes = int(getattr(self.settings, "feed_refresh_minutes", 30) or 0)
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def stop(self) -> None:
        """The window closes: no more scheduled refreshes or reloads."""
        self.timer.stop()
        self._reload_soon.stop()

    def apply_preferences(self, values: dict) -> None:
        """The preferences dialog's refresh interval (this controller owns ``feed_refresh_minutes``)."""
        minutes = values.get("feed_refresh_minutes")
        if isinstance(minutes, int) and minutes >= 0:
            self.settings.feed_refresh_minutes = minutes
            self.apply_schedule()

    def reload(self) -> None:
        from shiboken6 import isValid

        from reader.app.feeds import overview

        if not isValid(self.panel):  # a refresh that ended after its panel was closed
            return
        found = overview(limit=100)
        if found is None:
            return  # the library is closed or damaged: the window says so elsewhere; keep the list shown
        self.panel.set_feeds(*found)

    def refresh(self, feed_ids: list[int] | None = None, quiet: bool = False) -> None:
        """Refresh in the background; each feed's report updates the panel as it arrives."""
        from reader.app.feed_refresh import refresh_job

        if self.refreshing:
            return
        if not self.panel.rows and feed_ids is None:
            return
        self.refreshing = True
        self.panel.refresh_button.setEnabled(False)
        self.panel.set_status("Refreshing feeds…")
        failures: list[str] = []
        imported: list[int] = []

        def on_report(report) -> None:
            imported.extend(report.imported)
            if report.error:
                failures.append(report.summary())
            self.reload()
            if report.imported or report.linked:
                self.hub.articles_changed.emit()
                self.articles_imported.emit(list(report.imported))

        def finished(_value=None, error: str = "") -> None:
            self.refreshing = False
            self.panel.refresh_button.setEnabled(True)
            n = len(imported)
            self.panel.set_status(f"{n} new article{'s' if n != 1 else ''}" + (
                f"; {len(failures)} feed{'s' if len(failures) != 1 else ''} failed" if failures else ""))
            if error:
                self.message("error", f"Refreshing feeds failed: {error}")
            elif failures and not quiet:
                self.message("warning", "; ".join(failures[:3]) + (" …" if len(failures) > 3 else ""))

        self.tasks.start(
            "feeds", refresh_job, feed_ids,
            on_result=on_report,
            on_progress=lambda d, t: self.panel.set_status(f"Refreshing feeds… {d}/{t}"),
            on_done=finished,
            on_error=lambda m: finished(error=m),
            on_cancel=finished,
        )

    # ----- subscriptions ------------------------------------------------------------------------------
    def ask_add(self) -> None:
        from reader.ui.web_import import clipboard_url

        url, ok = QInputDialog.getText(self.panel, "Add feed", "Address of an RSS/Atom feed or a news site:",
                                       text=clipboard_url())
        if ok and url.strip():
            self.add(url.strip())

    def add(self, url: str, on_added: Callable[[int], None] | None = None) -> None:
        """Subscribe off the GUI thread (the address is fetched to check it is a feed), then refresh it."""
        from reader.app.feeds import add_feed

        self.panel.set_status(f"Checking {url}…")

        def job(u: str, cancel=None, progress=None, emit=None) -> tuple[int, bool, str]:  # noqa: ARG001
            feed, created = add_feed(u)
            return feed.id, created, feed.title or feed.url

        def done(value: tuple[int, bool, str]) -> None:
            feed_id, created, title = value
            self.reload()
            if not created:
                self.panel.set_status(f"Already subscribed to {title}.")
            else:
                self.panel.set_status(f"Subscribed to {title}.")
                self.refresh([feed_id])
            if on_added is not None:
                on_added(feed_id)

        def failed(message: str) -> None:
            self.panel.set_status("")
            self.message("error", f"Could not add the feed: {message}")

        self.tasks.start("feed-add", job, url, on_done=done, on_error=failed)

    def remove(self, feed_id: int) -> None:
        from reader.app import feeds

        row = next((r for r in self.panel.rows if r.id == feed_id), None)
        name = row.title if row else str(feed_id)
        answer = QMessageBox.question(self.panel, "Unsubscribe", f"Unsubscribe from “{name}”? "
                                      "Its articles stay in the library.")
        if answer != QMessageBox.Yes:
            return
        feeds.remove_feed(feed_id)
        self.reload()

    def set_auto_translate(self, feed_id: int, on: bool) -> None:
        from reader.app import feeds

        feeds.set_auto_translate(feed_id, on)
        self.reload()

    def mark_feed_read(self, feed_id: int) -> None:
        from reader.app import feeds

        if feeds.mark_feed_read(feed_id):
            self.reload()
            self.hub.articles_changed.emit()  # the library's unread filter and bold rows follow

    def mark_read(self, article_id: int) -> None:
        """An opened feed article is read (the library's reading state, so its unread filter agrees)."""
        from reader.app import feeds

        if feeds.is_feed_article(article_id) and feeds.mark_read(article_id):
            self.reload()

    def import_opml(self, path: str | None = None) -> None:
        from reader.app import feeds

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.panel, "Import feeds", "", "OPML (*.opml *.xml);;All files (*)")
        if not path:
            return
        try:
            added, known = feeds.import_opml(path)
        except ValueError as exc:
            self.message("error", str(exc))
            return
        self.reload()
        self.panel.set_status(f"{len(added)} feeds added, {known} already subscribed.")
        if added:
            self.refresh([f.id for f in added])

    def export_opml(self, path: str | None = None) -> None:
        from reader.app import feeds

        if path is None:
            path, _ = QFileDialog.getSaveFileName(self.panel, "Export feeds", "feeds.opml", "OPML (*.opml)")
        if not path:
            return
        try:
            n = feeds.export_opml(path)
        except OSError as exc:
            self.message("error", f"{path}: cannot be written ({exc.strerror or exc})")
            return
        self.panel.set_status(f"Wrote {n} feeds to {path}.")
