"""The library list: only the shown columns, filters and sorts (publication date, import date, language, site,
translated and read state), tags (add, rename, merge, filter), reading position, and the undoable trash."""

from __future__ import annotations

import pytest

from reader.core.dates import published_iso
from reader.core.types import TranslationResult
from reader.store import StoreError, repo
from reader.store import library as lib
from reader.store.library import Filters
from tests.support.articles import processed_from_sentences


def _save(title: str, lang: str = "fa", date: str = "", meta: dict | None = None, source: str = "") -> int:
    p = processed_from_sentences(["جمله اول.", "جمله دوم."], lang, title, date=date, meta=meta)
    return repo.save_article(p, source=source, published=published_iso(p.date, p.meta)).id


@pytest.fixture
def three(library) -> dict[str, int]:
    return {
        "jalali": _save("الف", date="۰۹:۱۵ - ۲۱ مهر ۱۴۰۲", source="https://www.irna.ir/news/1"),
        "hijri": _save("ب", "ar", date="الأربعاء 15 ذو الحجة 1445 هـ", meta={"feed": "Al Ahram"}),
        "none": _save("ج", "ar"),
    }


def test_rows_carry_dates_site_and_state(three) -> None:
    rows = {r.id: r for r in lib.rows()}
    j, h, n = rows[three["jalali"]], rows[three["hijri"]], rows[three["none"]]
    assert (j.published, j.site, j.date) == ("2023-10-13", "irna.ir", "۰۹:۱۵ - ۲۱ مهر ۱۴۰۲")
    assert (h.published, h.site) == ("2024-06-21", "Al Ahram")
    assert n.published is None and n.state == "untranslated" and not n.read


def test_sort_by_publication_date_puts_undated_by_import_date(three) -> None:
    order = [r.id for r in lib.rows(sort="published")]
    assert order == [three["none"], three["hijri"], three["jalali"]]  # undated: imported today
    assert [r.title for r in lib.rows(sort="title")] == ["الف", "ب", "ج"]
    with pytest.raises(StoreError, match="Unknown sort"):
        lib.rows(sort="nonsense")


def test_filters_by_language_site_state_dates_and_ids(three) -> None:
    assert {r.id for r in lib.rows(Filters(language="ar"))} == {three["hijri"], three["none"]}
    assert [r.id for r in lib.rows(Filters(site="irna.ir"))] == [three["jalali"]]
    repo.save_translations(three["hijri"], [TranslationResult(0, "", "one", (), None, "m"),
                                            TranslationResult(1, "", "two", (), None, "m")])
    repo.save_translations(three["none"], [TranslationResult(0, "", "one", (), None, "m")])
    assert [r.id for r in lib.rows(Filters(state="translated"))] == [three["hijri"]]
    assert [r.id for r in lib.rows(Filters(state="partly"))] == [three["none"]]
    assert [r.id for r in lib.rows(Filters(state="untranslated"))] == [three["jalali"]]
    assert [r.id for r in lib.rows(Filters(since="2024-01-01", until="2024-12-31"))] == [three["hijri"]]
    assert [r.id for r in lib.rows(Filters(ids=frozenset({three["none"]})))] == [three["none"]]


def test_tags_add_rename_merge_filter(three) -> None:
    assert lib.add_tag([three["jalali"], three["hijri"]], "#Iran deal") == 2
    assert lib.add_tag([three["jalali"]], "iran DEAL") == 0  # same tag, case-insensitively
    assert lib.tags_of(three["jalali"]) == ("Iran deal",)
    assert {r.id for r in lib.rows(Filters(tag="Iran deal"))} == {three["jalali"], three["hijri"]}
    lib.rename_tag("Iran deal", "JCPOA")
    assert lib.all_tags() == [("JCPOA", 2)]
    lib.add_tag([three["none"]], "سوریه")
    lib.rename_tag("سوریه", "JCPOA")  # renaming onto an existing tag merges
    assert lib.all_tags() == [("JCPOA", 3)]
    assert lib.remove_tag([three["none"]], "jcpoa") == 1
    with pytest.raises(StoreError, match="needs a name"):
        lib.add_tag([three["none"]], "  # ")
    with pytest.raises(StoreError, match="No article with id 999"):
        lib.add_tag([999], "x")


def test_reading_state_and_position(three) -> None:
    aid = three["hijri"]
    lib.remember_position(aid, 1)
    assert lib.position(aid) == 1
    assert [r.id for r in lib.rows(Filters(state="read"))] == [aid]
    lib.mark_read([aid], read=False)
    assert aid in {r.id for r in lib.rows(Filters(state="unread"))}


def test_trash_hides_undo_restores_purge_deletes(three) -> None:
    aid = three["jalali"]
    lib.trash([aid])
    assert aid not in {r.id for r in lib.rows()}
    assert aid not in {h.article_id for h in repo.search("الف")}
    assert lib.row(aid) is None
    lib.untrash([aid])
    assert lib.row(aid) is not None
    lib.trash([aid])
    assert lib.purge() == 1
    with pytest.raises(StoreError):
        repo.get_article(aid)
