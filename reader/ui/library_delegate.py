"""How one library row is painted: three lines, each aligned and cut for its own direction — the source title
right-aligned and right-to-left (cut at its end, which is on the left), the English headline and the meta line
left-aligned — all within the list's width, so the list never scrolls sideways and no line is cut at its start."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QTextOption
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.ui.library_model import RowRole

LINES = 3
PAD = 4
_RTL_LANGS = {"fa", "ar"}


def row_lines(index: QModelIndex | QPersistentModelIndex) -> list[tuple[str, bool, bool]]:
    """(text, right_to_left, dim) per line of the row at *index*: title, English headline (if any), meta."""
    row = index.data(RowRole)
    if row is None:
        return []
    lines = [(("• " if not row.read else "") + row.title, row.language in _RTL_LANGS, False)]
    if row.title_en:
        lines.append((row.title_en, False, False))
    lines.append((index.model().meta_line(row), False, True))
    return lines


class LibraryDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802, ANN001
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        return QSize(1, QFontMetrics(opt.font).lineSpacing() * LINES + 2 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:  # noqa: ANN001
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.CE_ItemViewItem, opt, painter, opt.widget)
        lines = row_lines(index)
        if not lines:
            return
        selected = bool(opt.state & QStyle.State_Selected)
        pen = opt.palette.color(QPalette.HighlightedText if selected else QPalette.Text)
        dim = pen if selected else opt.palette.color(QPalette.PlaceholderText)
        fm = QFontMetrics(opt.font)
        step = fm.lineSpacing()
        rect = opt.rect.adjusted(PAD + 2, PAD, -PAD - 2, -PAD)
        y = rect.top() + (rect.height() - step * len(lines)) / 2
        painter.save()
        painter.setFont(opt.font)
        for text, rtl, faint in lines:
            option_ = QTextOption(Qt.AlignAbsolute | (Qt.AlignRight if rtl else Qt.AlignLeft) | Qt.AlignVCenter)
            option_.setTextDirection(Qt.RightToLeft if rtl else Qt.LeftToRight)
            option_.setWrapMode(QTextOption.NoWrap)
            painter.setPen(dim if faint else pen)
            painter.drawText(QRectF(rect.left(), y, rect.width(), step),
                             fm.elidedText(text, Qt.ElideRight, rect.width()), option_)
            y += step
        painter.restore()
