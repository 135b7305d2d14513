"""Reliability costs, printed: refusing .docx zip bombs (time, peak memory), the quick_check at every open,
the daily backup and a recovery, on a synthetic library of ARTICLES articles.

    python bench/bench_reliability.py [ARTICLES]
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_BOMB_CHILD = """
import resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from reader.core.importers import DocumentError, read_document
from tests.support.hostile import bomb_docx
gb = int(sys.argv[3])
p = bomb_docx(Path(sys.argv[2]) / f"bomb{gb}.docx", megabytes=gb * 1024)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter()
msg = ""
try:
    read_document(p)
except DocumentError as e:
    msg = str(e)
dt = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{p.stat().st_size / 1e6:.1f} MB file, {gb} GB inside: refused in {dt * 1000:.0f} ms, "
      f"peak memory +{peak - base:.0f} MB over the interpreter ({msg[:70]}…)")
"""


def bombs(folder: Path) -> None:
    """Each bomb in a fresh child, so its peak memory is its own."""
    for gb in (1, 3):
        out = subprocess.run([sys.executable, "-c", _BOMB_CHILD, str(ROOT), str(folder), str(gb)],
                             capture_output=True, text=True, cwd=ROOT)
        print("docx bomb:", (out.stdout or out.stderr).strip())


def library(folder: Path, articles: int) -> None:
    os.environ["TARJOMAN_HOME"] = str(folder / "home")
    from reader.store import backup, close_db, init_db, repo
    from reader.store.recover import recover_library
    from tests.support.articles import processed_from_sentences
    from tests.support.faults import corrupt, table_leaf_page

    path = folder / "home" / "library.sqlite3"
    init_db(path)
    sentence = "وزیر اقتصاد گفت که قیمت‌ها در ماه آینده پایین می‌آید و دولت بازار را زیر نظر دارد"
    t = time.perf_counter()
    for i in range(articles):
        repo.save_article(processed_from_sentences([f"{sentence} {i}-{k}." for k in range(30)]), source=f"s{i}")
    built = time.perf_counter() - t
    close_db()
    size = path.stat().st_size / 1e6
    print(f"library: {articles} articles × 30 sentences, {size:.1f} MB (built in {built:.1f} s)")
    for check in (False, True):
        t = time.perf_counter()
        for _ in range(5):
            database = init_db(path, check=check)
            close_db()
        print(f"open {'with' if check else 'without'} quick_check: {(time.perf_counter() - t) / 5 * 1000:.0f} ms")
    database = init_db(path)
    t = time.perf_counter()
    made = backup.make_backup(database, path, reason="manual")
    print(f"online backup: {(time.perf_counter() - t) * 1000:.0f} ms ({made.stat().st_size / 1e6:.1f} MB)")
    close_db()
    corrupt(path, table_leaf_page(path, "sentence"))
    t = time.perf_counter()
    report = recover_library(path)
    print(f"recover after a 4 KB overwrite: {time.perf_counter() - t:.1f} s — {report.summary().split(';')[0]}")


def main() -> None:
    articles = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        bombs(Path(tmp))
        library(Path(tmp), articles)
    print(f"bench peak memory: {_peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
