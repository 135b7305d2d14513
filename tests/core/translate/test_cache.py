"""The persistent translation cache (library database) and the read-only shipped cache."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import peewee
import pytest

from reader.app.translate import export_cache_files, library_cache
from reader.core.translate.cache import cache_key, normalise
from reader.core.types import Flag, TranslationResult
from reader.store import repo
from reader.store.models import TranslationCache as Row
from tests.support import testmodels

MODEL = "argos:translate-fa_en:1.9"


def _result(i: int, text: str, flags: tuple[Flag, ...] = ()) -> TranslationResult:
    return TranslationResult(i, "", text, flags, -0.5, MODEL)


def test_key_is_sha256_of_model_and_normalised_source() -> None:
    assert normalise("  سلام\u00a0 دنیا\n ") == "سلام دنیا"
    assert normalise("می\u200cروم") == "می\u200cروم"  # ZWNJ changes a Persian word: kept
    expected = hashlib.sha256(f"{MODEL}\0سلام دنیا".encode()).hexdigest()
    assert cache_key(MODEL, " سلام   دنیا ") == expected
    assert cache_key("argos:translate-fa_en:2.0", "سلام دنیا") != expected


def test_store_and_lookup_roundtrip(library: object) -> None:
    cache = library_cache(use_shipped=False)
    flag = Flag("low_score", "unsure")
    assert cache.store(MODEL, [("جمله اول", _result(0, "first", (flag,))), ("جمله دوم", _result(1, "second"))]) == 2
    hits = cache.lookup(MODEL, ["جمله دوم", "ناشناخته", " جمله  اول"])
    assert sorted(hits) == [0, 2]
    assert hits[0].translation == "second" and hits[2].flags == (flag,) and hits[2].score == -0.5
    assert hits[0].origin == "db" and cache.db_hits == 2 and cache.misses == 1
    assert cache.lookup("argos:translate-fa_en:2.0", ["جمله اول"]) == {}  # another model version
    row = Row.get_by_id(cache_key(MODEL, "جمله اول"))
    assert row.model == MODEL and row.created is not None


def test_batch_write_is_all_or_nothing(library: object) -> None:
    cache = library_cache(use_shipped=False)
    bad = TranslationResult(1, "", None, (), None, MODEL)  # type: ignore[arg-type]  (NOT NULL violation)
    with pytest.raises(peewee.IntegrityError):
        cache.store(MODEL, [("یک", _result(0, "one")), ("دو", bad)])
    assert cache.lookup(MODEL, ["یک", "دو"]) == {}


def test_cache_survives_reopening_the_database(library: object, tarjoman_home: Path) -> None:
    from reader.store import close_db, init_db

    library_cache(use_shipped=False).store(MODEL, [("پایدار", _result(0, "lasting"))])
    close_db()
    init_db(tarjoman_home / "library.sqlite3")
    assert library_cache(use_shipped=False).lookup(MODEL, ["پایدار"])[0].translation == "lasting"


def test_shipped_fallback_by_key_and_by_source(library: object, tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    rows = [{"key": cache_key(MODEL, "متن نمونه"), "model": MODEL, "source": "متن نمونه",
             "translation": "sample text", "score": None, "flags": []}]
    (shipped / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\nnot json\n",
                                     encoding="utf-8")
    cache = library_cache(shipped)
    library_cache(use_shipped=False).store(MODEL, [("در پایگاه", _result(0, "in the db"))])
    hits = cache.lookup(MODEL, ["متن نمونه", "در پایگاه", "هیچ"])
    assert hits[0].origin == "shipped" and hits[0].translation == "sample text"
    assert hits[1].origin == "db" and 2 not in hits
    assert cache.lookup("argos:translate-fa_en:3.0", ["متن نمونه"]) == {}
    no_model = cache.lookup(None, [" متن  نمونه "])  # nothing installed: served by source text
    assert no_model[0].translation == "sample text"


def test_export_writes_shipped_format_that_lookup_reads(library: object, tmp_path: Path) -> None:
    aid = testmodels.store_article("جمله اول است. جمله دوم است.", "fa")
    sents = repo.sentences(aid)
    results = [TranslationResult(s.index, s.text, f"t{s.index}", (Flag("x", "y"),), -0.3, MODEL) for s in sents]
    library_cache(use_shipped=False).store(MODEL, [(s.text, r) for s, r in zip(sents, results, strict=True)])
    repo.save_translations(aid, results, backend=MODEL)
    out = tmp_path / "translations_cache"
    written = export_cache_files([aid], out)
    path = out / "argos_translate-fa_en_1.9.jsonl"
    assert written == {path: 2}
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["key"] for line in lines] == sorted(line["key"] for line in lines)
    assert {line["translation"] for line in lines} == {"t0", "t1"} and lines[0]["flags"] == [{"code": "x", "message": "y"}]
    assert export_cache_files([aid], out) == {path: 2} and len(path.read_text().splitlines()) == 2  # merge, no dupes
    Row.delete().execute()
    reread = library_cache(out).lookup(MODEL, [s.text for s in sents])
    assert [reread[i].translation for i in range(2)] == ["t0", "t1"]
