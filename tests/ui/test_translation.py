"""Live translation in the window with a small but real model: streaming, cancel, resume, flags."""

from __future__ import annotations

import pytest

from reader.core.types import ProcessedText
from tests.support.articles import processed_from_sentences


def _long_article(n: int = 24, seed: int = 0) -> ProcessedText:
    words = ["کشور", "دولت", "مردم", "شهر", "سازمان", "روز", "سال", "گزارش", "اقتصاد", "همکاری"]
    sents = [" ".join(words[(i * 7 + k * (1 + (i + seed) % 3)) % len(words)] for k in range(6 + i % 9)) + f" {i}."
             for i in range(n)]
    return processed_from_sentences(sents, "fa", "گزارش آزمایشی", per_paragraph=4)


@pytest.fixture
def translating_window(qtbot, library):
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
    art = repo.save_article(_long_article())
    _app, win = create_window([], restore=False)
    qtbot.addWidget(win)
    win.show()
    yield win, art.id
    win.tasks.cancel_all(wait=10)
    evict()


def test_translation_streams_into_the_view(translating_window, qtbot) -> None:
    win, aid = translating_window
    seen: list[int] = []
    win.hub.translation_result.connect(lambda _a, r: seen.append(r.index))
    with qtbot.waitSignal(win.hub.translation_finished, timeout=180_000) as blocker:
        win.open_article(aid)
        # placeholders are shown until each sentence arrives
        assert any("Translating" in lab.text() for lab in win.view.en_labels)
    assert blocker.args == [aid, "done"]
    assert sorted(seen) == list(range(24))
    qtbot.waitUntil(lambda: all("Translating" not in lab.text() for lab in win.view.en_labels), timeout=10_000)
    assert win.view.translations[5] and win.view.en_labels[5].text()
    assert "translate-fa_en" in win.status.model_label.text()
    from reader.store import repo

    assert repo.translation_progress(aid) == (24, 24)


def test_cancel_stops_and_next_run_resumes(translating_window, qtbot) -> None:
    win, _ = translating_window
    from reader.store import repo

    aid = repo.save_article(_long_article(160, seed=1)).id  # long enough that cancel lands mid-way

    first: list[int] = []

    def cancel_on_first(_a, r) -> None:
        if not first:
            first.append(r.index)
            win.cancel_translation()

    win.hub.translation_result.connect(cancel_on_first)
    with qtbot.waitSignal(win.hub.translation_finished, timeout=180_000) as blocker:
        win.open_article(aid)
    assert blocker.args == [aid, "cancelled"]
    done, total = repo.translation_progress(aid)
    assert 1 <= done < total
    assert "cancelled" in win.status.model_label.text()
    win.hub.translation_result.disconnect(cancel_on_first)
    with qtbot.waitSignal(win.hub.translation_finished, timeout=180_000) as blocker:
        win.translate_current()
    assert blocker.args == [aid, "done"]
    assert repo.translation_progress(aid) == (total, total)


def test_the_window_stores_the_model_key_like_the_cli_and_shows_it_formatted(translating_window, qtbot) -> None:
    """Article.backend held a display string ("fa→en · …") when the window translated and a model key
    ("argos:translate-fa_en:…") when the CLI did; now both store the key and display formats it."""
    from reader.app.exporting import build_document
    from reader.app.translate import translate_article
    from reader.core.translate.catalog import describe_key, find_model
    from reader.store import repo
    from tests.ui.conftest import processed

    win, aid = translating_window
    key = find_model("fa", "en").key
    with qtbot.waitSignal(win.hub.translation_finished, timeout=180_000) as blocker:
        win.open_article(aid)
    assert blocker.args == [aid, "done"]
    assert repo.get_article(aid).backend == key
    cli_aid = repo.save_article(processed(["سفر وزیر به مسکو.", "گفت و گو درباره همکاری."])).id
    translate_article(cli_aid)
    assert repo.get_article(cli_aid).backend == key
    assert build_document(aid).backend == describe_key(key) and "argos:" not in describe_key(key)
