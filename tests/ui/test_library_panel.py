"""The virtualised library: pages fetched as the view needs them, one row updated in place, search and filters
over the list, bulk tagging and marking read."""

from __future__ import annotations

import pytest

from reader.core.types import TranslationResult
from reader.store import repo
from tests.support.articles import processed_from_sentences


@pytest.fixture
def panel(qtbot, library):
    from reader.ui.library import LibraryPanel

    for i in range(50):
        lang = "fa" if i % 2 else "ar"
        words = ["خبر شماره", "گزارش تازه"] if lang == "fa" else ["خبر رقم", "تقرير جديد"]
        repo.save_article(processed_from_sentences([f"{words[0]} {i}.", f"{words[1]} درباره قم {i}."], lang,
                                                   f"عنوان {i:02d}"))
    p = LibraryPanel()
    p.model.page = 20
    qtbot.addWidget(p)
    p.resize(400, 300)
    p.show()
    p.refresh()
    return p


def test_rows_are_fetched_a_page_at_a_time(panel) -> None:
    m = panel.model
    assert m.total() == 50 and panel.list.count() == 50
    assert m.rowCount() == 20 and m.canFetchMore(m.index(0).parent())
    panel.list.scrollToBottom()
    m.ensure_loaded(49)
    assert m.rowCount() == 50 and not m.canFetchMore(m.index(0).parent())


def test_one_changed_article_updates_its_row_without_a_reset(panel, qtbot) -> None:
    aid = panel.rows[3].id
    repo.save_translations(aid, [TranslationResult(0, "", "one", (), None, "m"),
                                 TranslationResult(1, "", "two", (), None, "m")])
    resets, changes = [], []
    panel.model.modelReset.connect(lambda: resets.append(1))
    panel.model.dataChanged.connect(lambda a, b: changes.append((a.row(), b.row())))
    panel.update_article(aid)
    assert resets == [] and changes == [(3, 3)]
    assert "✓ translated" in panel.model.index(3).data()


def test_search_filters_the_list_and_one_letter_says_why(panel, qtbot) -> None:
    panel.search.setText("عنوان 07")
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=2000)
    assert panel.rows[0].title == "عنوان 07"
    panel.search.setText("قم")  # two letters match
    qtbot.waitUntil(lambda: panel.list.count() == 50, timeout=2000)
    panel.search.setText("تقرير")
    qtbot.waitUntil(lambda: panel.list.count() == 25, timeout=2000)
    panel.search.setText("ق")
    qtbot.waitUntil(lambda: "two letters" in panel.count.text(), timeout=2000)


def test_filters_and_bulk_tag_and_read(panel, qtbot) -> None:
    panel.lang.setCurrentIndex(panel.lang.findData("fa"))
    assert panel.list.count() == 25
    ids = [r.id for r in panel.rows[:3]]
    panel.tag_articles(ids, "Qom")
    assert all("Qom" in r.tags for r in panel.rows if r.id in ids)
    panel.tag.setCurrentIndex(panel.tag.findData("Qom"))
    assert sorted(r.id for r in panel.rows) == sorted(ids)
    panel.mark(ids[:1], True)
    panel.state.setCurrentIndex(panel.state.findData("unread"))
    assert sorted(r.id for r in panel.rows) == sorted(ids[1:])


def test_rows_are_read_from_the_store_a_page_at_a_time(panel) -> None:
    from reader.store import library
    from reader.ui.library_model import LibraryModel

    calls: list[list[int]] = []

    def load(ids):
        calls.append(list(ids))
        return library.rows_for(ids)

    model = LibraryModel(load)
    model.page = 20
    ids = library.ids()
    model.set_ids(ids)
    assert calls == []  # nothing read until shown
    assert model.index(3).data().endswith("2 sentences")
    model.index(7).data()
    assert calls == [ids[:20]]
    model.ensure_loaded(45)
    model.index(45).data()
    assert calls == [ids[:20], ids[40:50]]


def test_long_rows_fit_the_list_width_and_each_line_keeps_its_direction(panel, qtbot) -> None:
    """Each line of a row is painted in its own direction (the title right-to-left, the English headline and the
    meta line left-to-right), within the list's width, and a Persian tag is a bidi isolate in the meta line (so
    the words after it stay on their side)."""
    from reader.store import library
    from reader.ui.library_delegate import row_lines
    from reader.ui.rich import isolate

    aid = panel.rows[0].id
    repo.save_headline(aid, TranslationResult(-1, "", "A very long English headline about the news " * 5,
                                              model=repo.MANUAL_MODEL))
    library.add_tag([aid], "اقتصاد")
    panel.refresh()
    qtbot.wait(50)
    row = panel.model.index(panel.model.position(aid))
    assert panel.list.visualRect(row).width() <= panel.list.viewport().width()
    assert panel.list.horizontalScrollBar().maximum() == 0
    lines = row_lines(row)
    assert [rtl for _text, rtl, _dim in lines] == [True, False, False]
    assert lines[1][0].startswith("A very long") and isolate("#اقتصاد") in lines[2][0]
