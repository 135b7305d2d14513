"""Installing, validating, removing and downloading Argos packages (real zips, real CTranslate2 loads)."""

from __future__ import annotations

import http.server
import json
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader import config
from reader.core.translate import ModelNotFound, OfflineError, PackageError
from reader.core.translate.catalog import find_installed, find_model, installed_models
from reader.core.translate.download import download_package
from reader.core.translate.packages import install_package, remove_model, validate_package
from tests.support import testmodels


def test_install_from_file_lists_and_finds_model(tarjoman_home: Path, fa_package: Path) -> None:
    spec = install_package(fa_package)
    assert spec.backend == "argos" and spec.pair == ("fa", "en")
    assert spec.key == "argos:translate-fa_en:0.1"
    assert spec.path.parent == config.paths().models  # argostranslate's package dir lives inside our home
    assert (spec.path / "model" / "model.bin").is_file() and spec.source_spm.name == "sentencepiece.model"
    assert [m.key for m in installed_models()] == [spec.key]
    assert find_model("fa") == spec
    with pytest.raises(ModelNotFound, match="tarjoman models download ar en"):
        find_model("ar")
    assert not list(config.paths().cache.glob("install-*")), "staging folder left behind"


def test_argostranslate_sees_installed_package(tarjoman_home: Path, fa_package: Path) -> None:
    from reader.core.translate.catalog import argos_package_module

    install_package(fa_package)
    pkgs = argos_package_module().get_installed_packages(path=[config.paths().models])
    assert [(p.from_code, p.to_code, p.package_version) for p in pkgs] == [("fa", "en", "0.1")]


def test_reinstall_replaces_and_remove_uninstalls(tarjoman_home: Path, fa_package: Path, ar_package: Path) -> None:
    install_package(fa_package)
    install_package(ar_package)
    again = install_package(fa_package)
    assert sorted(m.pair for m in installed_models()) == [("ar", "en"), ("fa", "en")]
    removed = remove_model("translate-fa_en")
    assert removed.key == again.key and not again.path.exists()
    assert [m.pair for m in installed_models()] == [("ar", "en")]
    with pytest.raises(ModelNotFound, match="models list"):
        remove_model("translate-fa_en")


def _snapshot(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("truncated", "damaged or is not an .argosmodel"),
        ("bad_crc", "checksum error"),
        ("no_metadata", "metadata.json is missing"),
        ("no_model", "no CTranslate2 model"),
        ("bad_model", "not a CTranslate2 model"),
        ("zip_slip", "escapes the package folder"),
        ("wrong_direction", r"English→Persian \(en→fa\); Tarjoman needs"),
    ],
)
def test_bad_packages_fail_clearly_and_install_nothing(tarjoman_home: Path, tmp_path: Path, kind: str,
                                                       message: str) -> None:
    bad = testmodels.build_broken_package(tmp_path / "in", kind)
    config.paths()
    before = _snapshot(tarjoman_home)
    with pytest.raises(PackageError, match=message) as info:
        install_package(bad)
    assert "\n" not in str(info.value) and bad.name in str(info.value)
    assert installed_models() == []
    assert _snapshot(tarjoman_home) == before
    assert not (tmp_path / "escaped.txt").exists() and not (tarjoman_home / "escaped.txt").exists()


def test_validate_rejects_non_zip_and_missing_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.argosmodel"
    junk.write_text("hello")
    with pytest.raises(PackageError, match="not an .argosmodel"):
        validate_package(junk)
    with pytest.raises(PackageError, match="no such file"):
        validate_package(tmp_path / "missing.argosmodel")


def test_validate_checks_requested_direction(fa_package: Path) -> None:
    assert validate_package(fa_package, expect=("fa", "en")).top == "translate-fa_en-0_1"
    with pytest.raises(PackageError, match=r"Arabic→English \(ar→en\) was asked for"):
        validate_package(fa_package, expect=("ar", "en"))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_download_offline_gives_clear_message(tarjoman_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{_closed_port()}/")
    with pytest.raises(OfflineError) as info:
        download_package("fa", "en", timeout=2)
    text = str(info.value)
    assert "offline" in text and "tarjoman models install FILE" in text and "\n" not in text
    assert installed_models() == []


@pytest.fixture
def index_server(tmp_path: Path, fa_package: Path) -> Iterator[tuple[str, Path]]:
    """A local HTTP server playing the Argos package index, serving the fa→en test package."""
    root = tmp_path / "www"
    root.mkdir()
    shutil.copy(fa_package, root / "translate-fa_en.argosmodel")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    meta = json.loads(json.dumps({"type": "translate", "from_code": "fa", "to_code": "en", "from_name": "Persian",
                                  "to_name": "English", "package_version": "0.1", "argos_version": "1.0",
                                  "links": [base + "translate-fa_en.argosmodel"]}))
    other = dict(meta, from_code="ar", links=[base + "missing.argosmodel"])
    (root / "index.json").write_text(json.dumps([meta, other]), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, root
    server.shutdown()
    server.server_close()


def test_download_installs_with_progress(tarjoman_home: Path, index_server: tuple[str, Path],
                                         monkeypatch: pytest.MonkeyPatch, fa_package: Path) -> None:
    base, _ = index_server
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    seen: list[tuple[int, int]] = []
    spec = download_package("fa", "en", progress=lambda d, t: seen.append((d, t)))
    assert spec.pair == ("fa", "en") and find_installed("translate-fa_en") == spec
    size = fa_package.stat().st_size
    assert seen[0] == (0, size) and seen[-1] == (size, size)
    assert not list((config.paths().cache / "downloads").iterdir()), "downloaded file not cleaned up"


def test_download_missing_pair_and_broken_link(tarjoman_home: Path, index_server: tuple[str, Path],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    base, root = index_server
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    with pytest.raises(OfflineError, match="HTTP 404"):
        download_package("ar", "en")
    (root / "index.json").write_text("[]", encoding="utf-8")
    with pytest.raises(ModelNotFound, match="no Persian→English"):
        download_package("fa", "en")
    assert installed_models() == []
