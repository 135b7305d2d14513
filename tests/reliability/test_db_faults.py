"""Database faults seen from the command line: each is one true sentence, never "unexpected error", and a
damaged library is never written to.

Corrupt (4 KB overwritten mid-file), read-only folder and file (permission bits, or a read-only bind mount
as root), locked by another process, disk full (SQLite's max_page_count, and a real 1 MB tmpfs where mount
is allowed), TARJOMAN_HOME pointing at a file, a library from a newer Tarjoman.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from reader.store.migrations import SCHEMA_VERSION
from tests.support.faults import (
    cli,
    corrupt,
    digest,
    integrity,
    read_only,
    small_tmpfs,
    table_leaf_page,
    write_articles,
)


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("tarjoman: ") and "unexpected error" not in err and "Traceback" not in err, err
    return lines[0]


@pytest.fixture
def filled(tarjoman_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A library with 6 articles; returns its path."""
    files = write_articles(tmp_path / "in", 6)
    code, out, _ = cli(capsys, "import", *map(str, files))
    assert code == 0 and len(out.splitlines()) == 6
    return tarjoman_home / "library.sqlite3"


def test_corrupt_library_every_command_says_so_in_one_line_and_writes_nothing(
        filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corrupt(filled, table_leaf_page(filled, "sentence"))
    before = digest(filled)
    export = tmp_path / "out.md"
    for args in (["list"], ["show", "1"], ["search", "وزیر"], ["import", str(write_articles(tmp_path / "x", 1)[0])],
                 ["export", "1", "-o", str(export)], ["delete", "2"]):
        code, out, err = cli(capsys, *args)
        line = _one_line(err)
        assert code == 1 and out == "", (args, out)
        assert "is damaged" in line and "tarjoman library recover" in line, line
    assert digest(filled) == before  # not one byte written into the damaged file
    assert not export.exists()
    code, _, err = cli(capsys, "library", "check")
    assert code == 1 and "is damaged" in _one_line(err)


def test_recover_keeps_the_damaged_bytes_and_rescues_the_readable_rows(
        filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    con = sqlite3.connect(filled)
    sentences_before = con.execute("SELECT count(*) FROM sentence").fetchone()[0]
    con.close()
    corrupt(filled, table_leaf_page(filled, "sentence"))
    damaged = filled.read_bytes()
    code, out, err = cli(capsys, "library", "recover")
    assert code == 0 and err == "", err
    assert out.startswith("Recovered 6 articles and ") and "damaged files are kept in" in out, out
    kept = Path(out.rsplit("kept in ", 1)[1].strip().rstrip("."))
    assert (kept / "library.sqlite3").read_bytes() == damaged
    assert integrity(filled) == "ok"
    con = sqlite3.connect(filled)
    rescued = con.execute("SELECT count(*) FROM sentence").fetchone()[0]
    orphans = con.execute("SELECT count(*) FROM sentence WHERE article_id NOT IN (SELECT id FROM article)").fetchone()
    con.close()
    assert 0 < rescued <= sentences_before and orphans == (0,)
    code, out, _ = cli(capsys, "list")
    assert code == 0 and len(out.splitlines()) == 6
    code, out, _ = cli(capsys, "search", "بازار")  # the search index was rebuilt from the rescued text
    assert code == 0 and out


def test_start_fresh_needs_consent_and_keeps_the_old_files(filled: Path, capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    corrupt(filled)
    code, _, err = cli(capsys, "library", "recover", "--start-fresh")  # no terminal, no --yes: refused
    assert code == 1 and "--yes" in _one_line(err)
    assert filled.exists()
    damaged = filled.read_bytes()
    code, out, _ = cli(capsys, "library", "recover", "--start-fresh", "--yes")
    assert code == 0 and "Started an empty library" in out
    kept = Path(out.rsplit("kept in ", 1)[1].strip().rstrip("."))
    assert (kept / "library.sqlite3").read_bytes() == damaged
    code, out, _ = cli(capsys, "list")
    assert code == 0 and "empty" in out


def test_corruption_found_while_working_stops_writing(filled: Path) -> None:
    from reader.store import close_db, init_db
    from reader.store.db import STATE, LibraryDamaged
    from reader.store.faults import explain

    corrupt(filled, table_leaf_page(filled, "sentence"))
    database = init_db(filled, check=False)  # as if the damage happened after a clean open
    try:
        with pytest.raises(sqlite3.DatabaseError) as info:
            database.connection().execute("SELECT count(*), sum(\"end\"), max(translation) FROM sentence").fetchall()
        fault = explain(info.value)
        assert isinstance(fault, LibraryDamaged) and STATE.damaged
        assert database.execute_sql("PRAGMA query_only").fetchone()[0] == 1
    finally:
        close_db()


def test_read_only_folder_reads_and_refuses_writes_truthfully(filled: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    new = write_articles(tmp_path / "x", 1)[0]
    before = digest(filled)
    with read_only(filled.parent):
        code, out, err = cli(capsys, "list")
        assert code == 0 and len(out.splitlines()) == 6
        assert "folder" in _one_line(err) and "read-only" in err and "damaged" not in err
        code, out, err = cli(capsys, "search", "وزیر")
        assert code == 0 and out
        code, out, err = cli(capsys, "import", str(new))
        line = _one_line(err)
        assert code == 1 and f"The library folder {filled.parent} is read-only" in line and "damaged" not in line
    assert digest(filled) == before


def test_read_only_file_reads_and_refuses_writes_truthfully(filled: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from tests.support.faults import checkpoint

    checkpoint(filled)
    with read_only(filled):
        code, out, err = cli(capsys, "list")
        assert code == 0 and len(out.splitlines()) == 6 and "library file" in err
        code, out, err = cli(capsys, "delete", "1")
        assert code == 1 and f"The library file {filled} is read-only" in _one_line(err)
    code, out, _ = cli(capsys, "list")
    assert len(out.splitlines()) == 6


def test_locked_by_another_process_is_a_clear_sentence(filled: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    dbmod = importlib.import_module("reader.store.db")
    monkeypatch.setitem(dbmod.PRAGMAS, "busy_timeout", 300)
    holder = sqlite3.connect(filled, timeout=0, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    holder.execute("DELETE FROM translation_cache")
    try:
        code, out, err = cli(capsys, "list")  # WAL: reading goes on while another process writes
        assert code == 0 and len(out.splitlines()) == 6
        code, out, err = cli(capsys, "import", str(write_articles(tmp_path / "x", 1)[0]))
        line = _one_line(err)
        assert code == 1 and "is locked by another program" in line, line
    finally:
        holder.rollback()
        holder.close()


def test_a_lock_released_within_the_busy_timeout_is_waited_for(filled: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    holder = sqlite3.connect(filled, timeout=0, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(1.0, holder.rollback)
    timer.start()
    try:
        code, out, err = cli(capsys, "import", str(write_articles(tmp_path / "x", 1)[0]))
        assert code == 0 and err == "", err
    finally:
        timer.join()
        holder.close()


def test_disk_full_says_disk_full_not_cannot_rollback(library, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main
    from reader.store.models import Article

    pages = library.execute_sql("PRAGMA page_count").fetchone()[0]
    library.execute_sql(f"PRAGMA max_page_count = {pages + 4}")  # the file may grow by 16 KB, no more
    files = write_articles(tmp_path / "in", 3, sentences=400)
    capsys.readouterr()
    assert main(["import", *map(str, files)]) == 1
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert out == "" and lines[0].startswith("tarjoman: The disk holding the library (") and "is full" in lines[0]
    assert lines[1] == f"tarjoman: 3 files not imported, from {files[0]} on."
    assert "rollback" not in err and "unexpected" not in err
    assert Article.select().count() == 0  # nothing half-written
    library.execute_sql("PRAGMA max_page_count = 1073741823")
    assert main(["import", str(files[0])]) == 0
    assert library.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
def test_a_real_full_file_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    with small_tmpfs(tmp_path / "small", "1m") as home:
        monkeypatch.setenv("TARJOMAN_HOME", str(home))
        files = write_articles(tmp_path / "in", 12, sentences=300)
        code, out, err = cli(capsys, "import", *map(str, files))
        assert code == 1
        first = next(line for line in err.splitlines() if "not imported" not in line)
        assert "The disk holding the library" in first and "is full" in first, err
        assert "unexpected" not in err and "rollback" not in err
        imported = len(out.splitlines())
        assert 0 < imported < len(files)
        code, out, err = cli(capsys, "list")  # everything reported imported is there, the file is sound
        assert code == 0 and len(out.splitlines()) == imported
        assert integrity(home / "library.sqlite3") == "ok"


def test_home_pointing_at_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "not-a-folder"
    f.write_text("x")
    monkeypatch.setenv("TARJOMAN_HOME", str(f))
    for args in (["list"], ["import", "x.txt"], ["library", "check"]):
        code, _, err = cli(capsys, *args)
        assert code == 1 and _one_line(err) == (f"tarjoman: TARJOMAN_HOME points at a file, not a folder: {f}; "
                                                "point it at a folder (Tarjoman creates it when missing).")


def test_library_from_a_newer_tarjoman(tarjoman_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    con = sqlite3.connect(tarjoman_home / "library.sqlite3")
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    con.close()
    code, _, err = cli(capsys, "list")
    assert code == 1 and "written by a newer Tarjoman" in _one_line(err)


def test_a_damaged_library_of_an_older_schema_is_recovered_and_upgraded(tarjoman_home: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from peewee import SqliteDatabase

    from reader.store import migrations

    path = tarjoman_home / "library.sqlite3"
    old = SqliteDatabase(str(path))
    old.connect()
    for number in (1, 2):  # the schema before the compact store: texts in the rows
        migrations.MIGRATIONS[number - 1](old)
        old.execute_sql(f"PRAGMA user_version = {number}")
    con = old.connection()
    sentence = "وزیر اقتصاد گفت که قیمت‌ها در ماه آینده پایین می‌آید."
    for a in range(1, 4):
        sents = [f"{sentence} {a}-{k}" for k in range(120)]
        text = " ".join(sents)
        con.execute("INSERT INTO article(id, title, language, source, date, raw_text, original_text, text, "
                    "offset_map, meta, backend, created, updated) VALUES (?, ?, 'fa', ?, '', ?, ?, ?, '[]', '{}', "
                    "'', '2026-01-01', '2026-01-01')", (a, f"خبر {a}", f"/in/{a}.txt", text, text, text))
        pos = 0
        for k, s in enumerate(sents):
            con.execute('INSERT INTO sentence(article_id, "index", start, "end", paragraph, text, translation, '
                        "flags, score, model) VALUES (?, ?, ?, ?, 0, ?, ?, '[]', NULL, '')",
                        (a, k, pos, pos + len(s), s, f"Minister {a}-{k}" if k % 2 else None))
            pos += len(s) + 1
    con.commit()
    old.close()
    corrupt(path, table_leaf_page(path, "sentence"))
    code, _, err = cli(capsys, "list")
    assert code == 1 and "is damaged" in _one_line(err)
    code, out, err = cli(capsys, "library", "recover")
    assert code == 0 and out.startswith("Recovered 3 articles and "), (out, err)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    rescued = con.execute("SELECT count(*) FROM sentence").fetchone()[0]
    con.close()
    assert 0 < rescued < 360 and integrity(path) == "ok"
    code, out, _ = cli(capsys, "list")
    assert code == 0 and len(out.splitlines()) == 3
    code, out, _ = cli(capsys, "search", "Minister 2-")
    assert code == 0 and out


def test_disk_full_stops_a_batch_with_its_sentence(library, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main
    from reader.store.models import Article

    pages = library.execute_sql("PRAGMA page_count").fetchone()[0]
    library.execute_sql(f"PRAGMA max_page_count = {pages + 4}")
    write_articles(tmp_path / "in", 4, sentences=400)
    capsys.readouterr()
    assert main(["translate", "--batch", str(tmp_path / "in"), "--import-only"]) == 1
    err = capsys.readouterr().err
    last = err.strip().splitlines()[-1]
    assert last.startswith("tarjoman: The disk holding the library (") and "is full" in last, err
    assert "rollback" not in err and "unexpected" not in err
    assert Article.select().count() == 0
