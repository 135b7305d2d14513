"""Annotations: create/edit/delete/undo, tag filter, search, re-anchoring after re-translation, JSON in/out,
and durability when the writing process is killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reader.app.exporting import build_document
from reader.core.types import TranslationResult
from reader.store import StoreError, close_db, init_db, repo
from reader.store import annotations as ann
from reader.store.annotations import AnnotationError
from reader.store.annotations_io import export_annotations, import_annotations
from reader.store.annotations_undo import UndoStack
from reader.store.models import Annotation, Sentence
from tests.support.export_data import FA, FA_EN, find, store_article

ROOT = Path(__file__).resolve().parents[2]


def test_create_edit_delete_restore(library) -> None:
    aid = store_article("fa")
    a, b = find(FA[1], "علی رضایی")
    r = ann.create(aid, 1, "source", a, b, note="وزیر سابق", tags=["#People", "people", " cost "])
    assert (r.quote, r.sentence_index, r.color, r.tags) == ("علی رضایی", 1, "#ffe066", ("People", "cost"))
    assert not r.orphaned and not r.deleted

    r2 = ann.update(r.id, note="رئیس کمیسیون", color="#B2F2BB", tags="a, b")
    assert (r2.note, r2.color, r2.tags) == ("رئیس کمیسیون", "#b2f2bb", ("a", "b"))
    assert r2.updated >= r.updated
    r3 = ann.update(r.id, start=a, end=a + 3)
    assert r3.quote == "علی"

    assert ann.delete(r.id).deleted
    assert ann.for_article(aid) == []
    assert [x.id for x in ann.list_annotations(aid, include_deleted=True)] == [r.id]
    assert not ann.restore(r.id).deleted
    assert [x.id for x in ann.for_article(aid)] == [r.id]

    t0, t1 = find(FA_EN[0], "Isfahan")
    rt = ann.create(aid, 0, "target", t0, t1, color="#abc")
    assert rt.quote == "Isfahan" and rt.color == "#aabbcc"
    assert [x.id for x in ann.for_article(aid)] == [rt.id, r.id]  # reading order: sentence 0 first


def test_bad_input_is_refused_with_one_line_reasons(library) -> None:
    aid = store_article("fa", translate=False)
    cases = [
        (lambda: ann.create(aid, 0, "middle", 0, 2), "side must be"),
        (lambda: ann.create(aid, 0, "source", 5, 2), "outside sentence 1"),
        (lambda: ann.create(aid, 0, "source", 0, 999), "outside sentence 1"),
        (lambda: ann.create(aid, 0, "target", 0, 2), "no translation"),
        (lambda: ann.create(aid, 42, "source", 0, 2), "no sentence 43"),
        (lambda: ann.create(aid + 7, 0, "source", 0, 2), "No article"),
        (lambda: ann.create(aid, 0, "source", 0, 2, color="reddish"), "Not a colour"),
        (lambda: ann.update(12345, note="x"), "No annotation"),
        (lambda: ann.create_from_quote(aid, 0, "source", "نیست"), "does not occur"),
    ]
    for call, message in cases:
        with pytest.raises(StoreError, match=message) as info:
            call()
        assert "\n" not in str(info.value)
    assert Annotation.select().count() == 0


def test_undo_and_redo(library) -> None:
    aid = store_article("fa")
    stack = UndoStack()
    r = stack.create(aid, 0, "source", 0, 5, note="one")
    assert stack.undo_text == "Undo add highlight"
    stack.update(r.id, note="two", tags=["x"])
    stack.delete(r.id)
    assert ann.for_article(aid) == []

    assert stack.undo().deleted is False  # undo delete
    back = stack.undo()  # undo edit
    assert (back.note, back.tags) == ("one", ())
    assert stack.undo().deleted is True  # undo create
    assert not stack.can_undo and stack.undo() is None
    assert ann.for_article(aid) == []

    assert stack.redo_text == "Redo add highlight"
    assert stack.redo().deleted is False
    assert stack.redo().note == "two"
    assert stack.redo().deleted is True
    assert not stack.can_redo
    stack.undo()
    stack.create(aid, 1, "source", 0, 4)  # a new action clears the redo stack
    assert not stack.can_redo


def test_tag_filter_text_filter_and_tag_counts(library) -> None:
    aid = store_article("fa")
    ann.create(aid, 0, "source", 0, 5, tags=["metro", "budget"], note="کتاب مهم")
    ann.create(aid, 1, "source", 0, 5, tags=["budget"])
    gone = ann.create(aid, 2, "source", 0, 5, tags=["budget"])
    ann.delete(gone.id)
    assert [r.sentence_index for r in ann.list_annotations(aid, tag="budget")] == [0, 1]
    assert [r.sentence_index for r in ann.list_annotations(aid, tags=["budget", "METRO"])] == [0]
    assert ann.all_tags(aid) == [("budget", 2), ("metro", 1)]
    # Arabic-letter query finds the Persian note (ك/ک folded).
    assert [r.sentence_index for r in ann.list_annotations(text="كتاب")] == [0]


def test_full_text_search_includes_notes_and_tags(library) -> None:
    aid = store_article("fa")
    r = ann.create(aid, 0, "source", 0, 5, note="بررسی دقیق بودجه", tags=["urgent"])
    hits = [(h.kind, h.ref_id) for h in repo.search("بودجه")]
    assert ("note", r.id) in hits
    assert ("note", r.id) in [(h.kind, h.ref_id) for h in repo.search("urgent")]
    ann.update(r.id, note="هزینه")
    assert ("note", r.id) not in [(h.kind, h.ref_id) for h in repo.search("بودجه")]
    ann.delete(r.id)
    assert repo.search("هزینه") == [] or all(h.kind != "note" for h in repo.search("هزینه"))
    ann.restore(r.id)
    assert ("note", r.id) in [(h.kind, h.ref_id) for h in repo.search("هزینه")]


def test_retranslating_another_sentence_keeps_annotations(library) -> None:
    aid = store_article("fa")
    t0, t1 = find(FA_EN[0], "Isfahan city council")
    target = ann.create(aid, 0, "target", t0, t1, note="who?")
    source = ann.create(aid, 1, "source", *find(FA[1], "علی رضایی"))
    before = {r.id: (r.start, r.end, r.quote) for r in ann.for_article(aid)}
    # The real store path: a new translation of sentence 2 only.
    repo.save_translations(aid, [TranslationResult(2, FA[2], "The UN and the World Bank stressed transit.")])
    ann.reanchor(aid, [2])
    after = ann.for_article(aid)
    assert {r.id: (r.start, r.end, r.quote) for r in after} == before
    assert not any(r.orphaned for r in after) and {r.id for r in after} == {target.id, source.id}
    # Closing and re-opening the library changes nothing either.
    path = Path(library.database)
    close_db()
    init_db(path)
    assert {r.id: (r.start, r.end, r.quote) for r in ann.for_article(aid)} == before


def test_retranslating_the_annotated_sentence_reanchors_or_orphans(library) -> None:
    aid = store_article("fa")
    moved = ann.create(aid, 0, "target", *find(FA_EN[0], "second metro line"))
    lost = ann.create(aid, 0, "target", *find(FA_EN[0], "council approved"), note="keep me")
    new = "On Monday the plan for the second metro line was approved by Isfahan's councillors."
    n = repo.save_translations(aid, [TranslationResult(0, FA[0], new)])  # re-anchors what it rewrote
    assert n == 1
    got = {r.id: r for r in ann.for_article(aid)}
    assert got[moved.id].quote == "second metro line" and not got[moved.id].orphaned
    assert new[got[moved.id].start:got[moved.id].end] == "second metro line"
    assert got[lost.id].orphaned and got[lost.id].note == "keep me"  # kept, flagged, not deleted
    # Exports keep the orphan's note but highlight nothing.
    row = build_document(aid).rows[0]
    orphan = next(a for a in row.annotations if a.id == lost.id)
    assert (orphan.start, orphan.end, orphan.note) == (0, 0, "keep me")
    # Clearing translations orphans target-side annotations without deleting them.
    repo.clear_translations(aid)
    assert all(r.orphaned for r in ann.for_article(aid)) and len(ann.for_article(aid)) == 2


def test_json_round_trip_into_another_library(tmp_path: Path, library) -> None:
    aid = store_article("fa")
    ann.create(aid, 1, "source", *find(FA[1], "علی رضایی"), note="یادداشت", tags=["people"], color="#ff0000")
    ann.create(aid, 0, "target", *find(FA_EN[0], "Isfahan"))
    gone = ann.create(aid, 2, "source", 0, 4)
    ann.delete(gone.id)
    data = export_annotations([aid])
    assert data["format"] == "tarjoman-annotations" and len(data["articles"][0]["annotations"]) == 2
    close_db()

    init_db(tmp_path / "other.sqlite3")
    try:
        repo.save_article(make_other_first())  # shifts ids: matching must use the text hash
        bid = store_article("fa")
        assert bid != aid
        report = import_annotations(data)
        assert (report.added, report.duplicates, report.unmatched_articles) == (2, 0, 0)
        got = ann.for_article(bid)
        assert [(r.quote, r.note, r.tags, r.color) for r in got] == [
            ("Isfahan", "", (), "#ffe066"), ("علی رضایی", "یادداشت", ("people",), "#ff0000")]
        assert import_annotations(data).duplicates == 2  # importing twice adds nothing
        assert len(ann.for_article(bid)) == 2
        assert ("note", got[1].id) in [(h.kind, h.ref_id) for h in repo.search("یادداشت")]

        stranger = {**data, "articles": [{**data["articles"][0], "text_sha256": "0" * 64, "id": 999}]}
        assert import_annotations(stranger).unmatched_articles == 1
        broken = {**data, "articles": [{**data["articles"][0], "annotations": [
            {"sentence_index": 99, "side": "source", "start": 0, "end": 2},
            {"sentence_index": 0, "side": "sideways", "start": 0, "end": 2}]}]}
        assert import_annotations(broken).invalid == 2
        for bad, message in (([], "not a Tarjoman annotations file"),
                             ({"format": "tarjoman-annotations", "version": 99, "articles": []}, "version 99"),
                             ({"format": "tarjoman-annotations", "version": 1, "articles": 3}, "damaged")):
            with pytest.raises(AnnotationError, match=message):
                import_annotations(bad)
    finally:
        close_db()


def make_other_first():
    from tests.support.export_data import make_processed

    return make_processed(["یک جملهٔ دیگر."], "fa", title="دیگر")


_CHILD = textwrap.dedent("""
    import sys, time
    from reader.store import init_db
    from reader.store import annotations as ann
    init_db(sys.argv[1])
    article = int(sys.argv[2])
    for i in range(100):
        r = ann.create(article, i % 5, "source", 0, 3, note=f"note {i}")
        print(r.id, flush=True)
        time.sleep(0.01)
""")


@pytest.mark.slow
def test_sigkill_during_writes_loses_nothing_reported_saved(library) -> None:
    aid = store_article("fa")
    db_path = library.database
    child = subprocess.Popen([sys.executable, "-c", _CHILD, db_path, str(aid)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    saved: list[int] = []
    deadline = time.monotonic() + 120
    try:
        assert child.stdout is not None
        while len(saved) < 30 and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            saved.append(int(line))
        os.kill(child.pid, signal.SIGKILL)
        rest, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    saved += [int(x) for x in rest.split()]  # printed before the kill landed
    assert child.returncode == -signal.SIGKILL, err
    assert len(saved) >= 30
    close_db()
    database = init_db(db_path)  # openable
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {a.id for a in Annotation.select(Annotation.id)}
    assert set(saved) <= stored
    assert len(stored) < 100  # it really was killed in the middle
    assert Sentence.select().where(Sentence.article == aid).count() == 5
    assert {r.id for r in ann.for_article(aid)} == stored


_IMPORT_UNDER_O = textwrap.dedent("""
    import json, sys
    from reader.store import init_db
    from reader.store.annotations_io import import_annotations
    init_db(sys.argv[1])
    report = import_annotations(json.loads(sys.argv[2]))
    print(report.added, report.invalid)
""")


def test_import_rejects_an_unknown_side_even_under_python_O(library, tmp_path: Path) -> None:
    """Validation was an ``assert``: ``python -O`` strips it and a bad entry was imported."""
    aid = store_article("fa")
    data = export_annotations([aid])
    text = repo.sentences(aid)[0].text
    data["articles"][0]["annotations"] = [{"sentence_index": 0, "side": "middle", "start": 0, "end": 3,
                                          "quote": text[:3], "color": "#ffe066"}]
    db_path = library.database
    out = subprocess.run([sys.executable, "-O", "-c", _IMPORT_UNDER_O, db_path, json.dumps(data)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["0", "1"]  # nothing added, one invalid entry
