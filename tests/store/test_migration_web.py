"""Migrations _v3 (article.content_hash, back-filled on first use) and _v4 (feed tables) on a library made before
them."""

from __future__ import annotations

from pathlib import Path

from peewee import SqliteDatabase

from reader.store import close_db, init_db
from reader.store.dedupe import by_hash
from reader.store.fingerprint import content_hash
from reader.store.migrations import MIGRATIONS, _content_hash, _feeds
from reader.store.models import Article, Feed


def _old_library(path: Path) -> None:
    """A version-2 library (as released then: texts in the article row, no content_hash) with one article."""
    old = SqliteDatabase(str(path))
    old.connect()
    MIGRATIONS[0](old)
    MIGRATIONS[1](old)
    old.execute_sql("INSERT INTO article(id, title, language, source, date, raw_text, original_text, text, "
                    "offset_map, meta, backend, created, updated) VALUES (1, 't', 'ar', '', '', '', "
                    "'ارتفعت أسعار الخبز.', 'ارتفعت أسعار الخبز.', '[]', '{}', '', '2026-01-01', '2026-01-01')")
    old.execute_sql("PRAGMA user_version = 2")
    old.close()


def test_old_library_gets_content_hashes_and_feed_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _old_library(path)
    database = init_db(path)
    try:
        assert Article.get_by_id(1).content_hash == ""  # computed on the first look-up, whatever the schema then
        assert by_hash(content_hash("ارتفعت  أسعار الخبز")).id == 1
        assert Article.get_by_id(1).content_hash == content_hash("ارتفعت أسعار الخبز.")
        indexes = {row[1] for row in database.execute_sql("PRAGMA index_list(article)").fetchall()}
        assert "article_content_hash" in indexes
        assert Feed.select().count() == 0
        _content_hash(database)  # idempotent: running it again changes nothing and does not fail
        _feeds(database)
        assert Article.get_by_id(1).content_hash.startswith("c2:")
    finally:
        close_db()


def test_hash_of_an_older_recipe_is_recomputed_before_comparing(library) -> None:
    from reader.store import repo
    from tests.support.export_data import make_processed

    article = repo.save_article(make_processed(["ارتفعت أسعار الخبز في المدينة."], "ar"))
    Article.update(content_hash="c1:" + "0" * 64).where(Article.id == article.id).execute()
    assert by_hash(content_hash(article.original_text, article.title)).id == article.id
    assert Article.get_by_id(article.id).content_hash.startswith("c2:")
