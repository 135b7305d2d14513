"""The glossary table: add/update by spelling-insensitive key, list, remove, clear errors; migration 3 adds the
headline and correction columns to an existing library, and running it twice is harmless."""

from __future__ import annotations

from pathlib import Path

import pytest
from peewee import SqliteDatabase

from reader.core.glossary import Term
from reader.store import glossary as store
from reader.store import migrations
from reader.store.db import StoreError, close_db, init_db
from reader.store.models import Article, Sentence


def test_add_update_list_remove(library: object) -> None:
    assert store.add_terms([Term("پیونگ‌یانگ", "Pyongyang", "fa"), Term("بوتين", "Putin", "ar")]) == (2, 0)
    assert store.add_terms([Term("پیونگ یانگ", "P'yŏngyang", "fa", "old spelling")]) == (0, 1)  # same key
    assert store.terms("fa") == [Term("پیونگ یانگ", "P'yŏngyang", "fa", "old spelling")]
    assert store.glossary("ar").find("قال بوتين")[0].term.english == "Putin"
    assert store.remove_term("پیونگیانگ") == 1 and store.terms("fa") == []
    with pytest.raises(StoreError, match="not in the glossary"):
        store.remove_term("پیونگیانگ")
    with pytest.raises(StoreError, match="needs its English"):
        store.add_term("سپاه", "  ", "fa")
    with pytest.raises(StoreError, match="fa or ar"):
        store.add_term("سپاه", "IRGC", "ku")


def test_migration_3_adds_columns_to_an_existing_library(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    old = SqliteDatabase(str(path))
    old.connect()
    old.execute_sql("CREATE TABLE article (id INTEGER PRIMARY KEY, title TEXT, language TEXT)")
    old.execute_sql("CREATE TABLE sentence (id INTEGER PRIMARY KEY, article_id INTEGER, text TEXT)")
    old.execute_sql("INSERT INTO article VALUES (1, 'تیتر', 'fa')")
    old.execute_sql("INSERT INTO sentence VALUES (1, 1, 'جمله')")
    migrations._v3_headline_glossary(old)
    migrations._v3_headline_glossary(old)  # idempotent (the coordinator may reorder migrations)
    cols = {r[1] for r in old.execute_sql("PRAGMA table_info(sentence)").fetchall()}
    assert {"edits", "glossary"} <= cols
    assert old.execute_sql("SELECT title_en, title_model FROM article").fetchone() == ("", "")
    assert old.execute_sql("SELECT edits FROM sentence").fetchone() == ("[]",)
    assert "glossary_term" in old.get_tables()
    old.close()


def test_fresh_library_has_the_new_columns(tmp_path: Path) -> None:
    init_db(tmp_path / "new.sqlite3")
    try:
        a = Article.create(title="t", language="fa")
        s = Sentence.create(article=a, index=0, start=0, end=1, text="x")
        assert (Article.get_by_id(a.id).title_en, Sentence.get_by_id(s.id).edits) == ("", [])
    finally:
        close_db()
