"""Batch import + translate (reader.app.batch, `translate --batch`): inputs, the manifest, a real process pool
with the test models, resuming after an interruption, bad files, a missing model, the CLI's progress and exit
codes, and the LibreTranslate backend against a real local server."""

from __future__ import annotations

import argparse
import io
import threading
from pathlib import Path

import pytest

from reader.app.batch import (
    BatchError,
    BatchOptions,
    Manifest,
    Outcome,
    collect_inputs,
    file_sha256,
    run_batch,
)
from reader.store import repo
from reader.store.models import Article
from tests.support import testmodels


def _write_article(folder: Path, name: str, lang: str, seed: int, paragraphs: int = 2) -> Path:
    """An article of our own sentences (tests/support/testmodels.py's corpus): a title line, then paragraphs."""
    col = {"fa": 1, "ar": 2}[lang]
    triples = testmodels.parallel_corpus(1 + 3 * paragraphs, seed)
    title = triples[0][col].rstrip(".")
    body = [" ".join(t[col] for t in triples[1 + 3 * k : 4 + 3 * k]) for k in range(paragraphs)]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n\n".join([title, *body]) + "\n", encoding="utf-8")
    return path


def _fully_translated(aid: int) -> bool:
    done, total = repo.translation_progress(aid)
    return total > 0 and done == total


@pytest.fixture
def both_models(library: object) -> None:
    testmodels.install_test_model("fa")
    testmodels.install_test_model("ar")


LOCAL = BatchOptions(workers=2, threads=1, preset="fast")


# --- inputs and manifest ---------------------------------------------------------------------------------------
def test_collect_inputs_folders_globs_files(tmp_path: Path) -> None:
    a = _write_article(tmp_path / "in", "a.txt", "fa", 1)
    b = _write_article(tmp_path / "in" / "sub", "b.txt", "ar", 2)
    (tmp_path / "in" / "notes.md").write_text("not an article", encoding="utf-8")
    assert collect_inputs([str(tmp_path / "in")]) == [a.resolve(), b.resolve()]
    assert collect_inputs([str(tmp_path / "in" / "**" / "*.txt"), str(a)]) == [a.resolve(), b.resolve()]
    with pytest.raises(BatchError, match="no such file or folder"):
        collect_inputs([str(tmp_path / "missing")])
    with pytest.raises(BatchError, match="no .txt"):
        collect_inputs([str(tmp_path / "in" / "*.pdf")])


def test_manifest_round_trip_and_damage(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    m = Manifest(path)
    m.record(Path("/x/a.txt"), "abc", 7)
    assert Manifest(path).article_for(Path("/x/a.txt"), "abc") == 7
    assert Manifest(path).article_for(Path("/x/a.txt"), "other-hash") is None
    path.write_text("{not json", encoding="utf-8")
    assert Manifest(path).article_for(Path("/x/a.txt"), "abc") is None  # damaged: import again, never crash


def test_manifest_is_not_rewritten_for_every_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.json"
    m = Manifest(path)
    writes = []
    real = Path.write_text
    monkeypatch.setattr(Path, "write_text", lambda self, *a, **k: (writes.append(self), real(self, *a, **k))[1])
    for i in range(500):
        m.record(Path(f"/x/{i}.txt"), f"{i:064x}", i + 1)
    assert len(writes) <= 3  # at most once a second, not 500 times (quadratic at 10,000 files)
    m.flush()  # run_batch flushes when it ends
    assert Manifest(path).article_for(Path("/x/499.txt"), f"{499:064x}") == 500


# --- local process pool ----------------------------------------------------------------------------------------
@pytest.mark.slow
def test_batch_translates_resumes_and_reimports_changed_files(both_models: None, tmp_path: Path) -> None:
    files = [_write_article(tmp_path / "in", f"fa{i}.txt", "fa", 10 + i) for i in range(2)]
    files += [_write_article(tmp_path / "in", f"ar{i}.txt", "ar", 20 + i) for i in range(2)]
    paths = collect_inputs([str(tmp_path / "in")])

    # 1) interrupted after the first finished article: the rest is left for the next run
    cancel = threading.Event()
    seen: list[Outcome] = []

    def stop_early(outcome: Outcome, done: int, total: int) -> None:
        seen.append(outcome)
        cancel.set()

    first = run_batch(paths, BatchOptions(workers=1, threads=1, preset="fast"), on_outcome=stop_early, cancel=cancel)
    assert first.interrupted and first.count("translated") >= 1
    assert first.count("translated") < len(paths)
    translated_first = {o.path for o in first.outcomes if o.state == "translated"}
    assert Article.select().count() < len(paths) or first.count("cancelled") > 0

    # 2) the same command again: nothing imported twice, finished articles skipped, the rest translated
    second = run_batch(paths, LOCAL)
    assert not second.interrupted and not second.failed
    assert Article.select().count() == len(paths)
    assert {o.path for o in second.outcomes if o.state == "already"} == translated_first
    assert second.count("translated") == len(paths) - len(translated_first)
    assert all(_fully_translated(o.article_id) for o in second.outcomes if o.article_id)
    assert {repo.get_article(o.article_id).backend.split(":")[1] for o in second.outcomes} == {
        "translate-fa_en", "translate-ar_en"}
    by_path = {o.path: o.article_id for o in second.outcomes}
    assert by_path[str(files[0].resolve())] is not None

    # 3) a file whose content changed is imported again; the others are not
    _write_article(tmp_path / "in", "fa0.txt", "fa", 99)
    third = run_batch(paths, LOCAL)
    changed = next(o for o in third.outcomes if o.path == str(files[0].resolve()))
    assert changed.imported and changed.state == "translated" and changed.article_id != by_path[changed.path]
    assert sum(o.imported for o in third.outcomes) == 1 and third.count("already") == len(paths) - 1


@pytest.mark.slow
def test_bad_files_and_missing_model_fail_alone(library: object, tmp_path: Path) -> None:
    testmodels.install_test_model("fa")  # no Arabic model
    good = _write_article(tmp_path / "in", "good.txt", "fa", 3, paragraphs=1)
    arabic = _write_article(tmp_path / "in", "arabic.txt", "ar", 4, paragraphs=1)
    (tmp_path / "in" / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "in" / "english.txt").write_text("This is an English text, not Persian or Arabic.\n", encoding="utf-8")
    report = run_batch(collect_inputs([str(tmp_path / "in")]), BatchOptions(workers=1, threads=1, preset="fast"))
    states = {Path(o.path).name: o for o in report.outcomes}
    assert states["good.txt"].state == "translated"
    assert states["arabic.txt"].state == "failed" and "Arabic" in states["arabic.txt"].message
    assert states["arabic.txt"].article_id is not None  # imported: a later run with the model resumes it
    for name in ("empty.txt", "english.txt"):
        assert states[name].state == "failed" and states[name].article_id is None
        assert states[name].message and "\n" not in states[name].message and "Traceback" not in states[name].message
    assert good.exists() and arabic.exists()


# --- CLI -------------------------------------------------------------------------------------------------------
def _parser() -> argparse.ArgumentParser:
    """The existing `translate` options batch mode reads, plus add_batch_arguments (as the lead wires it)."""
    from reader.cli.batch_cmds import add_batch_arguments

    p = argparse.ArgumentParser(prog="tarjoman translate")
    p.add_argument("ref", nargs="?")
    p.add_argument("--preset", choices=["fast", "balanced", "quality"])
    p.add_argument("--refresh", action="store_true")
    p.add_argument("--model")
    add_batch_arguments(p)
    return p


@pytest.mark.slow
def test_cli_progress_summary_and_exit_codes(library: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli.batch_cmds import run_batch as cli_run
    from reader.cli.errors import UserError

    testmodels.install_test_model("fa")
    _write_article(tmp_path / "in", "one.txt", "fa", 5, paragraphs=1)
    _write_article(tmp_path / "in", "two.txt", "fa", 6, paragraphs=1)
    monkeypatch.setattr("sys.stderr", io.StringIO())  # not a terminal: one progress line per article
    args = _parser().parse_args(["--batch", str(tmp_path / "in"), "--preset", "fast", "--workers", "1"])
    assert cli_run(args) == 0
    err = __import__("sys").stderr.getvalue()
    assert "2/2 articles" in err and "translated: two.txt" in err
    assert "2 files, 2 imported, 2 translated" in capsys.readouterr().out

    (tmp_path / "in" / "bad.txt").write_bytes(b"\xff\xfe\x00garbage")
    assert cli_run(args) == 1  # one failure → exit 1, the others "already translated"
    assert "already translated" in capsys.readouterr().out
    with pytest.raises(UserError, match="no such file or folder"):
        cli_run(_parser().parse_args(["--batch", str(tmp_path / "nope")]))
    with pytest.raises(UserError, match="--model cannot be combined"):
        cli_run(_parser().parse_args(["--batch", str(tmp_path / "in"), "--model", "x"]))
    with pytest.raises(UserError, match="not reachable"):
        cli_run(_parser().parse_args(["--batch", str(tmp_path / "in"), "--server", "http://127.0.0.1:9"]))


def test_sha256_is_of_the_file_bytes(tmp_path: Path) -> None:
    p = tmp_path / "x.txt"
    p.write_bytes(b"abc")
    assert file_sha256(p) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


# --- LibreTranslate backend ------------------------------------------------------------------------------------
@pytest.mark.slow
def test_batch_through_a_real_libretranslate_server(library: object, tmp_path: Path) -> None:
    from tests.support.libretranslate import LibreTranslateServer, LibreTranslateUnavailable

    pkgs = [testmodels.build_argos_package(tmp_path / "pkgs", code) for code in ("fa", "ar")]
    server = LibreTranslateServer(tmp_path / "server", pkgs)
    try:
        server.start()
    except LibreTranslateUnavailable as exc:
        pytest.fail(f"LibreTranslate test server unavailable: {exc}", pytrace=False)
    try:
        _write_article(tmp_path / "in", "fa.txt", "fa", 7, paragraphs=1)
        _write_article(tmp_path / "in", "ar.txt", "ar", 8, paragraphs=1)
        opts = BatchOptions(backend="libretranslate", url=server.url, workers=2)
        report = run_batch(collect_inputs([str(tmp_path / "in")]), opts)
        assert report.count("translated") == 2 and not report.failed
        for o in report.outcomes:
            assert _fully_translated(o.article_id)
            assert repo.get_article(o.article_id).backend.startswith(f"libretranslate:127.0.0.1:{server.port}:")
        again = run_batch(collect_inputs([str(tmp_path / "in")]), opts)
        assert again.count("already") == 2
    finally:
        server.stop()
