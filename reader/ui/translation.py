"""Live translation in the window: runs the engine job off the GUI thread, streams sentences into the view.

The headline comes first (its own unit, index -1), then the sentences, each already corrected by the glossary.
Results are written to the store on the GUI thread as they arrive (house rule 4); after a complete translation
the entity tagger runs as a second job (which also makes every name agree on one English spelling) and its
entities and corrections are saved the same way. A changed glossary re-applies to the open article from the
cached model output.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from reader.settings import Settings
from reader.ui.hub import Hub
from reader.ui.tasks import Task, TaskRunner


@dataclass(frozen=True)
class EngineChosen:
    """Sent first by the job: the model key of the engine it loaded ("" when only the cache can serve)."""

    key: str


def _translate_job(article_id: int, preset: str, force: bool, *, cancel, progress, emit) -> str:
    """Worker thread: choose and load the engine (reported as :class:`EngineChosen`), translate one stored
    article; results go to ``emit`` (saved by the GUI thread).

    Returns "done", or "no-model" when no model is installed for the article's language (not an error: the
    window shows a call to action).
    """
    from reader.app.translate import translate_article
    from reader.core.translate.errors import ModelNotFound
    from reader.core.translate.settings import EngineSettings, load_settings

    saved, quality = load_settings()
    settings = EngineSettings.from_preset(preset) if preset != saved.preset else saved
    try:
        translate_article(
            article_id, settings=settings, quality=quality, cancel=cancel, progress=progress,
            on_result=emit, on_headline=emit, save=False, refresh=force,
            on_engine=lambda key: emit(EngineChosen(key)),
        )
    except ModelNotFound:
        return "no-model"
    return "done"


def _entities_job(article_id: int, *, cancel, progress, emit):
    """Worker thread: tag sentences and project onto translations in the helper process (the models never load
    in the window's process), then plan one spelling per name; saved by the GUI thread (save_names, then
    save_tagged)."""
    from reader.app import worker
    from reader.app.glossary import plan_names

    tagged = worker.worker().run(worker.tag_article, worker.database_path(), article_id, cancel=cancel)
    return plan_names(article_id, tagged)


class TranslationController:
    """One translation job per article at a time; the hub carries everything to the widgets."""

    def __init__(self, hub: Hub, tasks: TaskRunner, settings: Settings) -> None:
        self.hub = hub
        self.tasks = tasks
        self.settings = settings
        self.running: dict[int, Task] = {}
        self.entity_jobs: dict[int, Task] = {}
        self.longest_save_ms = 0.0
        self._unsaved: dict[int, list] = {}
        self._glossary: dict[int, str] = {}  # article id -> version of the glossary its running job applies
        self.open_article = 0  # the article a glossary change re-applies to
        hub.article_opened.connect(lambda article_id: setattr(self, "open_article", article_id))
        hub.glossary_changed.connect(self.reapply_glossary)
        from PySide6.QtCore import QTimer

        self._flush_timer = QTimer()
        self._flush_timer.setInterval(60)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self.flush)

    def flush(self) -> None:
        """Write the translations received since the last flush, one transaction per article."""
        from reader.store import repo

        pending, self._unsaved = self._unsaved, {}
        for article_id, results in pending.items():
            t0 = time.perf_counter()
            # also re-anchors annotations on those sentences
            repo.save_translations(article_id, results, glossary=self._glossary.get(article_id, ""))
            self.longest_save_ms = max(self.longest_save_ms, (time.perf_counter() - t0) * 1000)

    def translate(self, article_id: int, language: str, force: bool = False) -> None:
        """Start translating (the engine is chosen and loaded by the job, off the GUI thread)."""
        from reader.app.translate import backend_key
        from reader.core.translate.catalog import describe_key
        from reader.store import repo

        if article_id in self.running:
            return
        if force:
            repo.clear_translations(article_id)
        self.hub.translation_started.emit(article_id, "")  # "Translating…" until the engine is known
        manual = repo.manual_indexes(article_id)  # the user's own translations are never overwritten
        from reader.app.glossary import glossary

        self._glossary[article_id] = glossary(language).version
        chosen: list[str] = []
        received: list = []

        def on_result(result) -> None:
            if isinstance(result, EngineChosen):
                chosen.append(result.key)
                label = describe_key(result.key) if result.key else "the translation cache"
                self.hub.translation_started.emit(article_id, label)
                return
            if result.index == -1:  # the headline, before any sentence
                repo.save_headline(article_id, result)
                self.hub.headline_translated.emit(article_id, result.translation)
                return
            if result.index in manual:
                return
            if not received:
                received.append(result)
            # shown at once; written to the store in small batches (one transaction per ~60 ms)
            self._unsaved.setdefault(article_id, []).append(result)
            if not self._flush_timer.isActive():
                self._flush_timer.start()
            self.hub.translation_result.emit(article_id, result)

        def finished(status: str) -> None:
            self.flush()
            self.running.pop(article_id, None)
            if status == "done":  # a model key, like the CLI stores (formatted for display where shown)
                repo.set_backend(article_id, backend_key(chosen[0] if chosen else "", received))
            self.hub.translation_finished.emit(article_id, status)
            self.hub.article_changed.emit(article_id)  # its library row, in place
            self.ensure_entities(article_id)  # source side at least; projected onto what is translated

        task = self.tasks.start(
            f"translate:{article_id}",
            _translate_job,
            article_id,
            self.settings.preset,
            force,
            on_result=on_result,
            on_progress=lambda d, t: self.hub.translation_progress.emit(article_id, d, t),
            on_done=finished,
            on_error=lambda message: finished(f"failed: {message}"),
            on_cancel=lambda: finished("cancelled"),
        )
        self.running[article_id] = task

    def reapply_glossary(self) -> None:
        """The glossary changed: the open article gets it from the cached model output (no re-translation)."""
        if not self.open_article or self.open_article in self.running:
            return
        from reader.store import repo
        from reader.store.db import StoreError

        try:
            language = repo.get_article(self.open_article).language
        except StoreError:  # deleted meanwhile
            return
        self.translate(self.open_article, language)

    def cancel(self, article_id: int) -> None:
        task = self.running.get(article_id)
        if task is not None:
            task.request_cancel()

    def apply_preferences(self, values: dict) -> None:
        """The one owner of the translation settings keys (``preset``, ``backend``, ``libretranslate_url``,
        ``libretranslate_key``): set them from the preferences dialog; a new server forgets the warm engines."""
        s = self.settings
        before = (s.backend, s.libretranslate_url, s.libretranslate_key)
        s.preset = str(values.get("preset", s.preset))
        s.backend = str(values.get("backend", s.backend))
        s.libretranslate_url = str(values.get("libretranslate_url", s.libretranslate_url))
        s.libretranslate_key = str(values.get("libretranslate_key", s.libretranslate_key))
        if before != (s.backend, s.libretranslate_url, s.libretranslate_key):
            from reader.core.translate.remote import evict

            evict()  # the next translation connects with the new server settings

    def ensure_entities(self, article_id: int) -> None:
        """Tag entities (and project them onto the English) unless that was done for the current text."""
        if article_id in self.entity_jobs:
            return
        from reader.app.entities import needs_tagging, save_tagged

        if not needs_tagging(article_id):
            return

        def done(plan) -> None:
            from reader.app.glossary import save_names

            self.entity_jobs.pop(article_id, None)
            save_names(article_id, plan)  # first: the entities are remembered for the corrected text
            save_tagged(article_id, plan.entities)
            for result in plan.results:
                self.hub.translation_result.emit(article_id, result)
            self.hub.entities_changed.emit(article_id)

        def failed(message: str) -> None:
            self.entity_jobs.pop(article_id, None)
            self.hub.message.emit("warning", f"Could not find named entities: {message}", [])

        self.entity_jobs[article_id] = self.tasks.start(
            f"entities:{article_id}", _entities_job, article_id, on_done=done, on_error=failed,
            on_cancel=lambda: self.entity_jobs.pop(article_id, None),
        )
