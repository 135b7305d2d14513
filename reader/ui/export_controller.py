"""Export from the window: ask what and where (reader.ui.dialogs.export), read the documents, then write them
off the GUI thread with progress in the status bar. The service behind it is reader.app.exporting."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QStatusBar, QWidget

from reader.ui.dialogs.export import ExportDialog
from reader.ui.hub import Hub
from reader.ui.tasks import TaskRunner

FILTERS = {"pdf": "PDF (*.pdf)", "html": "HTML (*.html)", "md": "Markdown (*.md)"}


def _export_job(docs, path: str, fmt: str, options, *, cancel, progress, emit):
    from reader.core.export import export_documents

    return export_documents(docs, path, fmt, options, cancel, progress)


class ExportController:
    def __init__(self, parent: QWidget, hub: Hub, tasks: TaskRunner, bar: QStatusBar) -> None:
        self.parent = parent
        self.hub = hub
        self.tasks = tasks
        self.bar = bar

    def run(self, article_id: int | None, title: str = "", current_sentence: int = -1) -> None:
        """Ask, then export. *current_sentence* is the 0-based index of the selected sentence (-1: none)."""
        from reader.app.exporting import build_documents

        dlg = ExportDialog(self.parent, article_id, current_sentence)
        if not dlg.exec():
            return
        ids, rng, fmt, opts = dlg.choice()
        if not ids:
            self.hub.message.emit("info", "Choose at least one article to export.", [])
            return
        suggested = (title if title and len(ids) == 1 else "articles")[:60].replace("/", "-")
        path, _ = QFileDialog.getSaveFileName(self.parent, "Export to", f"{suggested}.{fmt}", FILTERS[fmt])
        if not path:
            return
        try:
            docs = build_documents(ids, rng)  # store read on the GUI thread (fast); writing runs as a job
        except Exception as exc:  # the store's one-line reason (no such article, range outside it)
            from reader.app.maintenance import describe

            self.hub.message.emit("error", f"Could not export: {describe(exc)}", [])
            return
        self.start(docs, path, fmt, opts)

    def start(self, docs, path: str, fmt: str, opts) -> None:
        """Write already-built documents as a job."""
        bar = self.bar
        bar.showMessage("Exporting…")

        def done(result) -> None:
            pages = f", {result.pages} pages" if getattr(result, "pages", 0) else ""
            self.hub.message.emit("info", f"Exported {result.documents} article(s){pages} to {result.path}", [])
            bar.clearMessage()

        self.tasks.start(
            "export", _export_job, docs, path, fmt, opts,
            on_progress=lambda d, t: bar.showMessage(f"Exporting… {d}/{t}"),
            on_done=done,
            on_error=lambda m: self.hub.message.emit("error", f"Export failed: {m}", []),
            on_cancel=lambda: bar.showMessage("Export cancelled", 3000),
        )
