"""A library of 0 / 500 / 10,000 articles: list, search, CLI, startup, memory, stalls, database size, import.

    .venv/bin/python bench/bench_library.py [--sizes 0,500,10000] [--model tiny|base] [--rebuild] [--seeds DIR]

The library is built from the seed articles (../shared/seeds, read at run time, never copied into the project):
the seeds go through the real text pipeline once, then each article is a recombination of 28–42 of their
sentences (drawn without repeats, same language), with an "original" that differs in letter forms, a raw input
with site chrome around it, a Jalali / Gregorian / Hijri printed date, a made-up site, and English for one
article in ten. Built libraries are kept under $TMPDIR/tarjoman-bench-library/ (delete or --rebuild).

Rows (targets from issue 15):
- window shown from process start (``python -m reader``, TARJOMAN_STARTUP_TIMING=exit)       ≤ 1.0 s
- library list: store query, and the panel refresh (query + model + paint)                  ≤ 50 ms
- search as typed in the GUI: from the keystroke to the filtered list painted (incl. debounce) ≤ 100 ms
- `tarjoman list` (a fresh process, output to /dev/null)                                      ≤ 0.3 s
- longest GUI stall while translating a 30-sentence article (test model; store writes on the GUI thread) ≤ 50 ms
- longest GUI stall during warm-up (0.8 s after the window is shown, as the app does)        ≤ 50 ms
- GUI RSS 6 s after the window opened on the library (warm-up included)                      ≤ 450 MB
- database size ÷ UTF-8 size of the articles' normalised text                                ≤ 3×
- `--import-only`: ms per file, 20 files imported into the library of that size (manifest pre-filled) flat
Runs against older code too (falls back to the APIs it has), so before/after can be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
JALALI = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
GREG_AR = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
           "ديسمبر"]
HIJRI = ["محرم", "صفر", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"]
SITES = ["https://www.khabar-nameh.example/news/", "https://akhbar-alyawm.example/article/",
         "https://www.ruznameh.example/fa/", "https://sahifa.example/ar/"]
ENGLISH = ("the minister said that talks would continue next week while officials in the capital denied any "
           "agreement on prices budget reform and the new plan for the region").split()
FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def seeds_dir(arg: str | None) -> Path:
    for cand in (arg, os.environ.get("TARJOMAN_SEEDS"), ROOT.parent / "shared" / "seeds",
                 ROOT.parent.parent / "shared" / "seeds"):
        if cand and Path(cand).is_dir() and list(Path(cand).glob("*.txt")):
            return Path(cand)
    sys.exit("seed articles not found (../shared/seeds, or --seeds DIR / TARJOMAN_SEEDS)")


# ---- building -----------------------------------------------------------------------------------------
def sentence_pools(seeds: Path) -> dict[str, list[str]]:
    from reader.core.text.pipeline import process

    pools: dict[str, list[str]] = {"fa": [], "ar": []}
    for path in sorted(seeds.glob("*.txt")):
        p = process(path.read_text(encoding="utf-8"))
        pools[p.language].extend(s.text for s in p.sentences)
    return pools


def make_article(i: int, pools: dict[str, list[str]], rng: random.Random):
    """(ProcessedText, source, raw) for article number *i*."""
    from reader.core.types import ProcessedText, SentenceSpan

    lang = "fa" if i % 2 else "ar"
    pool = pools[lang] or pools["fa"] or pools["ar"]
    picked = rng.sample(pool, min(len(pool), rng.randint(28, 42)))
    text, spans = "", []
    for k, s in enumerate(picked):
        if text:
            text += "\n\n" if k % 3 == 0 else " "
        spans.append(SentenceSpan(k, len(text), len(text) + len(s), s, k // 3))
        text += s
    original = "".join(("ي" if c == "ی" else "ك" if c == "ک" else c) if rng.random() < 0.5 else c for c in text)
    if lang == "fa":
        date = f"{rng.randint(1, 29)} {rng.choice(JALALI)} {rng.randint(1398, 1403)}".translate(FA_DIGITS)
    elif i % 4 == 0:
        date = f"{rng.randint(1, 28)} {rng.choice(HIJRI)} {rng.randint(1440, 1446)} هـ"
    else:
        date = f"{rng.randint(1, 28)} {rng.choice(GREG_AR)} {rng.randint(2019, 2025)}"
    source = f"{SITES[i % len(SITES)]}{i}"
    title = picked[0][:80]
    meta = {"title_source": "heading", "agency": "خبرگزاری نمونه" if lang == "fa" else "وكالة المثال"}
    raw = f"خانه | اخبار | ورزش\n{title}\n{date}\n{original}\nانتهای پیام\nکد خبر: {100000 + i}\n"
    return ProcessedText(lang, title, date, meta, original, text, [[len(text), len(original)]], tuple(spans)), \
        source, raw


def build_library(home: Path, n: int, pools: dict[str, list[str]]) -> dict:
    from reader.core.types import TranslationResult
    from reader.settings import Settings
    from reader.store import close_db, init_db, repo

    home.mkdir(parents=True, exist_ok=True)
    os.environ["TARJOMAN_HOME"] = str(home)
    s = Settings()
    s.first_run_done = True
    s.save(home / "settings.json")
    init_db(home / "library.sqlite3")
    try:
        from reader.app.library import describe
    except ImportError:  # older code: the store worked dates out itself, or did not
        def describe(_p, _s):  # noqa: ANN001, ANN202
            return {}
    rng = random.Random(n)
    text_bytes = 0
    t0 = time.perf_counter()
    for i in range(1, n + 1):
        p, source, raw = make_article(i, pools, rng)
        text_bytes += len(p.text.encode("utf-8"))
        art = repo.save_article(p, source=source, raw_text=raw, **describe(p, source))
        if i % 10 == 0:
            results = [TranslationResult(sp.index, sp.text, " ".join(rng.choice(ENGLISH) for _ in range(18)) + ".",
                                         (), None, "bench") for sp in p.sentences]
            repo.save_translations(art, results, backend="bench")
        if i % 1000 == 0:
            print(f"    built {i} articles ({time.perf_counter() - t0:.0f} s)", flush=True)
    try:  # what the app does in the background as it goes (newer code): merge the search index's segments
        from reader.store import search

        search.tidy_all(600)
    except (ImportError, AttributeError):
        pass
    close_db()
    info = {"articles": n, "text_bytes": text_bytes, "build_s": round(time.perf_counter() - t0, 1)}
    (home / "bench-info.json").write_text(json.dumps(info))
    return info


def library_home(n: int, rebuild: bool, pools_fn) -> tuple[Path, dict]:
    from reader.store import migrations

    base = Path(tempfile.gettempdir()) / "tarjoman-bench-library"
    home = base / f"{n}-schema{migrations.SCHEMA_VERSION}"
    info_path = home / "bench-info.json"
    if rebuild and home.exists():
        import shutil

        shutil.rmtree(home)
    if not info_path.exists():
        print(f"  building a library of {n} articles in {home} …", flush=True)
        build_library(home, n, pools_fn())
    return home, json.loads(info_path.read_text())


# ---- measuring ----------------------------------------------------------------------------------------
def db_size(home: Path) -> int:
    import sqlite3

    path = home / "library.sqlite3"
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return sum(p.stat().st_size for p in home.glob("library.sqlite3*"))


def window_shown(home: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TARJOMAN_HOME=str(home), TARJOMAN_STARTUP_TIMING="exit")
        out = subprocess.run([PY, "-m", "reader"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        line = next((ln for ln in out.stdout.splitlines() if ln.startswith("window shown after")), "")
        if not line:
            print("    window did not report:", (out.stderr or out.stdout)[-300:])
            return float("nan")
        times.append(float(line.split()[3]))
    return statistics.median(times)


def cli_list(home: Path, runs: int = 3) -> float:
    env = dict(os.environ, TARJOMAN_HOME=str(home))
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([PY, "-m", "reader", "list"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=300, check=False)
        times.append(time.perf_counter() - t0)
    return min(times)


def gui_child(home: Path, model: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TARJOMAN_HOME=str(home))
    out = subprocess.run([PY, __file__, "--child", str(home), "--model", model], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=900)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")), "")
    if not line:
        print("    GUI child failed:", (out.stderr or out.stdout)[-1500:])
        return {}
    return json.loads(line[7:])


def import_only(home: Path, n: int, pools_fn, files: int = 20) -> float:
    """ms per file for `--import-only` of *files* new articles into the library (then removed again)."""
    env = dict(os.environ, TARJOMAN_HOME=str(home))
    folder = Path(tempfile.mkdtemp(prefix="tarjoman-bench-import-"))
    rng = random.Random(12345 + n)
    pools = pools_fn()
    for k in range(files):
        p, _source, raw = make_article(10_000_000 + k, pools, rng)
        (folder / f"article-{k:03d}.txt").write_text(p.title + "\n\n" + p.original_text + "\n", encoding="utf-8")
    manifest = home / "batch-imports.json"  # as if the library had been built by batch imports
    manifest.write_text(json.dumps({"version": 1, "files": {
        f"/bench/earlier/article-{i}.txt": {"sha256": f"{i:064x}", "article_id": i} for i in range(1, n + 1)}}))
    script = (
        "import sys, time, json; from pathlib import Path\n"
        "from reader import config\nfrom reader.store import init_db, repo\n"
        "try:\n    from reader.app.batch import BatchOptions, run_batch\n"
        "except ImportError:\n    from reader.core.batch import BatchOptions, run_batch\n"
        "init_db(config.paths().database)\n"
        "paths = sorted(Path(sys.argv[1]).glob('*.txt'))\n"
        "from reader.core.text.pipeline import process; process(paths[0].read_text())  # warm the pipeline\n"
        "t = time.perf_counter(); rep = run_batch(paths, BatchOptions(translate=False))\n"
        "el = time.perf_counter() - t\n"
        "ids = [o.article_id for o in rep.outcomes if o.article_id]\n"
        "[repo.delete_article(i) for i in ids]\n"
        "print('RESULT', json.dumps({'ms': el * 1000 / len(paths), 'imported': len(ids)}))\n"
    )
    out = subprocess.run([PY, "-c", script, str(folder)], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=900)
    manifest.unlink(missing_ok=True)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")), "")
    if not line:
        print("    import child failed:", (out.stderr or out.stdout)[-800:])
        return float("nan")
    return json.loads(line[7:])["ms"]


# ---- the GUI child (a fresh process, like the app) -----------------------------------------------------
def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def child(home: Path, model: str) -> None:
    import faulthandler

    faulthandler.dump_traceback_later(int(os.environ.get("BENCH_HANG_S", "600")), exit=True)  # a hang prints where it hangs
    os.environ["TARJOMAN_HOME"] = str(home)
    result: dict = {}
    from reader.store import init_db

    init_db(home / "library.sqlite3")
    # store query behind the list (new API, else the old one)
    try:
        from reader.store import library as lib

        def query() -> int:
            return len(lib.rows())
    except ImportError:
        from reader.store import repo

        def query() -> int:
            repo.progress_by_article()
            return len(repo.list_articles())
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        query()
        times.append(time.perf_counter() - t0)
    result["list_query_ms"] = min(times) * 1000

    from PySide6.QtCore import QElapsedTimer, QTimer

    from reader.ui.app import create_window, warm_up

    app, win = create_window([], restore=False)  # an article opening is measured apart, below
    win.resize(1400, 850)
    win.show()
    clock = QElapsedTimer()
    clock.start()
    gaps: list[tuple[float, float]] = []
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now / 1e9, (now - last[0]) / 1e6))
        last[0] = now

    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(tick)
    timer.start()
    QTimer.singleShot(800, warm_up)  # as main() does

    def run_for(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.0005)

    run_for(6.0)
    result["rss_mb"] = _rss_mb()
    import threading

    def warming() -> bool:
        if any(t.name.startswith("warm-up") and t.is_alive() for t in threading.enumerate()):
            return True
        try:  # the helper process (newer code) loads the models: wait for it too
            from reader.app.worker import warm_up as helper_warm_up
            from reader.app.worker import worker

            if "helper" not in result:
                result["helper"] = True
                result["_f"] = worker()._get().submit(helper_warm_up) if worker()._get() else None
            f = result.get("_f")
            return f is not None and not f.done()
        except ImportError:
            return False

    end = time.perf_counter() + 180
    while warming() and time.perf_counter() < end:
        run_for(0.05)
    result.pop("_f", None)
    result["warmup_s"] = clock.nsecsElapsed() / 1e9 - 0.8
    result["warmup_stall_ms"] = max((g for t, g in gaps if t > 0.8), default=0.0)
    result["rss_after_warmup_mb"] = _rss_mb()
    gaps.clear()  # the noise floor: the same timer with nothing to do (a loaded machine shows up here)
    run_for(3.0)
    result["idle_stall_ms"] = max((g for _t, g in gaps), default=0.0)
    timer.stop()
    panel = win.library

    def painted() -> None:
        app.processEvents()
        panel.list.viewport().repaint()

    times, cpu = [], []
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.thread_time()
        panel.refresh()
        painted()
        times.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
    result["panel_refresh_ms"] = min(times) * 1000
    result["panel_refresh_cpu_ms"] = min(cpu) * 1000
    result["listed"] = panel.list.count()

    searches, search_cpu = {}, {}
    for q in ("است", "الرئيس", "وزیر امور خارجه", "قم", "zzzz"):
        panel.search.setText("")
        run_for(0.3)
        t0, c0 = time.perf_counter(), time.thread_time()
        panel.search.setText(q)
        timeout = time.perf_counter() + 10
        while time.perf_counter() < timeout:
            app.processEvents()
            if getattr(panel, "_debounce", None) is not None and panel._debounce.isActive():
                time.sleep(0.0005)
                continue
            break
        painted()
        searches[q] = ((time.perf_counter() - t0) * 1000, panel.list.count())
        search_cpu[q] = round((time.thread_time() - c0) * 1000, 1)
    panel.search.setText("")
    run_for(0.3)
    result["search_ms"] = {q: round(v[0], 1) for q, v in searches.items()}
    result["search_cpu_ms"] = search_cpu
    result["search_found"] = {q: v[1] for q, v in searches.items()}

    # translation: open a 28+-sentence article first (its layout is not counted), then translate it with the
    # test model while a 1 ms timer records the GUI thread's gaps
    try:
        from reader.core.translate.settings import load_settings, save_settings, with_changes
        from reader.store import repo
        from tests.support.testmodels import install_test_model

        target = next(r.id for r in panel.rows if r.done == 0 and r.total >= 28)
        win.open_article(target)
        run_for(2.0)
        engine_settings, quality = load_settings()
        save_settings(with_changes(engine_settings, max_length_ratio=1.0, max_length_offset=2), quality)
        install_test_model("ar", "en", size=model)
        install_test_model("fa", "en", size=model)
        win.hub.models_changed.emit()
        run_for(1.0)
        done = {"t": None}
        win.hub.translation_finished.connect(lambda _a, status: done.update(t=time.perf_counter(), status=status))
        gaps.clear()
        last[0] = clock.nsecsElapsed()
        timer.start()
        t_start = time.perf_counter()
        win.translate_current()
        end = time.perf_counter() + 300
        while done["t"] is None and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.0005)
        timer.stop()
        result["translate_s"] = time.perf_counter() - t_start
        result["translate_stall_ms"] = max((g for _t, g in gaps), default=0.0)
        result["translate_save_ms"] = getattr(win.translator, "longest_save_ms", float("nan"))
        result["translate_status"] = str(done.get("status"))
        result["translated"] = repo.translation_progress(target)
    except Exception as exc:  # report, do not hide
        result["translate_error"] = f"{type(exc).__name__}: {exc}"
    print("RESULT " + json.dumps(result), flush=True)
    os._exit(0)


# ---- main ---------------------------------------------------------------------------------------------
def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="0,500,10000")
    ap.add_argument("--model", choices=["tiny", "base"], default="tiny")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--seeds")
    ap.add_argument("--skip", default="", help="comma list of rows to skip: window,gui,cli,import")
    ap.add_argument("--child")
    args = ap.parse_args()
    if args.child:
        child(Path(args.child), args.model)
        return
    seeds = seeds_dir(args.seeds)
    cache: dict = {}

    def pools() -> dict[str, list[str]]:
        if "p" not in cache:
            cache["p"] = sentence_pools(seeds)
        return cache["p"]

    skip = set(filter(None, args.skip.split(",")))
    table = []
    for n in (int(x) for x in args.sizes.split(",")):
        print(f"== {n} articles", flush=True)
        home, info = library_home(n, args.rebuild, pools)
        row = {"n": n, "text_mb": info["text_bytes"] / 1e6, "db_mb": db_size(home) / 1e6}
        row["window_s"] = float("nan") if "window" in skip else window_shown(home)
        row["cli_list_s"] = float("nan") if "cli" in skip else cli_list(home)
        row.update({} if "gui" in skip else gui_child(home, args.model))
        row["import_ms"] = float("nan") if "import" in skip else import_only(home, n, pools)
        print("  " + json.dumps(row, ensure_ascii=False), flush=True)
        table.append(row)
    print()
    print_table(table)


def print_table(table: list[dict]) -> None:
    def col(r: dict, key: str, fmt: str = "{:.0f}") -> str:
        v = r.get(key)
        return "-" if v is None or (isinstance(v, float) and v != v) else fmt.format(v)

    lines = [
        ("window shown from process start (s)", lambda r: col(r, "window_s", "{:.2f}"), "≤ 1.0"),
        ("library list: store query (ms)", lambda r: col(r, "list_query_ms", "{:.1f}"), "≤ 50"),
        ("library list: panel refresh incl. paint (ms)", lambda r: col(r, "panel_refresh_ms", "{:.1f}"), "≤ 50"),
        ("  same, CPU time of the GUI thread (ms)", lambda r: col(r, "panel_refresh_cpu_ms", "{:.1f}"), ""),
        ("search as typed → list painted, worst of 5 (ms)",
         lambda r: col({"v": max(r.get("search_ms", {"-": float("nan")}).values())}, "v", "{:.0f}"), "≤ 100"),
        ("  same, CPU time of the GUI thread, worst (ms)",
         lambda r: col({"v": max(r.get("search_cpu_ms", {"-": float("nan")}).values())}, "v", "{:.0f}"), ""),
        ("`tarjoman list` (s)", lambda r: col(r, "cli_list_s", "{:.2f}"), "≤ 0.3"),
        ("longest GUI stall while translating (ms)", lambda r: col(r, "translate_stall_ms", "{:.0f}"), "≤ 50"),
        ("  of which longest store write on the GUI thread (ms)", lambda r: col(r, "translate_save_ms", "{:.1f}"),
         ""),
        ("longest GUI stall during warm-up (ms)", lambda r: col(r, "warmup_stall_ms", "{:.0f}"), "≤ 50"),
        ("  noise floor: longest gap of the idle GUI (ms)", lambda r: col(r, "idle_stall_ms", "{:.0f}"), ""),
        ("GUI RSS 6 s after opening (MB)", lambda r: col(r, "rss_mb", "{:.0f}"), "≤ 450"),
        ("GUI RSS once warm-up is over (MB)", lambda r: col(r, "rss_after_warmup_mb", "{:.0f}"), "≤ 450"),
        ("warm-up duration (s)", lambda r: col(r, "warmup_s", "{:.1f}"), ""),
        ("database size (MB)", lambda r: col(r, "db_mb", "{:.1f}"), ""),
        ("database ÷ text", lambda r: (f"{r['db_mb'] / r['text_mb']:.2f}×" if r["text_mb"] else "-"), "≤ 3×"),
        ("--import-only per file (ms)", lambda r: col(r, "import_ms", "{:.0f}"), "flat"),
    ]
    head = "| what | " + " | ".join(f"{r['n']:,} articles" for r in table) + " | goal |"
    print(head)
    print("|---|" + "---|" * len(table) + "---|")
    for label, fn, goal in lines:
        print(f"| {label} | " + " | ".join(fn(r) for r in table) + f" | {goal} |")
    for r in table:
        if r.get("search_ms"):
            print(f"search at {r['n']:,}: " + ", ".join(f"{q!r} {ms} ms ({r['search_found'][q]} found)"
                                                      for q, ms in r["search_ms"].items()))
        if r.get("translate_error"):
            print(f"translation at {r['n']:,}: {r['translate_error']}")


if __name__ == "__main__":
    main()
