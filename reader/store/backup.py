"""Automatic, rolling backups of the library through SQLite's online backup API, and restoring one.

A copy lands in ``backups/`` beside the library before each schema migration and once a day (at the first
open after 24 hours, when the library holds anything); the newest :data:`KEEP` are kept. The backup API
copies a consistent snapshot even while the library is open in WAL mode, so a copy is never half a write.
Restoring first keeps a copy of the current library (or, when it cannot be read, moves its files aside
untouched), then writes the chosen backup into place through the same API.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from reader.store.base import StoreError

KEEP = 7
DAILY = dt.timedelta(hours=24)
_NAME = re.compile(r"^library-(\d{8}-\d{6})(?:-\d+)?-([a-z0-9-]+)\.sqlite3$")


@dataclass(frozen=True)
class Backup:
    path: Path
    created: dt.datetime
    reason: str  # daily | before-schema-N | before-restore | manual
    size: int

    def describe(self) -> str:
        return f"{self.path.name}\t{self.created:%Y-%m-%d %H:%M}\t{self.reason}\t{self.size / 1024:.0f} KB"


def backup_dir(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def _now() -> dt.datetime:
    return dt.datetime.now()


def list_backups(db_path: Path) -> list[Backup]:
    """The library's backups, newest first."""
    folder = backup_dir(db_path)
    out = []
    for p in folder.glob("library-*.sqlite3") if folder.is_dir() else []:
        m = _NAME.match(p.name)
        if not m:
            continue
        try:
            created = dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
            size = p.stat().st_size
        except (ValueError, OSError):
            continue
        out.append(Backup(p, created, m.group(2), size))
    return sorted(out, key=lambda b: (b.created, b.path.name), reverse=True)


def _target(db_path: Path, reason: str) -> Path:
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = _now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"library-{stamp}-{reason}.sqlite3"
    n = 1
    while path.exists():
        path = folder / f"library-{stamp}-{n}-{reason}.sqlite3"
        n += 1
    return path


def copy_database(source: sqlite3.Connection, dest: Path) -> None:
    """Write a consistent snapshot of *source* to *dest* (through a temporary file, replaced atomically)."""
    tmp = dest.with_name(dest.name + ".part")
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # a self-contained file: no -wal beside it
        finally:
            target.close()
        os.replace(tmp, dest)
    finally:
        if tmp.exists():
            tmp.unlink()


def make_backup(database: SqliteDatabase | sqlite3.Connection, db_path: Path, reason: str = "manual", *,
                prune_old: bool = True) -> Path:
    """Copy the open library to ``backups/library-<time>-<reason>.sqlite3`` and prune to :data:`KEEP`."""
    conn = database.connection() if isinstance(database, SqliteDatabase) else database
    dest = _target(Path(db_path), reason)
    copy_database(conn, dest)
    if prune_old:
        prune(Path(db_path))
    return dest


def prune(db_path: Path, keep: int = KEEP) -> None:
    for old in list_backups(db_path)[keep:]:
        try:
            old.path.unlink()
        except OSError:
            pass


def daily_backup_if_due(database: SqliteDatabase, db_path: Path) -> Path | None:
    """A backup when the newest is over a day old (or there is none) and the library holds an article.

    Never stops the library from opening: a failure (say, a full disk) only skips today's copy."""
    newest = next(iter(list_backups(db_path)), None)
    if newest is not None and _now() - newest.created < DAILY:
        return None
    try:
        if database.execute_sql("SELECT 1 FROM article LIMIT 1").fetchone() is None:
            return None
        return make_backup(database, db_path, reason="daily")
    except (OSError, sqlite3.Error):
        return None


def check_backup(path: Path, schema_version: int) -> int:
    """The backup's schema version after an integrity check; StoreError (one line) when it cannot be used
    (damaged, not a library, or newer than *schema_version*, the schema this app writes)."""
    if not path.is_file():
        raise StoreError(f"{path}: no such backup")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check(1)").fetchone()[0]
            version = int(con.execute("PRAGMA user_version").fetchone()[0])
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise StoreError(f"The backup {path.name} cannot be read ({exc}); choose another.") from exc
    if ok != "ok":
        raise StoreError(f"The backup {path.name} is damaged ({ok}); choose another.")
    if "article" not in tables:
        raise StoreError(f"{path.name} is not a Tarjoman library backup.")
    if version > schema_version:
        raise StoreError(f"The backup {path.name} was written by a newer Tarjoman (schema {version}); update the app.")
    return version


def move_aside(db_path: Path, label: str) -> Path:
    """Move the library's files (with -wal/-shm) untouched into ``backups/<label>-<time>/``; returns the folder."""
    folder = backup_dir(db_path) / f"{label}-{_now():%Y%m%d-%H%M%S}"
    n = 1
    while folder.exists():
        folder = backup_dir(db_path) / f"{label}-{_now():%Y%m%d-%H%M%S}-{n}"
        n += 1
    folder.mkdir(parents=True)
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(db_path) + suffix)
        if p.exists():
            shutil.move(str(p), folder / p.name)
    return folder


def restore_backup(db_path: Path, backup: Path, schema_version: int) -> Path | None:
    """Replace the (closed) library at *db_path* with *backup*. Returns where the previous library was kept:
    a backup copy when it could be read, else the folder its files were moved to untouched (None: no library)."""
    db_path = Path(db_path)
    check_backup(backup, schema_version)
    kept: Path | None = None
    if db_path.exists():
        try:
            con = sqlite3.connect(db_path)
            try:
                if con.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
                    raise sqlite3.DatabaseError("damaged")
                kept = make_backup(con, db_path, reason="before-restore", prune_old=False)
            finally:
                con.close()
        except sqlite3.Error:
            kept = move_aside(db_path, "damaged")
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(db_path)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = WAL")
        finally:
            dest.close()
    finally:
        source.close()
    prune(db_path)
    return kept
