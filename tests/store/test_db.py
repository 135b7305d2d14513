"""Library database: migrations, WAL, damaged/locked files, search, atomic saves."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from peewee import IntegrityError

from reader.core.types import Flag, ProcessedText, TranslationResult
from reader.store import StoreError, close_db, init_db, repo
from reader.store.migrations import SCHEMA_VERSION, current_version
from reader.store.models import Article, Sentence
from tests.support.articles import processed_from_sentences


def make_processed(sentences: list[str], lang: str = "fa", title: str = "عنوان") -> ProcessedText:
    return processed_from_sentences(sentences, lang, title)


def test_fresh_database_is_at_latest_schema_in_wal_mode(tmp_path: Path) -> None:
    database = init_db(tmp_path / "lib.sqlite3")
    try:
        assert current_version(database) == SCHEMA_VERSION
        assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"article", "sentence", "entity", "annotation", "translation_cache", "search_text", "search_note", "article_body", "tag"} <= tables
    finally:
        close_db()


def test_migration_from_version_1_keeps_data(tmp_path: Path) -> None:
    from peewee import SqliteDatabase

    from reader.store import migrations

    path = tmp_path / "old.sqlite3"
    old = SqliteDatabase(str(path))
    old.connect()
    migrations.MIGRATIONS[0](old)
    old.execute_sql("PRAGMA user_version = 1")
    old.execute_sql("INSERT INTO article(title, language, source, date, raw_text, original_text, text, offset_map, "
                    "meta, backend, created, updated) VALUES ('t', 'fa', '', '', '', '', 'x', '[]', '{}', '', "
                    "'2026-01-01', '2026-01-01')")
    old.close()
    database = init_db(path)
    try:
        assert current_version(database) == SCHEMA_VERSION
        assert Article.select().count() == 1
    finally:
        close_db()


def test_newer_schema_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    con.close()
    with pytest.raises(StoreError, match="newer Tarjoman"):
        init_db(path)


def test_damaged_file_gives_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="damaged or is not a Tarjoman library"):
        init_db(path)


def test_locked_database_gives_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.sqlite3"
    init_db(path)
    close_db()
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("PRAGMA journal_mode=delete")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        import importlib

        dbmod = importlib.import_module("reader.store.db")

        old = dict(dbmod.PRAGMAS)
        dbmod.PRAGMAS["busy_timeout"] = 100
        try:
            with pytest.raises(StoreError, match="locked"):
                init_db(path)
        finally:
            dbmod.PRAGMAS.clear()
            dbmod.PRAGMAS.update(old)
    finally:
        holder.rollback()
        holder.close()


def test_save_list_search_and_translations(library) -> None:
    a = repo.save_article(make_processed(["کتاب‌های تازه رسید.", "او می‌گوید که خوب است."]), source="paste")
    b = repo.save_article(make_processed(["وصل الوزير إلى القاهرة."], lang="ar", title="خبر"))
    assert [x.id for x in repo.list_articles()] == [b.id, a.id]
    assert [x.id for x in repo.list_articles(language="ar")] == [b.id]
    assert [s.text for s in repo.sentences(a)] == ["کتاب‌های تازه رسید.", "او می‌گوید که خوب است."]
    assert repo.translation_progress(a) == (0, 2)

    # Arabic-letter query finds Persian-letter text and vice versa (ي/ی, ك/ک folded).
    assert {h.article_id for h in repo.search("كتاب")} == {a.id}
    assert {h.article_id for h in repo.search("القاهره")} == {b.id}

    flag = Flag("low_score", "The model was unsure about this sentence.")
    repo.save_translations(a, [TranslationResult(1, "", "He says it is good.", (flag,), -0.5, "m")], backend="m")
    assert repo.translation_progress(a) == (1, 2)
    assert repo.progress_by_article()[a.id] == (1, 2)
    s = Sentence.get((Sentence.article == a) & (Sentence.index == 1))
    assert s.flags == [flag.to_json()]
    hits = repo.search("says it is")
    assert [(h.kind, h.ref_id) for h in hits] == [("target", s.id)]
    repo.clear_translations(a)
    assert repo.search("says it is") == []
    repo.delete_article(a.id)
    assert repo.search("كتاب") == []
    with pytest.raises(StoreError, match="No article"):
        repo.get_article(a.id)


def test_failed_save_leaves_nothing_half_written(library) -> None:
    bad = make_processed(["یک.", "دو."])
    # Duplicate sentence index violates the unique (article, index) constraint mid-save.
    bad = ProcessedText(bad.language, bad.title, "", {}, bad.text, bad.text, [],
                        (bad.sentences[0], bad.sentences[0]))
    with pytest.raises(IntegrityError):
        repo.save_article(bad)
    assert Article.select().count() == 0
    assert Sentence.select().count() == 0
