"""The translation models dialog: the model catalogue per language (published score, size, licence, speed class,
installed / update state), the model each language uses (automatic = best installed, or the user's pick),
download with progress (OPUS-MT releases are converted after the download), install from a file or folder,
remove. Listing (a walk of the model folders), downloads, conversions, installs and removals run off the GUI
thread, and the long ones can be cancelled; a non-commercial licence is stated plainly before anything is
downloaded."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

COLUMNS = ("Model", "BLEU", "Size", "Licence", "Speed", "State")


def _catalogue(updates: dict | None = None) -> dict[str, list[Any]]:
    """Rows per language label (read outside the widget code)."""
    from reader.core.translate.models_view import catalogue_rows

    return catalogue_rows(updates)


def _updates_job(*, cancel, progress, emit):
    from reader.core.translate.download import index_versions

    return index_versions()


def _installed_for(code: str) -> list[tuple[str, str]]:
    """(ref, label) of the installed models for *code* → English."""
    from reader.core.translate.catalog import installed_models

    return [(m.path.name, f"{m.description or m.model_id} ({m.path.name} {m.version})")
            for m in installed_models() if m.from_code == code]


def _chosen(code: str) -> str | None:
    from reader.core.translate.settings import load_default_models

    return load_default_models().get(code)


def _choose(code: str, ref: str | None) -> None:
    from reader.core.translate.settings import save_default_model

    save_default_model(code, ref)


def _download_job(ref: str, *, cancel, progress, emit):
    from reader.core.translate.installer import download_model

    return download_model(ref, progress=progress, cancel=cancel, on_stage=emit)


def _install_job(path: str, *, cancel, progress, emit):
    from reader.core.translate.installer import install_from_path

    done = install_from_path(path, progress=progress, cancel=cancel, on_stage=emit)
    emit(f"Found {done.found}.")
    return done.spec


def _remove_job(ref: str, *, cancel, progress, emit) -> str:
    """Worker thread: forget the warm engine and delete the model's folder."""
    from reader.core.translate.packages import remove_model

    return remove_model(ref).model_id


def _listing_job(updates: dict | None, *, cancel, progress, emit) -> dict[str, Any]:
    """Worker thread: the catalogue rows, the installed models and the chosen default of every language."""
    catalogue = _catalogue(updates)
    codes = [label.rsplit("(", 1)[-1].rstrip(")") for label in catalogue]
    return {"catalogue": catalogue, "installed": {c: _installed_for(c) for c in codes},
            "chosen": {c: _chosen(c) for c in codes}}


def _entry(ref: str) -> Any:
    from reader.core.translate import known

    return known.get(ref)


def _instructions(ref: str) -> str:
    from reader.core.translate.models_view import folder_instructions

    return folder_instructions(_entry(ref))


class ModelsDialog(QDialog):
    """See the module doc. ``confirm(title, text) -> bool`` asks the user (replaced in tests)."""

    def __init__(self, parent: QWidget, hub, tasks) -> None:
        from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QTabWidget, QVBoxLayout

        super().__init__(parent)
        self.hub = hub
        self.tasks = tasks
        self.task = None
        self.tables: dict[str, Any] = {}
        self.loaded = False
        self.combos: dict[str, Any] = {}
        self.setWindowTitle("Translation models")
        self.resize(1040, 480)
        lay = QVBoxLayout(self)
        intro = QLabel(
            "Models translate on this computer; nothing is sent anywhere. BLEU is the published FLORES-200 score "
            "into English (higher is better; the Quality preset decodes with beam 4 as those scores were). Without "
            "internet, download the file elsewhere and use Install from file…: an .argosmodel, an OPUS-MT release "
            ".zip or a CTranslate2 folder."
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        self.download_button = QPushButton("Download")
        self.download_button.clicked.connect(lambda: self.download(self.selected()))
        self.install_button = QPushButton("Install from file…")
        self.install_button.clicked.connect(lambda: self.install_file())
        self.folder_button = QPushButton("Install folder…")
        self.folder_button.clicked.connect(self.install_folder)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.updates_button = QPushButton("Check for updates")
        self.updates_button.clicked.connect(self.check_updates)
        self.updates: dict | None = None
        self.buttons = [self.download_button, self.install_button, self.folder_button, self.remove_button,
                        self.updates_button]
        for b in self.buttons:
            row.addWidget(b)
        row.addStretch(1)
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
        self.confirm = self._ask
        self.refresh()

    # --- the catalogue ----------------------------------------------------------------------------------
    def refresh(self, then=None) -> None:
        """Read the catalogue and installed models off the GUI thread, fill the tables, then call *then*."""
        self.loaded = False

        def filled(data: dict[str, Any]) -> None:
            self._fill(data)
            if then is not None:
                then()

        self.tasks.start("list-models", _listing_job, self.updates, on_done=filled, on_error=self._failed)

    def _fill(self, data: dict[str, Any]) -> None:
        from PySide6.QtWidgets import (
            QComboBox,
            QHBoxLayout,
            QLabel,
            QTableWidget,
            QTableWidgetItem,
            QVBoxLayout,
        )

        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.tables.clear()
        self.combos.clear()
        for label, rows in data["catalogue"].items():
            code = label.rsplit("(", 1)[-1].rstrip(")")
            page = QWidget()
            box = QVBoxLayout(page)
            pick = QHBoxLayout()
            pick.addWidget(QLabel(f"Used for {label.split(' (')[0]}:"))
            combo = QComboBox()
            combo.addItem("Automatic: the best installed model", None)
            for ref, text in data["installed"].get(code, []):
                combo.addItem(text, ref)
            chosen = data["chosen"].get(code)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            combo.currentIndexChanged.connect(lambda _i, c=code, cb=combo: self.set_default(c, cb.currentData()))
            pick.addWidget(combo, 1)
            box.addLayout(pick)
            table = QTableWidget(len(rows), len(COLUMNS))
            table.setHorizontalHeaderLabels(COLUMNS)
            table.setSelectionBehavior(QTableWidget.SelectRows)
            table.setSelectionMode(QTableWidget.SingleSelection)
            table.setEditTriggers(QTableWidget.NoEditTriggers)
            table.verticalHeader().hide()
            for r, row in enumerate(rows):
                licence = row.licence + (" — non-commercial use only" if row.licence_note else "")
                name = ("● " if row.is_default else "") + row.name
                cells = (name, row.bleu_text, row.size_text, licence, row.speed, row.state)
                for c, value in enumerate(cells):
                    item = QTableWidgetItem(value)
                    item.setData(256, row.id)
                    item.setData(257, row.installed.path.name if row.installed else "")
                    item.setToolTip(row.note or row.licence_note or row.name)
                    table.setItem(r, c, item)
            table.resizeColumnsToContents()
            table.setColumnWidth(0, min(table.columnWidth(0), 300))  # long names elide; the state stays in view
            table.horizontalHeader().setStretchLastSection(True)
            box.addWidget(table, 1)
            self.tables[code] = table
            self.combos[code] = combo
            self.tabs.addTab(page, label)
        if current >= 0:
            self.tabs.setCurrentIndex(current)
        self.loaded = True

    def rows(self, code: str) -> list[tuple[str, ...]]:
        """The visible cells of a language's table (tests and accessibility read them)."""
        table = self.tables[code]
        return [tuple(table.item(r, c).text() for c in range(table.columnCount())) for r in range(table.rowCount())]

    def installed_count(self) -> int:
        return sum(1 for t in self.tables.values() for r in range(t.rowCount()) if t.item(r, 0).data(257))

    def select(self, code: str, ref: str) -> None:
        table = self.tables[code]
        self.tabs.setCurrentIndex(list(self.tables).index(code))
        for r in range(table.rowCount()):
            if table.item(r, 0).data(256) == ref:
                table.selectRow(r)

    def selected(self) -> str:
        code = list(self.tables)[self.tabs.currentIndex()] if self.tables else ""
        items = self.tables[code].selectedItems() if code else []
        return str(items[0].data(256)) if items else ""

    def _selected_installed(self) -> str:
        code = list(self.tables)[self.tabs.currentIndex()] if self.tables else ""
        items = self.tables[code].selectedItems() if code else []
        return str(items[0].data(257) or "") if items else ""

    def set_default(self, code: str, ref: str | None) -> None:
        _choose(code, ref)
        self.status.setText(f"{code}: {'using ' + ref if ref else 'using the best installed model'}.")
        self.hub.models_changed.emit()

    # --- long work --------------------------------------------------------------------------------------
    def _ask(self, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def _busy(self, on: bool) -> None:
        for b in self.buttons:
            b.setEnabled(not on)
        for combo in self.combos.values():
            combo.setEnabled(not on)
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

    def _stage(self, text: object) -> None:
        self.status.setText(str(text))

    def _finished(self, spec) -> None:
        self._busy(False)
        self.task = None
        found = self.status.text() if self.status.text().startswith("Found") else ""

        def listed() -> None:
            self.status.setText(f"Installed {spec.model_id} {spec.version}. {found}".strip())
            self.hub.models_changed.emit()

        self.refresh(then=listed)

    def _failed(self, message: str) -> None:
        self._busy(False)
        self.task = None
        self.status.setText(message)

    def _start(self, name: str, fn, arg: str, busy_text: str) -> None:
        self._busy(True)
        self.status.setText(busy_text)
        self.task = self.tasks.start(
            name, fn, arg, on_result=self._stage, on_progress=self._progress, on_done=self._finished,
            on_error=self._failed, on_cancel=lambda: self._failed("Cancelled; nothing was installed."),
        )

    def download(self, ref: str, to_code: str = "en") -> None:
        """Download catalogue entry *ref* (or the Argos package of language *ref*)."""
        if not ref:
            self.status.setText("Select a model in the list first.")
            return
        entry = _entry(ref)
        if entry is not None and entry.installable == "folder":
            self.status.setText(_instructions(ref))
            return
        if entry is not None and entry.licence_note and not self.confirm(
                "Non-commercial licence", f"{entry.name}: {entry.licence_note}\n\nDownload it?"):
            self.status.setText("Not downloaded.")
            return
        label = entry.name if entry else f"the Argos {ref}→{to_code} package"
        self._start(f"download:{ref}", _download_job, ref, f"Contacting the server for {label}…")

    def check_updates(self) -> None:
        """Ask the Argos index for newer package versions (online); the State column shows them."""

        def listed() -> None:
            self.task = None
            newer = sum(1 for t in self.tables.values() for r in range(t.rowCount())
                        if "update available" in t.item(r, 5).text())
            self.status.setText(f"{newer} update{'s' if newer != 1 else ''} available." if newer
                                else "Every installed Argos package is the newest.")

        def done(versions: dict) -> None:
            self._busy(False)
            self.updates = versions
            self.refresh(then=listed)

        self._busy(True)
        self.status.setText("Asking the Argos package index for newer versions…")
        self.task = self.tasks.start("models-updates", _updates_job, on_done=done, on_error=self._failed,
                                     on_cancel=lambda: self._failed("Cancelled."))

    def install_file(self, path: str | None = None) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, "Install a translation model", "",
                "Models (*.argosmodel *.zip);;Argos packages (*.argosmodel);;OPUS-MT releases (*.zip);;All files (*)")
        if path:
            self._start("install-model", _install_job, path, "Checking and installing…")

    def install_folder(self, path: str | None = None) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not path:
            path = QFileDialog.getExistingDirectory(self, "Install a CTranslate2 model folder")
        if path:
            self._start("install-model", _install_job, path, "Checking and installing the folder…")

    def remove_selected(self) -> None:
        ref = self._selected_installed()
        if not ref:
            self.status.setText("Select an installed model to remove.")
            return

        def removed(name: str) -> None:
            self._busy(False)
            self.task = None

            def listed() -> None:
                self.status.setText(f"Removed {name}.")
                self.hub.models_changed.emit()

            self.refresh(then=listed)

        self._busy(True)
        self.status.setText("Removing…")
        self.task = self.tasks.start("remove-model", _remove_job, ref, on_done=removed, on_error=self._failed)


def install_model_from_file(parent: QWidget, hub, tasks) -> None:
    """Pick a model file and install it (with the Models dialog's progress and errors)."""
    dlg = ModelsDialog(parent, hub, tasks)
    dlg.show()
    dlg.install_file()
