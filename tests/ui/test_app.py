"""The app as a new user meets it: first run with sample articles, no models; importing; annotations."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def fresh_window(qtbot, tarjoman_home):
    from reader.ui.app import create_window
    from reader.ui.hub import reset_hub

    reset_hub()
    _app, win = create_window([], restore=True)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.cancel_all(wait=5)
    from reader.store import close_db

    close_db()


def test_first_run_opens_sample_library_without_models(fresh_window, qtbot) -> None:
    win = fresh_window
    # welcome text shown once, samples imported off the GUI thread, an article opened, no error dialogs
    assert "Welcome to Tarjoman" in win.view.message_bar.label.text()
    qtbot.waitUntil(lambda: win.library.list.count() >= 2, timeout=60_000)
    qtbot.waitUntil(lambda: win.article is not None, timeout=10_000)
    langs = {r.language for r in win.library.rows}
    assert langs == {"fa", "ar"}
    assert len(win.view.src_labels) >= 5
    qtbot.waitUntil(lambda: "No " in win.status.model_label.text(), timeout=20_000)
    from reader.settings import Settings

    assert Settings.load().first_run_done  # never nag again


def test_import_bad_and_good_files_reports_reason_and_keeps_going(fresh_window, qtbot, tmp_path: Path) -> None:
    win = fresh_window
    qtbot.waitUntil(lambda: win.library.list.count() >= 2, timeout=60_000)
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text("خبر کوتاه\n\nاین یک خبر کوتاه برای آزمایش است. دومین جمله هم اینجاست.", encoding="utf-8")
    with qtbot.waitSignal(win.hub.import_finished, timeout=30_000) as blocker:
        win.import_files([bad, good])
    assert len(blocker.args[0]) == 1
    assert win.view.message_bar.isVisible()
    assert "empty.txt" in win.view.message_bar.label.text()
    assert win.library.list.count() == 3


def repo_annotation_deleted(annotation_id: int) -> bool:
    from reader.store.annotations import get

    return get(annotation_id).deleted


def test_annotation_shows_in_view_and_panel_and_undo_restores(window, qtbot) -> None:
    from reader.ui.bilingual import Selection

    view = window.view
    sel = Selection(0, "source", 0, 4, view.article.sentences[0].text[:4])
    r = window.annotations.undo.create(view.article.id, sel.index, sel.side, sel.start, sel.end, color="#b2f2bb",
                                       note="یادداشت مهم", tags=["economy"])
    window.hub.annotations_changed.emit(view.article.id)
    assert "#b2f2bb" in view.src_labels[0].text()
    assert window.notes.list.count() == 1
    window.notes.list.setCurrentRow(0)
    window.notes.delete_button.click()  # the panel asks through the hub; the annotations controller deletes
    assert repo_annotation_deleted(r.id)
    assert window.notes.list.count() == 0
    assert "#b2f2bb" not in view.src_labels[0].text()
    window.menus.undo.trigger()
    assert window.notes.list.count() == 1
    assert "#b2f2bb" in view.src_labels[0].text()


def test_entities_highlighted_in_source_and_listed_in_panel(window, qtbot) -> None:
    # no model installed: entities still come from the source text, after the translation attempt
    qtbot.waitUntil(lambda: window.entities.tree.topLevelItemCount() > 0, timeout=60_000)
    labels = [window.entities.tree.topLevelItem(i).text(0) for i in range(window.entities.tree.topLevelItemCount())]
    assert any(label.startswith("Places") for label in labels)
    src = window.view.src_labels[0].text()
    assert "background-color" in src  # مسکو highlighted in the first sentence
    places = next(window.entities.tree.topLevelItem(i) for i in range(window.entities.tree.topLevelItemCount())
                  if window.entities.tree.topLevelItem(i).text(0).startswith("Places"))
    moscow = next(places.child(k) for k in range(places.childCount()) if "مسکو" in places.child(k).text(0))
    window.entities._clicked(moscow)
    assert window.colors.entity_focus in window.view.src_labels[0].text()
    assert window.view.current == 0


def test_hand_edited_translation_survives_retranslation(window, qtbot) -> None:
    from reader.store import repo

    aid = window.article.id
    window.view.set_translation(2, "placeholder")
    from reader.app.view import load_article_view

    repo.set_manual_translation(aid, 2, "Experts say the visit could open the way to new contracts.")
    assert repo.manual_indexes(aid) == {2}
    repo.clear_translations(aid)  # what Re-translate does first
    view = load_article_view(aid)
    assert view.sentences[2].translation.startswith("Experts say")
    assert view.sentences[2].model == "manual"
    assert [s.translation for s in view.sentences if s.index != 2] == [None] * (len(view.sentences) - 1)


def test_models_dialog_offline_download_says_so_and_install_from_file_works(window, qtbot, monkeypatch,
                                                                             tmp_path) -> None:
    import socket

    from reader.ui.dialogs.models import ModelsDialog
    from tests.support.testmodels import build_argos_package

    with socket.socket() as s:  # a local port nobody listens on: the index is unreachable, as offline
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{port}")
    dlg = ModelsDialog(window, window.hub, window.tasks)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.loaded, timeout=30_000)  # listed off the GUI thread
    assert dlg.installed_count() == 0
    dlg.download("fa", "en")
    qtbot.waitUntil(lambda: dlg.task is None, timeout=30_000)
    assert "127.0.0.1" in dlg.status.text() or "offline" in dlg.status.text().lower() or \
        "internet" in dlg.status.text().lower()
    assert dlg.installed_count() == 0
    pkg = build_argos_package(tmp_path, "fa", "en")
    with qtbot.waitSignal(window.hub.models_changed, timeout=60_000):
        dlg.install_file(str(pkg))
    qtbot.waitUntil(lambda: dlg.loaded and dlg.installed_count() == 1, timeout=30_000)
    assert "Installed" in dlg.status.text()
