"""The main window: library | bilingual view | side panels, menus, status bar with live translation progress."""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QWidget,
)

from reader import APP_NAME, __version__
from reader.app.view import ArticleView
from reader.settings import Settings
from reader.ui import actions, style
from reader.ui.bilingual import PLACEHOLDER_NO_MODEL, PLACEHOLDER_TRANSLATING, BilingualView
from reader.ui.entities_panel import EntityPanel
from reader.ui.hub import Hub
from reader.ui.library import LibraryPanel
from reader.ui.tasks import TaskRunner
from reader.ui.translation import TranslationController


class MainWindow(QMainWindow):
    def __init__(self, hub: Hub, settings: Settings, colors: style.Colors) -> None:
        super().__init__()
        self.hub = hub
        self.settings = settings
        self.colors = colors
        self.tasks = TaskRunner(self)
        from reader.store.annotations_undo import UndoStack

        self.undo = UndoStack()
        self.article: ArticleView | None = None
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.resize(1400, 860)

        self.library = LibraryPanel()
        self.view = BilingualView(colors, settings.font_size)
        self.view.zoom = settings.zoom
        self.view.layout_mode = settings.layout
        self.view.source_side = settings.source_side
        self.view.show_original = settings.show_original
        self.view.show_entities = settings.show_entities
        self.view.entity_types = set(settings.entity_types) | {"MISC"}
        self.entities = EntityPanel(colors)
        self.side = QTabWidget()
        self.side.addTab(self.entities, "Entities")
        self.notes = self._make_notes_panel()
        if self.notes is not None:
            self.side.addTab(self.notes, "Notes")
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([270, 880, 250])
        self.setCentralWidget(self.splitter)

        self._build_status_bar()
        self._build_menus()
        self.translator = TranslationController(self.hub, self.tasks, self.settings)

        self.library.article_activated.connect(self.open_article)
        self.view.sentence_selected.connect(self.hub.sentence_selected)
        self.view.annotate_requested.connect(self.annotate)
        self.view.edit_requested.connect(self.edit_translation)
        self.entities.entity_selected.connect(self.hub.entity_selected)
        self.entities.types_changed.connect(self._entity_types_changed)
        self.entities.article_requested.connect(self.open_article)
        hub.entity_selected.connect(self.view.set_focus_entity)
        hub.annotation_selected.connect(self.view.set_focus_annotation)
        hub.translation_started.connect(self._translation_started)
        hub.translation_result.connect(self._translation_result)
        hub.translation_progress.connect(self._translation_progress)
        hub.translation_finished.connect(self._translation_finished)
        hub.articles_changed.connect(self.library.refresh)
        hub.entities_changed.connect(self._reload_overlays)
        hub.annotations_changed.connect(self._reload_overlays)
        hub.message.connect(self.view.message_bar.show_message)
        hub.models_changed.connect(self._models_changed)

        if settings.geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(settings.geometry)))
        if settings.window_state:
            self.restoreState(QByteArray(base64.b64decode(settings.window_state)))
        self.library.refresh()

    # ----- construction ---------------------------------------------------------------------------------
    def _make_notes_panel(self) -> QWidget | None:
        try:
            from reader.ui.notes_panel import NotesPanel
        except ImportError:
            return None
        panel = NotesPanel(self.hub)
        panel.window_ = self
        return panel

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.model_label = QLabel("")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setFormat("%v/%m sentences")
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop translating (Esc); what is done is kept")
        self.cancel_button.clicked.connect(self.cancel_translation)
        self.cancel_button.hide()
        sb.addWidget(self.model_label, 1)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.cancel_button)

    def _action(self, menu, text: str, slot, shortcut=None, checkable: bool = False, checked: bool = False):
        act = QAction(text, self)
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

    def _build_menus(self) -> None:
        mb = self.menuBar()
        f = mb.addMenu("&File")
        self._action(f, "&Open…", self.open_files_dialog, QKeySequence.Open)
        self._action(f, "&Paste article", self.paste_article, "Ctrl+Shift+V")
        f.addSeparator()
        self.export_action = self._action(f, "&Export…", self.export_dialog, "Ctrl+E")
        self._action(f, "&Delete article", self.delete_current, None)
        f.addSeparator()
        self._action(f, "&Quit", self.close, QKeySequence.Quit)

        e = mb.addMenu("&Edit")
        self.undo_action = self._action(e, "&Undo", self.undo_annotation, QKeySequence.Undo)
        self.redo_action = self._action(e, "&Redo", self.redo_annotation, QKeySequence.Redo)
        e.addSeparator()
        self._action(e, "&Copy sentence pair", lambda: self.view.copy_pair(), "Ctrl+Shift+C")
        self._action(e, "&Annotate selection…", lambda: self.annotate(self.view.current_selection()), "Ctrl+M")
        self._action(e, "&Find in library", self.focus_search, QKeySequence.Find)
        e.addSeparator()
        self._action(e, "&Preferences…", self.preferences, QKeySequence.Preferences)

        v = mb.addMenu("&View")
        self.interleaved_action = self._action(
            v, "&Interleaved layout", self._set_interleaved, "Ctrl+L", True, self.settings.layout == "interleaved"
        )
        self._action(v, "&Swap sides", self._swap_sides, "Ctrl+Shift+L")
        self._action(v, "Show &original text", self._toggle_original, "Ctrl+Shift+O", True,
                     self.settings.show_original)
        self._action(v, "Highlight &entities", self._toggle_entities, "Ctrl+Shift+E", True,
                     self.settings.show_entities)
        v.addSeparator()
        self._action(v, "Zoom &in", lambda: self._zoom(+10), QKeySequence.ZoomIn)
        self._action(v, "Zoom &out", lambda: self._zoom(-10), QKeySequence.ZoomOut)
        self._action(v, "&Reset zoom", lambda: self._zoom(0), "Ctrl+0")

        t = mb.addMenu("&Translate")
        self._action(t, "&Translate article", self.translate_current, "Ctrl+T")
        self._action(t, "&Re-translate article", self.retranslate_current, None)
        self._action(t, "&Cancel", self.cancel_translation, "Esc")
        t.addSeparator()
        self._action(t, "&Models…", self.models_dialog, None)

        h = mb.addMenu("&Help")
        self._action(h, "&Keyboard shortcuts", self.show_shortcuts, "F1")
        self._action(h, "&About Tarjoman", self.about, None)

    # ----- articles -------------------------------------------------------------------------------------
    def open_article(self, article_id: int) -> None:
        try:
            art = actions.open_article(article_id)
        except Exception as exc:
            self.view.message_bar.show_message("error", str(exc))
            return
        self.article = art
        self.settings.last_article = art.id
        self.view.message_bar.hide()
        self.view.placeholder = PLACEHOLDER_TRANSLATING
        self.view.show_article(art)
        self.library.set_current(art.id)
        self.entities.set_article(art)
        if self.notes is not None:
            self.notes.set_article(art)
        self.setWindowTitle(f"{art.title} — {APP_NAME}")
        self.hub.article_opened.emit(art.id)
        self.view.scroll.setFocus()
        if art.translated < len(art.sentences):
            self.translate_current()
        else:
            self.model_label.setText(self._backend_text(art))
            self.translator.ensure_entities(art.id)

    def _backend_text(self, art: ArticleView) -> str:
        lang = {"fa": "fa→en", "ar": "ar→en"}.get(art.language, art.language)
        models = {s.model for s in art.sentences if s.model}
        return f"{lang} · {', '.join(sorted(models)) or art.backend or 'not translated'}"

    def _reload_overlays(self, article_id: int) -> None:
        if self.article and self.article.id == article_id:
            art = actions.open_article(article_id)
            self.article = art
            self.view.update_overlays(art)
            self.entities.set_article(art)
            if self.notes is not None:
                self.notes.set_article(art)

    def import_files(self, paths: list[Path], texts: list[str] | None = None, open_last: bool = True) -> None:
        """Read and process off the GUI thread, save on it, then open the last article imported."""
        texts = texts or []
        if not paths and not texts:
            return
        bar = self.statusBar()
        bar.showMessage("Importing…")

        def done(prepared) -> None:
            ids, errors = actions.save_prepared(prepared)
            bar.clearMessage()
            self.hub.articles_changed.emit()
            if ids and open_last:
                self.open_article(ids[-1])
            if errors:  # after opening, which clears the bar
                self.view.message_bar.show_message(
                    "error", "Could not import " + "; ".join(errors[:3]) + (" …" if len(errors) > 3 else "")
                )
            self.hub.import_finished.emit(ids)

        self.tasks.start(
            "import", actions.prepare_imports, list(paths), list(texts),
            on_progress=lambda d, t: bar.showMessage(f"Importing… {d}/{t}"),
            on_done=done,
            on_error=lambda m: self.view.message_bar.show_message("error", f"Import failed: {m}"),
        )

    def import_samples(self) -> None:
        """First run: the bundled sample articles, imported after the window is shown."""
        from reader import resources

        if actions.library_is_empty():
            self.import_files(resources.samples(), open_last=True)

    def open_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Open articles", str(Path.home()), "Articles (*.txt *.html *.htm *.docx);;All files (*)"
        )
        self.import_files([Path(f) for f in files])

    def paste_article(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            text, ok = QInputDialog.getMultiLineText(self, "Paste article", "Persian or Arabic text:")
            if not ok or not text.strip():
                return
        self.import_files([], [text])

    def delete_current(self) -> None:
        if self.article is None:
            return
        answer = QMessageBox.question(self, "Delete article", f"Delete “{self.article.title}” and its notes?")
        if answer != QMessageBox.Yes:
            return
        self.translator.cancel(self.article.id)
        actions.delete_article(self.article.id)
        self.article = None
        self.view.clear()
        self.entities.set_article(None)
        self.hub.articles_changed.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        md = event.mimeData()
        if md.hasUrls() or md.hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        md = event.mimeData()
        if md.hasUrls():
            self.import_files([Path(u.toLocalFile()) for u in md.urls() if u.isLocalFile()])
        elif md.hasText():
            self.import_files([], [md.text()])
        event.acceptProposedAction()

    # ----- translation ----------------------------------------------------------------------------------
    def translate_current(self) -> None:
        if self.article is None:
            return
        self.translator.translate(self.article.id, self.article.language)

    def retranslate_current(self) -> None:
        if self.article is None:
            return
        self.translator.translate(self.article.id, self.article.language, force=True)
        self.open_article(self.article.id)

    def cancel_translation(self) -> None:
        if self.article is not None:
            self.translator.cancel(self.article.id)

    def _translation_started(self, article_id: int, model: str) -> None:
        if self.article and self.article.id == article_id:
            self.view.set_placeholder(PLACEHOLDER_TRANSLATING)
            self.model_label.setText(f"Translating with {model}")
            self.progress.setValue(0)
            self.progress.show()
            self.cancel_button.show()

    def _translation_result(self, article_id: int, result) -> None:
        if self.article and self.article.id == article_id:
            self.view.set_translation(result.index, result.translation, tuple(f.to_json() for f in result.flags))

    def _translation_progress(self, article_id: int, done: int, total: int) -> None:
        if self.article and self.article.id == article_id:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(done)

    def _translation_finished(self, article_id: int, status: str) -> None:
        # the library list refreshes on hub.articles_changed, emitted right after this signal
        if not (self.article and self.article.id == article_id):
            return
        self.progress.hide()
        self.cancel_button.hide()
        if status == "done":
            self.article = actions.open_article(article_id)
            self.model_label.setText(self._backend_text(self.article))
        elif status == "cancelled":
            self.model_label.setText("Translation cancelled — what was translated is kept (Ctrl+T resumes).")
            self.view.set_placeholder("Not translated yet (Ctrl+T)")
        elif status.startswith("no-model"):
            self.view.set_placeholder(PLACEHOLDER_NO_MODEL)
            lang = {"fa": "Persian", "ar": "Arabic"}.get(self.article.language, self.article.language)
            self.model_label.setText(f"No {lang}→English model installed")
            self.view.message_bar.show_message(
                "warning",
                f"No {lang}→English translation model is installed yet. The article is ready to read; "
                "install a model to see the English side.",
                [("Download…", self.models_dialog), ("Install from file…", self.install_model_file)],
            )
        else:
            self.view.set_placeholder("Translation failed")
            self.model_label.setText("Translation failed")
            self.view.message_bar.show_message("error", status.removeprefix("failed: "),
                                               [("Models…", self.models_dialog)])

    def _models_changed(self) -> None:
        if self.article and self.article.translated < len(self.article.sentences):
            self.view.message_bar.hide()
            self.translate_current()

    def install_model_file(self) -> None:
        from reader.ui.dialogs import install_model_from_file

        install_model_from_file(self, self.hub)

    def models_dialog(self) -> None:
        from reader.ui.dialogs import ModelsDialog

        ModelsDialog(self, self.hub, self.tasks).exec()

    # ----- annotations / export -------------------------------------------------------------------------
    def annotate(self, selection) -> None:
        if self.article is None:
            return
        if selection is None:
            self.view.message_bar.show_message("info", "Select some text in either pane first, then annotate it.")
            return
        from reader.ui.dialogs import annotate_selection

        annotate_selection(self, self.hub, self.article, selection)

    def edit_translation(self, index: int) -> None:
        """Correct one sentence's translation by hand (kept across re-translation, marked ✎)."""
        if self.article is None:
            return
        current = self.view.translations.get(index) or ""
        text, ok = QInputDialog.getMultiLineText(
            self, "Edit translation", f"Sentence {index + 1}:\n{self.article.sentences[index].text}", current
        )
        if not ok or not text.strip() or text.strip() == current:
            return
        try:
            actions.set_manual_translation(self.article.id, index, text)
        except Exception as exc:
            self.view.message_bar.show_message("error", str(exc))
            return
        self._reload_overlays(self.article.id)
        self.view.set_translation(index, text.strip(), (), "manual")
        self.translator.ensure_entities(self.article.id)

    def edit_annotation(self, annotation_id: int) -> None:
        from reader.store.annotations import get
        from reader.ui.dialogs import AnnotationDialog

        r = get(annotation_id)
        dlg = AnnotationDialog(self, r.quote, r.color, r.note, r.tags)
        if dlg.exec():
            self.undo.update(annotation_id, **dlg.values())
            self.hub.annotations_changed.emit(r.article_id)

    def delete_annotation(self, annotation_id: int) -> None:
        r = self.undo.delete(annotation_id)
        self.hub.annotations_changed.emit(r.article_id)
        self.statusBar().showMessage("Note deleted — Ctrl+Z brings it back", 5000)

    def undo_annotation(self) -> None:
        r = self.undo.undo()
        if r is not None:
            self.hub.annotations_changed.emit(r.article_id)

    def redo_annotation(self) -> None:
        r = self.undo.redo()
        if r is not None:
            self.hub.annotations_changed.emit(r.article_id)

    def export_dialog(self) -> None:
        from reader.ui.dialogs import export_articles

        export_articles(self, self.hub, self.tasks, self.article)

    # ----- view options ---------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.library.search.setFocus()
        self.library.search.selectAll()

    def _set_interleaved(self, on: bool) -> None:
        self.settings.layout = "interleaved" if on else "columns"
        self.view.set_layout(self.settings.layout)

    def _swap_sides(self) -> None:
        self.settings.source_side = "left" if self.settings.source_side == "right" else "right"
        self.view.set_layout(self.settings.layout, self.settings.source_side)

    def _toggle_original(self, on: bool) -> None:
        self.settings.show_original = on
        self.view.set_show_original(on)

    def _toggle_entities(self, on: bool) -> None:
        self.settings.show_entities = on
        self.view.set_entity_display(on)

    def _entity_types_changed(self, types: set) -> None:
        self.settings.entity_types = sorted(t for t in types if t != "MISC")
        self.view.set_entity_display(self.settings.show_entities, types)

    def _zoom(self, delta: int) -> None:
        self.settings.zoom = 100 if delta == 0 else max(50, min(300, self.settings.zoom + delta))
        self.view.set_zoom(self.settings.zoom)

    def preferences(self) -> None:
        from reader.ui.dialogs import PreferencesDialog

        before = (self.settings.backend, self.settings.libretranslate_url, self.settings.libretranslate_key)
        if PreferencesDialog(self, self.settings).exec():
            if before != (self.settings.backend, self.settings.libretranslate_url, self.settings.libretranslate_key):
                from reader.core.translate.remote import evict

                evict()  # the next translation connects with the new server settings
            app = QApplication.instance()
            self.colors = style.apply_theme(app, self.settings.theme)
            self.view.colors = self.colors
            self.entities.set_colors(self.colors)
            self.view.font_size = self.settings.font_size
            self.interleaved_action.setChecked(self.settings.layout == "interleaved")
            self.view.set_layout(self.settings.layout, self.settings.source_side)
            self.settings.save()
            self.hub.settings_changed.emit()

    def show_shortcuts(self) -> None:
        QMessageBox.information(
            self,
            "Keyboard shortcuts",
            "↓ / j, ↑ / k — next / previous sentence\n"
            "← / → — forward / back in reading direction of the focused pane\n"
            "Tab — switch focus between source and English\n"
            "Ctrl+Shift+C — copy sentence pair\n"
            "Ctrl+M — annotate the selected text\n"
            "Ctrl+F — search the library (both languages)\n"
            "Ctrl+T — translate, Esc — cancel\n"
            "Ctrl+E — export PDF / HTML / Markdown\n"
            "Ctrl+L — interleaved / side-by-side, Ctrl+Shift+L — swap sides\n"
            "Ctrl+Shift+O — original text, Ctrl+Shift+E — entity highlights\n"
            "Ctrl++ / Ctrl+- / Ctrl+0 — zoom",
        )

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__} — ترجمان<br>Read Persian and Arabic news side by side with an "
            "offline English translation.<br>Fonts: Vazirmatn (SIL Open Font License).",
        )

    # ----- lifecycle ------------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802
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
            "<b>Welcome to Tarjoman.</b> Open a Persian or Arabic article (File ▸ Open, paste, or drop a file) "
            "and read it side by side with an English translation made on this computer.<br>"
            "Click a sentence to see its counterpart; people, places and organisations are highlighted in both "
            "languages; select text to annotate it and export a bilingual PDF (Ctrl+E).<br>"
            "Two sample articles are in your library. To translate, get the Persian→English and "
            "Arabic→English models (about 100 MB each).",
            [("Get models…", self.models_dialog), ("Install from file…", self.install_model_file)],
        )

    def restore_last_article(self) -> None:
        target = self.settings.last_article
        ids = [r.id for r in self.library.rows]
        if target not in ids:
            target = ids[0] if ids else 0
        if target:
            QTimer.singleShot(0, lambda: self.open_article(target))
