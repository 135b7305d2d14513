"""Entity corrections and entity pages in the window.

Subscribes to the hub (``entity_correction_requested``, ``entity_page_requested``): stores the reader's
correction at once (a small write), re-tags every affected article in the background through the task runner,
then announces ``entities_changed`` for each; opens the entity page (non-modal) on request.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QWidget

from reader.app import entities as service
from reader.core.entities.corrections import CorrectionError
from reader.ui.hub import Hub
from reader.ui.tasks import TaskRunner

ACTION_WORDS = {"reject": "is not an entity", "type": "has a new type", "english": "has a new English name",
                "add": "is marked as an entity"}


def _retag_job(language: str, text: str, action: str, *, cancel, progress, emit) -> list[int]:
    probe = service.corrections.make(language, text, "reject")  # only its matching key is used
    ids = service.affected_articles(probe)
    from reader.app import worker

    progress(0, len(ids))
    for n, aid in enumerate(ids, 1):  # one article at a time in the helper process (no tagger in this one)
        worker.worker().run(worker.retag, worker.database_path(), [aid], cancel=cancel)
        progress(n, len(ids))
    return ids


class EntityController:
    """*open_article(article_id)* opens an article; *notify(text)* shows a short status message."""

    def __init__(self, hub: Hub, parent: QWidget, tasks: TaskRunner, open_article: Callable[[int], None],
                 notify: Callable[[str], None], show_error: Callable[[str], None]) -> None:
        self.hub, self.parent, self.tasks = hub, parent, tasks
        self.open_article, self.notify, self.show_error = open_article, notify, show_error
        self.pages: list[QWidget] = []
        hub.entity_correction_requested.connect(self.correct)
        hub.entity_page_requested.connect(self.show_page)

    def correct(self, request: dict) -> None:
        action, text, language = request.get("action", ""), request.get("text", ""), request.get("language", "")
        if action == "page":
            self.show_page(text)
            return
        english = request.get("english", "")
        if action == "english" and not english:
            english, ok = QInputDialog.getText(self.parent, "English name", f"English name for «{text}»:")
            if not ok or not english.strip():
                return
        try:
            service.correct(language, text, action, request.get("type", ""), english)
        except CorrectionError as exc:
            self.show_error(str(exc))
            return
        self.notify(f"«{text}» {ACTION_WORDS.get(action, 'corrected')}: updating the library…")

        def done(ids: list[int]) -> None:
            for article_id in ids:
                self.hub.entities_changed.emit(article_id)
            self.notify(f"«{text}» {ACTION_WORDS.get(action, 'corrected')} in {len(ids)} "
                        f"article{'s' if len(ids) != 1 else ''}.")

        self.tasks.start("entity correction", _retag_job, language, text, action, on_done=done,
                         on_error=self.show_error)

    def show_page(self, name: str) -> None:
        from reader.ui.dialogs.entity_page import EntityPageDialog

        dialog = EntityPageDialog(name, self.parent, open_article=self.open_article, open_entity=self.show_page,
                                  export=self.export_mentions)
        if dialog.page is None:
            self.show_error(f"No article in the library mentions «{name}».")
            dialog.deleteLater()
            return
        self.pages = [p for p in self.pages if p.isVisible()] + [dialog]
        dialog.show()

    def export_mentions(self, page, path: str) -> None:
        from reader.app.entity_page import export_mentions

        def job(*, cancel, progress, emit) -> int:
            return export_mentions(page, path)

        self.tasks.start("export mentions", job, on_done=lambda n: self.notify(f"{n} sentences written to {path}"),
                         on_error=self.show_error)
