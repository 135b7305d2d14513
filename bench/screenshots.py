"""Save PNG screenshots of the real main window (Qt offscreen) for a Persian and an Arabic seed article,
light and dark, with a highlighted sentence pair — for the README and for looking at the UI as a user would.

    .venv/bin/python bench/screenshots.py [OUT_DIR]      (default docs/screenshots)

Translations come from the synthetic test model (random weights: the English is gibberish by design) unless
real models are installed in TARJOMAN_HOME; entities come from the shipped NER models.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT.parent / "shared" / "seeds"
CASES = [("fa", "000_9ee1ff957d322c9b.txt", 1), ("ar", "004_b09f3549861d5e63.txt", 1)]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    if not SEEDS.is_dir():
        sys.exit(f"seed articles not found at {SEEDS}")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("TARJOMAN_HOME", tempfile.mkdtemp(prefix="tarjoman-shots-"))
    from reader.settings import Settings

    s = Settings()
    s.first_run_done = True
    s.save()
    from tests.support.testmodels import install_test_model

    for lang, _, _ in CASES:
        install_test_model(lang, "en")
    from PySide6.QtWidgets import QApplication

    from reader.ui import style
    from reader.ui.app import create_window

    app, win = create_window([], restore=False)
    win.resize(1500, 900)
    win.show()
    from reader.store.importing import import_file

    for lang, name, select in CASES:
        art = import_file(SEEDS / name)
        win.hub.articles_changed.emit()
        finished = {"ok": False}
        win.hub.translation_finished.connect(lambda _a, _s, f=finished: f.update(ok=True))
        win.open_article(art.id)
        deadline = time.time() + 120
        while not finished["ok"] and time.time() < deadline:
            app.processEvents()
            time.sleep(0.01)
        deadline = time.time() + 60
        while win.translator.entity_jobs and time.time() < deadline:
            app.processEvents()
            time.sleep(0.01)
        for theme in ("light", "dark"):
            win.colors = style.apply_theme(QApplication.instance(), theme)
            win.entities.set_colors(win.colors)
            win.view.set_colors(win.colors)
            win.view.select(select)
            win.view.scroll.verticalScrollBar().setValue(0)
            win.view.message_bar.hide()
            for _ in range(20):
                app.processEvents()
                time.sleep(0.02)
            path = out / f"reader-{lang}-{theme}.png"
            win.grab().save(str(path))
            print(f"saved {path}")
    win.close()


if __name__ == "__main__":
    main()
