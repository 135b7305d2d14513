"""The library's actions in the window: delete several articles with undo, the reading position remembered per
article (and opening marks it read), dates in the chosen calendar, a translation updating its row in place."""

from __future__ import annotations

from reader.store import library, repo
from tests.support.articles import processed_from_sentences


def _add(title: str, date: str = "") -> int:
    p = processed_from_sentences(["جمله اول خبر.", "جمله دوم خبر.", "جمله سوم."], "fa", title, date=date)
    return repo.save_article(p, published="2023-09-05" if date else "").id


def test_delete_several_then_undo(window, qtbot) -> None:
    a, b = _add("الف"), _add("ب")
    window.library.refresh()
    assert window.library.list.count() == 3
    window.library_actions.delete([a, b])
    assert window.library.list.count() == 1
    bar = window.view.message_bar
    assert bar.label.text() == "Deleted 2 articles."
    undo = next(btn for btn in bar._buttons if btn.text() == "Undo")
    undo.click()
    assert window.library.list.count() == 3
    window.library_actions.delete([a])
    assert library.purge() == 1  # what the next start does with the trash
    assert {r.id for r in library.rows()} == {b, window.article.id}


def test_reading_position_is_remembered_and_opening_marks_read(window, qtbot) -> None:
    first = window.article.id
    assert library.row(first).read  # opened: read
    other = _add("دیگر")
    window.library.refresh()
    assert not library.row(other).read
    window.view.select(2, from_user=True)
    qtbot.waitUntil(lambda: library.position(first) == 2, timeout=3000)
    window.open_article(other)
    window.open_article(first)
    assert window.view.current == 2


def test_dates_follow_the_calendar_setting(window) -> None:
    aid = _add("تاریخ‌دار", date="14 شهريور 1402")
    window.library.refresh()
    row = window.library.model.position(aid)
    assert "2023-09-05" in window.library.model.index(row).data()
    window.library_actions.set_calendar("jalali")
    assert "۱۴ شهریور ۱۴۰۲" in window.library.model.index(row).data()
    assert window.settings.calendar == "jalali"
