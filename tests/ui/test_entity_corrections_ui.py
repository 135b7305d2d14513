"""Entity corrections and the entity page from the window (real store, real tagger, Qt offscreen)."""

from __future__ import annotations

from reader.store.entities import entities_for_article


def _entity_texts(article_id: int) -> set[str]:
    return {e.text for ents in entities_for_article(article_id).values() for e in ents}


def _wait_tagged(window, qtbot) -> None:
    qtbot.waitUntil(lambda: not window.tasks.tasks and bool(window.article.entities), timeout=120_000)


def test_not_an_entity_from_the_view_removes_it_and_repaints(window, qtbot) -> None:
    _wait_tagged(window, qtbot)
    article_id = window.article.id
    assert "مسکو" in _entity_texts(article_id)
    window.view.entity_requested.emit({"action": "reject", "text": "مسکو", "type": "", "language": "fa"})
    qtbot.waitUntil(lambda: "مسکو" not in {e.text for e in window.article.entities}, timeout=120_000)
    assert "مسکو" not in _entity_texts(article_id)


def test_mark_as_organisation_from_a_selection(window, qtbot) -> None:
    _wait_tagged(window, qtbot)
    window.view.entity_requested.emit({"action": "add", "text": "همکاری‌های اقتصادی", "type": "ORGANIZATION",
                                       "language": "fa"})
    qtbot.waitUntil(lambda: any(e.text == "همکاری‌های اقتصادی" and e.type == "ORGANIZATION"
                                for e in window.article.entities), timeout=120_000)


def test_entity_page_opens_from_the_panel_with_every_mention(window, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    from reader.ui.dialogs.entity_page import EntityPageDialog

    _wait_tagged(window, qtbot)
    window.entities.page_requested.emit("Moscow")
    qtbot.waitUntil(lambda: any(isinstance(w, EntityPageDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=10_000)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, EntityPageDialog) and w.isVisible())
    assert dialog.page is not None and dialog.page.name == "Moscow"
    assert dialog.mentions.topLevelItemCount() == len(dialog.page.mentions) >= 1
    assert "مسکو" in dialog.mentions.topLevelItem(0).text(2)
    dialog.close()


def test_unknown_entity_page_says_so_in_the_message_bar(window, qtbot) -> None:
    _wait_tagged(window, qtbot)
    window.entities.page_requested.emit("Nobody At All")
    qtbot.waitUntil(lambda: "No article in the library mentions" in window.view.message_bar.label.text(), timeout=5000)
