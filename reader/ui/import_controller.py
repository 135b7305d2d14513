"""Importing from the window: files (Open…, drag and drop, the first-run samples), web pages (Open URL…, a
pasted or dropped link) and pasted text.

Reading and processing run off the GUI thread (reader.app.importing.prepare_imports); saving runs on it. When
done it emits ``articles_changed`` and ``import_finished`` (the new ids) on the hub.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QStatusBar, QWidget

from reader.ui.hub import Hub
from reader.ui.tasks import TaskRunner


class ImportController:
    """*open_article* opens the last article imported; *show_error* puts a message in the view."""

    def __init__(self, parent: QWidget, hub: Hub, tasks: TaskRunner, bar: QStatusBar, *,
                 open_article: Callable[[int], None], show_error: Callable[[str], None]) -> None:
        self.parent = parent
        self.hub = hub
        self.tasks = tasks
        self.bar = bar
        self.open_article = open_article
        self.show_error = show_error

    def import_files(self, paths: list[Path], texts: list[str] | None = None, open_last: bool = True,
                     urls: list[str] | None = None, passages: bool = False) -> None:
        """Read (or fetch) and process off the GUI thread, save on it, then open the last article imported (an
        article the library has already is opened, not added again; *passages*: only the Persian/Arabic
        passages of each file)."""
        from reader.app.importing import prepare_imports, save_prepared
        from reader.app.worker import worker

        texts = texts or []
        urls = urls or []
        if not paths and not texts and not urls:
            return
        self.bar.showMessage("Importing…")

        def done(prepared) -> None:
            ids, errors, known, fault = save_prepared(prepared)
            self.bar.clearMessage()
            self.hub.articles_changed.emit()
            if ids and open_last:
                self.open_article(ids[-1])
            if known:
                self.bar.showMessage("Already in the library: opened it, nothing added." if known == len(ids) else
                                     f"{known} of {len(ids)} already in the library (not added again).", 8000)
            if fault:  # the library itself (disk full, damaged, read-only…): its sentence, once
                self.show_error(fault)
            elif errors:  # after opening, which clears the message bar
                self.show_error("Could not import " + "; ".join(errors[:3]) + (" …" if len(errors) > 3 else ""))
            warnings = [w for p in prepared if p.item is not None for w in p.item.processed.meta.get("warnings", [])]
            if warnings and not errors:  # e.g. bytes that were not valid UTF-8 and were replaced
                self.hub.message.emit("warning", "; ".join(warnings[:2]), [])
            self.hub.import_finished.emit(ids)

        self.tasks.start(
            "import", prepare_imports, list(paths), list(texts), list(urls), passages=passages,
            on_progress=lambda d, t: self.bar.showMessage(f"Importing… {d}/{t}"),
            on_done=done,
            on_error=lambda m: self.show_error(f"Import failed: {m}"),
            run=worker().run,  # the text pipeline runs in the helper process (no GIL stalls here)
        )

    def import_samples(self) -> None:
        """First run: the bundled sample articles, imported after the window is shown."""
        from reader import resources
        from reader.store import repo

        if repo.article_count() == 0:
            self.import_files(resources.samples(), open_last=True)

    def open_passages_dialog(self) -> None:
        """Open pages mostly in another language and keep only their Persian/Arabic passages."""
        files, _ = QFileDialog.getOpenFileNames(
            self.parent, "Open Persian/Arabic passages of…", str(Path.home()),
            "Articles (*.txt *.html *.htm *.docx);;All files (*)",
        )
        self.import_files([Path(f) for f in files], passages=True)

    def open_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self.parent, "Open articles", str(Path.home()), "Articles (*.txt *.html *.htm *.docx);;All files (*)"
        )
        self.import_files([Path(f) for f in files])

    def open_url_dialog(self) -> None:
        """File ▸ Open URL…: fetch a news page (the address is pre-filled from the clipboard)."""
        from reader.ui.web_import import ask_url

        url = ask_url(self.parent)
        if url:
            self.import_files([], urls=[url])

    def paste_article(self) -> None:
        from reader.ui.web_import import clipboard_url

        link = clipboard_url()
        if link:  # a copied link opens the page, not the address as text
            self.import_files([], urls=[link])
            return
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            text, ok = QInputDialog.getMultiLineText(self.parent, "Paste article", "Persian or Arabic text:")
            if not ok or not text.strip():
                return
        self.import_files([], [text])

    def drop(self, mime) -> bool:
        """Import dropped files, links from a browser, or text; False when the drop holds none of them."""
        from reader.ui.web_import import split_drop

        paths, urls, texts = split_drop(mime)
        if not paths and not urls and not texts:
            return False
        self.import_files(paths, texts, urls=urls)
        return True
