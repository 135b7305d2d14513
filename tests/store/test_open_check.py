"""quick_check at open: every time for a small library, once a day for a big one (it reads the whole file)."""

from __future__ import annotations

import importlib
import os
import time
from pathlib import Path

import pytest

from reader.store import close_db

dbmod = importlib.import_module("reader.store.db")  # the module (reader.store.db is also the proxy's name)


def test_big_library_is_checked_once_a_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "library.sqlite3"
    dbmod.init_db(path)
    close_db()
    calls: list[int] = []
    real = dbmod.quick_check
    monkeypatch.setattr(dbmod, "quick_check", lambda database: calls.append(1) or real(database))
    monkeypatch.setattr(dbmod, "CHECK_ALWAYS_BYTES", 0)  # make this one "big"
    Path(str(path) + ".checked").unlink(missing_ok=True)
    for _ in range(3):
        dbmod.init_db(path)
        close_db()
    assert calls == [1]  # the first open checked; the next two within the day did not
    old = time.time() - dbmod.CHECK_EVERY_SECONDS - 60
    os.utime(str(path) + ".checked", (old, old))
    dbmod.init_db(path)
    close_db()
    assert calls == [1, 1]


def test_small_library_is_checked_at_every_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "library.sqlite3"
    calls: list[int] = []
    real = dbmod.quick_check
    monkeypatch.setattr(dbmod, "quick_check", lambda database: calls.append(1) or real(database))
    for _ in range(2):
        dbmod.init_db(path)
        close_db()
    assert len(calls) == 2
