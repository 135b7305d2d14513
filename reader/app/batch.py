"""Batch import + translation of many articles (``tarjoman translate --batch DIR_OR_GLOB…``), Qt-free.

Flow: the main process expands the inputs, imports each file (or reuses it, see below) and hands the article
to a pool as soon as it is stored, so importing overlaps translating. Each article's translations are saved
as soon as that article completes (and every finished model batch is already in the translation cache).

Pools:
- ``local``: a process pool (``spawn``); each worker opens the library itself and loads the model of a
  language once (``engine.get_engine`` keeps it warm), decoding with ``threads`` CPU threads. On 2 cores the
  default is 2 workers × 1 thread (bench/bench_batch.py compares it with 1 worker × 2 threads).
- ``libretranslate``: a thread pool sharing one :class:`LibreTranslateEngine` per language (the work happens
  on the server; threads only wait on HTTP).

Resumable: a file whose resolved path and SHA-256 match an earlier import (``batch-imports.json`` in the app
home, or ``meta["sha256"]``, saved with the article in its own transaction: reader/app/batch_manifest.py) is
not imported again; an article whose sentences all have translations is skipped (``refresh`` re-translates); a partly translated one resumes from the cache.
On cancel (Ctrl+C in the CLI) running articles stop after their current batch and save what they have.
"""

from __future__ import annotations

import glob
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.app.batch_manifest import MANIFEST_NAME, Manifest, existing_article, file_sha256, import_recorded

__all__ = ["MANIFEST_NAME", "BatchError", "BatchOptions", "BatchReport", "Manifest", "Outcome", "collect_inputs",
           "file_sha256", "run_batch"]

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".docx")


class BatchError(Exception):
    """Bad batch input or options; ``str(exc)`` is one human line."""


@dataclass(frozen=True)
class BatchOptions:
    backend: str = "local"  # local | libretranslate
    workers: int = 0  # articles translated at once (0: cores for local, 4 for a server)
    threads: int = 0  # CPU threads per local worker (0: cores // workers)
    preset: str | None = None  # fast | balanced | quality (None: the saved preset)
    url: str = ""  # LibreTranslate server (backend "libretranslate")
    api_key: str = ""
    refresh: bool = False  # re-translate articles that are already translated (ignores the cache)
    translate: bool = True  # False: import only

    def resolved_workers(self) -> int:
        if self.workers > 0:
            return self.workers
        return 4 if self.backend == "libretranslate" else max(1, os.cpu_count() or 1)

    def resolved_threads(self) -> int:
        if self.threads > 0:
            return self.threads
        return max(1, (os.cpu_count() or 1) // self.resolved_workers())


@dataclass(frozen=True)
class Outcome:
    """What happened to one input file."""

    path: str
    article_id: int | None
    imported: bool  # False: reused an earlier import
    state: str  # translated | already | imported | failed | cancelled
    sentences: int = 0
    seconds: float = 0.0
    message: str = ""


@dataclass
class BatchReport:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    workers: int = 0
    threads: int = 0

    def count(self, state: str) -> int:
        return sum(o.state == state for o in self.outcomes)

    @property
    def imported(self) -> int:
        return sum(o.imported for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.state == "failed"]

    def summary(self) -> str:
        parts = [f"{len(self.outcomes)} files", f"{self.imported} imported", f"{self.count('translated')} translated",
                 f"{self.count('already')} already translated"]
        if self.count("imported"):
            parts.append(f"{self.count('imported')} not translated")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.count("cancelled"):
            parts.append(f"{self.count('cancelled')} left for the next run")
        rate = self.count("translated") / self.seconds * 60 if self.seconds > 0 else 0.0
        return ", ".join(parts) + f" in {self.seconds:.1f} s ({rate:.1f} articles/min)"


# --- inputs --------------------------------------------------------------------------------------------------
def collect_inputs(patterns: Sequence[str]) -> list[Path]:
    """Files named by *patterns*: folders (searched recursively for .txt/.html/.docx), glob patterns
    (``**`` allowed) or plain files. Sorted per pattern, duplicates dropped. Raises BatchError when a pattern
    matches nothing or nothing is left."""
    seen: dict[Path, None] = {}
    for pattern in patterns:
        p = Path(pattern).expanduser()
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES)
        elif p.is_file():
            found = [p]
        elif glob.has_magic(pattern):
            found = sorted(Path(f) for f in glob.glob(os.path.expanduser(pattern), recursive=True)
                           if Path(f).is_file() and Path(f).suffix.lower() in ARTICLE_SUFFIXES)
        else:
            raise BatchError(f"{pattern}: no such file or folder")
        if not found:
            raise BatchError(f"{pattern}: no .txt, .html or .docx articles found there")
        for f in found:
            seen.setdefault(f.resolve(), None)
    if not seen:
        raise BatchError("no input files given")
    return list(seen)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:300]


# --- workers -------------------------------------------------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _init_local_worker(home: str, database: str, settings: Any, cancel: Any) -> None:
    """Process-pool initializer: its own library connection, the shared cancel event, quiet Ctrl+C."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; running articles stop via *cancel*
    os.environ["TARJOMAN_HOME"] = home
    from reader.store.db import init_db

    init_db(database)
    _WORKER.update(settings=settings, cancel=cancel)


def _translate_local(article_id: int, refresh: bool) -> tuple[int, int, float, str]:
    """Runs in a worker process: (article id, sentences, seconds, error message or "")."""
    from reader.app.translate import translate_article
    from reader.core.jobs import Cancelled
    from reader.core.translate.catalog import find_model
    from reader.core.translate.engine import get_engine
    from reader.core.translate.errors import TranslateError
    from reader.store import repo

    started = time.perf_counter()
    try:
        article = repo.get_article(article_id)
        engine = get_engine(find_model(article.language, "en"), _WORKER["settings"])
        results = translate_article(article_id, engine=engine, settings=_WORKER["settings"],
                                    cancel=_WORKER["cancel"], refresh=refresh)
    except Cancelled:
        return article_id, 0, time.perf_counter() - started, "cancelled"
    except TranslateError as exc:
        return article_id, 0, time.perf_counter() - started, _one_line(exc)
    except Exception as exc:  # a library fault, said here (its cause does not survive pickling to the parent)
        from reader.store.faults import explain

        fault = explain(exc)
        if fault is None:
            raise
        return article_id, 0, time.perf_counter() - started, " ".join(str(fault).split())
    return article_id, len(results), time.perf_counter() - started, ""


class _RemotePool:
    """Threads translating through one LibreTranslateEngine per language (built on first use)."""

    def __init__(self, options: BatchOptions, settings: Any, cancel: threading.Event) -> None:
        self.options, self.settings, self.cancel = options, settings, cancel
        self.engines: dict[str, Any] = {}
        self.lock = threading.Lock()
        self.requests_before = 0

    def engine(self, language: str) -> Any:
        from reader.core.translate.remote import LibreTranslateEngine

        with self.lock:
            if language not in self.engines:
                self.engines[language] = LibreTranslateEngine(self.options.url, language, "en",
                                                              api_key=self.options.api_key, concurrency=1)
            return self.engines[language]

    def translate(self, article_id: int, refresh: bool) -> tuple[int, int, float, str]:
        from reader.app.translate import translate_article
        from reader.core.jobs import Cancelled
        from reader.core.translate.errors import TranslateError
        from reader.store import repo
        from reader.store.db import close_thread_connection

        started = time.perf_counter()
        try:
            engine = self.engine(repo.get_article(article_id).language)
            results = translate_article(article_id, engine=engine, settings=self.settings, cancel=self.cancel,
                                        refresh=refresh)
        except Cancelled:
            return article_id, 0, time.perf_counter() - started, "cancelled"
        except TranslateError as exc:
            return article_id, 0, time.perf_counter() - started, _one_line(exc)
        finally:
            close_thread_connection()  # pool threads are reused; do not leave one connection per thread
        return article_id, len(results), time.perf_counter() - started, ""


def _engine_settings(options: BatchOptions) -> Any:
    from reader.core.translate.settings import EngineSettings, load_settings, with_changes

    settings, _quality = load_settings()
    if options.preset:
        settings = EngineSettings.from_preset(options.preset)
    settings = with_changes(settings, first_batch=0)  # nobody is waiting to read the first sentence
    if options.backend == "local":
        settings = with_changes(settings, inter_threads=1, intra_threads=options.resolved_threads())
    return settings


# --- the batch -----------------------------------------------------------------------------------------------
OnOutcome = Callable[[Outcome, int, int], None]  # (outcome, files finished, files in all)


def run_batch(paths: Iterable[Path], options: BatchOptions, *, on_outcome: OnOutcome | None = None,
              cancel: threading.Event | None = None) -> BatchReport:
    """Import and translate *paths* into the bound library (``init_db`` first). Never raises for one bad
    file (it becomes a ``failed`` outcome); raises BatchError for bad options. On *cancel*, no new article
    starts, running ones stop after their current batch (saved), and the report says ``interrupted``."""
    from reader import config
    from reader.store import repo
    from reader.store.faults import explain

    if options.backend not in ("local", "libretranslate"):
        raise BatchError(f"unknown backend {options.backend!r}; use local or libretranslate")
    paths = list(paths)
    total = len(paths)
    cancel = cancel or threading.Event()
    started = time.perf_counter()
    report = BatchReport(workers=options.resolved_workers(),
                         threads=options.resolved_threads() if options.backend == "local" else 0)
    home = config.paths()
    manifest = Manifest(home.home / MANIFEST_NAME)
    settings = _engine_settings(options) if options.translate else None
    executor: Executor | None = None
    remote: _RemotePool | None = None
    proc_cancel: Any = None
    pending: dict[Future[tuple[int, int, float, str]], tuple[str, int, bool]] = {}

    def finish(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome, len(report.outcomes), total)

    def collect(block: bool) -> None:
        if not pending:
            return
        done, _ = wait(list(pending), timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in done:
            path, aid, imported = pending.pop(future)
            try:
                _, n, seconds, error = future.result()
            except Exception as exc:  # a worker died (out of memory, killed): that article only
                n, seconds, error = 0, 0.0, f"worker failed: {_one_line(exc)}"
            if error == "cancelled":
                finish(Outcome(path, aid, imported, "cancelled", 0, seconds, "stopped; the next run resumes it"))
            elif error:
                finish(Outcome(path, aid, imported, "failed", 0, seconds, error))
            else:
                finish(Outcome(path, aid, imported, "translated", n, seconds))

    def submit(path: str, aid: int, imported: bool) -> None:
        nonlocal executor, remote, proc_cancel
        if executor is None:
            if options.backend == "local":
                import multiprocessing

                ctx = multiprocessing.get_context("spawn")
                proc_cancel = ctx.Event()
                executor = ProcessPoolExecutor(
                    max_workers=min(report.workers, total), mp_context=ctx, initializer=_init_local_worker,
                    initargs=(str(home.home), str(home.database), settings, proc_cancel))
            else:
                remote = _RemotePool(options, settings, cancel)
                executor = ThreadPoolExecutor(max_workers=min(report.workers, total),
                                              thread_name_prefix="batch-translate")
        if options.backend == "local":
            future = executor.submit(_translate_local, aid, options.refresh)
        else:
            if remote is None:  # set together with the executor above
                raise RuntimeError("the LibreTranslate pool was not started")
            future = executor.submit(remote.translate, aid, options.refresh)
        pending[future] = (path, aid, imported)

    try:
        for path in paths:
            if cancel.is_set():
                break
            collect(block=False)
            key = str(path)
            try:
                sha = file_sha256(path)
                aid = existing_article(path, sha, manifest)
                imported = False
                if aid is None:  # new, or (a run killed before the manifest, a copy elsewhere) the same content
                    aid, imported = import_recorded(path, sha)
                    manifest.record(path, sha, aid)
            except Exception as exc:  # any one bad file: say why, go on with the rest
                fault = explain(exc)
                if fault is not None:  # the library itself (disk full, damaged, locked): stop, say it once
                    cancel.set()
                    raise BatchError(" ".join(str(fault).split())) from exc
                finish(Outcome(key, None, False, "failed", message=_one_line(exc)))
                continue
            if not options.translate:
                finish(Outcome(key, aid, imported, "imported"))
                continue
            done, n = repo.translation_progress(aid)
            if n and done == n and not options.refresh:
                finish(Outcome(key, aid, imported, "already", n))
                continue
            try:
                submit(key, aid, imported)
            except Exception as exc:  # e.g. the process pool broke (a worker was killed): say so per article
                finish(Outcome(key, aid, imported, "failed", message=f"could not start translating: {_one_line(exc)}"))
                continue
            # keep at most two articles queued per worker, so a cancel leaves little started work behind
            while len(pending) >= 2 * report.workers and not cancel.is_set():
                collect(block=True)
        while pending and not cancel.is_set():
            collect(block=True)
    except KeyboardInterrupt:
        cancel.set()
    finally:
        manifest.flush()
        if cancel.is_set():
            report.interrupted = True
            if proc_cancel is not None:
                proc_cancel.set()
        if executor is not None:
            for future in pending:
                future.cancel()
            try:
                while pending:
                    waiting = [f for f in pending if not f.cancelled()]
                    for f in [f for f in pending if f.cancelled()]:
                        path, aid, imported = pending.pop(f)
                        finish(Outcome(path, aid, imported, "cancelled", message="not started"))
                    if waiting:
                        collect(block=True)
            finally:
                executor.shutdown(wait=True, cancel_futures=True)
        report.seconds = time.perf_counter() - started
    return report
