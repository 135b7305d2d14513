"""The translation models dialog: installed models; download (progress, a clear offline message); install from a
file; remove. Downloads, installs and removals run off the GUI thread."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget


def _list_job(*, cancel, progress, emit) -> list[tuple[str, str, str, str, str]]:
    """Worker thread: (key, pair, name, version, size) of installed models (a walk of the model folders)."""
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


def _remove_job(key: str, *, cancel, progress, emit):
    """Worker thread: forget the warm engine and delete the model's folder."""
    from reader.core.translate.packages import remove_model

    return remove_model(key)


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
        """List the installed models (read off the GUI thread; the table fills when the list arrives)."""
        self.tasks.start("list-models", _list_job, on_done=self._fill,
                         on_error=lambda m: self.status.setText(f"Could not list the models: {m}"))

    def _fill(self, rows: list[tuple[str, str, str, str, str]]) -> None:
        from PySide6.QtWidgets import QTableWidgetItem

        self.table.setRowCount(len(rows))
        for r, (key, pair, name, version, size) in enumerate(rows):
            for c, value in enumerate((pair, name, version, size)):
                item = QTableWidgetItem(value)
                item.setData(256, key)
                self.table.setItem(r, c, item)
        if not rows and not self.status.text():
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
        items = self.table.selectedItems()
        if not items:
            self.status.setText("Select a model to remove.")
            return
        self._busy(True)
        self.status.setText("Removing…")
        self.task = self.tasks.start("remove-model", _remove_job, items[0].data(256), on_done=self._removed,
                                     on_error=self._failed)

    def _removed(self, spec) -> None:
        self._busy(False)
        self.task = None
        self.status.setText(f"Removed {spec.model_id}.")
        self.refresh()
        self.hub.models_changed.emit()


def install_model_from_file(parent: QWidget, hub, tasks) -> None:
    """Pick an .argosmodel and install it (with the Models dialog's progress and errors)."""
    dlg = ModelsDialog(parent, hub, tasks)
    dlg.show()
    dlg.install_file()
