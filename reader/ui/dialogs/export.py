"""The export dialog: what to export (this article, a few sentences, several articles), format and layout."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

from reader.ui.dialogs import combo


class ExportDialog(QDialog):
    """What to export (selection / article / several articles), format, layout."""

    def __init__(self, parent: QWidget, article_id: int | None, current_sentence: int) -> None:
        """*current_sentence*: the 0-based index of the selected sentence (-1: none, so no range is offered)."""
        from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QListWidget, QListWidgetItem

        from reader.store import repo

        super().__init__(parent)
        self.setWindowTitle("Export")
        form = QFormLayout(self)
        self.scope = QComboBox()
        if article_id:
            self.scope.addItem("This article", "article")
            if current_sentence >= 0:
                self.scope.addItem("The selected sentence and the next four", "selection")
        self.scope.addItem("Several articles (one file)", "many")
        form.addRow("Export", self.scope)
        self.articles = QListWidget()
        self.articles.setSelectionMode(QAbstractItemView.MultiSelection)
        for aid, title, language in repo.article_titles():
            it = QListWidgetItem(f"{title}  ({language})")
            it.setData(256, aid)
            self.articles.addItem(it)
            if aid == article_id:
                it.setSelected(True)
        self.articles.setEnabled(False)
        self.scope.currentIndexChanged.connect(lambda _i: self.articles.setEnabled(self.scope.currentData() == "many"))
        form.addRow("Articles", self.articles)
        self.fmt = combo([("PDF (bilingual)", "pdf"), ("HTML", "html"), ("Markdown", "md")], "pdf")
        form.addRow("Format", self.fmt)
        self.layout_ = combo([("Two columns", "columns"), ("Interleaved", "interleaved")], "columns")
        form.addRow("Layout", self.layout_)
        self.entities = QCheckBox("Colour people, places and organisations")
        self.entities.setChecked(True)
        form.addRow("", self.entities)
        self.notes = QCheckBox("Include highlights and notes")
        self.notes.setChecked(True)
        form.addRow("", self.notes)
        self.article_id = article_id
        self.current_sentence = current_sentence
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
            if scope == "selection":  # build_documents takes a 1-based inclusive range
                rng = (self.current_sentence + 1, self.current_sentence + 5)
        opts = ExportOptions(layout=self.layout_.currentData(), entities=self.entities.isChecked(),
                             annotations=self.notes.isChecked())
        return ids, rng, self.fmt.currentData(), opts
