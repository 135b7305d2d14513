"""The main window: library | bilingual view | side panels. It builds the widgets and the controllers and wires
them to the hub; the work lives in the controllers (menus, view options, translation status, annotations,
import, export) and in reader.app services.
"""

from __future__ import annotations

import base64

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMessageBox, QSplitter, QTabWidget

from reader import APP_NAME
from reader.app.view import ArticleView, load_article_view
from reader.settings import Settings
from reader.ui import style
from reader.ui.annotations_controller import AnnotationsController
from reader.ui.bilingual import BilingualView
from reader.ui.entities_panel import EntityPanel
from reader.ui.entity_controller import EntityController
from reader.ui.export_controller import ExportController
from reader.ui.feeds_panel import FeedsController, FeedsPanel
from reader.ui.glossary_controller import GlossaryController
from reader.ui.hub import Hub
from reader.ui.import_controller import ImportController
from reader.ui.library import LibraryPanel
from reader.ui.library_controller import LibraryController
from reader.ui.library_health import LibraryHealth
from reader.ui.menus import Menus
from reader.ui.notes_panel import NotesPanel
from reader.ui.tasks import TaskRunner
from reader.ui.translation import TranslationController
from reader.ui.translation_status import TranslationStatus
from reader.ui.view_options import ViewOptions


class MainWindow(QMainWindow):
    def __init__(self, hub: Hub, settings: Settings, colors: style.Colors) -> None:
        super().__init__()
        self.hub = hub
        self.settings = settings
        self.colors = colors
        self.tasks = TaskRunner(self)
        self.article: ArticleView | None = None
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.resize(1400, 860)

        self.library = LibraryPanel()
        self.view = BilingualView(colors, settings.font_size)
        self.entities = EntityPanel(colors)
        self.notes = NotesPanel(hub)
        self.side = QTabWidget()
        self.side.addTab(self.entities, "Entities")
        self.side.addTab(self.notes, "Notes")
        self.feeds_panel = FeedsPanel()
        self.library_column = QSplitter(Qt.Vertical)  # the library, and the feeds with their unread counts below
        self.library_column.addWidget(self.library)
        self.library_column.addWidget(self.feeds_panel)
        self.library_column.setStretchFactor(0, 3)
        self.library_column.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Horizontal)
        for i, (widget, stretch) in enumerate(((self.library_column, 0), (self.view, 1), (self.side, 0))):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(i, stretch)
        self.splitter.setSizes([270, 880, 250])
        self.setCentralWidget(self.splitter)

        bar = self.statusBar()
        self.options = ViewOptions(hub, settings, self.view, self.entities)
        self.translator = TranslationController(hub, self.tasks, settings)
        self.status = TranslationStatus(hub, self.view, bar, cancel=self.cancel_translation,
                                        open_models=self.models_dialog, install_model_file=self.install_model_file)
        self.annotations = AnnotationsController(hub, self, lambda text: bar.showMessage(text, 5000))
        self.health = LibraryHealth(self, self.view.message_bar.show_message, self.library.refresh)
        self.importer = ImportController(self, hub, self.tasks, bar, open_article=self.open_article,
                                         show_error=lambda text: self.health.show("error", text))
        self.exporter = ExportController(self, hub, self.tasks, bar)
        self.feeds = FeedsController(self.feeds_panel, self.tasks, hub, settings, parent=self,
                                     message=lambda level, text: self.view.message_bar.show_message(level, text))
        self.glossary = GlossaryController(self, hub, self.tasks)
        self.entity_corrections = EntityController(
            hub, self, self.tasks, open_article=self.open_article, notify=lambda text: bar.showMessage(text, 8000),
            show_error=lambda text: self.view.message_bar.show_message("error", text))
        self.view.entity_requested.connect(hub.entity_correction_requested)
        self.entities.page_requested.connect(hub.entity_page_requested)
        self.entities.correction_requested.connect(
            lambda r: self.article and hub.entity_correction_requested.emit({**r, "language": self.article.language}))
        self.menus = Menus(self)
        self.library_actions = LibraryController(self, hub)
        self.library_actions.add_menu(self.menuBar())

        self.library.article_activated.connect(self.open_article)
        self.feeds_panel.article_activated.connect(self.open_article)
        self.view.sentence_selected.connect(hub.sentence_selected)
        self.view.annotate_requested.connect(self.annotations.annotate)
        self.view.edit_requested.connect(self.edit_translation)
        self.view.alternatives_requested.connect(self.glossary.alternatives)
        self.entities.entity_selected.connect(hub.entity_selected)
        self.entities.article_requested.connect(self.open_article)
        hub.entity_selected.connect(self.view.set_focus_entity)
        hub.annotation_selected.connect(self.view.set_focus_annotation)
        hub.translation_finished.connect(self._translation_finished)
        hub.articles_changed.connect(self.library.refresh)
        hub.entities_changed.connect(self._reload_overlays)
        hub.annotations_changed.connect(self._reload_overlays)
        hub.message.connect(self.health.show)  # library faults get their actions (Recover…, Retry)
        hub.models_changed.connect(self._models_changed)

        if settings.geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(settings.geometry)))
        if settings.window_state:
            self.restoreState(QByteArray(base64.b64decode(settings.window_state)))
        self.library.refresh()

    # ----- articles -------------------------------------------------------------------------------------
    def open_article(self, article_id: int) -> None:
        try:
            art = load_article_view(article_id)
        except Exception as exc:  # the store's one-line reason (e.g. the article was deleted meanwhile)
            self.health.report(exc)
            return
        self.article = art
        self.settings.last_article = art.id
        self.view.message_bar.hide()
        self.view.show_article(art)
        self.library.set_current(art.id)
        self.entities.set_article(art)
        self.notes.set_article(art)
        self.setWindowTitle(f"{art.title} — {APP_NAME}")
        self.hub.article_opened.emit(art.id)
        self.view.scroll.setFocus()
        if art.translated < len(art.sentences) or not art.glossary_current:
            self.translate_current()  # from the cache where it can: a changed glossary costs no decoding
        else:
            self.translator.ensure_entities(art.id)

    def _reload_overlays(self, article_id: int) -> None:
        if self.article and self.article.id == article_id:
            art = load_article_view(article_id)
            self.article = art
            self.view.update_overlays(art)
            self.entities.set_article(art)
            self.notes.set_article(art)

    def import_files(self, paths, texts: list[str] | None = None, open_last: bool = True,
                     urls: list[str] | None = None) -> None:
        self.importer.import_files(list(paths), texts, open_last, urls)

    def import_samples(self) -> None:
        self.importer.import_samples()

    def delete_current(self) -> None:
        if self.article is None:
            return
        answer = QMessageBox.question(self, "Delete article", f"Delete “{self.article.title}” and its notes?")
        if answer != QMessageBox.Yes:
            return
        from reader.store import repo

        self.translator.cancel(self.article.id)
        repo.delete_article(self.article.id)
        self.article = None
        self.view.clear()
        self.entities.set_article(None)
        self.notes.set_article(None)
        self.status.clear()
        self.hub.articles_changed.emit()

    def set_language_current(self, language: str) -> None:
        """Process the open article again as Persian ("fa") or Arabic ("ar"): the pipeline runs off the GUI
        thread, the store is written on it; highlights are kept (reader.app.relanguage)."""
        if self.article is None or self.article.language == language:
            return
        from reader.app.relanguage import relanguage_input, reprocess_article_text, save_relanguaged

        article_id = self.article.id
        self.translator.cancel(article_id)
        raw, meta, title = relanguage_input(article_id)
        name = "Persian" if language == "fa" else "Arabic"

        def done(processed) -> None:
            report = save_relanguaged(article_id, processed)
            self.hub.articles_changed.emit()
            self.open_article(article_id)
            self.statusBar().showMessage(
                f"Processed again as {name}: {report.sentences} sentences"
                + (f", {report.annotations_orphaned} highlights to check" if report.annotations_orphaned else ""),
                8000,
            )

        self.tasks.start(
            "relanguage", lambda *args, **_: reprocess_article_text(*args), raw, meta, title, language,
            on_done=done,
            on_error=lambda m: self.view.message_bar.show_message("error", f"Cannot read it as {name}: {m}"),
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        md = event.mimeData()
        if md.hasUrls() or md.hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if self.importer.drop(event.mimeData()):
            event.acceptProposedAction()

    # ----- translation ----------------------------------------------------------------------------------
    def translate_current(self) -> None:
        if self.article is not None:
            self.translator.translate(self.article.id, self.article.language)

    def retranslate_current(self) -> None:
        if self.article is None:
            return
        self.translator.translate(self.article.id, self.article.language, force=True)
        self.open_article(self.article.id)

    def cancel_translation(self) -> None:
        if self.article is not None:
            self.translator.cancel(self.article.id)

    def _translation_finished(self, article_id: int, status: str) -> None:
        # the status bar follows on its own (TranslationStatus); the library row updates on article_changed
        if status == "done" and self.article and self.article.id == article_id:
            self.article = load_article_view(article_id)

    def _models_changed(self) -> None:
        if self.article and self.article.translated < len(self.article.sentences):
            self.view.message_bar.hide()
            self.translate_current()

    def install_model_file(self) -> None:
        from reader.ui.dialogs.models import install_model_from_file

        install_model_from_file(self, self.hub, self.tasks)

    def models_dialog(self) -> None:
        from reader.ui.dialogs.models import ModelsDialog

        ModelsDialog(self, self.hub, self.tasks).exec()

    def edit_translation(self, index: int) -> None:
        """Correct one sentence's translation by hand (kept across re-translation, marked ✎)."""
        if self.article is None:
            return
        from reader.store import repo

        current = self.view.translations.get(index) or ""
        text, ok = QInputDialog.getMultiLineText(
            self, "Edit translation", f"Sentence {index + 1}:\n{self.article.sentences[index].text}", current
        )
        if not ok or not text.strip() or text.strip() == current:
            return
        try:
            repo.set_manual_translation(self.article.id, index, text)
        except Exception as exc:  # the store's one-line reason
            self.health.report(exc)
            return
        self._reload_overlays(self.article.id)
        self.view.set_translation(index, text.strip(), (), "manual")
        self.translator.ensure_entities(self.article.id)

    def export_dialog(self) -> None:
        art = self.article
        self.exporter.run(art.id if art else None, art.title if art else "", self.view.current if art else -1)

    # ----- options --------------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.library.search.setFocus()
        self.library.search.selectAll()

    def preferences(self) -> None:
        from reader.ui.dialogs.preferences import PreferencesDialog

        dlg = PreferencesDialog(self, self.settings)
        if not dlg.exec():
            return
        values = dlg.values()
        self.colors = self.options.apply_preferences(values)
        self.translator.apply_preferences(values)
        self.feeds.apply_preferences(values)
        self.menus.interleaved.setChecked(self.settings.layout == "interleaved")
        self.settings.save()
        self.hub.settings_changed.emit()

    # ----- lifecycle ------------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802
        self.feeds.stop()
        self.tasks.cancel_all(wait=2.0)
        self.translator.flush()  # translations shown but not yet written
        self.settings.geometry = base64.b64encode(bytes(self.saveGeometry())).decode()
        self.settings.window_state = base64.b64encode(bytes(self.saveState())).decode()
        try:
            self.settings.save()
        except OSError:
            pass
        super().closeEvent(event)

    def show_welcome(self) -> None:
        """First run: three lines about the app and the two models; shown once, never again."""
        self.settings.first_run_done = True
        try:
            self.settings.save()
        except OSError:
            pass
        self.view.message_bar.show_message(
            "info",
            "<b>Welcome to Tarjoman.</b> Open a Persian or Arabic article (File ▸ Open, Open URL…, paste, or drop "
            "a file or a link; subscribe to a site's feed with File ▸ Add feed…) "
            "and read it side by side with an English translation made on this computer.<br>"
            "Click a sentence to see its counterpart; people, places and organisations are highlighted in both "
            "languages; select text to annotate it and export a bilingual PDF (Ctrl+E).<br>"
            "Two sample articles are in your library. To translate, get the Persian→English and "
            "Arabic→English models (about 100 MB each).",
            [("Get models…", self.models_dialog), ("Install from file…", self.install_model_file)],
        )

    def restore_last_article(self) -> None:
        target = self.settings.last_article
        if self.library.model.position(target) is None:  # a dict lookup, not a scan of 10,000 ids
            ids = self.library.ids
            target = ids[0] if ids else 0
        if target:  # after the window's first paint: the frame and the library show at once, the article follows
            QTimer.singleShot(30, lambda: self.open_article(target))
