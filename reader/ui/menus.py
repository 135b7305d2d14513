"""The window's menus and keyboard shortcuts: each action calls one command of the window or one controller.

Also the two Help boxes (shortcuts, about), which need nothing but a parent.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from reader import APP_NAME, __version__

SHORTCUTS = (
    "↓ / j, ↑ / k — next / previous sentence\n"
    "← / → — forward / back in reading direction of the focused pane\n"
    "Tab — switch focus between source and English\n"
    "Ctrl+U — open a web page (URL), F5 — refresh feeds\n"
    "Ctrl+Shift+C — copy sentence pair\n"
    "Ctrl+M — annotate the selected text\n"
    "Ctrl+F — search the library (both languages)\n"
    "Ctrl+T — translate, Esc — cancel\n"
    "Ctrl+E — export PDF / HTML / Markdown\n"
    "Ctrl+L — interleaved / side-by-side, Ctrl+Shift+L — swap sides\n"
    "Ctrl+Shift+O — original text, Ctrl+Shift+E — entity highlights\n"
    "Ctrl++ / Ctrl+- / Ctrl+0 — zoom"
)


def show_shortcuts(parent: QWidget) -> None:
    QMessageBox.information(parent, "Keyboard shortcuts", SHORTCUTS)


def about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        f"About {APP_NAME}",
        f"<b>{APP_NAME}</b> {__version__} — ترجمان<br>Read Persian and Arabic news side by side with an "
        "offline English translation.<br>Fonts: Vazirmatn (SIL Open Font License).",
    )


class Menus:
    """Builds the menu bar of *win* (the MainWindow, with its controllers ``importer``, ``annotations``,
    ``options`` and ``feeds``); keeps the actions others need (export, undo/redo, the layout toggle)."""

    def __init__(self, win: Any) -> None:
        self.win = win
        mb = win.menuBar()
        imports, notes, options = win.importer, win.annotations, win.options
        f = mb.addMenu("&File")
        self._action(f, "&Open…", imports.open_files_dialog, QKeySequence.Open)
        self._action(f, "&Paste article", imports.paste_article, "Ctrl+Shift+V")
        self._action(f, "Open Persian/Arabic pa&ssages of…", imports.open_passages_dialog, None)
        self.open_url = self._action(f, "Open &URL…", imports.open_url_dialog, "Ctrl+U")
        f.addSeparator()
        self._action(f, "Add &feed…", win.feeds.ask_add, None)
        self.refresh_feeds = self._action(f, "&Refresh feeds", lambda: win.feeds.refresh(None), "F5")
        f.addSeparator()
        self.export = self._action(f, "&Export…", win.export_dialog, "Ctrl+E")
        self._action(f, "&Delete article", win.delete_current, None)
        lang = f.addMenu("Article &language")
        self._action(lang, "Process as &Persian", lambda: win.set_language_current("fa"), None)
        self._action(lang, "Process as &Arabic", lambda: win.set_language_current("ar"), None)
        f.addSeparator()
        lib = f.addMenu("&Library")
        self._action(lib, "&Check library", win.health.check, None)
        self._action(lib, "&Recover damaged library…", win.health.recover, None)
        self._action(lib, "Restore a &backup…", win.health.restore, None)
        f.addSeparator()
        self._action(f, "&Quit", win.close, QKeySequence.Quit)

        e = mb.addMenu("&Edit")
        self.undo = self._action(e, "&Undo", notes.undo_last, QKeySequence.Undo)
        self.redo = self._action(e, "&Redo", notes.redo_last, QKeySequence.Redo)
        e.addSeparator()
        self._action(e, "&Copy sentence pair", lambda: win.view.copy_pair(), "Ctrl+Shift+C")
        self._action(e, "&Annotate selection…", lambda: notes.annotate(win.view.current_selection()), "Ctrl+M")
        self._action(e, "&Find in library", win.focus_search, QKeySequence.Find)
        e.addSeparator()
        self._action(e, "&Preferences…", win.preferences, QKeySequence.Preferences)

        s = win.settings
        v = mb.addMenu("&View")
        self.interleaved = self._action(v, "&Interleaved layout", options.set_interleaved, "Ctrl+L", True,
                                        s.layout == "interleaved")
        self._action(v, "&Swap sides", options.swap_sides, "Ctrl+Shift+L")
        self._action(v, "Show &original text", options.set_show_original, "Ctrl+Shift+O", True, s.show_original)
        self._action(v, "Highlight &entities", options.set_show_entities, "Ctrl+Shift+E", True, s.show_entities)
        v.addSeparator()
        self._action(v, "Zoom &in", lambda: options.zoom(+10), QKeySequence.ZoomIn)
        self._action(v, "Zoom &out", lambda: options.zoom(-10), QKeySequence.ZoomOut)
        self._action(v, "&Reset zoom", lambda: options.zoom(0), "Ctrl+0")

        t = mb.addMenu("&Translate")
        self._action(t, "&Translate article", win.translate_current, "Ctrl+T")
        self._action(t, "&Re-translate article", win.retranslate_current, None)
        self._action(t, "&Cancel", win.cancel_translation, "Esc")
        t.addSeparator()
        self._action(t, "&Models…", win.models_dialog, None)
        self._action(t, "&Glossary…", win.glossary.open_glossary, None)

        h = mb.addMenu("&Help")
        self._action(h, "&Keyboard shortcuts", lambda: show_shortcuts(win), "F1")
        self._action(h, "&About Tarjoman", lambda: about(win), None)

    def _action(self, menu, text: str, slot, shortcut=None, checkable: bool = False, checked: bool = False):
        act = QAction(text, self.win)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.setCheckable(checkable)
        if checkable:
            act.setChecked(checked)
            act.toggled.connect(slot)
        else:
            act.triggered.connect(slot)
        menu.addAction(act)
        return act
