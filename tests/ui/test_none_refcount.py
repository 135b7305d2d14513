"""PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void call until the process aborted.

These tests call the Qt methods the window uses in its hot paths one by one, drive the hot paths themselves
(library refresh, streamed sentence paint, status and message updates), and fail if `None`'s reference count
goes down; and they refresh a 50-article library 500 times without dying. (PySide6 6.11.3, the pinned version,
adds a reference on a few setters such as ``QListWidgetItem.setToolTip``: harmless, it can only keep None alive,
so the tests only fail on a loss — the direction that ends in ``Fatal Python error: none_dealloc``.)
"""

from __future__ import annotations

import gc
import sys

from reader.core.types import TranslationResult
from tests.ui.conftest import FA_SENTENCES, processed

ROUNDS = 300
CALLS = 1000


def test_qt_void_calls_used_in_hot_paths_never_lose_a_reference_to_none(qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QProgressBar, QStatusBar

    label, bar, status, lst = QLabel(), QProgressBar(), QStatusBar(), QListWidget()
    item = QListWidgetItem("x")
    font = QFont()
    calls = {
        "QLabel.setText": lambda: label.setText("x"),
        "QLabel.setToolTip": lambda: label.setToolTip("x"),
        "QLabel.setVisible": lambda: label.setVisible(False),
        "QProgressBar.setValue": lambda: bar.setValue(1),
        "QProgressBar.setMaximum": lambda: bar.setMaximum(3),
        "QStatusBar.showMessage": lambda: status.showMessage("x"),
        "QListWidgetItem.setData": lambda: item.setData(Qt.UserRole, 1),
        "QListWidgetItem.setToolTip": lambda: item.setToolTip("x"),
        "QListWidgetItem.setFont": lambda: item.setFont(font),
        "QListWidget.clear": lst.clear,
        "QListWidget.blockSignals": lambda: lst.blockSignals(False),
    }
    lost = {}
    for name, call in calls.items():
        call()
        before = sys.getrefcount(None)
        for _ in range(CALLS):
            call()
        delta = sys.getrefcount(None) - before
        if delta < -CALLS // 10:
            lost[name] = delta
    assert lost == {}, f"Qt calls that lose references to None (the process will abort): {lost}"


def _hot_paths_once(win, hub, qtbot, round_no: int) -> None:
    article_id = win.article.id
    hub.articles_changed.emit()  # library refresh
    hub.translation_started.emit(article_id, "test model")
    for index, sentence in enumerate(FA_SENTENCES):
        hub.translation_result.emit(article_id, TranslationResult(index, sentence, f"Sentence {index} r{round_no}."))
        hub.translation_progress.emit(article_id, index + 1, len(FA_SENTENCES))
    hub.message.emit("info", f"Round {round_no}", [])
    hub.translation_finished.emit(article_id, "cancelled")
    hub.sentence_selected.emit(round_no % len(FA_SENTENCES))
    qtbot.wait(1)  # let time-sliced painting and queued signals run


def _settle(window, qtbot) -> None:
    """Background jobs (entity tagging, warm-up) create objects that hold None: measure only once they end."""
    qtbot.waitUntil(lambda: not window.tasks.tasks, timeout=120_000)
    qtbot.wait(50)
    gc.collect()


def test_hot_paths_never_lower_none_refcount(window, qtbot) -> None:
    from reader.ui.hub import hub as get_hub

    hub = get_hub()
    _settle(window, qtbot)
    for r in range(20):  # warm caches, lazily created widgets and interned strings first
        _hot_paths_once(window, hub, qtbot, r)
    gc.collect()
    before = sys.getrefcount(None)
    for r in range(ROUNDS):
        _hot_paths_once(window, hub, qtbot, r)
    gc.collect()
    drift = sys.getrefcount(None) - before
    # a leaking binding loses one reference per void call: dozens per round, thousands over these rounds
    assert drift > -ROUNDS // 3, f"None lost {-drift} references over {ROUNDS} rounds of hot-path calls"


def test_library_of_50_survives_500_refreshes(window, qtbot) -> None:
    from reader.store import repo
    from reader.ui.hub import hub as get_hub

    for n in range(49):
        repo.save_article(processed(FA_SENTENCES[n % 3 : n % 3 + 3], title=f"خبر شماره {n}"))
    hub = get_hub()
    _settle(window, qtbot)
    for _ in range(20):
        hub.articles_changed.emit()
        qtbot.wait(0)
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(500):
        hub.articles_changed.emit()
        qtbot.wait(0)
    gc.collect()
    assert window.isVisible()
    assert sys.getrefcount(None) - before > -200
    assert len(repo.list_articles()) == 50
