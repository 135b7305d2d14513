"""Automatic backups (SQLite online backup API): before a migration, once a day, 7 kept, restorable from the
CLI — including over a damaged library, and never from a damaged backup."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from reader.store import backup, close_db, init_db, migrations
from reader.store.migrations import SCHEMA_VERSION
from tests.support.faults import cli, corrupt, integrity, write_articles


def _articles(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM article").fetchone()[0]
    finally:
        con.close()


def test_a_backup_is_taken_before_each_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = SqliteDatabase(str(path))
    old.connect()
    migrations.MIGRATIONS[0](old)
    old.execute_sql("PRAGMA user_version = 1")
    old.execute_sql("INSERT INTO article(title, language, source, date, raw_text, original_text, text, offset_map, "
                    "meta, backend, created, updated) VALUES ('t', 'fa', '', '', '', '', 'x', '[]', '{}', '', "
                    "'2026-01-01', '2026-01-01')")
    old.close()
    init_db(path)
    close_db()
    found = backup.list_backups(path)
    assert [b.reason for b in found] == [f"before-schema-{SCHEMA_VERSION}"]
    con = sqlite3.connect(found[0].path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1  # the library as it was before the upgrade
    assert con.execute("SELECT title FROM article").fetchall() == [("t",)]
    con.close()


def test_daily_backups_roll_and_keep_seven(tarjoman_home: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tarjoman_home / "library.sqlite3"
    cli(capsys, "list")  # creates an empty library: nothing to back up
    assert backup.list_backups(path) == []
    cli(capsys, "import", str(write_articles(tmp_path / "in", 1)[0]))
    cli(capsys, "list")
    assert [b.reason for b in backup.list_backups(path)] == ["daily"]  # first open of a library with an article
    cli(capsys, "list")
    assert len(backup.list_backups(path)) == 1  # not again the same day
    start = dt.datetime.now()
    for day in range(1, 10):
        monkeypatch.setattr(backup, "_now", lambda day=day: start + dt.timedelta(days=day, minutes=1))
        cli(capsys, "list")
    kept = backup.list_backups(path)
    assert len(kept) == backup.KEEP == 7
    assert kept[0].created.date() == (start + dt.timedelta(days=9)).date()
    assert all(integrity(b.path) == "ok" and _articles(b.path) == 1 for b in kept)


def test_restore_from_the_cli_keeps_the_current_library_first(tarjoman_home: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tarjoman_home / "library.sqlite3"
    files = write_articles(tmp_path / "in", 2)
    cli(capsys, "import", *map(str, files))
    code, out, _ = cli(capsys, "library", "backup")
    assert code == 0 and out.startswith("Backed up the library to ")
    cli(capsys, "delete", "1")
    assert _articles(path) == 1
    code, out, err = cli(capsys, "library", "backups")
    assert code == 0 and len(out.splitlines()) == 1 and "manual" in out  # a fresh manual copy counts as today's
    code, out, err = cli(capsys, "library", "restore", "latest")
    assert code == 0 and err == "" and out.startswith("Restored the library from library-")
    assert "before-restore" in out
    assert _articles(path) == 2 and integrity(path) == "ok"
    before_restore = next(b for b in backup.list_backups(path) if b.reason == "before-restore")
    assert _articles(before_restore.path) == 1
    code, out, _ = cli(capsys, "list")
    assert code == 0 and len(out.splitlines()) == 2


def test_restore_over_a_damaged_library_moves_it_aside(tarjoman_home: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tarjoman_home / "library.sqlite3"
    cli(capsys, "import", *map(str, write_articles(tmp_path / "in", 4)))
    cli(capsys, "library", "backup")
    corrupt(path)
    damaged = path.read_bytes()
    code, out, err = cli(capsys, "library", "restore", "latest")
    assert code == 0, err
    kept = Path(out.rsplit("kept at ", 1)[1].strip().rstrip("."))
    assert kept.is_dir() and (kept / "library.sqlite3").read_bytes() == damaged
    assert integrity(path) == "ok" and _articles(path) == 4


def test_a_damaged_backup_is_refused(tarjoman_home: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tarjoman_home / "library.sqlite3"
    cli(capsys, "import", *map(str, write_articles(tmp_path / "in", 4)))
    _, out, _ = cli(capsys, "library", "backup")
    made = Path(out.split(" to ", 1)[1].strip())
    corrupt(made)
    before = path.read_bytes()
    code, _, err = cli(capsys, "library", "restore", made.name)
    assert code == 1 and "is damaged (" in err and "choose another" in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before
    code, _, err = cli(capsys, "library", "restore", "no-such-backup.sqlite3")
    assert code == 1 and "no such backup" in err


def test_backup_of_a_library_being_written_is_consistent(library, tmp_path: Path) -> None:
    from reader.store import repo
    from tests.support.articles import processed_from_sentences

    path = Path(library.database)
    for i in range(3):
        repo.save_article(processed_from_sentences([f"جملهٔ شماره {i}."] * 50), source=f"s{i}")
    writer = sqlite3.connect(path)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM sentence")  # uncommitted: the backup must not see it
    try:
        made = backup.make_backup(library, path, reason="manual")
    finally:
        writer.rollback()
        writer.close()
    assert integrity(made) == "ok"
    con = sqlite3.connect(made)
    assert con.execute("SELECT count(*) FROM sentence").fetchone()[0] == 150
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # self-contained, no -wal needed
    con.close()
