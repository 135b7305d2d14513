"""The bilingual view: linked sentences across panes, keyboard navigation, layouts, no-model state."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.ui.conftest import FA_SENTENCES


def _bg(label) -> str:
    return label.styleSheet()


def test_click_source_sentence_highlights_both_panes(window, qtbot) -> None:
    view = window.view
    k = 3
    qtbot.mouseClick(view.src_labels[k], Qt.LeftButton, pos=QPoint(10, 10))
    assert view.current == k
    current_bg = window.colors.current_bg
    assert current_bg in _bg(view.src_labels[k]) and current_bg in _bg(view.en_labels[k])
    others = [i for i in range(len(FA_SENTENCES)) if i != k]
    assert all(current_bg not in _bg(view.src_labels[i]) for i in others)
    assert all(current_bg not in _bg(view.en_labels[i]) for i in others)


def test_click_english_sentence_highlights_source(window, qtbot) -> None:
    view = window.view
    k = 1
    with qtbot.waitSignal(window.hub.sentence_selected, timeout=1000) as blocker:
        qtbot.mouseClick(view.en_labels[k], Qt.LeftButton, pos=QPoint(10, 10))
    assert blocker.args == [k]
    assert window.colors.current_bg in _bg(view.src_labels[k])


def test_rows_are_level_in_side_by_side_layout(window, qtbot) -> None:
    view = window.view
    qtbot.waitUntil(lambda: view.src_labels[-1].geometry().y() > 0, timeout=2000)
    for src, en in zip(view.src_labels, view.en_labels, strict=True):
        assert src.geometry().top() == en.geometry().top()
    # source on the right, as right-to-left readers expect
    assert view.src_labels[0].geometry().x() > view.en_labels[0].geometry().x()
    assert view.src_labels[0].layoutDirection() == Qt.RightToLeft


def test_keyboard_moves_between_sentences(window, qtbot) -> None:
    view = window.view
    view.scroll.setFocus()
    qtbot.keyClick(view.scroll, Qt.Key_Down)
    assert view.current == 0
    qtbot.keyClick(view.scroll, Qt.Key_J)
    assert view.current == 1
    qtbot.keyClick(view.scroll, Qt.Key_Left)  # forward in the right-to-left source pane
    assert view.current == 2
    qtbot.keyClick(view.scroll, Qt.Key_Up)
    assert view.current == 1
    qtbot.keyClick(view.scroll, Qt.Key_End)
    assert view.current == len(FA_SENTENCES) - 1


def test_interleaved_layout_puts_translation_under_source(window, qtbot) -> None:
    window.menus.interleaved.setChecked(True)
    view = window.view
    qtbot.waitUntil(lambda: view.en_labels[0].geometry().y() > 0, timeout=2000)
    assert view.en_labels[0].geometry().top() > view.src_labels[0].geometry().top()
    assert view.src_labels[1].geometry().top() > view.en_labels[0].geometry().top()


def test_no_model_gives_call_to_action_not_error(window, qtbot) -> None:
    qtbot.waitUntil(lambda: window.view.message_bar.isVisible(), timeout=5000)
    text = window.view.message_bar.label.text()
    assert "No Persian→English translation model" in text
    buttons = [b.text() for b in window.view.message_bar._buttons]
    assert "Download…" in buttons and "Install from file…" in buttons
    # source still readable, sentence by sentence
    assert len(window.view.src_labels) == len(FA_SENTENCES)
    assert "مسکو" in window.view.src_labels[0].text()


def test_copy_pair_and_zoom(window, qtbot) -> None:
    from PySide6.QtGui import QGuiApplication

    view = window.view
    view.select(2)
    view.copy_pair()
    assert QGuiApplication.clipboard().text().startswith(FA_SENTENCES[2])
    before = view.src_labels[0].font().pointSizeF()
    window.options.zoom(+50)
    assert view.src_labels[0].font().pointSizeF() > before
    assert view.current == 2
