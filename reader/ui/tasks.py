"""The one task runner: runs core jobs on worker threads and marshals their reports to the GUI thread.

A job is ``fn(*args, cancel=Event, progress=callable, emit=callable, **kwargs)``; it never touches widgets.
``emit(obj)`` sends an intermediate result (e.g. one translated sentence) to ``on_result`` on the GUI thread.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from reader.core.jobs import Cancelled
from reader.store.db import close_thread_connection


@dataclass
class Task:
    name: str
    cancel: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    on_result: Callable[[Any], None] | None = None
    on_progress: Callable[[int, int], None] | None = None
    on_done: Callable[[Any], None] | None = None
    on_error: Callable[[str], None] | None = None
    on_cancel: Callable[[], None] | None = None
    finished: bool = False

    def request_cancel(self) -> None:
        self.cancel.set()

    def wait(self, timeout: float | None = None) -> bool:
        if self.thread is not None:
            self.thread.join(timeout)
            return not self.thread.is_alive()
        return True


class _Bridge(QObject):
    """Lives on the GUI thread; signals emitted from workers are queued here."""

    result = Signal(object, object)
    progress = Signal(object, int, int)
    done = Signal(object, object)
    error = Signal(object, str)
    cancelled = Signal(object)


class TaskRunner(QObject):
    """Starts jobs on daemon threads; all callbacks run on the GUI thread."""

    task_started = Signal(str)
    task_ended = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bridge = _Bridge(self)
        self._bridge.result.connect(self._on_result)
        self._bridge.progress.connect(self._on_progress)
        self._bridge.done.connect(self._on_done)
        self._bridge.error.connect(self._on_error)
        self._bridge.cancelled.connect(self._on_cancelled)
        self.tasks: list[Task] = []

    def start(
        self,
        name: str,
        fn: Callable[..., Any],
        *args: Any,
        on_result: Callable[[Any], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        **kwargs: Any,
    ) -> Task:
        task = Task(name, on_result=on_result, on_progress=on_progress, on_done=on_done,
                    on_error=on_error, on_cancel=on_cancel)
        bridge = self._bridge

        def run() -> None:
            _lower_priority()
            report: Callable[[], None]
            try:
                value = fn(
                    *args,
                    cancel=task.cancel,
                    progress=lambda d, t: bridge.progress.emit(task, int(d), int(t)),
                    emit=lambda obj: bridge.result.emit(task, obj),
                    **kwargs,
                )
            except Cancelled:
                report = lambda: bridge.cancelled.emit(task)  # noqa: E731
            except Exception as exc:  # reported to the GUI as one line
                traceback.print_exc()
                message = _one_line(exc)
                report = lambda: bridge.error.emit(task, message)  # noqa: E731
            else:
                if task.cancel.is_set():
                    report = lambda: bridge.cancelled.emit(task)  # noqa: E731
                else:
                    report = lambda: bridge.done.emit(task, value)  # noqa: E731
            try:
                close_thread_connection()  # the job's own library connection (opened on this thread)
            except Exception:  # a connection that will not close must not keep the task from ending
                traceback.print_exc()
            report()

        task.thread = threading.Thread(target=run, name=f"task:{name}", daemon=True)
        self.tasks.append(task)
        self.task_started.emit(name)
        task.thread.start()
        return task

    def cancel_all(self, wait: float = 0.0) -> None:
        for t in list(self.tasks):
            t.request_cancel()
        if wait:
            for t in list(self.tasks):
                t.wait(wait)

    def _finish(self, task: Task) -> None:
        task.finished = True
        if task in self.tasks:
            self.tasks.remove(task)
        self.task_ended.emit(task.name)

    @Slot(object, object)
    def _on_result(self, task: Task, obj: Any) -> None:
        if task.on_result:
            task.on_result(obj)

    @Slot(object, int, int)
    def _on_progress(self, task: Task, done: int, total: int) -> None:
        if task.on_progress:
            task.on_progress(done, total)

    @Slot(object, object)
    def _on_done(self, task: Task, value: Any) -> None:
        self._finish(task)
        if task.on_done:
            task.on_done(value)

    @Slot(object, str)
    def _on_error(self, task: Task, message: str) -> None:
        self._finish(task)
        if task.on_error:
            task.on_error(message)

    @Slot(object)
    def _on_cancelled(self, task: Task) -> None:
        self._finish(task)
        if task.on_cancel:
            task.on_cancel()


def _lower_priority() -> None:
    """Run background work below the GUI thread's priority (Linux: per-thread nice; threads the job starts,
    such as CTranslate2's decoders, inherit it). On a 2-core laptop two busy decoders otherwise starve the GUI
    thread of CPU and the window stutters while translations stream in."""
    import os

    setprio = getattr(os, "setpriority", None)
    if setprio is None or not hasattr(threading, "get_native_id"):
        return
    try:
        setprio(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except OSError:
        pass


def _one_line(exc: BaseException) -> str:
    from reader.app.maintenance import describe

    return describe(exc)  # a library fault (disk full, damaged, locked…) as its sentence
