"""Save PNG screenshots of the real main window (Qt offscreen) — for the README and for looking at the UI as a
user would.

    .venv/bin/python bench/screenshots.py [OUT_DIR]      (default docs/screenshots)

1. The bundled sample articles (our own text), with English typed in through the app's own *Edit translation*
   path (repo.set_manual_translation; the rows show ✎): no real translation model can be downloaded in the
   build environment, and the synthetic test models produce gibberish. Entities come from the shipped NER models
   and are projected onto that English. Light and dark, Persian and Arabic, one sentence pair highlighted.
2. A library of several articles: the samples plus three short Persian articles we wrote, served as an RSS feed
   by a local http.server on 127.0.0.1 and subscribed to through the feeds panel; English headlines typed in
   (stored like an edited translation), tags and read state set; then the library window, the feeds panel, the
   Models dialog (the catalogue), the Glossary dialog, and page 1 of an exported PDF whose note carries an emoji
   and symbols (pdftoppm).
3. A seed article translated live by the synthetic test model (random weights: the English is gibberish by
   design), to show streaming, quality flags and source-side entities on real news text.
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
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

# English headlines for the sample articles (typed, stored like an edited translation).
HEADLINES = {
    "fa-isfahan-metro.txt": "Isfahan Metro Line 2 to open by the end of the year",
    "ar-nile-water.txt": "Egypt and Sudan discuss managing the Nile's water in the dry season",
}

# Three short Persian news items written for these pictures (invented events), served as an RSS feed.
FEED_TITLE = "خبرنامه شهری نمونه"
FEED_ITEMS = [
    ("کتابخانه مرکزی شیراز پس از نوسازی بازگشایی شد", "Mon, 17 Nov 2025 08:30:00 +0330", [
        "کتابخانه مرکزی شیراز روز یکشنبه پس از دو سال نوسازی دوباره به روی مردم باز شد.",
        "به گفته مدیر کتابخانه، ظرفیت سالن مطالعه به ۴۰۰ نفر رسیده و بخش ویژه کودکان نیز راه‌اندازی شده است.",
        "ساعت کار کتابخانه در روزهای تعطیل هم تا ساعت ۲۰ ادامه خواهد داشت.",
    ], "Shiraz Central Library reopens after renovation"),
    ("نمایشگاه صنایع دستی در تبریز برپا می‌شود", "Wed, 19 Nov 2025 10:00:00 +0330", [
        "نمایشگاه صنایع دستی استان آذربایجان شرقی از هفته آینده در تبریز برپا می‌شود.",
        "دبیر نمایشگاه گفت که بیش از ۱۲۰ هنرمند از تبریز، اصفهان و شیراز با فرش، سفال و رودوزی در این "
        "نمایشگاه شرکت می‌کنند.",
        "بازدید از نمایشگاه برای عموم رایگان است.",
    ], "Handicrafts fair to open in Tabriz"),
    ("بارش‌ها در خراسان رضوی ۳۸ درصد کاهش یافت", "Fri, 21 Nov 2025 09:15:00 +0330", [
        "مدیرکل هواشناسی خراسان رضوی اعلام کرد که بارش‌های پاییزی در استان نسبت به سال گذشته ۳۸ درصد کمتر بوده است.",
        "او از کشاورزان خواست در آبیاری مزرعه‌ها صرفه‌جویی کنند.",
        "پیش‌بینی می‌شود در هفته آینده بارش‌های پراکنده در شمال استان رخ دهد.",
    ], "Rainfall in Razavi Khorasan down 38 percent"),
]

# Glossary terms for the Glossary dialog (our own choices).
TERMS = [
    ("مترو", "metro", "fa", ""),
    ("شورای شهر", "City Council", "fa", "not 'city council' in headlines"),
    ("قطار شهری", "urban railway", "fa", ""),
    ("حوضة النيل", "Nile Basin", "ar", ""),
    ("منظمة الأغذية والزراعة", "FAO", "ar", "the UN agency's short name"),
]

# A note with an emoji and symbols, to show that the PDF renders them.
NOTE = "📌 ۱۸ km → check against the 2024 plan ✓"


def _feed_files(base: str) -> dict[str, tuple[str, bytes]]:
    """The feed (RSS 2.0 with summaries only) and one HTML page per item: path → (content type, body)."""
    files: dict[str, tuple[str, bytes]] = {}
    items = []
    for i, (title, date, paragraphs, _en) in enumerate(FEED_ITEMS, 1):
        link = f"{base}/news/{i}.html"
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        page = (f'<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>'
                f'<meta property="og:title" content="{title}"></head><body><header><a href="/">{FEED_TITLE}</a>'
                f"</header><article><h1>{title}</h1>{body}</article><footer>© {FEED_TITLE}</footer></body></html>")
        files[f"/news/{i}.html"] = ("text/html; charset=utf-8", page.encode())
        items.append(f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
                     f"<pubDate>{date}</pubDate><description>{paragraphs[0][:60]}…</description></item>")
    rss = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{FEED_TITLE}</title>'
           f"<link>{base}/</link><description>{FEED_TITLE}</description>{''.join(items)}</channel></rss>")
    files["/feed.xml"] = ("application/rss+xml; charset=utf-8", rss.encode())
    return files


def serve_feed() -> tuple[http.server.ThreadingHTTPServer, str]:
    """A local server on 127.0.0.1 with our own feed and pages (nothing from real sites)."""
    files: dict[str, tuple[str, bytes]] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            found = files.get(self.path.split("?")[0])
            if found is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", found[0])
            self.send_header("Content-Length", str(len(found[1])))
            self.end_headers()
            self.wfile.write(found[1])

        def log_message(self, *_args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    files.update(_feed_files(base))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base


def grab_dialog(app, dlg, path: Path, ready=lambda: True) -> None:
    dlg.show()
    wait_for(app, ready, 30)
    pump(app, 0.4)
    dlg.grab().save(str(path))
    print(f"saved {path}")
    dlg.close()


def library_and_dialogs(app, win, out: Path, opened: dict[str, int]) -> None:
    """Section 2 of the module doc."""
    from reader.app import glossary
    from reader.core.types import TranslationResult
    from reader.store import annotations, library, repo
    from reader.ui.dialogs.glossary import GlossaryDialog
    from reader.ui.dialogs.models import ModelsDialog

    server, base = serve_feed()
    try:
        win.feeds.add(f"{base}/feed.xml")
        wait_for(app, lambda: bool(win.feeds_panel.rows) and not win.feeds.refreshing
                 and win.library.list.count() >= 2 + len(FEED_ITEMS), 90)
    finally:
        server.shutdown()
    english = {title: en for title, _d, _p, en in FEED_ITEMS}
    for r in library.rows():
        en = english.get(r.title)
        if en:
            win.open_article(r.id)  # tags its entities (for the entity page)
            wait_for(app, lambda: not win.translator.entity_jobs and not win.translator.running, 60)
            repo.save_headline(r.id, TranslationResult(-1, r.title, en, model=repo.MANUAL_MODEL))
            library.add_tag([r.id], "culture" if "کتابخانه" in r.title or "صنایع" in r.title else "climate")
    fa, ar = opened["fa"], opened["ar"]
    feed_ids = [r.id for r in library.rows() if r.title in english]
    library.mark_read(feed_ids[:2], read=False)  # opened above for tagging; two stay unread
    win.feeds.reload()
    library.add_tag([fa], "transport")
    library.add_tag([ar], "climate")
    library.mark_read([ar])
    for term in TERMS:
        glossary.add_term(*term)
    annotations.create(fa, 1, "target", 22, 39, color="#ffe066", note=NOTE, tags=["check"])
    win.hub.articles_changed.emit()
    win.library.reload_choices()
    win.open_article(fa)
    wait_for(app, lambda: not win.translator.entity_jobs and not win.translator.running, 60)
    item = win.feeds_panel.tree.topLevelItem(0)
    if item is not None:
        item.setExpanded(True)
    win.view.select(1)
    win.view.scroll.verticalScrollBar().setValue(0)
    win.view.message_bar.hide()
    pump(app, 0.6)
    for name, widget in (("library-light.png", win), ("library-feeds-light.png", win.library_column)):
        widget.grab().save(str(out / name))
        print(f"saved {out / name}")

    models = ModelsDialog(win, win.hub, win.tasks)
    wait_for(app, lambda: models.loaded, 30)
    models.tabs.setCurrentIndex(1)  # Arabic: Argos, OPUS-MT and NLLB side by side
    grab_dialog(app, models, out / "models-dialog-light.png")
    dlg = GlossaryDialog(win, "fa")
    grab_dialog(app, dlg, out / "glossary-light.png")

    export_pdf(fa, out / "export-pdf.png")


def export_pdf(article_id: int, png: Path) -> None:
    """Page 1 of the article's bilingual PDF (columns), rendered by pdftoppm."""
    from reader.app.exporting import export_articles

    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (apt-get install poppler-utils): export-pdf.png not made")
        return
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "article.pdf"
        export_articles([article_id], pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(png.with_suffix(""))], check=True)
    print(f"saved {png}")


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

    def set_theme(theme: str) -> None:
        win.colors = style.apply_theme(QApplication.instance(), theme)
        win.entities.set_colors(win.colors)
        win.view.set_colors(win.colors)

    def shoot(name: str, select: int, themes=("light", "dark")) -> None:
        for theme in themes:
            set_theme(theme)
            win.view.select(select)
            win.view.scroll.verticalScrollBar().setValue(0)
            win.view.message_bar.hide()
            pump(app, 0.4)
            path = out / f"{name}-{theme}.png"
            win.grab().save(str(path))
            print(f"saved {path}")

    from reader.core.types import TranslationResult

    opened: dict[str, int] = {}
    for sample in resources.samples():
        english = ENGLISH.get(sample.name)
        if not english:
            continue
        art = import_file(sample)
        for i, text in enumerate(english):
            repo.set_manual_translation(art.id, i, text)
        repo.save_headline(art.id, TranslationResult(-1, art.title, HEADLINES[sample.name], model=repo.MANUAL_MODEL))
        win.hub.articles_changed.emit()
        win.open_article(art.id)
        wait_for(app, lambda: not win.translator.entity_jobs and not win.translator.running, 60)
        pump(app, 0.3)
        lang = "fa" if sample.name.startswith("fa") else "ar"
        opened[lang] = art.id
        shoot(f"reader-{lang}", 2)

    set_theme("light")  # the pictures below are all light
    library_and_dialogs(app, win, out, opened)
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
