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


def test_import_passages_only_from_the_window(window, qtbot, tmp_path) -> None:
    from reader.store import repo

    page = tmp_path / "english.html"
    page.write_text(
        "<html><body><article><h1>Talks end in Cairo</h1>"
        "<p>Officials said on Tuesday that the talks in Cairo were fruitful and would continue next month.</p>"
        "<p>وأضاف البيان أن الجانبين اتفقا على مواصلة الحوار في الأسابيع المقبلة.</p>"
        "<p>Analysts expect a further round of negotiations in Geneva, diplomats said on Wednesday.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    before = len(repo.list_articles())
    window.importer.import_files([page], passages=True)
    qtbot.waitUntil(lambda: len(repo.list_articles()) == before + 1, timeout=60_000)
    article = repo.list_articles(order="created")[0]
    assert article.meta["passages_only"] is True
    assert [s.text for s in repo.sentences(article)] == [
        "وأضاف البيان أن الجانبين اتفقا على مواصلة الحوار في الأسابيع المقبلة."
    ]


def test_import_of_damaged_utf8_shows_a_warning(window, qtbot, tmp_path) -> None:
    data = "قیمت نان در تهران امروز افزایش یافت. خریداران نگران هستند. ".encode() * 5
    cut = data.index(b" ", 40)
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    window.importer.import_files([path], open_last=False)  # opening would start a translation whose message replaces it
    qtbot.waitUntil(lambda: "invalid UTF-8" in window.view.message_bar.label.text(), timeout=60_000)
