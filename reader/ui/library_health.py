"""The library's health in the window: the same one-line sentences as the CLI, in the message bar, with the
actions that answer them (Recover…, Start empty…, Restore a backup…, Retry), and the File ▸ Library menu.

Every message the hub carries passes through :meth:`LibraryHealth.show`, which adds those actions when the
text is a library fault (damaged, locked) and no actions came with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from reader.app import maintenance
from reader.store.faults import STATE


class LibraryHealth:
    """*window* has ``view.message_bar``; *refresh* reloads the library panel after the library changes."""

    def __init__(self, window: QWidget, show_message: Callable[..., None], refresh: Callable[[], None]) -> None:
        self.window = window
        self._show = show_message
        self.refresh = refresh

    # ----- messages -------------------------------------------------------------------------------------
    def actions_for(self, text: str) -> list[tuple[str, Callable[[], None]]]:
        if STATE.damaged or "tarjoman library recover" in text:
            return [("Recover…", self.recover), ("Start empty…", self.start_fresh), ("Backups…", self.restore)]
        if "locked by another program" in text:
            return [("Retry", self.reopen)]
        return []

    def show(self, level: str, text: str, actions: Any = None) -> None:
        self._show(level, text, list(actions or []) or self.actions_for(text))

    def report(self, exc: BaseException, prefix: str = "") -> None:
        """Show *exc* as its one sentence (a library fault's own sentence, never an exception name)."""
        self.show("error", prefix + maintenance.describe(exc))

    def after_open(self, result: maintenance.OpenResult) -> None:
        if result.kind == "ok":
            return
        if result.kind == "read-only":
            self.show("warning", f"Opened read-only: {result.message}")
        else:
            self.show("error", result.message)

    # ----- actions --------------------------------------------------------------------------------------
    def _done(self, text: str) -> None:
        self.refresh()
        self.show("info", text)

    def reopen(self) -> None:
        result = maintenance.open_library_or_reason()
        self.refresh()
        if result.kind == "ok":
            self.show("info", "The library is open again.")
        else:
            self.after_open(result)

    def check(self) -> None:
        try:
            problems = maintenance.check()
        except Exception as exc:  # cannot even open it: its one sentence
            self.report(exc)
            return
        if problems:
            STATE.damaged = STATE.damaged or problems[0]
            self.show("error", f"The library is damaged ({problems[0][:120]}).")
        else:
            self.show("info", "The library is healthy (integrity check passed).")

    def recover(self) -> None:
        try:
            report = maintenance.recover()
        except Exception as exc:
            self.report(exc, "Recovery failed: ")
            return
        self._done(report.summary())

    def start_fresh(self) -> None:
        answer = QMessageBox.question(
            self.window, "Start an empty library",
            "Start an empty library? The current files are kept in the backups folder beside the library.")
        if answer != QMessageBox.Yes:
            return
        try:
            report = maintenance.recover(start_fresh=True)
        except Exception as exc:
            self.report(exc)
            return
        self._done(report.summary())

    def restore(self) -> None:
        found = maintenance.list_backups()
        if not found:
            self.show("info", "There are no backups yet (one is made every day and before each upgrade).")
            return
        names = [f"{b.created:%Y-%m-%d %H:%M} · {b.reason} · {b.path.name}" for b in found]
        choice, ok = QInputDialog.getItem(self.window, "Restore a backup",
                                          "Replace the library with this backup (the current one is kept first):",
                                          names, 0, False)
        if not ok:
            return
        backup = found[names.index(choice)].path
        try:
            kept = maintenance.restore(backup)
        except Exception as exc:
            self.report(exc)
            return
        self._done(f"Restored the library from {backup.name}" + (f"; the previous one is kept at {kept}."
                                                                  if kept else "."))
