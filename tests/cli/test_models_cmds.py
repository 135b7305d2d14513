"""`tarjoman models ...` and `tarjoman translate ...` end to end, with real (tiny) models."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from reader.cli import main
from tests.support import testmodels


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pkgs")
    return {"fa": testmodels.build_argos_package(out, "fa"), "ar": testmodels.build_argos_package(out, "ar")}


@pytest.fixture(autouse=True)
def _unload() -> object:
    from reader.core.translate.engine import evict

    yield
    evict()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_models_list_install_remove(library: object, packages: dict[str, Path],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "models", "list")
    assert code == 0 and "No translation models are installed" in out
    code, out, _ = run(capsys, "models", "install", str(packages["fa"]))
    assert code == 0 and "Installed translate-fa_en-0_1: Persian→English" in out
    code, out, _ = run(capsys, "models", "list")
    assert out.count("\n") == 1 and "argos:translate-fa_en:0.1" in out
    code, out, _ = run(capsys, "models", "remove", "translate-fa_en")
    assert code == 0 and "Removed" in out
    code, _, err = run(capsys, "models", "remove", "translate-fa_en")
    assert code == 1 and err.startswith("tarjoman: No installed model") and err.count("\n") == 1


def test_install_bad_package_is_one_line(library: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = testmodels.build_broken_package(tmp_path, "zip_slip")
    code, out, err = run(capsys, "models", "install", str(bad))
    assert code == 1 and out == "" and err.count("\n") == 1 and "escapes the package folder" in err


def test_download_offline(library: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{port}/")
    code, _, err = run(capsys, "models", "download", "fa", "en")
    assert code == 1 and "offline" in err and "Traceback" not in err and err.count("\n") == 1


def test_translate_tsv_and_json(library: object, packages: dict[str, Path],
                                capsys: pytest.CaptureFixture[str]) -> None:
    aid = testmodels.store_article("رئیس‌جمهور بودجه را تصویب کرد. مجلس طرح را رد کرد.\nدولت گزارش را منتشر کرد.", "fa")
    code, _, err = run(capsys, "translate", str(aid))
    assert code == 1 and "No Persian→English (fa→en) translation model is installed" in err
    assert "tarjoman models download fa en" in err and err.count("\n") == 1
    run(capsys, "models", "install", str(packages["fa"]))

    code, out, _ = run(capsys, "translate", str(aid), "--preset", "fast")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and [r[0] for r in rows] == ["0", "1", "2"] and all(len(r) == 4 and r[2] for r in rows)
    assert rows[0][1] == "رئیس‌جمهور بودجه را تصویب کرد."

    code, out, _ = run(capsys, "translate", str(aid), "--format", "json")
    data = json.loads(out)
    assert [d["index"] for d in data] == [0, 1, 2] and set(data[0]) == {"index", "source", "translation", "flags"}
    assert [d["translation"] for d in data] == [r[2] for r in rows]  # second run: from the cache
    assert all(isinstance(f, dict) and set(f) == {"code", "message"} for d in data for f in d["flags"])

    from reader.store import repo

    assert [s.translation for s in repo.sentences(aid)] == [r[2] for r in rows]


def test_translate_with_custom_model_dir(library: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    aid = testmodels.store_article("قال الرئيس إن الاتفاق جيد. ورفضت الحكومة الخطة.", "ar")
    folder = testmodels.build_custom_model_dir(tmp_path, "ar", "opus")
    code, out, _ = run(capsys, "translate", str(aid), "--model", str(folder), "--format", "json")
    assert code == 0 and len(json.loads(out)) == 2
    fa_folder = testmodels.build_custom_model_dir(tmp_path, "fa", "flat")
    code, out, _ = run(capsys, "models", "register", str(fa_folder), "--from", "fa", "--name", "mine")
    assert code == 0 and "Registered mine" in out
    code, out, _ = run(capsys, "models", "list")
    assert "custom:mine:" in out


def test_export_cache(library: object, packages: dict[str, Path], tmp_path: Path,
                      capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "models", "install", str(packages["ar"]))
    aid = testmodels.store_article("قال الرئيس إن الاتفاق جيد. ورفضت الحكومة الخطة.", "ar")
    code, out, _ = run(capsys, "models", "export-cache", str(aid), "--out", str(tmp_path / "tc"))
    assert code == 0 and "Nothing to export" in out
    run(capsys, "translate", str(aid))
    code, out, _ = run(capsys, "models", "export-cache", str(aid), "--out", str(tmp_path / "tc"))
    assert code == 0 and "argos_translate-ar_en_0.1.jsonl: 2 entries" in out


def test_translate_file_argument(library: object, packages: dict[str, Path], tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "models", "install", str(packages["fa"]))
    f = tmp_path / "article.txt"
    f.write_text("\n".join(testmodels.sample_sentences("fa", 5)), encoding="utf-8")
    code, out, err = run(capsys, "translate", str(f), "--format", "json")
    assert code == 0, err
    assert len(json.loads(out)) >= 5
