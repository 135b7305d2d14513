"""What the window shows about translation: the status bar (model, progress, Cancel), the English side's
placeholder, live sentences, and the no-model / failure messages with their actions.

Subscribes to the hub's ``article_opened`` and ``translation_*`` signals and follows only the open article.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from reader.ui.bilingual import PLACEHOLDER_NO_MODEL, PLACEHOLDER_TRANSLATING, BilingualView
from reader.ui.hub import Hub

LANGUAGE_NAMES = {"fa": "Persian", "ar": "Arabic"}


class TranslationStatus:
    """*open_models* and *install_model_file* are the actions offered when no model is installed."""

    def __init__(self, hub: Hub, view: BilingualView, bar: QStatusBar, *, cancel: Callable[[], None],
                 open_models: Callable[[], None], install_model_file: Callable[[], None]) -> None:
        self.hub = hub
        self.view = view
        self.open_models = open_models
        self.install_model_file = install_model_file
        self.article_id = 0
        self.model_label = QLabel("")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setFormat("%v/%m sentences")
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop translating (Esc); what is done is kept")
        self.cancel_button.clicked.connect(cancel)
        self.cancel_button.hide()
        bar.addWidget(self.model_label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        hub.article_opened.connect(self._opened)
        hub.translation_started.connect(self._started)
        hub.translation_result.connect(self._result)
        hub.headline_translated.connect(self._headline)
        hub.translation_progress.connect(self._progress)
        hub.translation_finished.connect(self._finished)

    def _mine(self, article_id: int) -> bool:
        return bool(self.article_id) and article_id == self.article_id

    def _show_backend(self) -> None:
        from reader.app.translate import backend_label

        self.model_label.setText(backend_label(self.article_id))

    def _opened(self, article_id: int) -> None:
        self.article_id = article_id
        self._show_backend()  # replaced by "Translating with …" if a translation starts now

    def clear(self) -> None:
        """The open article went away (deleted)."""
        self.article_id = 0
        self.model_label.setText("")
        self.progress.hide()
        self.cancel_button.hide()

    def _started(self, article_id: int, model: str) -> None:
        if self._mine(article_id):
            self.view.set_placeholder(PLACEHOLDER_TRANSLATING)
            self.model_label.setText(f"Translating with {model}" if model else "Translating…")
            self.progress.setValue(0)
            self.progress.show()
            self.cancel_button.show()

    def _result(self, article_id: int, result) -> None:
        if self._mine(article_id):
            self.view.set_translation(result.index, result.translation, tuple(f.to_json() for f in result.flags),
                                      result.model, tuple(result.edits))

    def _headline(self, article_id: int, english: str) -> None:
        if self._mine(article_id):
            self.view.header.set_headline(english)  # it comes before any sentence: painted at once

    def _progress(self, article_id: int, done: int, total: int) -> None:
        if self._mine(article_id):
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(done)

    def _finished(self, article_id: int, status: str) -> None:
        if not self._mine(article_id):
            return
        self.progress.hide()
        self.cancel_button.hide()
        if status == "done":
            self._show_backend()
        elif status == "cancelled":
            self.model_label.setText("Translation cancelled — what was translated is kept (Ctrl+T resumes).")
            self.view.set_placeholder("Not translated yet (Ctrl+T)")
        elif status.startswith("no-model"):
            self.view.set_placeholder(PLACEHOLDER_NO_MODEL)
            language = self.view.article.language if self.view.article else ""
            lang = LANGUAGE_NAMES.get(language, language)
            self.model_label.setText(f"No {lang}→English model installed")
            self.view.message_bar.show_message(
                "warning",
                f"No {lang}→English translation model is installed yet. The article is ready to read; "
                "install a model to see the English side.",
                [("Download…", self.open_models), ("Install from file…", self.install_model_file)],
            )
        else:
            self.view.set_placeholder("Translation failed")
            self.model_label.setText("Translation failed")
            self.view.message_bar.show_message("error", status.removeprefix("failed: "),
                                               [("Models…", self.open_models)])
