"""Database connection: one peewee DatabaseProxy, WAL mode, schema migrations keyed on PRAGMA user_version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from reader.store.base import StoreError, db

__all__ = ["PRAGMAS", "StoreError", "close_db", "close_thread_connection", "db", "init_db"]

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 5000,
    "cache_size": -16000,
}


def init_db(path: Path | str, *, migrate: bool = True) -> SqliteDatabase:
    """Open (creating if needed) the library at *path*, apply migrations and bind the proxy.

    Raises StoreError with a one-line reason when the file is not a database, is damaged, is locked by
    another program, or was written by a newer Tarjoman.
    """
    from reader.store import migrations

    path = str(path)
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # IMMEDIATE: a write transaction takes the write lock up front, so concurrent writers (GUI thread, translation
    # cache on a worker) wait on busy_timeout instead of failing with "database is locked" on lock upgrade.
    database = SqliteDatabase(path, pragmas=PRAGMAS, check_same_thread=False, lock_type="IMMEDIATE")
    try:
        database.connect(reuse_if_open=True)
        database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
        if migrate:
            before = migrations.current_version(database)
            migrations.migrate(database)
            if 0 < before < migrations.COMPACT_VERSION:  # the texts moved out of the rows: give the space back
                database.execute_sql("VACUUM")
    except RuntimeError as exc:  # schema newer than this app
        database.close()
        raise StoreError(str(exc)) from exc
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        database.close()
        msg = str(exc).lower()
        if "locked" in msg or "busy" in msg:
            raise StoreError(
                f"The library database {path} is locked by another program; close it and try again."
            ) from exc
        raise StoreError(
            f"The library database {path} is damaged or is not a Tarjoman library ({exc}). "
            "Move it aside and Tarjoman will start a new one."
        ) from exc
    db.initialize(database)
    return database


def close_thread_connection() -> None:
    """Close the calling thread's connection, if it opened one (peewee keeps one per thread, and a finished
    thread's connection is not closed for it). Worker threads call this after each job."""
    if db.obj is not None and not db.obj.is_closed():
        db.obj.close()


def close_db() -> None:
    if db.obj is not None and not db.obj.is_closed():
        db.obj.close()
