"""The library's health, for the CLI (`tarjoman library …`) and the window's message bar alike.

Opening with a reason (:func:`open_library_or_reason`), describing any failure in one sentence
(:func:`describe`), and the rescue actions: check, recover (or start fresh, with consent), list, make and
restore backups. Each action closes the library first and reopens it after, so the caller sees the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader import config
from reader.store import backup as backups
from reader.store.db import close_db, init_db
from reader.store.faults import STATE, DiskFull, LibraryDamaged, LibraryLocked, LibraryReadOnly, explain
from reader.store.recover import RecoveryReport, check_library, recover_library


@dataclass(frozen=True)
class OpenResult:
    """How opening went: ``kind`` is ok | read-only | damaged | locked | full | config | error."""

    kind: str
    message: str = ""


def library_path() -> Path:
    return config.paths().database


def fault_kind(exc: BaseException) -> str:
    for cls, kind in ((LibraryDamaged, "damaged"), (LibraryReadOnly, "read-only"), (LibraryLocked, "locked"),
                      (DiskFull, "full")):
        if isinstance(exc, cls):
            return kind
    return "error"


def describe(exc: BaseException) -> str:
    """One sentence for any failure: the library's fault when it is one, else the exception's first line."""
    from reader.config import ConfigError

    if isinstance(exc, ConfigError):
        return str(exc)
    fault = explain(exc)
    if fault is not None:
        return " ".join(str(fault).split())
    if isinstance(exc, MemoryError):
        return "Tarjoman ran out of memory; close other programs or work on fewer or smaller files at once."
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def open_library_or_reason() -> OpenResult:
    """Open the user's library. On a fault, bind an empty in-memory placeholder (nothing is written anywhere
    without the user's say) and return why, so the window can offer recovery."""
    from reader.config import ConfigError
    from reader.store.base import StoreError

    try:
        init_db(library_path())
    except ConfigError as exc:
        _placeholder(str(exc))
        return OpenResult("config", str(exc))
    except StoreError as exc:
        _placeholder(str(exc))
        return OpenResult(fault_kind(exc), str(exc))
    if STATE.read_only:
        return OpenResult("read-only", STATE.read_only)
    return OpenResult("ok")


def _placeholder(reason: str) -> None:
    """An empty library in a temporary folder, query-only on every connection (the window's threads included),
    so the window works and a write says *reason* instead of vanishing."""
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="tarjoman-placeholder-"))
    atexit.register(shutil.rmtree, folder, True)
    init_db(folder / "empty.sqlite3", check=False)
    close_db()
    init_db(folder / "empty.sqlite3", check=False, refuse_writes=reason)


def check() -> list[str]:
    return check_library(library_path())


def recover(*, start_fresh: bool = False) -> RecoveryReport:
    """Keep a copy of the damaged files, rebuild what can be read (or start empty), and reopen."""
    close_db()
    report = recover_library(library_path(), start_fresh=start_fresh)
    init_db(library_path())
    return report


def list_backups() -> list[backups.Backup]:
    return backups.list_backups(library_path())


def find_backup(name: str) -> Path | None:
    """A backup by name (``latest``, a file name from :func:`list_backups`, or a path)."""
    found = list_backups()
    if name == "latest":
        return found[0].path if found else None
    p = Path(name)
    if p.is_file():
        return p
    p = backups.backup_dir(library_path()) / name
    return p if p.is_file() else None


def make_backup() -> Path:
    from reader.store.recover import open_read_only

    con = open_read_only(library_path())
    try:
        return backups.make_backup(con, library_path(), reason="manual")
    finally:
        con.close()


def restore(backup: Path) -> Path | None:
    """Put *backup* in place (the current library is kept first) and reopen; returns where it was kept."""
    close_db()
    try:
        from reader.store.migrations import SCHEMA_VERSION

        return backups.restore_backup(library_path(), backup, SCHEMA_VERSION)
    finally:
        open_library_or_reason()
