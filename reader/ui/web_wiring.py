"""Links and feeds in the main window: File ▸ Open URL… / Add feed… / Refresh feeds, and the feeds panel under
the library (unread counts, the feed's articles). The window calls :func:`install_web` once; everything else
(fetching, refreshing on a timer, read state) lives in :class:`reader.ui.feeds_panel.FeedsController`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QSplitter, QWidget

from reader.ui.feeds_panel import FeedsController, FeedsPanel

OPEN_URL_SHORTCUT = "Ctrl+U"
REFRESH_FEEDS_SHORTCUT = "F5"


def _file_menu(win: Any) -> QMenu | None:
    for act in win.menuBar().actions():
        menu = act.menu()
        if menu is not None and act.text().replace("&", "") == "File":
            return menu
    return None


def _add_actions(win: Any, feeds: FeedsController) -> None:
    menu = _file_menu(win)
    if menu is None:
        return
    actions = menu.actions()
    anchor = actions[2] if len(actions) > 2 else None  # after Open… and Paste article
    items = [
        ("Open &URL…", win.open_url_dialog, OPEN_URL_SHORTCUT),
        ("Add &feed…", feeds.ask_add, None),
        ("&Refresh feeds", lambda: feeds.refresh(None), REFRESH_FEEDS_SHORTCUT),
    ]
    created: list[QAction] = []
    for text, slot, shortcut in items:
        act = QAction(text, win)
        created.append(act)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(lambda _checked=False, s=slot: s())
        if anchor is not None:
            menu.insertAction(anchor, act)
        else:
            menu.addAction(act)
    win.open_url_action = created[0]


def _place_panel(win: Any, panel: FeedsPanel) -> None:
    """The feeds panel goes under the library, in a vertical splitter taking the library's place."""
    library: QWidget = win.library
    parent = library.parentWidget()
    column = QSplitter(Qt.Vertical)
    column.setChildrenCollapsible(True)
    if isinstance(parent, QSplitter):
        index = parent.indexOf(library)
        parent.insertWidget(index, column)
    column.addWidget(library)
    column.addWidget(panel)
    column.setStretchFactor(0, 3)
    column.setStretchFactor(1, 1)
    column.setSizes([560, 220])
    win.library_column = column


def install_web(win: Any) -> FeedsController:
    """Add the feeds panel and the link/feed actions to *win* (a MainWindow); returns the controller."""
    panel = FeedsPanel()
    _place_panel(win, panel)
    controller = FeedsController(panel, win.tasks, win.hub, win.settings, parent=win,
                                 message=lambda level, text: win.view.message_bar.show_message(level, text))
    panel.article_activated.connect(win.open_article)
    _add_actions(win, controller)
    win.feeds_panel = panel
    return controller
