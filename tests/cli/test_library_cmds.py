"""`tarjoman list / search / tag / mark` through reader.cli.main: filters, sorts, tags, dash-led queries."""

from __future__ import annotations

import pytest

from reader.cli import main
from reader.store import close_db, repo
from tests.support.articles import processed_from_sentences


@pytest.fixture
def two(library, tarjoman_home):
    a = repo.save_article(processed_from_sentences(["او به قم رفت.", "خبر دوم."], "fa", "سفر به قم",
                                                   date="۰۹:۱۵ - ۲۱ مهر ۱۴۰۲"), source="https://www.irna.ir/1")
    b = repo.save_article(processed_from_sentences(["وصل الوزير إلى -القاهرة."], "ar", "خبر"))
    yield a.id, b.id
    close_db()


def _lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [ln for ln in capsys.readouterr().out.splitlines() if ln]


def test_list_filters_sorts_and_calendars(two, capsys) -> None:
    a, b = two
    assert main(["list", "--sort", "title", "--calendar", "jalali"]) == 0
    lines = _lines(capsys)
    assert [ln.split("\t")[0] for ln in lines] == [str(b), str(a)]
    assert "۲۱ مهر ۱۴۰۲ · ۰۹:۱۵ - ۲۱ مهر ۱۴۰۲" in lines[1] and "irna.ir" in lines[1] and "unread" in lines[1]
    assert main(["list", "--lang", "ar"]) == 0
    assert [ln.split("\t")[0] for ln in _lines(capsys)] == [str(b)]


def test_tag_add_filter_rename_list(two, capsys) -> None:
    a, b = two
    assert main(["tag", "add", "Iran", str(a), str(b)]) == 0
    assert "tagged 2 articles with Iran" in capsys.readouterr().out
    assert main(["tag", "rename", "Iran", "Middle East"]) == 0
    capsys.readouterr()
    assert main(["list", "--tag", "Middle East", "--lang", "fa"]) == 0
    assert [ln.split("\t")[0] for ln in _lines(capsys)] == [str(a)]
    assert main(["tag", "list"]) == 0
    assert _lines(capsys) == ["Middle East\t2"]
    assert main(["tag", "add", "x", "999"]) == 1
    assert "No article with id 999" in capsys.readouterr().err


def test_mark_read_then_filter_unread(two, capsys) -> None:
    a, b = two
    assert main(["mark", "read", str(a)]) == 0
    capsys.readouterr()
    assert main(["list", "--state", "unread"]) == 0
    assert [ln.split("\t")[0] for ln in _lines(capsys)] == [str(b)]


def test_search_two_letters_and_a_query_starting_with_a_dash(two, capsys) -> None:
    a, b = two
    assert main(["search", "قم"]) == 0
    assert {ln.split("\t")[0] for ln in _lines(capsys)} == {str(a)}
    assert main(["search", "-القاهرة"]) == 0
    assert {ln.split("\t")[0] for ln in _lines(capsys)} == {str(b)}
    assert main(["search", "ق"]) == 1
    assert capsys.readouterr().err.strip() == "tarjoman: Type at least two letters to search."
