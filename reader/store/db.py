"""Database connection: one peewee DatabaseProxy, WAL mode, schema migrations keyed on PRAGMA user_version.

Every database fault becomes a :class:`StoreError` whose message is one true sentence (see
:mod:`reader.store.faults`, which maps SQLite's errors): a damaged file is detected at open (``PRAGMA
quick_check``) and on the error, and writing stops; a read-only file or folder is opened read-only (reading
serves; a write says why it cannot); a lock held by another program is waited out for ``BUSY_TIMEOUT_MS``;
a full disk says so.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from reader.store.base import StoreError, db
from reader.store.faults import (
    BUSY_TIMEOUT_MS,
    STATE,
    DiskFull,
    LibraryDamaged,
    LibraryLocked,
    LibraryReadOnly,
    damaged_sentence,
    explain,
    probe_writable,
    stop_writing,
)

__all__ = ["BUSY_TIMEOUT_MS", "PRAGMAS", "STATE", "DiskFull", "LibraryDamaged", "LibraryLocked", "LibraryReadOnly",
           "StoreError", "close_db", "close_thread_connection", "damaged_sentence", "db", "explain", "init_db",
           "quick_check", "stop_writing"]


PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": BUSY_TIMEOUT_MS,
    "cache_size": -16000,
}


def quick_check(database: SqliteDatabase) -> str:
    """Empty when ``PRAGMA quick_check`` passes; else its first complaint."""
    rows = [r[0] for r in database.execute_sql("PRAGMA quick_check(5)").fetchall()]
    return "" if rows == ["ok"] else "; ".join(str(r) for r in rows)[:200]


CHECK_ALWAYS_BYTES = 64 * 1024 * 1024  # below this quick_check costs little: run it at every open
CHECK_EVERY_SECONDS = 24 * 3600  # above it (0.5 s at 10,000 articles), once a day; errors are caught as they happen


def _check_due(path: str) -> bool:
    """Whether this open should run ``quick_check``: always for a small library, else once a day (the time of
    the last clean check is the modification time of ``<library>.checked``)."""
    import os
    import time

    try:
        if os.path.getsize(path) < CHECK_ALWAYS_BYTES:
            return True
        return time.time() - os.path.getmtime(path + ".checked") > CHECK_EVERY_SECONDS
    except OSError:
        return True


def _mark_checked(path: str) -> None:
    try:
        Path(path + ".checked").touch()
    except OSError:  # a read-only folder: the check simply runs at every open
        pass


def _prepare_folder(path: Path) -> None:
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"The library's folder {folder} is a file, not a folder; point Tarjoman at a folder.")
    if path.exists() and not path.is_file():
        raise StoreError(f"The library {path} is not a file (it is a folder or a device); move it aside.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryReadOnly(
            f"Tarjoman cannot create the library folder {folder} ({exc.strerror or exc}); "
            "choose a folder you can write to (TARJOMAN_HOME)."
        ) from exc


def init_db(path: Path | str, *, migrate: bool = True, check: bool = True, refuse_writes: str = "") -> SqliteDatabase:
    """Open (creating if needed) the library at *path*, apply migrations and bind the proxy. Processes that
    open one library at the same moment take turns (a lock file beside it) while it is created or migrated,
    so a second importer never meets a half-made schema."""
    if str(path) == ":memory:" or not migrate or refuse_writes:
        return _open(path, migrate=migrate, check=check, refuse_writes=refuse_writes)
    with _setup_lock(Path(path)):
        return _open(path, migrate=migrate, check=check, refuse_writes=refuse_writes)


@contextlib.contextmanager
def _setup_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock on ``<library>.lock`` for the open-and-migrate step (POSIX; elsewhere, and
    where the folder cannot be written, nothing: SQLite's own locking still applies)."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(f"{path}.lock", "a+")  # noqa: SIM115 (held for the with block)
    except OSError:
        yield
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        finally:
            handle.close()


def _open(path: Path | str, *, migrate: bool = True, check: bool = True, refuse_writes: str = "") -> SqliteDatabase:
    """Open (creating if needed) the library at *path*, apply migrations and bind the proxy.

    A read-only file or folder is opened read-only (when its schema is current). Raises StoreError (one
    line) when the file is damaged or not a database, is locked by another program, cannot be opened, or was
    written by a newer Tarjoman. *check* runs ``PRAGMA quick_check`` first: at every open below 64 MB, else
    once a day (it reads the whole file: half a second at 10,000 articles, which the window and `tarjoman list`
    would otherwise pay at every start). *refuse_writes*: every connection (any thread) is query-only and a
    write says this reason (the window's empty placeholder while the real library cannot be used).
    """
    from reader.store import backup, migrations

    path = str(path)
    STATE.path, STATE.read_only, STATE.damaged, STATE.notice = path, "", "", ""
    read_only = ""
    if path != ":memory:":
        _prepare_folder(Path(path))
        read_only = probe_writable(Path(path))
        if read_only and not Path(path).exists():
            raise LibraryReadOnly(f"The library folder {Path(path).parent} is read-only, so Tarjoman cannot "
                                  "create a library there; choose a folder you can write to (TARJOMAN_HOME).")
    target: str = path
    if read_only:
        target = f"{Path(path).resolve().as_uri()}?mode=ro"
        wal_files = all(Path(path + s).exists() for s in ("-wal", "-shm"))
        if not wal_files:  # nobody can be writing into a read-only folder: safe to read it as immutable
            target += "&immutable=1"
    pragmas = dict(PRAGMAS)
    if read_only:
        pragmas.pop("journal_mode")
        pragmas["query_only"] = 1
    if refuse_writes:
        pragmas["query_only"] = 1
    # IMMEDIATE: a write transaction takes the write lock up front, so concurrent writers (GUI thread, translation
    # cache on a worker) wait on busy_timeout instead of failing with "database is locked" on lock upgrade.
    database = SqliteDatabase(target, pragmas=pragmas, check_same_thread=False, lock_type="IMMEDIATE",
                              uri=bool(read_only), timeout=PRAGMAS["busy_timeout"] / 1000)
    try:
        database.connect(reuse_if_open=True)
        database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
        if check and path != ":memory:" and _check_due(path):
            problem = quick_check(database)
            if problem:
                raise LibraryDamaged(damaged_sentence(path, problem))
            if not read_only:
                _mark_checked(path)
        version = migrations.current_version(database)
        if read_only:
            if version < migrations.SCHEMA_VERSION:
                raise LibraryReadOnly(f"{read_only.split(': Tarjoman')[0]}, and this library needs an upgrade "
                                      "that Tarjoman must write; make it writable and open it again.")
            if version > migrations.SCHEMA_VERSION:
                raise RuntimeError(migrations.newer_message(version))
            STATE.read_only = read_only
            STATE.notice = f"Opened read-only: {read_only}"
        elif migrate:
            if 0 < version < migrations.SCHEMA_VERSION:
                backup.make_backup(database, Path(path), reason=f"before-schema-{migrations.SCHEMA_VERSION}")
            if 0 < version < migrations.COMPACT_VERSION:
                n = database.execute_sql("SELECT count(*) FROM article").fetchone()[0]
                if n > 200:  # minutes for a big library: say so rather than look frozen
                    import sys

                    print(f"Tarjoman: making the library of {n} articles compact (once; about "
                          f"{max(1, n // 150)} s)…", file=sys.stderr, flush=True)
            migrations.migrate(database)
            if 0 < version < migrations.COMPACT_VERSION:  # the texts moved out of the rows: give the space back
                database.execute_sql("VACUUM")
            if version > 0:
                backup.daily_backup_if_due(database, Path(path))
    except RuntimeError as exc:  # schema newer than this app
        database.close()
        raise StoreError(str(exc)) from exc
    except StoreError:
        database.close()
        raise
    except (peewee.DatabaseError, sqlite3.DatabaseError, OSError) as exc:
        database.close()
        raise explain(exc, path, opening=True) from exc
    db.initialize(database)
    if refuse_writes:
        STATE.read_only = refuse_writes
    return database


def close_thread_connection() -> None:
    """Close the calling thread's connection, if it opened one (peewee keeps one per thread, and a finished
    thread's connection is not closed for it). Worker threads call this after each job."""
    if db.obj is not None and not db.obj.is_closed():
        db.obj.close()


def close_db() -> None:
    if db.obj is not None and not db.obj.is_closed():
        db.obj.close()
