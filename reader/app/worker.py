"""Heavy work in a helper process: the text pipeline (hazm, camel-tools) and the entity tagger (CRF model,
lexicons, gazetteer) load and run in one spawned process, so the window's process never holds the GIL for them
(a long C call or a big unpickle in a thread stalls the GUI thread for its whole length) and never carries their
memory. The translation engine stays in the window's process (CTranslate2 releases the GIL while it works).

``worker().run(fn, *args, cancel=event)`` runs a module-level function there and waits (from a worker thread of
the window) without holding the GIL; a dead or unavailable process falls back to running in the calling thread,
so nothing depends on the helper existing.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from reader.core.jobs import Cancelled

_db_path: str | None = None


# ---- functions that run in the helper process ---------------------------------------------------------
def _init(home: str) -> None:
    os.environ["TARJOMAN_HOME"] = home
    parent = os.getppid()

    def watch() -> None:  # never outlive the window's process (killed, crashed)
        import time

        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    try:
        os.nice(5)  # the window's process comes first
    except (AttributeError, OSError):
        pass


def _library(db_path: str) -> None:
    global _db_path
    if _db_path != db_path:
        from reader.store import close_db, init_db
        from reader.store.base import db

        if db.obj is not None and not db.obj.is_closed() and database_path() == db_path:
            _db_path = db_path  # already bound (the fallback runs in the window's own process)
            return
        close_db()
        init_db(db_path, migrate=False)  # the window's process migrated it
        _db_path = db_path


def warm_up() -> bool:
    """Load the normalisers and the entity models (in the helper process)."""
    from reader.core.entities import tag
    from reader.core.text.pipeline import warm_up as text_warm_up

    text_warm_up("fa")
    text_warm_up("ar")
    tag("ولادیمیر پوتین در مسکو گفت.", "fa")
    tag("قال فلاديمير بوتين في موسكو.", "ar")
    return True


def tag_article(db_path: str, article_id: int) -> Any:
    """``reader.app.entities.tag_article(save=False)`` in the helper process."""
    from reader.app.entities import tag_article as tag

    _library(db_path)
    return tag(article_id, save=False)


def retag(db_path: str, article_ids: list[int]) -> int:
    """``reader.app.entities.retag`` (saves) in the helper process."""
    from reader.app.entities import retag as run

    _library(db_path)
    return run(article_ids)


# ---- the window's side --------------------------------------------------------------------------------
class Worker:
    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self.broken = False

    def _get(self) -> ProcessPoolExecutor | None:
        with self._lock:
            if self._pool is None and not self.broken:
                from reader import config

                try:
                    self._pool = ProcessPoolExecutor(
                        max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_init,
                        initargs=(str(config.paths().home),))
                except (OSError, ValueError):
                    self.broken = True
            return self._pool

    def start_warm_up(self) -> None:
        """Start the helper process and load its models now (returns at once: even starting a process takes a
        few hundred milliseconds of Python work, so a background thread does it)."""

        def start() -> None:
            pool = self._get()
            if pool is not None:
                try:
                    pool.submit(warm_up)
                except (RuntimeError, BrokenProcessPool):
                    self._broke()

        threading.Thread(target=start, name="warm-up-helper", daemon=True).start()

    def run(self, fn: Any, *args: Any, cancel: threading.Event | None = None) -> Any:
        """Run *fn(*args)* in the helper process and wait for it; raises ``Cancelled`` when *cancel* is set
        first. Falls back to running here when the helper cannot be used."""
        pool = self._get()
        if pool is None:
            return fn(*args)
        try:
            future: Future = pool.submit(fn, *args)
        except (RuntimeError, BrokenProcessPool):
            self._broke()
            return fn(*args)
        while True:
            try:
                return future.result(timeout=0.05)
            except FutureTimeout:
                if cancel is not None and cancel.is_set():
                    future.cancel()
                    raise Cancelled() from None
            except (BrokenProcessPool, CancelledError):
                self._broke()
                return fn(*args)

    def _broke(self) -> None:
        with self._lock:
            self.broken = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


_worker: Worker | None = None


def worker() -> Worker:
    global _worker
    if _worker is None:
        _worker = Worker()
    return _worker


def database_path() -> str:
    """The path of the library the store is bound to (what the helper process opens)."""
    from reader.store.base import db

    return str(Path(db.obj.database).resolve())
