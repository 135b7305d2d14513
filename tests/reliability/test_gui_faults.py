"""The window shows the CLI's sentences in its message bar, with the actions that answer them; a dropped
zip bomb never stops the good files; a damaged library is never replaced without the user's say."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtWidgets import QMessageBox

from tests.support.faults import cli, corrupt, digest, table_leaf_page, write_articles
from tests.support.hostile import bomb_docx, build_good


def _settings() -> None:
    from reader.settings import Settings

    s = Settings()
    s.first_run_done = True
    s.save()


def _window(qtbot, save: bool = True):
    from reader.ui.app import create_window
    from reader.ui.hub import reset_hub

    if save:
        _settings()
    reset_hub()
    _app, win = create_window([], restore=False)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def closing():
    wins = []
    yield wins
    from reader.store import close_db

    for w in wins:
        w.tasks.cancel_all(wait=5)
    close_db()


def _buttons(win) -> list[str]:
    return [b.text() for b in win.view.message_bar._buttons]


def test_dropping_a_zip_bomb_with_good_files_imports_the_good(tarjoman_home: Path, tmp_path: Path, qtbot,
                                                               closing) -> None:
    win = _window(qtbot)
    closing.append(win)
    good = build_good(tmp_path / "good")
    bomb = bomb_docx(tmp_path / "bomb.docx")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in (bomb, *good)])
    with qtbot.waitSignal(win.hub.import_finished, timeout=60_000) as blocker:
        assert win.importer.drop(mime)
    assert len(blocker.args[0]) == len(good)
    text = win.view.message_bar.label.text()
    assert "bomb.docx was refused" in text and "unexpected" not in text
    assert win.library.list.count() == len(good)


def test_damaged_library_opens_a_placeholder_and_offers_recovery(tarjoman_home: Path, tmp_path: Path, qtbot,
                                                                 capsys, closing, monkeypatch) -> None:
    cli(capsys, "import", *map(str, write_articles(tmp_path / "in", 5)))
    path = tarjoman_home / "library.sqlite3"
    corrupt(path, table_leaf_page(path, "sentence"))
    before = digest(path)
    win = _window(qtbot)
    closing.append(win)
    text = win.view.message_bar.label.text()
    assert win.view.message_bar.isVisible() and "is damaged" in text and "unexpected" not in text
    assert _buttons(win)[:3] == ["Recover…", "Start empty…", "Backups…"]
    assert win.library.list.count() == 0
    # a drop into the placeholder is refused with the same sentence; nothing is written anywhere
    good = build_good(tmp_path / "good")
    with qtbot.waitSignal(win.hub.import_finished, timeout=60_000):
        win.import_files(good)
    assert "is damaged" in win.view.message_bar.label.text()
    assert digest(path) == before and not list(tarjoman_home.glob("library-recovered-*"))
    # Start empty… asks first; "No" changes nothing
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
    win.health.start_fresh()
    assert digest(path) == before
    win.view.message_bar._buttons[0].click()  # Recover…
    assert win.library.list.count() == 5
    assert "Recovered 5 articles" in win.view.message_bar.label.text()


def test_disk_full_in_the_window_says_disk_full(tarjoman_home: Path, tmp_path: Path, qtbot, closing) -> None:
    from reader.store.base import db

    win = _window(qtbot)
    closing.append(win)
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages + 2}")
    files = write_articles(tmp_path / "in", 2, sentences=300)
    with qtbot.waitSignal(win.hub.import_finished, timeout=60_000):
        win.import_files(files)
    text = win.view.message_bar.label.text()
    assert "The disk holding the library" in text and "is full" in text and "(2 articles not saved.)" in text
    assert "rollback" not in text


def test_read_only_folder_opens_read_only_and_says_so(tarjoman_home: Path, tmp_path: Path, qtbot, capsys,
                                                      closing) -> None:
    from tests.support.faults import checkpoint, read_only

    cli(capsys, "import", *map(str, write_articles(tmp_path / "in", 2)))
    path = tarjoman_home / "library.sqlite3"
    checkpoint(path)
    _settings()
    with read_only(tarjoman_home):
        win = _window(qtbot, save=False)
        closing.append(win)
        text = win.view.message_bar.label.text()
        assert text.startswith(f"Opened read-only: The library folder {tarjoman_home} is read-only")
        assert win.library.list.count() == 2  # reading serves
        with qtbot.waitSignal(win.hub.import_finished, timeout=60_000):
            win.import_files(build_good(tmp_path / "good")[:1])
        assert f"The library folder {tarjoman_home} is read-only" in win.view.message_bar.label.text()
        from reader.store import close_db

        win.tasks.cancel_all(wait=5)
        close_db()


def test_home_pointing_at_a_file_is_said_in_the_window(tmp_path: Path, qtbot, closing, monkeypatch) -> None:
    f = tmp_path / "not-a-folder"
    f.write_text("x")
    monkeypatch.setenv("TARJOMAN_HOME", str(f))
    win = _window(qtbot, save=False)
    closing.append(win)
    assert win.view.message_bar.label.text() == (f"TARJOMAN_HOME points at a file, not a folder: {f}; point it "
                                                 "at a folder (Tarjoman creates it when missing).")
    win.close()  # saving the window's settings there fails quietly


def test_backups_action_restores_a_chosen_backup(tarjoman_home: Path, tmp_path: Path, qtbot, capsys, closing,
                                                 monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    cli(capsys, "import", *map(str, write_articles(tmp_path / "in", 3)))
    cli(capsys, "library", "backup")
    cli(capsys, "delete", "1")
    win = _window(qtbot)
    closing.append(win)
    assert win.library.list.count() == 2
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (a[3][0], True))  # the newest backup
    win.health.restore()
    assert win.library.list.count() == 3
    assert win.view.message_bar.label.text().startswith("Restored the library from library-")


def test_start_empty_with_consent_keeps_the_damaged_files(tarjoman_home: Path, tmp_path: Path, qtbot, capsys,
                                                          closing, monkeypatch) -> None:
    cli(capsys, "import", *map(str, write_articles(tmp_path / "in", 3)))
    path = tarjoman_home / "library.sqlite3"
    corrupt(path)
    damaged = path.read_bytes()
    win = _window(qtbot)
    closing.append(win)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    win.view.message_bar._buttons[1].click()  # Start empty…
    text = win.view.message_bar.label.text()
    assert text.startswith("Started an empty library; the old files are kept in ")
    kept = Path(text.rsplit("kept in ", 1)[1].rstrip("."))
    assert (kept / "library.sqlite3").read_bytes() == damaged
    assert win.library.list.count() == 0
    good = build_good(tmp_path / "good")[:1]
    with qtbot.waitSignal(win.hub.import_finished, timeout=60_000):
        win.import_files(good)
    assert win.library.list.count() == 1  # the new library takes imports
