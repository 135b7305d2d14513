"""The Models dialog: the catalogue per language, the licence stated before a non-commercial download, an OPUS-MT
release downloaded from 127.0.0.1 and converted with progress, the per-language choice, install from file/folder."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import testmodels


@pytest.fixture
def dialog(window, qtbot):
    from reader.ui.dialogs.models import ModelsDialog

    dlg = ModelsDialog(window, window.hub, window.tasks)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.loaded, timeout=30_000)  # the catalogue is read off the GUI thread
    asked: list[str] = []
    dlg.confirm = lambda title, text: asked.append(text) or False  # "No" unless a test says otherwise
    dlg.asked = asked
    return dlg


@pytest.fixture
def release_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    root = tmp_path / "www"
    (root / "ara-eng").mkdir(parents=True)
    testmodels.build_opus_release_zip(root / "ara-eng", "ar")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("TARJOMAN_OPUS_MT_BASE", f"http://127.0.0.1:{server.server_address[1]}")
    yield ""
    server.shutdown()
    server.server_close()


def test_catalogue_shows_score_size_licence_speed_and_state(dialog) -> None:
    arabic = {row[0]: row for row in dialog.rows("ar")}
    big = arabic["OPUS-MT ara-eng transformer-big (opus-mt-tc-big-ar-en)"]
    assert big[1:] == ("42.8", "240 MB", "CC-BY 4.0", "medium", "not installed")
    nllb = next(row for name, row in arabic.items() if name.startswith("NLLB-200 distilled 600M"))
    assert "non-commercial" in nllb[3] and nllb[1] == "37.4"
    persian = [row[0] for row in dialog.rows("fa")]
    assert persian[0] == "NLLB-200 distilled 600M" and "Argos translate-fa_en" in persian
    assert dialog.combos["fa"].currentText().startswith("Automatic")


def test_non_commercial_model_is_not_downloaded_without_consent_and_nllb_explains_conversion(dialog) -> None:
    dialog.download("nllb-200-distilled-600M")
    assert "transformers and torch" in dialog.status.text() and dialog.task is None
    from reader.core.translate import known

    # an NC entry the app could download: the licence is asked first, "No" downloads nothing
    nc = known.KnownModel("nc-test", "NC test model", "opus-mt", {"ar": 1.0}, 1, "CC-BY-NC 4.0", "fast",
                          release="ara-eng/none")
    known.CATALOGUE += (nc,)
    try:
        dialog.download("nc-test")
    finally:
        known.CATALOGUE = known.CATALOGUE[:-1]
    assert dialog.asked and "non-commercial" in dialog.asked[0] and dialog.status.text() == "Not downloaded."
    assert dialog.task is None


def test_opus_release_downloads_converts_and_becomes_the_arabic_model(window, dialog, qtbot,
                                                                      release_server: str) -> None:
    from reader.core.translate.catalog import find_model

    stages: list[str] = []
    dialog.status.setText("")
    dialog.select("ar", "opus-mt-ar-en-base")
    with qtbot.waitSignal(window.hub.models_changed, timeout=120_000):
        dialog.download(dialog.selected())
        dialog.task.on_result = lambda text: (stages.append(str(text)), dialog._stage(text))
    assert dialog.task is None and "Installed opus-mt-ar-en-base" in dialog.status.text()
    assert any("Converting" in s for s in stages)
    row = next(r for r in dialog.rows("ar") if r[0].endswith("OPUS-MT ara-eng opus+bt (base)"))
    assert row[0].startswith("● ") and "installed, version 2021-04-30" in row[5] and "used for Arabic" in row[5]
    assert find_model("ar").catalog_id == "opus-mt-ar-en-base"
    assert dialog.combos["ar"].count() == 2


def test_pick_a_model_per_language_and_go_back_to_automatic(window, dialog, qtbot, tmp_path: Path) -> None:
    from reader.core.translate.catalog import find_model

    pkg = testmodels.build_argos_package(tmp_path, "ar", "en")
    with qtbot.waitSignal(window.hub.models_changed, timeout=60_000):
        dialog.install_file(str(pkg))
    folder = testmodels.build_nllb_dir(tmp_path, name="nllb-converted")
    (folder / "tarjoman-model.json").unlink()  # as ct2-transformers-converter leaves it: recognised by its tokens
    with qtbot.waitSignal(window.hub.models_changed, timeout=60_000):
        dialog.install_folder(str(folder))
    assert "NLLB-200" in dialog.status.text()
    assert find_model("ar").family == "nllb"  # 37.4 beats Argos' 29.5 out of the box
    combo = dialog.combos["ar"]
    with qtbot.waitSignal(window.hub.models_changed):
        combo.setCurrentIndex(combo.findData("translate-ar_en-0_1"))
    assert find_model("ar").family == "argos"
    with qtbot.waitSignal(window.hub.models_changed):
        combo.setCurrentIndex(0)
    assert find_model("ar").family == "nllb"
    dialog.select("ar", "argos-ar_en")
    with qtbot.waitSignal(window.hub.models_changed, timeout=60_000):
        dialog.remove_selected()
    assert "Removed translate-ar_en" in dialog.status.text() and dialog.installed_count() == 2  # nllb: fa and ar


def test_check_for_updates_marks_an_older_argos_package(window, dialog, qtbot, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    pkg = testmodels.build_argos_package(tmp_path, "fa", "en")
    with qtbot.waitSignal(window.hub.models_changed, timeout=60_000):
        dialog.install_file(str(pkg))
    www = tmp_path / "index"
    www.mkdir()
    (www / "index.json").write_text(json.dumps([{"type": "translate", "from_code": "fa", "to_code": "en",
                                                 "package_version": "1.9", "links": []}]), encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(www), **kwargs)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{server.server_address[1]}/")
    try:
        dialog.check_updates()
        qtbot.waitUntil(lambda: dialog.task is None, timeout=30_000)
    finally:
        server.shutdown()
        server.server_close()
    assert dialog.status.text() == "1 update available."
    row = next(r for r in dialog.rows("fa") if "Argos translate-fa_en" in r[0])
    assert "update available: 1.9" in row[5]
