"""kill -9 at random moments, and processes sharing one library: nothing reported saved is lost, the file
stays sound (PRAGMA integrity_check), nothing is imported twice, no temporary file is left behind.

Runs the real CLI in child processes (their own session, killed as a group with SIGKILL) over small
articles and the tiny test models; kill times come from a seeded random generator.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import testmodels
from tests.support.faults import integrity, write_articles

ROOT = Path(__file__).resolve().parents[2]
RUNS = 20


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(TARJOMAN_HOME=str(home), PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    env.pop("TARJOMAN_DEBUG", None)
    return env


def _start(home: Path, *args: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, env=_env(home), stdout=log.open("wb"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the batch and its worker processes, at once
    except ProcessLookupError:
        pass
    proc.wait()


def _query(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _assert_sound(home: Path) -> None:
    db = home / "library.sqlite3"
    assert integrity(db) == "ok"
    assert _query(db, "SELECT source, count(*) FROM article GROUP BY source HAVING count(*) > 1") == []


@pytest.fixture
def model_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("TARJOMAN_HOME", str(home))
    testmodels.install_test_model("fa")
    testmodels.install_test_model("ar")
    return home


def _wait_for_first_write(proc: subprocess.Popen, log: Path, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        imported, translated = _reported(log)
        if imported or translated:
            return
        time.sleep(0.05)


def _wait_for_first_saved(proc: subprocess.Popen, log: Path, timeout: float = 120.0) -> None:
    """Until an annotation writer reports its first saved annotation (or ends)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if log.exists() and "saved " in log.read_text(errors="replace"):
            return
        time.sleep(0.05)


def _reported(log: Path) -> tuple[set[str], set[str]]:
    """File names the batch reported imported and translated (its per-article progress lines)."""
    imported, translated = set(), set()
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if " · imported: " in line:
            imported.add(line.rsplit(" · imported: ", 1)[1].strip())
        if " · translated: " in line:
            translated.add(line.rsplit(" · translated: ", 1)[1].strip())
    return imported, translated


@pytest.mark.slow
def test_batch_killed_at_random_moments_loses_nothing_reported(model_home: Path, tmp_path: Path) -> None:
    rng = random.Random(20261130)
    db = model_home / "library.sqlite3"
    inputs = tmp_path / "in"
    promised_imported: set[str] = set()
    promised_translated: set[str] = set()
    kills_after_a_write = 0
    for run in range(RUNS):
        write_articles(inputs / f"run{run:02d}", 4, sentences=6, prefix=f"r{run:02d}-")
        mode = ["--import-only"] if run % 2 else ["--workers", "1", "--threads", "1", "--preset", "fast"]
        log = tmp_path / f"run{run:02d}.log"
        proc = _start(model_home, "-m", "reader", "translate", "--batch", str(inputs), *mode, log=log)
        # start-up (Python, the text pipeline) takes seconds: kill at a random moment once writing has begun
        _wait_for_first_write(proc, log)
        time.sleep(rng.uniform(0.0, 1.5))
        _kill(proc)
        imported, translated = _reported(log)
        promised_imported |= imported
        promised_translated |= translated
        kills_after_a_write += bool(imported or translated)
        if db.exists():
            _assert_sound(model_home)
            sources = {Path(r[0]).name for r in _query(db, "SELECT source FROM article")}
            assert promised_imported | promised_translated <= sources
            for name in promised_translated:
                untranslated = _query(db, "SELECT count(*) FROM sentence s JOIN article a ON s.article_id = a.id "
                                          f"WHERE a.source LIKE '%/{name}' AND s.translation IS NULL")
                assert untranslated == [(0,)], name
    # a last, uninterrupted run finishes everything: nothing twice, no temporary manifest left
    log = tmp_path / "final.log"
    proc = _start(model_home, "-m", "reader", "translate", "--batch", str(inputs), "--workers", "1",
                  "--threads", "1", "--preset", "fast", log=log)
    assert proc.wait(timeout=600) == 0, log.read_text()
    _assert_sound(model_home)
    assert not list(model_home.glob("batch-imports.json.tmp*"))
    files = sorted(p.name for p in inputs.rglob("*.txt"))
    assert len(_query(db, "SELECT id FROM article")) == len(files) == 4 * RUNS
    assert _query(db, "SELECT count(*) FROM sentence WHERE translation IS NULL") == [(0,)]
    assert kills_after_a_write >= RUNS // 2, kills_after_a_write  # the kills did land among the writes
    print(f"batch: {RUNS} kills ({kills_after_a_write} after a reported write), {len(promised_imported)} imports and "
          f"{len(promised_translated)} translations reported, 0 lost, 0 duplicates")


@pytest.mark.slow
def test_batch_killed_between_saving_and_the_manifest_imports_nothing_twice(tarjoman_home: Path,
                                                                             tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 3, sentences=4)
    for kind in ("batch-dies-before-manifest", "batch-dies-writing-manifest"):
        log = tmp_path / f"{kind}.log"
        proc = _start(tarjoman_home, "-m", "tests.support.writers", kind, str(folder), log=log)
        assert proc.wait(timeout=300) == 137, log.read_text()
    db = tarjoman_home / "library.sqlite3"
    # the first run saved file 0 and died; the second found it (no duplicate), saved file 1 and died
    assert len(_query(db, "SELECT id FROM article")) == 2
    assert list(tarjoman_home.glob("batch-imports.json.tmp*"))  # the second died with its temporary file
    log = tmp_path / "again.log"
    proc = _start(tarjoman_home, "-m", "reader", "translate", "--batch", str(folder), "--import-only", log=log)
    assert proc.wait(timeout=300) == 0, log.read_text()
    assert len(_query(db, "SELECT id FROM article")) == 3
    _assert_sound(tarjoman_home)
    assert not list(tarjoman_home.glob("batch-imports.json.tmp*"))


@pytest.mark.slow
def test_annotation_writers_killed_at_random_moments_lose_nothing_reported(tarjoman_home: Path,
                                                                          tmp_path: Path) -> None:
    from reader.cli import main
    from reader.store import close_db

    assert main(["import", str(write_articles(tmp_path / "in", 1, sentences=8)[0])]) == 0
    close_db()
    db = tarjoman_home / "library.sqlite3"
    rng = random.Random(7)
    promised: dict[int, str] = {}
    for run in range(RUNS):
        logs = [tmp_path / f"ann{run:02d}-{w}.log" for w in range(2)]  # two writers at once
        procs = [_start(tarjoman_home, "-m", "tests.support.writers", "annotate", "1", "100000", f"r{run}w{w}",
                        log=logs[w]) for w in range(2)]
        # start-up takes seconds (more on a loaded machine): kill at a random moment once writing has begun
        _wait_for_first_saved(procs[0], logs[0])
        time.sleep(rng.uniform(0.0, 1.5))
        for p in procs:
            _kill(p)
        for log in logs:
            for line in log.read_text(errors="replace").splitlines():
                if line.startswith("saved "):
                    _, ident, note = line.split()
                    promised[int(ident)] = note
        assert integrity(db) == "ok"
        stored = dict(_query(db, "SELECT id, note FROM annotation"))
        missing = {i: n for i, n in promised.items() if stored.get(i) != n}
        assert missing == {}
        assert _query(db, "SELECT note FROM annotation GROUP BY note HAVING count(*) > 1") == []
    assert len(promised) > RUNS, (  # the writers did write between the kills
        "the annotation writers reported nothing; the last log says:\n" + logs[0].read_text(errors="replace")[-2000:])
    print(f"annotation writers: {RUNS} kills of 2 writers, {len(promised)} annotations reported saved, 0 lost")


@pytest.mark.slow
def test_two_importers_and_a_batch_at_once_share_one_library(model_home: Path, tmp_path: Path) -> None:
    sets = [write_articles(tmp_path / f"set{i}", 4, sentences=30) for i in range(3)]
    for i, files in enumerate(sets):  # distinct text per set
        for f in files:
            f.write_text(f.read_text(encoding="utf-8") + f" مجموعهٔ {i}\n", encoding="utf-8")
    logs = [tmp_path / f"p{i}.log" for i in range(3)]
    procs = [_start(model_home, "-m", "reader", "import", *map(str, sets[0]), log=logs[0]),
             _start(model_home, "-m", "reader", "import", *map(str, sets[1]), log=logs[1]),
             _start(model_home, "-m", "reader", "translate", "--batch", str(tmp_path / "set2"), "--workers", "1",
                    "--threads", "1", "--preset", "fast", log=logs[2])]
    for p, log in zip(procs, logs, strict=True):
        assert p.wait(timeout=600) == 0, log.read_text()
    db = model_home / "library.sqlite3"
    _assert_sound(model_home)
    assert len(_query(db, "SELECT id FROM article")) == 12
    batch_untranslated = _query(db, "SELECT count(*) FROM sentence s JOIN article a ON s.article_id = a.id "
                                    "WHERE a.source LIKE '%set2%' AND s.translation IS NULL")
    assert batch_untranslated == [(0,)]


def test_the_same_content_under_another_path_is_recognised_by_its_content_hash(library, tmp_path: Path) -> None:
    import shutil

    from reader.app.batch import BatchOptions, run_batch
    from reader.store.models import Article

    first = write_articles(tmp_path / "a", 1)[0]
    moved = tmp_path / "b" / first.name
    moved.parent.mkdir()
    shutil.copy(first, moved)  # a file moved or copied since: neither the manifest nor its path know it
    report = run_batch([first, moved], BatchOptions(translate=False))
    assert [o.imported for o in report.outcomes] == [True, False]
    assert len({o.article_id for o in report.outcomes}) == 1 and Article.select().count() == 1
