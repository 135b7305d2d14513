"""Dialogs: preferences, models, annotate a selection, export. Long work runs through the task runner."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from reader.settings import Settings


class PreferencesDialog(QDialog):
    """Font size, theme, layout, translation speed/quality preset and translation backend."""

    def __init__(self, parent: QWidget, settings: Settings) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.settings = settings
        form = QFormLayout(self)
        self.font_size = QSpinBox()
        self.font_size.setRange(8, 40)
        self.font_size.setValue(settings.font_size)
        self.font_size.setSuffix(" pt")
        form.addRow("Text size", self.font_size)
        self.theme = self._combo([("Follow the system", "system"), ("Light", "light"), ("Dark", "dark")],
                                 settings.theme)
        form.addRow("Theme", self.theme)
        self.layout_ = self._combo([("Side by side", "columns"), ("Interleaved", "interleaved")], settings.layout)
        form.addRow("Layout", self.layout_)
        self.side = self._combo([("Source on the right", "right"), ("Source on the left", "left")],
                                settings.source_side)
        form.addRow("Side by side", self.side)
        self.preset = self._combo(
            [("Fast (greedy)", "fast"), ("Balanced (default)", "balanced"), ("Best quality (slower)", "quality")],
            settings.preset,
        )
        form.addRow("Translation", self.preset)
        self.backend = self._combo([("This computer", "local"), ("LibreTranslate server", "libretranslate")],
                                   settings.backend)
        form.addRow("Translate on", self.backend)
        self.url = QLineEdit(settings.libretranslate_url)
        self.url.setPlaceholderText("http://translate.example.org:5000")
        form.addRow("Server URL", self.url)
        self.key = QLineEdit(settings.libretranslate_key)
        self.key.setEchoMode(QLineEdit.Password)
        self.key.setPlaceholderText("API key (if the server needs one)")
        form.addRow("API key", self.key)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @staticmethod
    def _combo(items: list[tuple[str, str]], current: str) -> QComboBox:
        c = QComboBox()
        for label, key in items:
            c.addItem(label, key)
        idx = c.findData(current)
        c.setCurrentIndex(max(idx, 0))
        return c

    def accept(self) -> None:
        s = self.settings
        s.font_size = self.font_size.value()
        s.theme = self.theme.currentData()
        s.layout = self.layout_.currentData()
        s.source_side = self.side.currentData()
        s.preset = self.preset.currentData()
        s.backend = self.backend.currentData()
        s.libretranslate_url = self.url.text().strip()
        s.libretranslate_key = self.key.text().strip()
        super().accept()


def _model_rows() -> list[tuple[str, str, str, str, str]]:
    """(key, pair, name, version, size) of installed models (read outside the widget code)."""
    from reader.core.translate.catalog import installed_models, pair_label

    rows = []
    for m in installed_models():
        try:
            size = f"{m.size_bytes() / 1e6:.0f} MB"
        except OSError:
            size = "?"
        rows.append((m.key, pair_label(m.from_code, m.to_code), m.model_id, m.version, size))
    return rows


def _download_job(from_code: str, to_code: str, *, cancel, progress, emit):
    from reader.core.translate.packages import download_package

    return download_package(from_code, to_code, progress=progress, cancel=cancel)


def _install_job(path: str, *, cancel, progress, emit):
    from reader.core.translate.packages import install_package

    progress(0, 1)
    spec = install_package(path)
    progress(1, 1)
    return spec


class ModelsDialog(QDialog):
    """Installed models; download (with progress, clear offline message); install from file; remove."""

    OFFERED = (("fa", "en", "Persian → English"), ("ar", "en", "Arabic → English"))

    def __init__(self, parent: QWidget, hub, tasks) -> None:
        from PySide6.QtWidgets import (
            QHBoxLayout,
            QLabel,
            QProgressBar,
            QPushButton,
            QTableWidget,
            QVBoxLayout,
        )

        super().__init__(parent)
        self.hub = hub
        self.tasks = tasks
        self.task = None
        self.setWindowTitle("Translation models")
        self.resize(640, 380)
        lay = QVBoxLayout(self)
        intro = QLabel(
            "Models translate on this computer; nothing is sent anywhere. Each language pair is an Argos "
            "Translate package of about 100 MB. Without internet, download the .argosmodel file elsewhere and "
            "install it from the file."
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Languages", "Model", "Version", "Size"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.download_buttons = []
        for f, t, label in self.OFFERED:
            b = QPushButton(f"Download {label}")
            b.clicked.connect(lambda _c=False, f=f, t=t: self.download(f, t))
            row.addWidget(b)
            self.download_buttons.append(b)
        self.install_button = QPushButton("Install from file…")
        self.install_button.clicked.connect(self.install_file)
        row.addWidget(self.install_button)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.remove_button)
        lay.addLayout(row)
        status = QHBoxLayout()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(lambda: self.task and self.task.request_cancel())
        status.addWidget(self.status, 1)
        status.addWidget(self.progress)
        status.addWidget(self.cancel_button)
        lay.addLayout(status)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        lay.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        from PySide6.QtWidgets import QTableWidgetItem

        rows = _model_rows()
        self.table.setRowCount(len(rows))
        for r, (key, pair, name, version, size) in enumerate(rows):
            for c, value in enumerate((pair, name, version, size)):
                item = QTableWidgetItem(value)
                item.setData(256, key)
                self.table.setItem(r, c, item)
        if not rows:
            self.status.setText("No models installed yet.")

    def _busy(self, on: bool) -> None:
        for b in [*self.download_buttons, self.install_button, self.remove_button]:
            b.setEnabled(not on)
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            if total > 10_000:
                self.status.setText(f"Downloading… {done / 1e6:.1f} of {total / 1e6:.1f} MB")
        else:
            self.progress.setMaximum(0)

    def _finished(self, spec) -> None:
        self._busy(False)
        self.task = None
        self.status.setText(f"Installed {spec.model_id} {spec.version}.")
        self.refresh()
        self.hub.models_changed.emit()

    def _failed(self, message: str) -> None:
        self._busy(False)
        self.task = None
        self.status.setText(message)

    def download(self, from_code: str, to_code: str) -> None:
        self._busy(True)
        self.status.setText("Contacting the Argos package index…")
        self.task = self.tasks.start(
            f"download:{from_code}", _download_job, from_code, to_code,
            on_progress=self._progress, on_done=self._finished, on_error=self._failed,
            on_cancel=lambda: self._failed("Download cancelled."),
        )

    def install_file(self, path: str | None = None) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not path:
            path, _ = QFileDialog.getOpenFileName(self, "Install a translation model", "",
                                                  "Argos models (*.argosmodel);;All files (*)")
        if not path:
            return
        self._busy(True)
        self.status.setText("Checking and installing the package…")
        self.task = self.tasks.start(
            "install-model", _install_job, path, on_progress=self._progress, on_done=self._finished,
            on_error=self._failed, on_cancel=lambda: self._failed("Cancelled."),
        )

    def remove_selected(self) -> None:
        from reader.core.translate.packages import remove_model

        items = self.table.selectedItems()
        if not items:
            self.status.setText("Select a model to remove.")
            return
        key = items[0].data(256)
        try:
            spec = remove_model(key)
        except Exception as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(f"Removed {spec.model_id}.")
        self.refresh()
        self.hub.models_changed.emit()


def install_model_from_file(parent: QWidget, hub) -> None:
    """Pick an .argosmodel and install it (with the Models dialog's progress and errors)."""
    tasks = getattr(parent, "tasks", None)
    dlg = ModelsDialog(parent, hub, tasks)
    dlg.show()
    dlg.install_file()


HIGHLIGHT_COLORS = (("Yellow", "#ffe066"), ("Green", "#b2f2bb"), ("Blue", "#a5d8ff"), ("Pink", "#fcc2d7"),
                    ("Orange", "#ffc078"))


class AnnotationDialog(QDialog):
    """Colour, note and tags of one highlight."""

    def __init__(self, parent: QWidget, quote: str, color: str = "#ffe066", note: str = "",
                 tags: tuple[str, ...] = ()) -> None:
        from PySide6.QtWidgets import QLabel, QPlainTextEdit

        super().__init__(parent)
        self.setWindowTitle("Annotate")
        form = QFormLayout(self)
        q = QLabel(f"“{quote}”")
        q.setWordWrap(True)
        form.addRow("Selection", q)
        self.color = QComboBox()
        for label, value in HIGHLIGHT_COLORS:
            self.color.addItem(label, value)
        idx = self.color.findData(color)
        if idx < 0:
            self.color.addItem(color, color)
            idx = self.color.count() - 1
        self.color.setCurrentIndex(idx)
        form.addRow("Colour", self.color)
        self.note = QPlainTextEdit(note)
        self.note.setPlaceholderText("Optional note (searchable)")
        form.addRow("Note", self.note)
        self.tags = QLineEdit(", ".join(tags))
        self.tags.setPlaceholderText("tags, separated by commas")
        form.addRow("Tags", self.tags)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        return {
            "color": self.color.currentData(),
            "note": self.note.toPlainText().strip(),
            "tags": [t.strip() for t in self.tags.text().split(",") if t.strip()],
        }


def annotate_selection(parent, hub, article, selection) -> None:
    dlg = AnnotationDialog(parent, selection.text)
    if not dlg.exec():
        return
    try:
        parent.undo.create(article.id, selection.index, selection.side, selection.start, selection.end,
                           **dlg.values())
    except Exception as exc:
        hub.message.emit("error", str(exc), [])
        return
    hub.annotations_changed.emit(article.id)


def _export_job(docs, path: str, fmt: str, options, *, cancel, progress, emit):
    from reader.core.export import export_documents

    return export_documents(docs, path, fmt, options, cancel, progress)


class ExportDialog(QDialog):
    """What to export (selection / article / several articles), format, layout."""

    def __init__(self, parent: QWidget, article_id: int | None, current_sentence: int) -> None:
        from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QListWidget, QListWidgetItem

        from reader.ui.library import load_rows

        super().__init__(parent)
        self.setWindowTitle("Export")
        form = QFormLayout(self)
        self.scope = QComboBox()
        if article_id:
            self.scope.addItem("This article", "article")
            self.scope.addItem("The selected sentence and the next four", "selection")
        self.scope.addItem("Several articles (one file)", "many")
        form.addRow("Export", self.scope)
        self.articles = QListWidget()
        self.articles.setSelectionMode(QAbstractItemView.MultiSelection)
        for r in load_rows(None, "updated"):
            it = QListWidgetItem(f"{r.title}  ({r.language})")
            it.setData(256, r.id)
            self.articles.addItem(it)
            if r.id == article_id:
                it.setSelected(True)
        self.articles.setEnabled(False)
        self.scope.currentIndexChanged.connect(lambda _i: self.articles.setEnabled(self.scope.currentData() == "many"))
        form.addRow("Articles", self.articles)
        self.fmt = PreferencesDialog._combo([("PDF (bilingual)", "pdf"), ("HTML", "html"), ("Markdown", "md")], "pdf")
        form.addRow("Format", self.fmt)
        self.layout_ = PreferencesDialog._combo([("Two columns", "columns"), ("Interleaved", "interleaved")],
                                                "columns")
        form.addRow("Layout", self.layout_)
        self.entities = QCheckBox("Colour people, places and organisations")
        self.entities.setChecked(True)
        form.addRow("", self.entities)
        self.notes = QCheckBox("Include highlights and notes")
        self.notes.setChecked(True)
        form.addRow("", self.notes)
        self.article_id = article_id
        self.current_sentence = max(0, current_sentence)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choice(self) -> tuple[list[int], tuple[int, int] | None, str, object]:
        from reader.core.export.model import ExportOptions

        scope = self.scope.currentData()
        rng = None
        if scope == "many":
            ids = [int(it.data(256)) for it in self.articles.selectedItems()]
        else:
            ids = [self.article_id] if self.article_id else []
            if scope == "selection":
                rng = (self.current_sentence, self.current_sentence + 5)
        opts = ExportOptions(layout=self.layout_.currentData(), entities=self.entities.isChecked(),
                             annotations=self.notes.isChecked())
        return ids, rng, self.fmt.currentData(), opts


def export_articles(parent, hub, tasks, article) -> None:
    """Ask what and where, then export off the GUI thread with progress in the status bar."""
    from PySide6.QtWidgets import QFileDialog

    from reader.app.exporting import build_documents

    dlg = ExportDialog(parent, article.id if article else None, parent.view.current if article else 0)
    if not dlg.exec():
        return
    ids, rng, fmt, opts = dlg.choice()
    if not ids:
        hub.message.emit("info", "Choose at least one article to export.", [])
        return
    suggested = (article.title if article and len(ids) == 1 else "articles")[:60].replace("/", "-")
    path, _ = QFileDialog.getSaveFileName(parent, "Export to", f"{suggested}.{fmt}",
                                          {"pdf": "PDF (*.pdf)", "html": "HTML (*.html)", "md": "Markdown (*.md)"}[fmt])
    if not path:
        return
    try:
        docs = build_documents(ids, rng)  # store read on the GUI thread (fast); writing runs as a job
    except Exception as exc:
        hub.message.emit("error", f"Could not export: {exc}", [])
        return
    bar = parent.statusBar()
    bar.showMessage("Exporting…")

    def done(result) -> None:
        pages = f", {result.pages} pages" if getattr(result, "pages", 0) else ""
        hub.message.emit("info", f"Exported {result.documents} article(s){pages} to {result.path}", [])
        bar.clearMessage()

    tasks.start(
        "export", _export_job, docs, path, fmt, opts,
        on_progress=lambda d, t: bar.showMessage(f"Exporting… {d}/{t}"),
        on_done=done,
        on_error=lambda m: hub.message.emit("error", f"Export failed: {m}", []),
        on_cancel=lambda: bar.showMessage("Export cancelled", 3000),
    )
