"""Bugs found in review (issue 10 part 2) that live in the window: each test failed before its fix."""

from __future__ import annotations

import pytest

from tests.ui.conftest import FA_SENTENCES

# Diacritics (kasra, hamza above) and "..." that the text pipeline drops or rewrites: the normalised text is
# shorter than the original, so original-text offsets are not normalised-text offsets.
ORIGINAL = ("سفر وزیر\n\nوزیرِ امورِ خارجهٔ ایران روز دوشنبه به مسکو سفر کرد... "
            "او با همتای روسی خود گفت و گو کرد.\n")


def test_export_of_the_selected_sentence_and_the_next_four_starts_at_that_sentence(window, qtbot) -> None:
    """The dialog's 0-based sentence went into a 1-based range: sentence 1 raised, others started one early."""
    from reader.app.exporting import build_documents
    from reader.store import repo
    from reader.ui.dialogs.export import ExportDialog
    from tests.ui.conftest import processed

    aid = repo.save_article(processed(FA_SENTENCES + FA_SENTENCES[:4])).id  # 10 sentences
    for current, expected in ((0, [0, 1, 2, 3, 4]), (3, [3, 4, 5, 6, 7]), (8, [8, 9])):
        dlg = ExportDialog(window, aid, current)
        qtbot.addWidget(dlg)
        dlg.scope.setCurrentIndex(dlg.scope.findData("selection"))
        ids, rng, _fmt, _opts = dlg.choice()
        (doc,) = build_documents(ids, rng)
        assert [row.index for row in doc.rows] == expected


def test_export_dialog_offers_no_sentence_range_without_a_selected_sentence(window, qtbot) -> None:
    from reader.ui.dialogs.export import ExportDialog

    dlg = ExportDialog(window, window.article.id, -1)
    qtbot.addWidget(dlg)
    assert dlg.scope.findData("selection") == -1
    assert dlg.scope.findData("article") >= 0


@pytest.fixture
def original_article(window):
    from reader.app.importing import import_text

    art = import_text(ORIGINAL, language="fa")
    window.open_article(art.id)
    window.options.set_show_original(True)
    return window.article


def test_annotating_in_the_original_text_anchors_to_the_same_words(window, original_article) -> None:
    view = window.view
    s = original_article.sentences[0]
    assert s.original != s.text and len(s.original) > len(s.text)  # the case that broke
    word = "مسکو"
    label = view.src_labels[0]
    assert word in label.text()
    label.setSelection(s.original.index(word), len(word))  # what the reader selects, in the original
    sel = view.current_selection()
    assert sel is not None and sel.side == "source"
    assert s.text[sel.start:sel.end] == word
    record = window.annotations.undo.create(original_article.id, sel.index, sel.side, sel.start, sel.end)
    assert record.quote == word


def test_annotations_show_in_the_original_text_over_the_same_words(window, original_article) -> None:
    from reader.store import annotations

    s = original_article.sentences[0]
    start = s.text.index("مسکو")
    annotations.create(original_article.id, 0, "source", start, start + 4, color="#b2f2bb")
    window.hub.annotations_changed.emit(original_article.id)
    html = window.view.src_labels[0].text()
    assert "#b2f2bb" in html  # highlighted while the original is shown
    marked = html.split("#b2f2bb", 1)[1].split(">", 1)[1].split("<", 1)[0]
    assert marked == "مسکو"


def test_models_are_listed_and_removed_off_the_gui_thread(window, qtbot, monkeypatch, tmp_path) -> None:
    """Remove model ran remove_model (evict, a folder walk, rmtree) on the GUI thread, and the dialog and the
    translation controller listed installed models (a folder walk) there too."""
    import threading

    from reader.core.translate import catalog, packages
    from reader.ui.dialogs.models import ModelsDialog
    from tests.support.testmodels import build_argos_package

    packages.install_package(build_argos_package(tmp_path, "fa", "en"))
    gui = threading.current_thread()
    calls: list[tuple[str, bool]] = []
    real_list, real_remove = catalog.installed_models, packages.remove_model

    def listing():
        calls.append(("list", threading.current_thread() is gui))
        return real_list()

    def removing(ref):
        calls.append(("remove", threading.current_thread() is gui))
        return real_remove(ref)

    monkeypatch.setattr(catalog, "installed_models", listing)
    monkeypatch.setattr(packages, "remove_model", removing)
    dlg = ModelsDialog(window, window.hub, window.tasks)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.loaded and dlg.installed_count() == 1, timeout=30_000)
    table = dlg.tables["fa"]
    dlg.tabs.setCurrentIndex(list(dlg.tables).index("fa"))
    table.selectRow(next(r for r in range(table.rowCount()) if table.item(r, 0).data(257)))
    with qtbot.waitSignal(window.hub.models_changed, timeout=30_000):
        dlg.remove_selected()
    qtbot.waitUntil(lambda: dlg.loaded and dlg.installed_count() == 0 and not window.tasks.tasks, timeout=60_000)
    assert ("remove", False) in calls
    assert [c for c in calls if c[1]] == []  # nothing of it on the GUI thread
    assert catalog.installed_models() == []


def _open_library_files() -> int:
    import os

    from reader import config

    db = str(config.paths().database)
    n = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            n += os.readlink(f"/proc/self/fd/{fd}").startswith(db)
        except OSError:
            pass
    return n


@pytest.mark.skipif(not __import__("os").path.isdir("/proc/self/fd"), reason="counts open files via /proc")
def test_jobs_on_worker_threads_close_their_database_connection(window, qtbot) -> None:
    from reader.store import repo

    def reads_the_library(*, cancel, progress, emit) -> int:
        return repo.article_count()

    qtbot.waitUntil(lambda: not window.tasks.tasks, timeout=60_000)
    before = _open_library_files()
    for k in range(6):
        with qtbot.waitSignal(window.tasks.task_ended, timeout=30_000):
            window.tasks.start(f"read-{k}", reads_the_library)
    assert _open_library_files() == before
