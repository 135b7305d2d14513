"""Whole-process time of ``tarjoman segment`` on a Persian seed: what a user waits for from the command line.

Runs ``python -m reader segment SEED`` in fresh processes: once with an empty TARJOMAN_HOME (the first run builds
hazm's cached tables) and ``--runs`` times with that home (warm). Prints wall and CPU seconds (min and median),
peak memory, and which heavy packages the process imported. The number depends on how busy the machine is: CPU
seconds move less than wall seconds on a shared machine.
Run: ``.venv/bin/python bench/bench_startup.py [--runs 5] [--seed FILE]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
HEAVY = ("nltk", "scipy", "pandas", "sklearn", "gensim", "fasttext", "numpy", "hazm", "camel_tools", "PySide6",
         "ctranslate2", "argostranslate")
# the CLI's own entry point, then a report of what the process imported (stderr, after the command's output)
CHILD = ("import sys, runpy\n"
         "try:\n"
         "    sys.argv = ['reader', 'segment', sys.argv[1]]\n"
         "    runpy.run_module('reader', run_name='__main__')\n"
         "except SystemExit:\n"
         "    pass\n"
         f"print('imported:', ' '.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))),"
         " file=sys.stderr)\n")


def _persian_seed() -> Path | None:
    for path in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        if sum(text.count(c) for c in "پچژگی") > 20:
            return path
    return None


def _run(seed: Path, home: Path) -> tuple[float, float, int, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, str(seed)], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "TARJOMAN_HOME": str(home), "PYTHONPATH": str(ROOT)}, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    imported = next((line for line in out.stderr.splitlines() if line.startswith("imported:")), "imported: ?")
    return wall, cpu, after.ru_maxrss, imported


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm runs (default 5)")
    parser.add_argument("--seed", type=Path, help="a Persian article (default: the first Persian seed)")
    args = parser.parse_args()
    seed = args.seed or _persian_seed()
    if seed is None:
        print(f"bench_startup: no Persian seed article found at {SEEDS}; pass --seed FILE.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="tarjoman-bench-startup-") as tmp:
        home = Path(tmp)
        wall, cpu, _rss, imported = _run(seed, home)
        print(f"segment {seed.name}, first run (empty home: builds hazm's cached tables): "
              f"{wall:.2f} s wall, {cpu:.2f} s CPU")
        walls, cpus = [], []
        for _ in range(args.runs):
            wall, cpu, rss, imported = _run(seed, home)
            walls.append(wall)
            cpus.append(cpu)
        print(f"warm, {args.runs} runs: wall min {min(walls):.2f} s, median {statistics.median(walls):.2f} s; "
              f"CPU min {min(cpus):.2f} s, median {statistics.median(cpus):.2f} s; peak RSS {rss / 1024:.0f} MB")
        names = imported.removeprefix("imported:").split()
        print(f"heavy packages imported: {', '.join(names) or 'none'} (of {', '.join(HEAVY)})")
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
