"""Schema migrations, ordered; the schema version is SQLite's ``PRAGMA user_version``.

Add a function to MIGRATIONS to change the schema; never edit a released one. Each runs in a transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import SqliteDatabase

_V1_TABLES = (
    'CREATE TABLE IF NOT EXISTS "article" ("id" INTEGER NOT NULL PRIMARY KEY, "title" TEXT NOT NULL, '
    '"language" VARCHAR(8) NOT NULL, "source" TEXT NOT NULL, "date" TEXT NOT NULL, "raw_text" TEXT NOT NULL, '
    '"original_text" TEXT NOT NULL, "text" TEXT NOT NULL, "offset_map" TEXT NOT NULL, "meta" TEXT NOT NULL, '
    '"backend" TEXT NOT NULL, "created" DATETIME NOT NULL, "updated" DATETIME NOT NULL)',
    'CREATE TABLE IF NOT EXISTS "sentence" ("id" INTEGER NOT NULL PRIMARY KEY, "article_id" INTEGER NOT NULL, '
    '"index" INTEGER NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, "paragraph" INTEGER NOT NULL, '
    '"text" TEXT NOT NULL, "translation" TEXT, "flags" TEXT NOT NULL, "score" REAL, "model" TEXT NOT NULL, '
    'FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE)',
    'CREATE INDEX IF NOT EXISTS "sentence_article_id" ON "sentence" ("article_id")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "sentence_article_id_index" ON "sentence" ("article_id", "index")',
    'CREATE TABLE IF NOT EXISTS "entity" ("id" INTEGER NOT NULL PRIMARY KEY, "article_id" INTEGER NOT NULL, '
    '"sentence_id" INTEGER NOT NULL, "type" VARCHAR(16) NOT NULL, "start" INTEGER NOT NULL, '
    '"end" INTEGER NOT NULL, "text" TEXT NOT NULL, "canonical" TEXT NOT NULL, "english" TEXT, "en_start" INTEGER, '
    '"en_end" INTEGER, FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("sentence_id") REFERENCES "sentence" ("id") ON DELETE CASCADE)',
    'CREATE INDEX IF NOT EXISTS "entity_article_id" ON "entity" ("article_id")',
    'CREATE INDEX IF NOT EXISTS "entity_sentence_id" ON "entity" ("sentence_id")',
    'CREATE TABLE IF NOT EXISTS "annotation" ("id" INTEGER NOT NULL PRIMARY KEY, "article_id" INTEGER NOT NULL, '
    '"sentence_id" INTEGER NOT NULL, "side" VARCHAR(8) NOT NULL, "start" INTEGER NOT NULL, '
    '"end" INTEGER NOT NULL, "quote" TEXT NOT NULL, "color" VARCHAR(16) NOT NULL, "note" TEXT NOT NULL, '
    '"tags" TEXT NOT NULL, "deleted" INTEGER NOT NULL, "created" DATETIME NOT NULL, "updated" DATETIME NOT NULL, '
    'FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("sentence_id") REFERENCES "sentence" ("id") ON DELETE CASCADE)',
    'CREATE INDEX IF NOT EXISTS "annotation_article_id" ON "annotation" ("article_id")',
    'CREATE INDEX IF NOT EXISTS "annotation_sentence_id" ON "annotation" ("sentence_id")',
    'CREATE TABLE IF NOT EXISTS "translation_cache" ("key" VARCHAR(128) NOT NULL PRIMARY KEY, '
    '"model" TEXT NOT NULL, "translation" TEXT NOT NULL, "score" REAL, "flags" TEXT NOT NULL, '
    '"created" DATETIME NOT NULL)',
)


def _v1(database: SqliteDatabase) -> None:
    """The first schema, frozen as SQL (the models have moved on since; later tables come with their own
    migration)."""
    for sql in _V1_TABLES:
        database.execute_sql(sql)


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


def _content_hash(database: SqliteDatabase) -> None:
    """``article.content_hash`` (indexed): an article's identity, so a re-import updates or skips instead of
    adding a duplicate. Idempotent (the column may exist already). Existing articles get their hash on the
    first import after this (:func:`reader.store.dedupe.backfill_hashes`), whatever the table looks like then."""
    if "content_hash" not in _columns(database, "article"):
        database.execute_sql("ALTER TABLE article ADD COLUMN content_hash VARCHAR(80) NOT NULL DEFAULT ''")
    database.execute_sql("CREATE INDEX IF NOT EXISTS article_content_hash ON article (content_hash)")


def _feeds(database: SqliteDatabase) -> None:
    """Feed subscriptions and their items (``feed``, ``feed_item``)."""
    from reader.store.models import Feed, FeedItem

    with database.bind_ctx([Feed, FeedItem]):
        database.create_tables([Feed, FeedItem], safe=True)


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


from reader.store.migrate_compact import compact_library as _v3  # noqa: E402


def _entity_confidence(database: SqliteDatabase) -> None:
    """``entity.confidence``: how sure the tagger was of each span (the view draws unsure ones lighter)."""
    if "confidence" not in _columns(database, "entity"):
        database.execute_sql("ALTER TABLE entity ADD COLUMN confidence REAL")


MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [
    _v1, _v2, _v3, _entity_corrections, _content_hash, _feeds, _headline_glossary, _entity_confidence,
]
SCHEMA_VERSION = len(MIGRATIONS)
COMPACT_VERSION = MIGRATIONS.index(_v3) + 1  # from here on the texts live in article_body


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
