"""The compact store: each text once (compressed, deltas), sentence text as a slice, and the migration from
schema 2 that keeps every article, sentence, translation, entity, annotation and cache row."""

from __future__ import annotations

import json
from pathlib import Path

from peewee import SqliteDatabase

from reader.core.types import ProcessedText, SentenceSpan
from reader.store import close_db, init_db, migrations, repo
from reader.store.compact import pack_body, pack_delta, pack_runs, unpack_delta, unpack_runs
from reader.store.models import Annotation, Article, Entity, Sentence, TranslationCache

TEXT = "وزیر امور خارجه گفت که مذاکرات ادامه دارد.\n\nاو افزود: «هیچ تصمیمی گرفته نشده است.»"
ORIGINAL = "وزير امور خارجه گفت كه مذاكرات ادامه دارد.\n\nاو افزود: «هيچ تصميمي گرفته نشده است.»"
RAW = "خانه | اخبار\n" + ORIGINAL + "\nانتهای پیام\n"


def test_deltas_and_runs_round_trip() -> None:
    assert unpack_delta(pack_delta(ORIGINAL, TEXT), TEXT) == ORIGINAL
    assert pack_delta(TEXT, TEXT) == b"" and unpack_delta(b"", TEXT) == TEXT
    assert unpack_runs(pack_runs([[5, 5], [1, 2], [300000, 300000]])) == [[5, 5], [1, 2], [300000, 300000]]
    body = pack_body(TEXT, ORIGINAL, RAW, [[len(TEXT), len(ORIGINAL)]])
    # the original costs far less than itself: it is stored as a delta of the normalised text
    assert len(body["original"]) < len(ORIGINAL.encode()) // 3


def _processed() -> ProcessedText:
    first_end = TEXT.index(".") + 1
    second = TEXT.index("او")
    spans = (SentenceSpan(0, 0, first_end, TEXT[:first_end], 0),
             SentenceSpan(1, second, len(TEXT), TEXT[second:], 1))
    return ProcessedText("fa", "عنوان", "", {}, ORIGINAL, TEXT, [[len(TEXT), len(ORIGINAL)]], spans)


def test_article_texts_read_back_exactly(library) -> None:
    a = repo.save_article(_processed(), source="x.txt", raw_text=RAW)
    fresh = Article.get_by_id(a.id)
    assert (fresh.text, fresh.original_text, fresh.raw_text) == (TEXT, ORIGINAL, RAW)
    assert fresh.offset_map == [[len(TEXT), len(ORIGINAL)]]
    assert [s.text for s in repo.sentences(a)] == [TEXT[: TEXT.index(".") + 1], TEXT[TEXT.index("او"):]]
    lone = Sentence.get((Sentence.article == a.id) & (Sentence.index == 1))
    assert lone.text == TEXT[TEXT.index("او"):]  # read lazily from the body


def _old_library(path: Path) -> None:
    """A schema-2 library written the way the previous release wrote it (raw SQL, old columns)."""
    old = SqliteDatabase(str(path))
    old.connect()
    for fn in migrations.MIGRATIONS[:2]:
        fn(old)
    old.execute_sql("PRAGMA user_version = 2")
    s0 = TEXT[: TEXT.index(".") + 1]
    s1 = TEXT[TEXT.index("او"):]
    con = old.connection()
    con.execute("INSERT INTO article(id, title, language, source, date, raw_text, original_text, text, offset_map, "
                "meta, backend, created, updated) VALUES (7, 'عنوان قدیمی', 'fa', 'https://www.example.ir/n/1', "
                "'11:28 - 14 شهريور 1402', ?, ?, ?, ?, ?, 'm', '2026-01-01 10:00:00', '2026-01-02 10:00:00')",
                (RAW, ORIGINAL, TEXT, json.dumps([[len(TEXT), len(ORIGINAL)]]), json.dumps({"agency": "ایرنا"})))
    con.execute("INSERT INTO sentence(id, article_id, \"index\", start, \"end\", paragraph, text, translation, "
                "flags, score, model) VALUES (70, 7, 0, 0, ?, 0, ?, 'The minister said talks go on.', '[]', -0.2, "
                "'argos:fa_en:1')", (len(s0), s0))
    con.execute("INSERT INTO sentence(id, article_id, \"index\", start, \"end\", paragraph, text, translation, "
                "flags, score, model) VALUES (71, 7, 1, ?, ?, 1, ?, 'He added: nothing is decided.', '[]', NULL, "
                "'manual')", (TEXT.index("او"), len(TEXT), s1))
    con.execute("INSERT INTO entity(article_id, sentence_id, type, start, \"end\", text, canonical, english, "
                "en_start, en_end) VALUES (7, 70, 'ORGANIZATION', 0, 15, 'وزیر امور خارجه', 'وزیر امور خارجه', "
                "'minister', 4, 12)")
    con.execute("INSERT INTO annotation(id, article_id, sentence_id, side, start, \"end\", quote, color, note, tags, "
                "deleted, created, updated) VALUES (3, 7, 71, 'source', 0, 2, 'او', '#ffe066', 'یادداشت مهم', "
                "'[\"policy\"]', 0, '2026-01-03', '2026-01-03')")
    con.execute("INSERT INTO search_index(text, kind, article_id, ref_id) VALUES ('x', 'source', 7, 70)")
    con.execute("INSERT INTO translation_cache(key, model, translation, score, flags, created) VALUES "
                "('k1', 'argos:fa_en:1', 'cached', NULL, '[]', '2026-01-01')")
    con.commit()
    old.close()


def test_migration_from_schema_2_keeps_all_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _old_library(path)
    init_db(path)
    from reader.app.dates import backfill_published

    assert backfill_published() == 1  # the printed (Jalali) date is read once, by the app layer
    try:
        a = Article.get_by_id(7)
        assert (a.text, a.original_text, a.raw_text) == (TEXT, ORIGINAL, RAW)
        assert a.offset_map == [[len(TEXT), len(ORIGINAL)]]
        assert (a.title, a.backend, a.published, a.site) == ("عنوان قدیمی", "m", "2023-09-05", "example.ir")
        assert repo.translation_progress(7) == (2, 2)
        sents = repo.sentences(7)
        assert [s.text for s in sents] == [TEXT[: TEXT.index(".") + 1], TEXT[TEXT.index("او"):]]
        assert [s.translation for s in sents] == ["The minister said talks go on.", "He added: nothing is decided."]
        assert repo.manual_indexes(7) == {1}
        e = Entity.get()
        assert (e.text, e.english, e.sentence_id) == ("وزیر امور خارجه", "minister", 70)
        n = Annotation.get_by_id(3)
        assert (n.note, n.tags, n.quote, n.sentence_id) == ("یادداشت مهم", ["policy"], "او", 71)
        assert TranslationCache.get_by_id("k1").translation == "cached"
        # the new index holds the old texts, translations, titles and notes
        assert [h.kind for h in repo.search("مذاکرات")] == ["source"]
        assert [h.kind for h in repo.search("nothing is decided")] == ["target"]
        assert [h.kind for h in repo.search("عنوان قدیمی")] == ["title"]
        assert [(h.kind, h.ref_id) for h in repo.search("یادداشت مهم")] == [("note", 3)]
        cols = {r[1] for r in a._meta.database.execute_sql("PRAGMA table_info(article)")}
        assert not cols & {"raw_text", "original_text", "text", "offset_map"}
        tables = {r[0] for r in a._meta.database.execute_sql("SELECT name FROM sqlite_master")}
        assert "search_index" not in tables
        ok = a._meta.database.execute_sql("PRAGMA integrity_check").fetchone()[0]
        assert ok == "ok"
    finally:
        close_db()
    # opening again is a no-op (already at the latest schema)
    init_db(path)
    try:
        assert Article.select().count() == 1 and repo.sentences(7)[1].translation
    finally:
        close_db()
