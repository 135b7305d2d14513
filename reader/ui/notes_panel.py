"""Notes panel: the open article's annotations — list, jump to, edit, delete (undo with Ctrl+Z), filter by tag."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.app.view import ArticleView
from reader.ui.hub import Hub


class NotesPanel(QWidget):
    def __init__(self, hub: Hub) -> None:
        super().__init__()
        self.hub = hub
        self.article_id = 0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.tag = QComboBox()
        self.tag.addItem("All tags", None)
        self.tag.currentIndexChanged.connect(lambda _i: self.refresh())
        lay.addWidget(self.tag)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(self._jump)
        self.list.itemActivated.connect(self._edit_item)
        lay.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(lambda: self._edit_item(self.list.currentItem()))
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the note (Ctrl+Z brings it back)")
        self.delete_button.clicked.connect(self._delete)
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        lay.addLayout(row)
        io = QHBoxLayout()
        exp = QPushButton("Export JSON…")
        exp.clicked.connect(self._export)
        imp = QPushButton("Import JSON…")
        imp.clicked.connect(self._import)
        io.addWidget(exp)
        io.addWidget(imp)
        lay.addLayout(io)
        self.hint = QLabel("Select text in either pane, then right-click ▸ Highlight and annotate (Ctrl+M).")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: gray")
        lay.addWidget(self.hint)

    def set_article(self, article: ArticleView | None) -> None:
        self.article_id = article.id if article else 0
        self._fill_tags()
        self.refresh()

    def _fill_tags(self) -> None:
        from reader.store.annotations import all_tags

        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem("All tags", None)
        if self.article_id:
            for t, n in all_tags(self.article_id):
                self.tag.addItem(f"{t} ({n})", t)
        idx = self.tag.findData(current)
        self.tag.setCurrentIndex(max(idx, 0))
        self.tag.blockSignals(False)

    def refresh(self) -> None:
        from reader.store.annotations import for_article

        self.list.clear()
        if not self.article_id:
            return
        for r in for_article(self.article_id, tag=self.tag.currentData()):
            side = "source" if r.side == "source" else "English"
            head = f"{r.sentence_index + 1} · {side}" + (" · moved text" if r.orphaned else "")
            tags = ("  #" + " #".join(r.tags)) if r.tags else ""
            text = f"{head}\n“{r.quote}”" + (f"\n{r.note}" if r.note else "") + tags
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, r.id)
            item.setBackground(QBrush(QColor(r.color).lighter(115)))
            item.setForeground(QBrush(QColor("#212529")))
            if r.side == "source":
                item.setTextAlignment(Qt.AlignRight)
            self.list.addItem(item)

    def _jump(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.hub.annotation_selected.emit(int(item.data(Qt.UserRole)))

    def _edit_item(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.hub.annotation_edit_requested.emit(int(item.data(Qt.UserRole)))

    def _delete(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.hub.annotation_delete_requested.emit(int(item.data(Qt.UserRole)))

    def _export(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from reader.store.annotations_io import export_annotations

        if not self.article_id:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export notes", "notes.json", "JSON (*.json)")
        if not path:
            return
        import json
        from pathlib import Path

        data = export_annotations([self.article_id])
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")

    def _import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from reader.store.annotations_io import import_annotations

        path, _ = QFileDialog.getOpenFileName(self, "Import notes", "", "JSON (*.json)")
        if not path:
            return
        from pathlib import Path

        from reader.app.maintenance import describe
        from reader.core.safeio import load_json

        try:  # size and nesting depth checked before parsing (reader.core.safeio)
            report = import_annotations(load_json(Path(path)))
        except Exception as exc:  # one sentence: the file's problem, or the library's
            self.hub.message.emit("error", f"Could not import notes: {describe(exc)}", [])
            return
        self.hub.message.emit("info", f"Imported {report.added} notes ({report.duplicates} already here).", [])
        self.hub.annotations_changed.emit(self.article_id)
