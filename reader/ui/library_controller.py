"""What the library panel's bulk actions and the reading state do in the window: translate several articles one
after another, export them to one PDF, delete them with undo (trash, purged at the next start), remember where
the reader was in each article, show dates in the chosen calendar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFileDialog, QInputDialog

from reader.ui.hub import Hub

CALENDARS = (("Gregorian", "gregorian"), ("Jalali (Solar Hijri)", "jalali"), ("Hijri (Umm al-Qura)", "hijri"))


def _tidy_job(*, cancel, progress, emit) -> None:
    """Worker thread: up to ~0.2 s of small merge steps, pausing between them so other writers get the lock."""
    import time

    from reader.store import search

    end = time.monotonic() + 0.2
    try:
        while time.monotonic() < end and not cancel.is_set() and search.tidy(16):
            time.sleep(0.01)
    except Exception:  # a read-only or busy library: tidying waits for the next round (it is only an optimisation)
        return


class LibraryController:
    def __init__(self, win: Any, hub: Hub) -> None:
        self.win = win
        self.hub = hub
        self.panel = win.library
        self.queue: list[int] = []
        self._position: tuple[int, int] | None = None
        self._save_position = QTimer(self.panel)
        self._save_position.setSingleShot(True)
        self._save_position.setInterval(800)
        self._save_position.timeout.connect(self._write_position)
        self.panel.set_calendar(win.settings.calendar)
        self.panel.translate_requested.connect(self.translate)
        self.panel.export_requested.connect(self.export_pdf)
        self.panel.delete_requested.connect(self.delete)
        hub.article_changed.connect(self.panel.update_article)
        hub.translation_finished.connect(self._next_in_queue)
        hub.article_opened.connect(self._opened)
        hub.sentence_selected.connect(self._sentence_selected)
        QTimer.singleShot(1500, self.panel, self._housekeeping)  # dropped if the window closes first
        self._tidy_task = None
        self._tidy_timer = QTimer(self.panel)
        self._tidy_timer.setInterval(3000)
        self._tidy_timer.timeout.connect(self._tidy_index)
        self._tidy_timer.start()

    # ---- bulk actions ---------------------------------------------------------------------------------
    def translate(self, ids: list[int]) -> None:
        """Translate the articles one after another (the open one streams into the view as usual)."""
        self.queue.extend(i for i in ids if i not in self.queue)
        self.hub.message.emit("info", f"Translating {len(self.queue)} article(s) one after another…", [])
        if not self.win.translator.running:
            self._next_in_queue(0, "")

    def _next_in_queue(self, _article_id: int, _status: str) -> None:
        from reader.store import library

        while self.queue and not self.win.translator.running:
            aid = self.queue.pop(0)
            row = library.row(aid)
            if row is None or row.state == "translated":
                continue
            self.win.translator.translate(aid, row.language)

    def export_pdf(self, ids: list[int]) -> None:
        from reader.app.exporting import build_documents
        from reader.core.export.model import ExportOptions

        path, _ = QFileDialog.getSaveFileName(self.win, f"Export {len(ids)} articles to one PDF", "articles.pdf",
                                              "PDF (*.pdf)")
        if not path:
            return
        try:
            docs = build_documents(ids)
        except Exception as exc:  # the store's one-line reason
            self.hub.message.emit("error", f"Could not export: {exc}", [])
            return
        self.win.exporter.start(docs, path, "pdf", ExportOptions(title=f"{len(ids)} articles"))

    def delete(self, ids: list[int]) -> None:
        """Move to the trash at once; the message offers Undo (the trash is emptied at the next start)."""
        from reader.store import library

        library.trash(ids)
        self.panel.model.remove_ids(set(ids))
        self.panel.refresh()
        if self.win.article is not None and self.win.article.id in ids:
            self.win.view.message_bar.hide()
        n = len(ids)
        self.hub.message.emit("info", f"Deleted {n} article{'s' if n != 1 else ''}.",
                              [("Undo", lambda: self.undo_delete(ids))])

    def undo_delete(self, ids: list[int]) -> None:
        from reader.store import library

        library.untrash(ids)
        self.panel.refresh()
        self.hub.message.emit("info", f"Restored {len(ids)} article(s).", [])

    def rename_tag(self) -> None:
        from reader.store import StoreError, library

        names = [n for n, _c in library.all_tags()]
        if not names:
            self.hub.message.emit("info", "No tags yet: select articles, right-click, Add tag…", [])
            return
        old, ok = QInputDialog.getItem(self.win, "Rename tag", "Tag:", names, 0, False)
        if not ok:
            return
        new, ok = QInputDialog.getText(self.win, "Rename tag", f"New name for “{old}”:", text=old)
        if not ok or not new.strip():
            return
        try:
            library.rename_tag(old, new)
        except StoreError as exc:
            self.hub.message.emit("error", str(exc), [])
            return
        self.panel.refresh()

    # ---- reading state --------------------------------------------------------------------------------
    def _opened(self, article_id: int) -> None:
        from reader.store import library

        position = library.position(article_id)
        library.remember_position(article_id, position)  # marks it read
        self.panel.update_article(article_id)
        if 0 < position < len(self.win.view.src_labels):
            self.win.view.select(position, scroll=True)

    def _sentence_selected(self, index: int) -> None:
        if self.win.article is not None:
            self._position = (self.win.article.id, index)
            self._save_position.start()

    def _write_position(self) -> None:
        if self._position is not None:
            from reader.store import library

            library.remember_position(*self._position)

    # ---- calendar, housekeeping -----------------------------------------------------------------------
    def add_menu(self, menubar: Any) -> None:
        m = menubar.addMenu("&Library")
        m.addAction("Translate selected articles", lambda: self._with_selection(self.translate))
        m.addAction("Export selected articles to one PDF…", lambda: self._with_selection(self.export_pdf))
        m.addAction("Add tag to selected articles…", lambda: self._with_selection(self.panel.ask_tag))
        m.addAction("Mark selected read", lambda: self._with_selection(lambda ids: self.panel.mark(ids, True)))
        m.addAction("Mark selected unread", lambda: self._with_selection(lambda ids: self.panel.mark(ids, False)))
        m.addAction("Rename tag…", self.rename_tag)
        m.addSeparator()
        m.addAction("Delete selected articles", lambda: self._with_selection(self.delete))
        m.addSeparator()
        dates = m.addMenu("Show dates in")
        group = QActionGroup(m)
        for label, key in CALENDARS:
            act = QAction(label, m, checkable=True)
            act.setChecked(self.win.settings.calendar == key)
            act.triggered.connect(lambda _c=False, key=key: self.set_calendar(key))
            group.addAction(act)
            dates.addAction(act)

    def _with_selection(self, fn: Any) -> None:
        ids = self.panel.selected_ids()
        if not ids:
            self.hub.message.emit("info", "Select articles in the library first (Ctrl+click, Shift+click).", [])
            return
        fn(ids)

    def set_calendar(self, calendar: str) -> None:
        self.win.settings.calendar = calendar
        self.win.settings.save()
        self.panel.set_calendar(calendar)

    def _tidy_index(self) -> None:
        """Every few seconds, merge the search index's segments on a worker thread in small steps (writes on
        the GUI thread then never pay for a merge)."""
        if self._tidy_task is not None or not self.win.isVisible():
            return

        def done(_value: object = None) -> None:
            self._tidy_task = None

        self._tidy_task = self.win.tasks.start("tidy search index", _tidy_job, on_done=done,
                                               on_error=lambda _m: done(), on_cancel=done)

    def _housekeeping(self) -> None:
        """Empty the trash of earlier sessions (what Undo could still restore was this session's)."""
        from reader.store import library

        try:
            purged = library.purge()
        except Exception:  # a read-only or damaged library says so elsewhere; the trash waits
            return
        if purged:
            self.panel.refresh()
