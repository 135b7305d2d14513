"""Importing from the window: files (Open…, drag and drop, the first-run samples) and pasted text.

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
                     passages: bool = False) -> None:
        """Read and process off the GUI thread, save on it, then open the last article imported (*passages*:
        only the Persian/Arabic passages of each file)."""
        from reader.app.importing import prepare_imports, save_prepared

        texts = texts or []
        if not paths and not texts:
            return
        self.bar.showMessage("Importing…")

        def done(prepared) -> None:
            ids, errors = save_prepared(prepared)
            self.bar.clearMessage()
            self.hub.articles_changed.emit()
            if ids and open_last:
                self.open_article(ids[-1])
            if errors:  # after opening, which clears the message bar
                self.show_error("Could not import " + "; ".join(errors[:3]) + (" …" if len(errors) > 3 else ""))
            warnings = [w for p in prepared if p.processed is not None for w in p.processed.meta.get("warnings", [])]
            if warnings and not errors:  # e.g. bytes that were not valid UTF-8 and were replaced
                self.hub.message.emit("warning", "; ".join(warnings[:2]), [])
            self.hub.import_finished.emit(ids)

        self.tasks.start(
            "import", prepare_imports, list(paths), list(texts), passages=passages,
            on_progress=lambda d, t: self.bar.showMessage(f"Importing… {d}/{t}"),
            on_done=done,
            on_error=lambda m: self.show_error(f"Import failed: {m}"),
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

    def paste_article(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            text, ok = QInputDialog.getMultiLineText(self.parent, "Paste article", "Persian or Arabic text:")
            if not ok or not text.strip():
                return
        self.import_files([], [text])

    def drop(self, mime) -> bool:
        """Import dropped files or text; False when the drop holds neither."""
        if mime.hasUrls():
            self.import_files([Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()])
        elif mime.hasText():
            self.import_files([], [mime.text()])
        else:
            return False
        return True
