"""Start the desktop app: QApplication, fonts, theme, library database, main window."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

_T0 = time.perf_counter()


def process_age() -> float:
    """Seconds since this process started (Linux: from /proc; elsewhere: since this module was imported)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _T0


def create_window(files: list[str] | None = None, *, restore: bool = True):
    """Build (but do not exec) the app and main window; returns (app, window). Used by main() and tests."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from reader import APP_ID, APP_NAME, resources
    from reader.app.maintenance import open_library_or_reason
    from reader.config import ConfigError
    from reader.settings import Settings
    from reader.ui import style
    from reader.ui.hub import hub
    from reader.ui.mainwindow import MainWindow

    QCoreApplication.setAttribute(Qt.AA_ShareOpenGLContexts, True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    icon = resources.root() / "icons" / "tarjoman.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    style.register_fonts()
    try:
        settings = Settings.load()
    except ConfigError:  # the data folder is unusable: open_library_or_reason says why, in the window
        settings = Settings()
    colors = style.apply_theme(app, settings.theme)
    # A damaged, locked or unusable library is never replaced behind the user's back: the window opens on an
    # empty in-memory placeholder and the message bar offers Recover… / Start empty… / Retry.
    opened = open_library_or_reason()
    first_run = not settings.first_run_done and opened.kind == "ok"
    if opened.kind == "ok":
        from reader.app.dates import backfill_published

        backfill_published()
    window = MainWindow(hub(), settings, colors)
    window.health.after_open(opened)
    if files:
        window.import_files([Path(f) for f in files])
    elif restore:
        window.restore_last_article()
    if first_run:
        window.show_welcome()
        window.import_samples()
    return app, window


def warm_up() -> None:
    """Once the window is up: start the helper process that loads the text normalisers and the entity models
    (reader.app.worker — they never load in this process), and import the translation engine here on a
    background thread (CTranslate2 and SentencePiece load as native libraries in a few short steps)."""
    import threading

    def run() -> None:
        from reader.app.worker import worker  # imports multiprocessing: here, not on the GUI thread

        worker().start_warm_up()
        for name in ("ctranslate2", "sentencepiece", "reader.core.translate.engine"):
            try:
                __import__(name)
            except Exception:  # a missing optional piece shows up later with a proper message
                pass

    threading.Thread(target=run, name="warm-up", daemon=True).start()


def _stop_helper() -> None:
    if "reader.app.worker" in sys.modules:
        sys.modules["reader.app.worker"].worker().shutdown()


def main(files: list[str] | None = None) -> int:
    from reader.ui.platform_check import problem

    trouble = problem()
    if trouble:
        print(trouble, file=sys.stderr)
        return 1
    app, window = create_window(files or [])
    window.show()
    from PySide6.QtCore import QTimer

    QTimer.singleShot(800, warm_up)
    app.aboutToQuit.connect(_stop_helper)
    if os.environ.get("TARJOMAN_STARTUP_TIMING"):
        from PySide6.QtCore import QTimer

        def report() -> None:
            print(f"window shown after {process_age():.3f} s", flush=True)
            if os.environ.get("TARJOMAN_STARTUP_TIMING") == "exit":
                app.quit()

        QTimer.singleShot(0, report)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
