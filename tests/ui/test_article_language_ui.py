"""Per-article language override from the window: the article is processed again and reopened."""

from __future__ import annotations


def test_process_open_article_as_arabic_then_back_as_persian(window, qtbot) -> None:
    from reader.store import repo

    article_id = window.article.id
    menu_titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Article &language" in menu_titles
    window.set_language_current("ar")
    qtbot.waitUntil(lambda: window.article is not None and window.article.language == "ar", timeout=120_000)
    assert repo.get_article(article_id).language == "ar"
    assert "ی" not in repo.get_article(article_id).text  # Arabic normalisation: ی → ي
    window.set_language_current("fa")
    qtbot.waitUntil(lambda: window.article.language == "fa", timeout=120_000)
    assert len(window.article.sentences) == 6
