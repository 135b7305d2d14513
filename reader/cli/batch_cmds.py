"""`tarjoman translate --batch DIR_OR_GLOB…`: import and translate many articles, with a progress bar on
stderr, a process pool locally or a LibreTranslate server, resumable after an interruption.

The ``translate`` command (reader/cli/models_cmds.py) calls :func:`add_batch_arguments` on its parser and
hands over to :func:`run_batch` when ``--batch`` is given. :func:`register` adds no command of its own.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time

from reader.cli.common import open_library


def register(sub: argparse._SubParsersAction) -> None:
    """Nothing extra to register: batch mode is ``translate --batch`` (see add_batch_arguments)."""


def add_batch_arguments(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("batch mode (many articles)")
    g.add_argument("--batch", nargs="+", metavar="DIR_OR_GLOB",
                   help="import and translate every .txt/.html/.docx article in these folders, globs or files; "
                        "run it again after an interruption to resume")
    g.add_argument("--workers", type=int, default=0, metavar="N",
                   help="articles translated at once (default: one per CPU core locally, 4 with a server)")
    g.add_argument("--threads", type=int, default=0, metavar="N",
                   help="CPU threads per local worker (default: cores / workers)")
    g.add_argument("--backend", choices=["local", "libretranslate"],
                   help="translate on this computer or on a LibreTranslate server (default: the app's setting)")
    g.add_argument("--server", metavar="URL", help="LibreTranslate server address (default: the app's setting)")
    g.add_argument("--api-key", metavar="KEY", help="LibreTranslate API key (default: the app's setting)")
    g.add_argument("--import-only", action="store_true", help="import the articles without translating them")


class _Bar:
    """Article progress on stderr: one updating line on a terminal, a line per article otherwise."""

    def __init__(self, total: int, stream: object = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.perf_counter()
        self.failed = 0
        self.translated = 0

    def _print(self, text: str, end: str = "\n") -> None:
        print(text, end=end, file=self.stream, flush=True)  # type: ignore[call-overload]

    def __call__(self, outcome: object, done: int, total: int) -> None:
        state = getattr(outcome, "state", "")
        name = str(getattr(outcome, "path", "")).rsplit("/", 1)[-1]
        if state == "failed":
            self.failed += 1
            if self.tty:
                self._print("\r\033[K", end="")
            self._print(f"failed: {name}: {getattr(outcome, 'message', '')}")
        if state == "translated":
            self.translated += 1
        elapsed = time.perf_counter() - self.started
        rate = self.translated / elapsed * 60 if elapsed > 0 else 0.0
        eta = (total - done) / (done / elapsed) if done and elapsed > 0 else 0.0
        width = 24
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "." * (width - filled)
        line = f"[{bar}] {done}/{total} articles · {rate:.1f} translated/min · ETA {_duration(eta)}"
        if self.failed:
            line += f" · {self.failed} failed"
        if self.tty:
            self._print("\r\033[K" + line + f" · {name[:40]}", end="")
        elif state != "failed":
            self._print(f"{line} · {state}: {name}")

    def end(self) -> None:
        if self.tty:
            self._print("")


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


def run_batch(args: argparse.Namespace) -> int:
    """Handler of ``translate --batch``. Exit code: 0 all done, 1 some failed, 130 interrupted."""
    from reader.app.batch import BatchError, BatchOptions, collect_inputs
    from reader.app.batch import run_batch as run
    from reader.cli.errors import UserError
    from reader.settings import Settings

    if getattr(args, "model", None):
        raise UserError("--model cannot be combined with --batch; install or register the model instead")
    for name in ("workers", "threads"):
        if (getattr(args, name, 0) or 0) < 0:
            raise UserError(f"--{name} must be 0 (automatic) or more")
    saved = Settings.load()
    backend = getattr(args, "backend", None) or saved.backend or "local"
    url = getattr(args, "server", None) or saved.libretranslate_url
    if getattr(args, "server", None) and not getattr(args, "backend", None):
        backend = "libretranslate"
    if backend == "libretranslate" and not url:
        raise UserError("the libretranslate backend needs a server address: --server URL (or set it in Preferences)")
    options = BatchOptions(
        backend=backend, workers=getattr(args, "workers", 0) or 0, threads=getattr(args, "threads", 0) or 0,
        preset=getattr(args, "preset", None), url=url or "",
        api_key=getattr(args, "api_key", None) or saved.libretranslate_key,
        refresh=bool(getattr(args, "refresh", False)), translate=not getattr(args, "import_only", False),
    )
    try:
        paths = collect_inputs(args.batch)
    except BatchError as exc:
        raise UserError(str(exc)) from None
    if options.backend == "libretranslate" and options.translate:
        from reader.core.translate.remote import RemoteError, probe_languages

        try:
            probe_languages(options.url, options.api_key)  # fail fast, before importing anything
        except RemoteError as exc:
            raise UserError(str(exc)) from None
    open_library()
    how = (f"{options.resolved_workers()} workers × {options.resolved_threads()} threads"
           if options.backend == "local" else f"server {options.url}, {options.resolved_workers()} at a time")
    print(f"Batch: {len(paths)} files, {how if options.translate else 'import only'}", file=sys.stderr)
    bar = _Bar(len(paths))
    cancel = threading.Event()
    try:
        report = run(paths, options, on_outcome=bar, cancel=cancel)
    except BatchError as exc:
        raise UserError(str(exc)) from None
    finally:
        bar.end()
    print(report.summary())
    if report.interrupted:
        print("Interrupted: run the same command again to resume (finished work is kept).", file=sys.stderr)
        return 130
    return 1 if report.failed else 0
