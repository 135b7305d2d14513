"""Schema migrations, ordered; the schema version is SQLite's ``PRAGMA user_version``.

Add a function to MIGRATIONS to change the schema; never edit a released one. Each runs in a transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import SqliteDatabase


def _v1(database: SqliteDatabase) -> None:
    """The first schema: exactly these tables (later tables are created by their own migration)."""
    from reader.store.models import Annotation, Article, Entity, Sentence, TranslationCache

    first = [Article, Sentence, Entity, Annotation, TranslationCache]
    with database.bind_ctx(first):
        database.create_tables(first)


def _v2(database: SqliteDatabase) -> None:
    """Full-text index over source sentences, translations and annotation notes (trigram: substring search
    in Arabic script, where clitics glue to words)."""
    try:
        database.execute_sql(
            "CREATE VIRTUAL TABLE search_index USING fts5("
            "text, kind UNINDEXED, article_id UNINDEXED, ref_id UNINDEXED, tokenize='trigram')"
        )
    except Exception:  # SQLite < 3.34 has no trigram tokenizer
        database.execute_sql(
            "CREATE VIRTUAL TABLE search_index USING fts5("
            "text, kind UNINDEXED, article_id UNINDEXED, ref_id UNINDEXED, "
            "tokenize='unicode61 remove_diacritics 2')"
        )


def _entity_corrections(database: SqliteDatabase) -> None:
    """The reader's entity corrections, and an index so an entity's mentions are found without a scan."""
    from reader.store.models import EntityCorrectionRow

    with database.bind_ctx([EntityCorrectionRow]):
        database.create_tables([EntityCorrectionRow], safe=True)
    database.execute_sql("CREATE INDEX IF NOT EXISTS entity_canonical ON entity (canonical)")
    database.execute_sql("CREATE INDEX IF NOT EXISTS entity_english ON entity (english)")


def _columns(database: SqliteDatabase, table: str) -> set[str]:
    return {row[1] for row in database.execute_sql(f"PRAGMA table_info({table})").fetchall()}


def _add_column(database: SqliteDatabase, table: str, column: str, decl: str) -> None:
    if column not in _columns(database, table):
        database.execute_sql(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")


def _headline_glossary(database: SqliteDatabase) -> None:
    """The translated headline (article.title_en/title_model), glossary corrections on sentences
    (sentence.edits/glossary) and the user glossary table."""
    from reader.store.models import GlossaryTerm

    _add_column(database, "article", "title_en", "TEXT NOT NULL DEFAULT ''")
    _add_column(database, "article", "title_model", "TEXT NOT NULL DEFAULT ''")
    _add_column(database, "sentence", "edits", "TEXT NOT NULL DEFAULT '[]'")
    _add_column(database, "sentence", "glossary", "TEXT NOT NULL DEFAULT ''")
    with database.bind_ctx([GlossaryTerm]):
        database.create_tables([GlossaryTerm], safe=True)


MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [_v1, _v2, _entity_corrections, _headline_glossary]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(database: SqliteDatabase) -> int:
    return int(database.execute_sql("PRAGMA user_version").fetchone()[0])


def migrate(database: SqliteDatabase) -> int:
    version = current_version(database)
    if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"This library was written by a newer Tarjoman (schema {version} > {SCHEMA_VERSION}); update the app."
        )
    for number in range(version + 1, SCHEMA_VERSION + 1):
        with database.atomic():
            MIGRATIONS[number - 1](database)
            database.execute_sql(f"PRAGMA user_version = {number}")
    return SCHEMA_VERSION
