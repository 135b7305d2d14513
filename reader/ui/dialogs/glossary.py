"""Glossary dialog: the user's terms (source term → English, per language); add, remove, import, export.

Every change goes through reader.app.glossary (the widget holds no SQL) and emits ``changed``, so the window
re-applies the glossary to the open article from the cached model output (no re-translation). Problems are
shown as one sentence inside the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.types import Term
from reader.ui import style

LANGS = (("Persian", "fa"), ("Arabic", "ar"))
COLUMNS = ("Language", "Term", "English", "Note")


class GlossaryDialog(QDialog):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, language: str = "fa") -> None:
        super().__init__(parent)
        self.setWindowTitle("Glossary")
        self.resize(720, 460)
        lay = QVBoxLayout(self)
        intro = QLabel("Terms every translation must use. Where the model renders a term differently, the "
                       "English is corrected and underlined; hover it to see what was replaced.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        top = QHBoxLayout()
        self.filter = QComboBox()
        self.filter.addItem("All languages", "")
        for name, code in LANGS:
            self.filter.addItem(name, code)
        self.filter.currentIndexChanged.connect(self.refresh)
        top.addWidget(QLabel("Show:"))
        top.addWidget(self.filter)
        top.addStretch(1)
        lay.addLayout(top)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        lay.addWidget(self.table, 1)

        form = QHBoxLayout()
        self.lang = QComboBox()
        for name, code in LANGS:
            self.lang.addItem(name, code)
        self.lang.setCurrentIndex(max(0, [c for _, c in LANGS].index(language) if language in ("fa", "ar") else 0))
        self.source = QLineEdit()
        self.source.setPlaceholderText("Term as written (e.g. کیم جونگ اون)")
        self.source.setLayoutDirection(Qt.RightToLeft)
        self.source.setFont(style.source_font(self.font().pointSizeF()))
        self.english = QLineEdit()
        self.english.setPlaceholderText("English (e.g. Kim Jong Un)")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Note (optional)")
        self.add_button = QPushButton("Add")
        self.add_button.clicked.connect(self.add)
        self.english.returnPressed.connect(self.add)
        for w, stretch in ((self.lang, 0), (self.source, 3), (self.english, 3), (self.note, 2), (self.add_button, 0)):
            form.addWidget(w, stretch)  # the term field is widest: its example must show whole
        lay.addLayout(form)

        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Glossary message")
        lay.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.remove_button = buttons.addButton("Remove", QDialogButtonBox.ActionRole)
        self.import_button = buttons.addButton("Import…", QDialogButtonBox.ActionRole)
        self.export_button = buttons.addButton("Export…", QDialogButtonBox.ActionRole)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.terms: list[Term] = []
        self.refresh()

    # --- data ---------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        from reader.app import glossary

        self.terms = glossary.terms(self.filter.currentData() or None)
        self.table.setRowCount(len(self.terms))
        for row, t in enumerate(self.terms):
            cells = (dict((c, n) for n, c in LANGS).get(t.language, t.language), t.source, t.english, t.note)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 1:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "")

    def add(self) -> None:
        from reader.app import glossary
        from reader.store.db import StoreError

        try:
            term = glossary.add_term(self.source.text(), self.english.text(), self.lang.currentData(),
                                     self.note.text())
        except StoreError as exc:
            self.say(str(exc), error=True)
            return
        self.source.clear()
        self.english.clear()
        self.note.clear()
        self.refresh()
        self.say(f"«{term.source}» → {term.english}")
        self.changed.emit()

    def remove_selected(self) -> None:
        from reader.app import glossary

        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        if not rows:
            self.say("Select the terms to remove first.")
            return
        for r in rows:
            t = self.terms[r]
            glossary.remove_term(t.source, t.language)
        self.refresh()
        self.say(f"Removed {len(rows)} term{'s' if len(rows) != 1 else ''}.")
        self.changed.emit()

    def import_path(self, path: str) -> None:
        from pathlib import Path

        from reader.app import glossary
        from reader.core.glossary.files import GlossaryFileError, read_file
        from reader.store.db import StoreError

        try:
            found = read_file(Path(path), self.lang.currentData())
            added, updated = glossary.add_terms(found.terms)
        except (GlossaryFileError, StoreError) as exc:
            self.say(str(exc), error=True)
            return
        self.refresh()
        skipped = f" Skipped {len(found.skipped)}: {found.skipped[0]}" if found.skipped else ""
        self.say(f"Imported {added} new and {updated} changed terms.{skipped}", error=bool(found.skipped))
        if added or updated:
            self.changed.emit()

    def export_path(self, path: str) -> None:
        from pathlib import Path

        from reader.app import glossary
        from reader.core.glossary.files import write_file

        terms = glossary.terms(self.filter.currentData() or None)
        try:
            write_file(Path(path), terms)
        except OSError as exc:
            self.say(f"Cannot write {path}: {exc.strerror or exc}.", error=True)
            return
        self.say(f"Wrote {len(terms)} terms to {path}.")

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import glossary", "", "Glossary (*.csv *.tbx *.tsv *.txt)")
        if path:
            self.import_path(path)

    def export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export glossary", "glossary.csv", "CSV (*.csv);;TBX (*.tbx)")
        if path:
            self.export_path(path)
