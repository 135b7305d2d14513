"""Glossary and alternatives in the window: opens the glossary dialog (a change re-applies to the open article
through the hub) and the Alternatives dialog for one English sentence, whose n-best list is computed off the
GUI thread; the chosen alternative is stored like an edited translation."""

from __future__ import annotations

from typing import Any

from reader.ui.hub import Hub
from reader.ui.tasks import TaskRunner


def _alternatives_job(article_id: int, index: int, n: int, *, cancel, progress, emit):
    """Worker thread: the n best translations of one stored sentence."""
    from reader.app.alternatives import article_alternatives

    return article_alternatives(article_id, index, n)


class GlossaryController:
    ALTERNATIVES = 5

    def __init__(self, win: Any, hub: Hub, tasks: TaskRunner) -> None:
        self.win = win
        self.hub = hub
        self.tasks = tasks
        self.dialog: Any = None  # the open alternatives dialog (tests reach it)

    def open_glossary(self) -> None:
        from reader.ui.dialogs.glossary import GlossaryDialog

        art = self.win.article
        dlg = GlossaryDialog(self.win, art.language if art is not None else "fa")
        dlg.changed.connect(self.hub.glossary_changed)
        dlg.exec()

    def alternatives(self, index: int, modal: bool = True) -> None:
        """Right-click ▸ Alternatives… on an English sentence."""
        from reader.ui.dialogs.alternatives import AlternativesDialog

        art = self.win.article
        if art is None or not 0 <= index < len(art.sentences):
            return
        dlg = AlternativesDialog(art.sentences[index].text, self.win.view.translations.get(index) or "", self.win)
        self.dialog = dlg
        dlg.chosen.connect(lambda text: self.choose(art.id, index, text))
        self.tasks.start(f"alternatives:{art.id}:{index}", _alternatives_job, art.id, index, self.ALTERNATIVES,
                         on_done=dlg.set_alternatives, on_error=dlg.set_error)
        if modal:
            dlg.exec()
        else:
            dlg.show()

    def choose(self, article_id: int, index: int, text: str) -> None:
        """Store the chosen alternative like an edited translation (kept across re-translation, marked ✎)."""
        from reader.app.alternatives import choose_alternative

        try:
            choose_alternative(article_id, index, text)
        except Exception as exc:  # the store's one-line reason
            self.win.view.message_bar.show_message("error", str(exc))
            return
        self.win.view.set_translation(index, text.strip(), (), "manual")
        self.hub.annotations_changed.emit(article_id)  # reloads the overlays of the open article
        self.win.translator.ensure_entities(article_id)
