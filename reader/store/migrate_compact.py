"""Schema 3: the compact library (one copy of each text), a rowid-keyed search index, tags and reading state.

From schema 2 it moves ``article.raw_text/original_text/text/offset_map`` into compressed ``article_body`` rows
(:mod:`reader.store.compact`), drops ``sentence.text`` (a slice of the article text), replaces the scanned
``search_index`` with the contentless ``search_text`` + ``search_note`` tables (:mod:`reader.store.search`),
adds publication date / site / counters / reading state / trash columns to ``article`` with their indexes, and
creates ``tag`` and ``article_tag``. Annotations, entities, translations (hand-edited ones included) and the
translation cache are untouched. Safe to re-run on a partly migrated file (each step checks first).
"""

from __future__ import annotations

import json

from peewee import SqliteDatabase

_NEW_ARTICLE_COLUMNS = {
    "published": "TEXT",
    "site": "TEXT NOT NULL DEFAULT ''",
    "n_sentences": "INTEGER NOT NULL DEFAULT 0",
    "n_translated": "INTEGER NOT NULL DEFAULT 0",
    "read_at": "DATETIME",
    "read_position": "INTEGER NOT NULL DEFAULT 0",
    "deleted_at": "DATETIME",
}
_TABLES = (
    'CREATE TABLE IF NOT EXISTS "article_body" ("article_id" INTEGER NOT NULL PRIMARY KEY, '
    '"codec" INTEGER NOT NULL, "text" BLOB NOT NULL, "original" BLOB NOT NULL, "raw" BLOB NOT NULL, '
    '"offset_map" BLOB NOT NULL, FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE)',
    'CREATE TABLE IF NOT EXISTS "tag" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, '
    '"created" DATETIME NOT NULL)',
    'CREATE UNIQUE INDEX IF NOT EXISTS "tag_name" ON "tag" ("name")',
    'CREATE TABLE IF NOT EXISTS "article_tag" ("article_id" INTEGER NOT NULL, "tag_id" INTEGER NOT NULL, '
    'FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("tag_id") REFERENCES "tag" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX IF NOT EXISTS "article_tag_article_id_tag_id" ON "article_tag" ("article_id", "tag_id")',
    'CREATE INDEX IF NOT EXISTS "article_tag_tag_id" ON "article_tag" ("tag_id")',
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(text, tokenize='trigram', content='', "
    "columnsize=0)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_note USING fts5(text, tokenize='trigram')",
    'CREATE TABLE IF NOT EXISTS "search_alpha" ("ch" TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID',
)
_INDEXES = (
    'CREATE INDEX IF NOT EXISTS "article_source" ON "article" ("source")',
    'CREATE INDEX IF NOT EXISTS "article_published" ON "article" ("published")',
    'CREATE INDEX IF NOT EXISTS "article_created" ON "article" ("created")',
    'CREATE INDEX IF NOT EXISTS "article_updated" ON "article" ("updated")',
    'DROP INDEX IF EXISTS "sentence_article_id"',  # the unique (article_id, index) index serves it
)


def _columns(database: SqliteDatabase, table: str) -> set[str]:
    return {row[1] for row in database.execute_sql(f'PRAGMA table_info("{table}")')}


def _tables(database: SqliteDatabase) -> set[str]:
    return {row[0] for row in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}


def compact_library(database: SqliteDatabase) -> None:
    from reader.store import search
    from reader.store.compact import pack_body
    from reader.store.derived import meta_iso, site_of

    for sql in _TABLES:
        database.execute_sql(sql)
    have = _columns(database, "article")
    for name, decl in _NEW_ARTICLE_COLUMNS.items():
        if name not in have:
            database.execute_sql(f'ALTER TABLE "article" ADD COLUMN "{name}" {decl}')
    con = database.connection()
    old_article = "text" in have
    old_sentence = "text" in _columns(database, "sentence")
    if old_article:
        rows = con.execute('SELECT id, source, date, meta, raw_text, original_text, text, offset_map FROM article '
                           'WHERE id NOT IN (SELECT article_id FROM article_body)').fetchall()
        for aid, source, _date, meta_json, raw, original, text, runs_json in rows:
            try:
                meta = json.loads(meta_json or "{}")
                runs = json.loads(runs_json or "[]")
            except ValueError:
                meta, runs = {}, []
            body = pack_body(text or "", original or "", raw or "", runs if isinstance(runs, list) else [])
            con.execute('INSERT INTO article_body(article_id, codec, text, original, raw, offset_map) '
                        'VALUES (?, ?, ?, ?, ?, ?)',
                        (aid, body["codec"], body["text"], body["original"], body["raw"], body["offset_map"]))
            con.execute("UPDATE article SET published = ?, site = ? WHERE id = ?",
                        (meta_iso(meta) if isinstance(meta, dict) else None,  # printed dates: app backfill
                         site_of(source or "", meta if isinstance(meta, dict) else {}), aid))
    con.execute("UPDATE article SET n_sentences = (SELECT count(*) FROM sentence s WHERE s.article_id = article.id), "
                "n_translated = (SELECT count(translation) FROM sentence s WHERE s.article_id = article.id)")
    # the search index, rebuilt from the texts (a fresh library has nothing to index)
    if "search_index" in _tables(database):
        database.execute_sql("DROP TABLE search_index")
    if old_sentence:
        con.execute("INSERT INTO search_text(search_text) VALUES ('delete-all')")
        con.execute("DELETE FROM search_note")
        for aid, title in con.execute("SELECT id, title FROM article").fetchall():
            search.add([(search.rowid(aid, 0, search.TITLE), title)], con)
            sents = con.execute('SELECT "index", text, translation FROM sentence WHERE article_id = ? '
                                'ORDER BY "index"', (aid,)).fetchall()
            search.add([(search.rowid(aid, 0, search.SOURCE), search.source_document(t for _i, t, _tr in sents))],
                       con)
            search.add(((search.rowid(aid, i, search.TARGET), tr) for i, _t, tr in sents if tr), con)
        for nid, note, tags in con.execute("SELECT id, note, tags FROM annotation WHERE deleted = 0").fetchall():
            try:
                tag_list = json.loads(tags or "[]")
            except ValueError:
                tag_list = []
            text = f"{note or ''} {' '.join('#' + str(t) for t in tag_list)}".strip()
            search.set_note(nid, text, con)
        database.execute_sql('ALTER TABLE "sentence" DROP COLUMN "text"')
    if old_article:
        for name in ("raw_text", "original_text", "text", "offset_map"):
            database.execute_sql(f'ALTER TABLE "article" DROP COLUMN "{name}"')
    for sql in _INDEXES:
        database.execute_sql(sql)
