"""Search correctness: short queries, literal wildcards, empty-after-folding queries, presentation forms, and an
index that follows every write (translations, deletes, notes) by rowid."""

from __future__ import annotations

import pytest

from reader.core.types import TranslationResult
from reader.store import repo
from reader.store import search as fts
from reader.store.search import QueryError
from tests.support.articles import processed_from_sentences


def _ids(query: str) -> set[int]:
    return {h.article_id for h in repo.search(query)}


def test_two_letter_query_matches_a_two_letter_word_anywhere(library) -> None:
    a = repo.save_article(processed_from_sentences(["او به قم رفت.", "هوا سرد بود."]))
    b = repo.save_article(processed_from_sentences(["سفر به تهران."]))
    c = repo.save_article(processed_from_sentences(["قم"], title="شهر"))  # the word at the very end of a text
    assert _ids("قم") == {a.id, c.id}
    assert fts.article_ids("قم") == {a.id, c.id}
    assert b.id not in _ids("قم")


def test_one_letter_query_is_refused_with_a_sentence(library) -> None:
    repo.save_article(processed_from_sentences(["او به قم رفت."]))
    with pytest.raises(QueryError, match="at least two letters"):
        repo.search("ق")


def test_percent_and_underscore_are_literal(library) -> None:
    a = repo.save_article(processed_from_sentences(["تورم ۵۰% شد."]))
    b = repo.save_article(processed_from_sentences(["نام فایل a_b است."]))
    repo.save_article(processed_from_sentences(["خبری دیگر بدون نشانه."]))
    with pytest.raises(QueryError):
        repo.search("%")
    assert _ids("0%") == {a.id}
    assert _ids("50%") == {a.id}
    assert _ids("a_b") == {b.id}
    assert _ids("_b") == {b.id}
    assert _ids("%%") == set()
    assert _ids("__") == set()


def test_query_that_folds_to_nothing_matches_nothing(library) -> None:
    repo.save_article(processed_from_sentences(["می‌رود به خانه."]))
    for query in ("\u200c", "\u200f", "\u200c\u200f \u200e", "   ", "\u064e\u064f"):
        assert repo.search(query) == [], repr(query)
        assert fts.article_ids(query) == set()


def test_arabic_presentation_forms_are_folded(library) -> None:
    a = repo.save_article(processed_from_sentences(["زار الرئيس كوريا الشمالية."], lang="ar"))
    assert _ids("ﻛﻮﺭﻳﺎ") == {a.id}  # presentation forms (as copied from some PDFs)
    b = repo.save_article(processed_from_sentences(["ﻛﻮﺭﻳﺎ في الخبر."], lang="ar"))
    assert _ids("کوریا") == {a.id, b.id}


def test_quotes_and_fts_syntax_are_plain_text(library) -> None:
    a = repo.save_article(processed_from_sentences(['گفت: "نه" و رفت.', "AND OR NOT * ^ ستاره"]))
    assert _ids('"نه"') == {a.id}
    assert _ids("OR NOT") == {a.id}
    assert _ids("* ^") == {a.id}


def test_retranslation_replaces_the_indexed_translation(library) -> None:
    a = repo.save_article(processed_from_sentences(["جمله یک.", "جمله دو."]))
    repo.save_translations(a, [TranslationResult(0, "", "first wording", (), None, "m")])
    assert _ids("first wording") == {a.id}
    repo.save_translations(a, [TranslationResult(0, "", "second wording", (), None, "m")])
    assert _ids("first wording") == set()
    hits = repo.search("second wording")
    assert [(h.kind, h.text) for h in hits] == [("target", "second wording")]
    repo.set_manual_translation(a, 1, "typed by hand")
    assert _ids("by hand") == {a.id}
    repo.clear_translations(a)  # the hand-typed one stays
    assert _ids("second wording") == set() and _ids("by hand") == {a.id}


def test_deleted_article_leaves_no_hits_and_other_articles_keep_theirs(library) -> None:
    a = repo.save_article(processed_from_sentences(["خبر مشترک اول."], title="الف"))
    b = repo.save_article(processed_from_sentences(["خبر مشترک دوم."], title="ب"))
    repo.save_translations(a, [TranslationResult(0, "", "shared news", (), None, "m")])
    repo.delete_article(a.id)
    assert _ids("خبر مشترک") == {b.id}
    assert _ids("shared") == set()
    # the contentless index really lost the rows (no stale rowids left behind)
    rows = library.execute_sql("SELECT rowid FROM search_text WHERE search_text MATCH ?", ('"خبر"',)).fetchall()
    assert {fts.split_rowid(r[0])[0] for r in rows} == {b.id}


def test_hits_give_the_sentence_text_and_kind(library) -> None:
    a = repo.save_article(processed_from_sentences(["يك خبر مهم.", "جمله دیگر."], title="عنوان خاص"))
    hits = repo.search("یک خبر")  # ي/ی and ك/ک folded
    assert [(h.kind, h.text, h.article_id) for h in hits] == [("source", "يك خبر مهم.", a.id)]
    assert [h.kind for h in repo.search("عنوان خاص")] == ["title"]


def test_rebuilding_the_index_finds_the_same_rows(library) -> None:
    a = repo.save_article(processed_from_sentences(["سفر وزیر به قم.", "دیدار با مقامات."], title="سفر"))
    b = repo.save_article(processed_from_sentences(["زار الوزير القاهرة."], "ar", title="زيارة"))
    repo.save_translations(a, [TranslationResult(1, "", "meeting officials", (), None, "m")])
    queries = ("قم", "مقامات", "meeting", "سفر", "القاهرة")
    before = {q: sorted((h.kind, h.ref_id) for h in repo.search(q)) for q in queries}
    fts.rebuild(library.connection())
    assert {q: sorted((h.kind, h.ref_id) for h in repo.search(q)) for q in queries} == before
    assert fts.article_ids("القاهرة") == {b.id} and fts.article_ids("meeting") == {a.id}


def test_writes_leave_merging_to_tidy_and_searches_still_find_everything(library) -> None:
    ids = [repo.save_article(processed_from_sentences([f"خبر شماره {i} درباره بودجه."], title=f"عنوان {i}")).id
           for i in range(40)]  # 80 small segments' worth of writes
    assert fts.article_ids("بودجه") == set(ids)
    steps = 0
    while fts.tidy(16):
        steps += 1
        assert steps < 200
    assert steps > 0 and not fts.tidy(16)  # merged, then nothing left to do
    assert fts.article_ids("بودجه") == set(ids) and fts.article_ids("شماره 7") == {ids[7]}
