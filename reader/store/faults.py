"""SQLite faults → one true sentence: disk full, damaged, read-only, locked, I/O error, cannot open.

SQLite reports a full disk inside a write; peewee then tries to roll back a transaction SQLite already
ended and raises "cannot rollback - no transaction is active", with the real cause only in the exception
chain. :func:`explain` walks the whole chain (``__cause__``, ``__context__`` and peewee's wrapped
exception) and picks the most specific fault, so the user reads "the disk is full", never the rollback.

Also here (so that ``db``, ``backup`` and ``recover`` all depend on it and not on each other): the fault
types, the state of the open library (:data:`STATE`: read-only or damaged, and why) and the write probe.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import peewee

from reader.store.base import StoreError, db

BUSY_TIMEOUT_MS = 15_000


class LibraryDamaged(StoreError):
    """The library file is corrupt (or not a database); nothing more is written to it."""


class LibraryReadOnly(StoreError):
    """The library (file or folder) cannot be written."""


class LibraryLocked(StoreError):
    """Another process held the write lock for longer than the busy timeout."""


class DiskFull(StoreError):
    """The disk holding the library is full."""


@dataclass
class OpenState:
    """How the bound library was opened: its path, and why it is read-only or damaged (empty when not)."""

    path: str = ""
    read_only: str = ""  # the sentence saying why writes are refused
    damaged: str = ""  # the sentence saying it is damaged (set at open or on the first corrupt error)
    notice: str = ""  # one line the front end shows once after opening (e.g. "opened read-only: …")


STATE = OpenState()


def writable(path: Path) -> tuple[bool, bool]:
    """(folder writable, file writable) for the library at *path*, found by trying rather than by permission
    bits (root ignores them; a read-only mount does not). A missing file counts as writable."""
    folder = path.parent
    probe = folder / f".tarjoman-write-test-{os.getpid()}"
    try:
        os.close(os.open(probe, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    except OSError:
        return False, os.access(path, os.W_OK) if path.exists() else False
    os.unlink(probe)
    if path.exists():
        try:
            os.close(os.open(path, os.O_RDWR))
        except OSError:
            return True, False
    return True, True


def probe_writable(path: Path) -> str:
    """Empty when the library at *path* and its folder (for the WAL files) can be written; else why not."""
    folder_ok, file_ok = writable(path)
    if folder_ok and file_ok:
        return ""
    return read_only_reason(path, folder_writable=folder_ok)


def damaged_sentence(path: str, problem: str) -> str:
    detail = " ".join(problem.split())[:120]
    return (f"The library {path} is damaged ({detail}); Tarjoman has stopped writing to it. "
            "Run `tarjoman library recover` to keep a copy and rescue what can be read.")


def stop_writing(reason: str) -> None:
    """After a corruption error: make the open connection read-only, so nothing more lands in a bad file."""
    STATE.damaged = reason
    if db.obj is not None and not db.obj.is_closed():
        try:
            db.obj.execute_sql("PRAGMA query_only = 1")
        except (peewee.DatabaseError, sqlite3.DatabaseError):
            pass


_FULL = ("database or disk is full", "no space left on device", "disk quota exceeded")
_CORRUPT = ("malformed", "file is not a database", "file is encrypted or is not a database", "corrupt")
_READONLY = ("readonly database", "read-only file system", "attempt to write a readonly")
_LOCKED = ("database is locked", "database table is locked", "database is busy")
_IOERR = ("disk i/o error",)
_CANTOPEN = ("unable to open database file",)


def read_only_cause(path: Path, *, folder_writable: bool) -> str:
    if not folder_writable:
        return f"The library folder {path.parent} is read-only"
    return f"The library file {path} is read-only"


def read_only_reason(path: Path, *, folder_writable: bool) -> str:
    return (read_only_cause(path, folder_writable=folder_writable)
            + ": Tarjoman can show the library but cannot save changes (make it writable to import, "
              "translate or annotate).")


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo = [exc]
    while todo and len(seen) < 32:
        e = todo.pop(0)
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        for nxt in (e.__cause__, e.__context__, *(a for a in getattr(e, "args", ()) if isinstance(a, BaseException))):
            if nxt is not None:
                todo.append(nxt)


def _kind(e: BaseException) -> str:
    name = str(getattr(e, "sqlite_errorname", "") or "")
    msg = str(e).lower()
    code = getattr(e, "errno", None)
    if name.startswith("SQLITE_FULL") or any(k in msg for k in _FULL) or code in (errno.ENOSPC, errno.EDQUOT):
        return "full"
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or any(k in msg for k in _CORRUPT):
        return "corrupt"
    if name.startswith("SQLITE_READONLY") or any(k in msg for k in _READONLY) or code == errno.EROFS:
        return "readonly"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or any(k in msg for k in _LOCKED):
        return "locked"
    if name.startswith("SQLITE_IOERR") or any(k in msg for k in _IOERR) or code == errno.EIO:
        return "ioerr"
    if name.startswith("SQLITE_CANTOPEN") or any(k in msg for k in _CANTOPEN):
        return "cantopen"
    if isinstance(e, peewee.DatabaseError | sqlite3.DatabaseError):
        return "database"
    return ""


_PRIORITY = ["full", "corrupt", "readonly", "locked", "ioerr", "cantopen", "database"]


def classify(exc: BaseException) -> tuple[str, BaseException | None]:
    """The most specific fault kind in *exc*'s chain and the exception that shows it ("" when none)."""
    found: dict[str, BaseException] = {}
    for e in _chain(exc):
        kind = _kind(e)
        if kind and kind not in found:
            found[kind] = e
    for kind in _PRIORITY:
        if kind in found:
            return kind, found[kind]
    return "", None


def explain(exc: BaseException, path: str | Path | None = None, *, opening: bool = False) -> StoreError | None:
    """A StoreError with one true sentence for a database fault in *exc*'s chain; None when there is none.

    A corruption found while working (not at open) also stops writing to the open library."""
    if isinstance(exc, StoreError):
        return exc
    kind, cause = classify(exc)
    if not kind:
        return None
    where = Path(str(path or STATE.path or "library.sqlite3"))
    detail = " ".join(str(cause).split())[:120] if cause is not None else ""
    if kind == "full":
        return DiskFull(f"The disk holding the library ({where.parent}) is full; nothing from this change was "
                        "saved. Free some space and try again.")
    if kind == "corrupt":
        if opening:
            return LibraryDamaged(f"The library database {where} is damaged or is not a Tarjoman library "
                                  f"({detail}). Run `tarjoman library recover` to keep a copy and rescue what "
                                  "can be read.")
        sentence = damaged_sentence(str(where), detail)
        stop_writing(sentence)
        return LibraryDamaged(sentence)
    if kind == "readonly":
        if STATE.read_only:
            return LibraryReadOnly(STATE.read_only)
        reason = probe_writable(where) if where.parent.exists() else ""
        return LibraryReadOnly(reason or f"The library {where} cannot be written ({detail}).")
    if kind == "locked":
        return LibraryLocked(f"The library {where} is locked by another program (another Tarjoman window or "
                             f"command?) that kept it busy for more than {BUSY_TIMEOUT_MS // 1000} s; try again "
                             "when it has finished.")
    if kind == "ioerr":
        return StoreError(f"The disk reported an error reading or writing the library {where} ({detail}); "
                          "check the disk, then run `tarjoman library check`.")
    if kind == "cantopen":
        return StoreError(f"Tarjoman cannot open the library {where} ({detail}); check that its folder exists "
                          "and that you may read it.")
    return StoreError(f"The library {where} reported a database error: {detail}.")
