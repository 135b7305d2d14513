"""Conventions for long-running work.

A job is a plain function taking ``cancel: threading.Event`` and ``progress(done, total)``; it never touches
widgets and returns immutable results. The UI's task runner runs jobs off the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """Raised inside a job when its cancel event is set."""


def no_progress(done: int, total: int) -> None:  # noqa: ARG001
    """Progress callback that ignores its arguments."""


def check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()
