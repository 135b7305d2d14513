"""In the window, with a small but real model: the English headline paints before any sentence and shows in
the header and the library; a glossary change re-applies to the open article without decoding, underlined with
a tooltip; Alternatives… lists the n best and the chosen one survives a real re-translation."""

from __future__ import annotations

import pytest

from tests.support.articles import processed_from_sentences

SENTENCES = ["رهبر کره شمالی، کیم جونگ اون، روز دوشنبه وارد پکن شد.", "او با رئیس‌جمهور چین دیدار کرد.",
             "دو طرف درباره همکاری اقتصادی گفت‌وگو کردند."]


@pytest.fixture
def win_article(qtbot, library):
    from reader.core.translate.engine import evict
    from reader.settings import Settings
    from reader.store import repo
    from reader.ui.app import create_window
    from reader.ui.hub import reset_hub
    from tests.support.testmodels import install_test_model

    install_test_model("fa", "en")
    s = Settings()
    s.first_run_done = True
    s.save()
    reset_hub()
    art = repo.save_article(processed_from_sentences(SENTENCES, "fa", "سفر کیم جونگ اون به پکن"))
    _app, win = create_window([], restore=False)
    qtbot.addWidget(win)
    win.show()
    yield win, art.id
    win.tasks.cancel_all(wait=10)
    evict()


def _engine():
    """The warm engine the window's jobs use (same settings, so the registry hands back the same object)."""
    from reader.core.translate.catalog import find_model
    from reader.core.translate.engine import get_engine
    from reader.core.translate.settings import load_settings

    return get_engine(find_model("fa", "en"), load_settings()[0])


def test_headline_first_then_glossary_reapplied_without_decoding(win_article, qtbot) -> None:
    from reader.app import glossary
    from reader.store import repo

    win, aid = win_article
    order: list[str] = []
    win.hub.headline_translated.connect(lambda _a, text: order.append("head"))
    win.hub.translation_result.connect(lambda _a, r: order.append("body"))
    with qtbot.waitSignal(win.hub.translation_finished, timeout=120_000):
        win.open_article(aid)
    assert order[0] == "head" and order.count("body") == 3
    title_en = repo.get_article(aid).title_en
    assert title_en and title_en in win.view.header.text()
    model = win.library.model  # the library list: English headline under the source title
    qtbot.waitUntil(lambda: any(title_en in (model.index(i).data() or "") for i in range(model.rowCount())))

    engine = _engine()
    decoded = engine.sentences
    assert decoded >= 4  # this engine did the work: headline + 3 sentences
    glossary.add_term("کیم جونگ اون", "Kim Jong Un", "fa")
    with qtbot.waitSignal(win.hub.translation_finished, timeout=120_000):
        win.hub.glossary_changed.emit()
    assert _engine() is engine and engine.sentences == decoded  # re-applied from the cache
    win.view.flush_rendering()
    label = win.view.en_labels[0]
    assert "Kim Jong Un" in win.view.translations[0] and "Kim Jong Un" in label.text()
    assert "underline" in label.text() and "«کیم جونگ اون»" in label.toolTip() and "the model wrote" in label.toolTip()
    assert "Kim Jong Un" in win.view.header.text()  # the headline too


def test_alternatives_pick_survives_retranslation(win_article, qtbot) -> None:
    from reader.store import repo

    win, aid = win_article
    with qtbot.waitSignal(win.hub.translation_finished, timeout=120_000):
        win.open_article(aid)
    win.glossary.alternatives(1, modal=False)
    dlg = win.glossary.dialog
    qtbot.waitUntil(lambda: dlg.list.count() == win.glossary.ALTERNATIVES, timeout=60_000)
    texts = [dlg.list.item(i).data(256) for i in range(dlg.list.count())]  # Qt.UserRole
    assert len(set(texts)) == len(texts)
    dlg.list.setCurrentRow(3)
    dlg.use.click()
    assert win.view.translations[1] == texts[3] and repo.sentences(aid)[1].model == repo.MANUAL_MODEL
    engine = _engine()
    decoded = engine.sentences
    with qtbot.waitSignal(win.hub.translation_finished, timeout=120_000):
        win.retranslate_current()
    assert _engine() is engine and engine.sentences > decoded  # really translated again
    assert repo.sentences(aid)[1].translation == texts[3] and win.view.translations[1] == texts[3]
