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


MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [_v1, _v2, _entity_corrections]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(database: SqliteDatabase) -> int:
    return int(database.execute_sql("PRAGMA user_version").fetchone()[0])


def newer_message(version: int) -> str:
    return f"This library was written by a newer Tarjoman (schema {version} > {SCHEMA_VERSION}); update the app."


def migrate(database: SqliteDatabase) -> int:
    version = current_version(database)
    if version > SCHEMA_VERSION:
        raise RuntimeError(newer_message(version))
    for number in range(version + 1, SCHEMA_VERSION + 1):
        with database.atomic():
            MIGRATIONS[number - 1](database)
            database.execute_sql(f"PRAGMA user_version = {number}")
    return SCHEMA_VERSION
