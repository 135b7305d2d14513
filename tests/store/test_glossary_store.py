"""The headline/glossary migration adds the headline and correction columns and the glossary table to an existing library, and
running it twice is harmless."""

from __future__ import annotations

from pathlib import Path

from peewee import SqliteDatabase

from reader.store import migrations
from reader.store.db import close_db, init_db
from reader.store.models import Article, Sentence


def test_headline_glossary_migration_adds_columns_to_an_existing_library(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    old = SqliteDatabase(str(path))
    old.connect()
    old.execute_sql("CREATE TABLE article (id INTEGER PRIMARY KEY, title TEXT, language TEXT)")
    old.execute_sql("CREATE TABLE sentence (id INTEGER PRIMARY KEY, article_id INTEGER, text TEXT)")
    old.execute_sql("INSERT INTO article VALUES (1, 'تیتر', 'fa')")
    old.execute_sql("INSERT INTO sentence VALUES (1, 1, 'جمله')")
    migrations._headline_glossary(old)
    migrations._headline_glossary(old)  # idempotent (the coordinator may reorder migrations)
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
