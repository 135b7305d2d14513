"""Save PNG screenshots of the real main window (Qt offscreen) — for the README and for looking at the UI as a
user would.

    .venv/bin/python bench/screenshots.py [OUT_DIR]      (default docs/screenshots)

1. The bundled sample articles (our own text), with English typed in through the app's own *Edit translation*
   path (repo.set_manual_translation; the rows show ✎): no real translation model can be downloaded in the
   build environment, and the synthetic test models produce gibberish. Entities come from the shipped NER models
   and are projected onto that English. Light and dark, Persian and Arabic, one sentence pair highlighted.
2. A seed article translated live by the synthetic test model (random weights: the English is gibberish by
   design), to show streaming, quality flags and source-side entities on real news text.
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

# Our English for our sample articles (resources/samples), sentence by sentence.
ENGLISH = {
    "fa-isfahan-metro.txt": [
        "On a visit to the Line 2 construction site on Saturday, the mayor of Isfahan said that drilling of the "
        "main tunnel has been completed and track laying will begin next month.",
        "According to him, the 18-kilometre line runs from the east to the west of the city and will have "
        "17 stations.",
        "The managing director of the Isfahan Urban Railway Organization also announced that the first section "
        "of the line, with seven stations, will open to passengers by the end of the year.",
        "Transport experts say that opening the line could cut traffic in the city's central streets by up to "
        "20 percent.",
        "Meanwhile, some residents of the southern neighbourhoods have complained about the noise of the "
        "drilling machines working at night.",
        "The Isfahan City Council is due to decide next week on the permitted working hours at the sites.",
        "The Ministry of Interior had earlier said it would cover part of the project's costs from the national "
        "budget.",
        "Will the line be ready on time?",
        "City officials say the schedule is still achievable.",
    ],
    "ar-nile-water.txt": [
        "The irrigation ministers of Egypt and Sudan met in Cairo on Sunday to discuss plans for managing the "
        "waters of the Nile over the coming months.",
        "The Egyptian minister said the two countries had agreed to exchange water-level data daily, noting "
        "that this year's dry season may be longer than usual.",
        "He added that technical cooperation between Khartoum and Cairo is \"an indispensable necessity\" to "
        "protect millions of farmers on both banks of the river.",
        "For his part, the Sudanese minister confirmed that his country will take part in a joint technical "
        "committee meeting every two months.",
        "The talks come after the United Nations Food and Agriculture Organization warned that wheat "
        "production in the region could fall by 12% if water levels keep dropping.",
        "The African Union called on all Nile Basin countries to hold talks and reach a binding agreement.",
        "Will the new committee succeed in easing the effects of the drought?",
        "Experts believe the results will show over the coming summer.",
    ],
}


def pump(app, seconds: float) -> None:
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        time.sleep(0.01)


def wait_for(app, cond, timeout: float) -> None:
    end = time.time() + timeout
    while not cond() and time.time() < end:
        app.processEvents()
        time.sleep(0.01)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("TARJOMAN_HOME", tempfile.mkdtemp(prefix="tarjoman-shots-"))
    from reader.settings import Settings

    s = Settings()
    s.first_run_done = True
    s.save()
    from PySide6.QtWidgets import QApplication

    from reader import resources
    from reader.app.importing import import_file
    from reader.store import repo
    from reader.ui import style
    from reader.ui.app import create_window

    app, win = create_window([], restore=False)
    win.resize(1500, 900)
    win.show()

    def shoot(name: str, select: int, themes=("light", "dark")) -> None:
        for theme in themes:
            win.colors = style.apply_theme(QApplication.instance(), theme)
            win.entities.set_colors(win.colors)
            win.view.set_colors(win.colors)
            win.view.select(select)
            win.view.scroll.verticalScrollBar().setValue(0)
            win.view.message_bar.hide()
            pump(app, 0.4)
            path = out / f"{name}-{theme}.png"
            win.grab().save(str(path))
            print(f"saved {path}")

    for sample in resources.samples():
        english = ENGLISH.get(sample.name)
        if not english:
            continue
        art = import_file(sample)
        for i, text in enumerate(english):
            repo.set_manual_translation(art.id, i, text)
        win.hub.articles_changed.emit()
        win.open_article(art.id)
        wait_for(app, lambda: not win.translator.entity_jobs and not win.translator.running, 60)
        pump(app, 0.3)
        lang = "fa" if sample.name.startswith("fa") else "ar"
        shoot(f"reader-{lang}", 2)

    if win.article and win.article.entities:  # the entity page of the open article's most mentioned entity
        from collections import Counter

        top = Counter(e.canonical for e in win.article.entities).most_common(1)[0][0]
        win.hub.entity_page_requested.emit(top)
        pump(app, 0.5)
        for w in QApplication.topLevelWidgets():
            if type(w).__name__ == "EntityPageDialog" and w.isVisible():
                w.grab().save(str(out / "entity-page-light.png"))
                print(f"saved {out / 'entity-page-light.png'}")
                w.close()

    if SEEDS.is_dir():
        from tests.support.testmodels import install_test_model

        install_test_model("ar", "en")
        art = import_file(SEEDS / "004_b09f3549861d5e63.txt")
        win.hub.articles_changed.emit()
        done = {"ok": False}
        win.hub.translation_finished.connect(lambda _a, _s: done.update(ok=True))
        win.open_article(art.id)
        wait_for(app, lambda: done["ok"], 120)
        wait_for(app, lambda: not win.translator.entity_jobs, 60)
        shoot("reader-seed-testmodel", 0, themes=("light",))
    win.close()


if __name__ == "__main__":
    main()
