"""`tarjoman export …` and `tarjoman annotations …` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from tests.support.export_data import FA, norm, pdf_text, store_article


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_formats_layouts_and_range(library, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    aid = store_article("fa")
    bid = store_article("ar")
    for name, extra in (("a.pdf", ()), ("a.md", ("--layout", "interleaved")), ("a.html", ()),
                        ("b.out", ("--format", "html"))):
        code, out, err = run(capsys, "export", str(aid), str(bid), "-o", str(tmp_path / name), *extra)
        assert code == 0, err
        assert out.startswith(f"wrote {tmp_path / name}") and "2 articles, 10 sentences" in out
        assert err == ""  # both are translated: no note
    pdf = pdf_text(tmp_path / "a.pdf")
    assert all(norm(s) in norm("".join(pdf)) for s in FA)
    html = (tmp_path / "b.out").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'dir="rtl" lang="fa"' in html and 'lang="ar"' in html

    code, out, _ = run(capsys, "export", str(aid), "-o", str(tmp_path / "r.md"), "--sentences", "2-3")
    assert code == 0 and "1 article, 2 sentences" in out
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert FA[0] not in md and "Sentences:** 2–3 of 5" in md


def test_bad_requests_are_one_line_errors(library, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    aid = store_article("fa")
    cases = [
        (("export", str(aid), "-o", str(tmp_path / "x.txt")), "cannot tell the format"),
        (("export", "999", "-o", str(tmp_path / "x.pdf")), "No article with id 999"),
        (("export", str(aid), str(aid), "-o", str(tmp_path / "x.pdf"), "--sentences", "1-2"), "exactly one article"),
        (("export", str(aid), "-o", str(tmp_path / "x.pdf"), "--sentences", "abc"), "--sentences wants A-B"),
        (("export", str(aid), "-o", str(tmp_path / "x.pdf"), "--sentences", "9-12"), "outside the article"),
        (("export", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "x.pdf")), "no such file"),
        (("annotations", "import", str(tmp_path / "nope.json")), "no such file"),
    ]
    for argv, message in cases:
        code, out, err = run(capsys, *argv)
        assert code == 1 and message in err and err.count("\n") == 1, (argv, err)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "annotations", "import", str(bad))
    assert code == 1 and "is not valid JSON" in err and err.count("\n") == 1
    assert not (tmp_path / "x.pdf").exists()


def test_untranslated_article_without_model_exports_source_with_a_note(
        library, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    aid = store_article("fa", translate=False)
    code, out, err = run(capsys, "export", str(aid), "-o", str(tmp_path / "u.pdf"))
    assert code == 0 and "wrote" in out
    assert err.count("\n") == 1 and err.startswith("tarjoman: note:") and "empty translation cells" in err
    assert all(norm(s) in norm("".join(pdf_text(tmp_path / "u.pdf"))) for s in FA)


@pytest.mark.slow
def test_export_translates_first_when_a_model_is_installed(
        library, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reader.core.translate.engine import evict
    from reader.store import annotations as ann
    from reader.store import repo
    from tests.support import testmodels

    testmodels.install_test_model("fa")
    try:
        aid = store_article("fa", translate=False)
        r = ann.create(aid, 1, "source", 0, 5, note="kept")
        code, out, err = run(capsys, "export", str(aid), "-o", str(tmp_path / "t.html"))
        assert code == 0 and err == "", err
        assert repo.translation_progress(aid) == (5, 5)
        html = (tmp_path / "t.html").read_text(encoding="utf-8")
        for s in repo.sentences(aid):
            assert s.translation and s.translation.split()[0] in html
        assert ann.get(r.id).note == "kept" and not ann.get(r.id).orphaned
    finally:
        evict()


def test_annotation_commands(library, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    aid = store_article("fa")
    code, out, _ = run(capsys, "annotations", "add", str(aid), "2", "--quote", "علی رضایی", "--note", "مدیر",
                       "--tag", "people", "--tag", "cost")
    assert code == 0
    ann_id = int(out.split("\t")[0])
    assert out.split("\t")[2:6] == ["2", "source", "#ffe066", "علی رضایی"]
    code, out, _ = run(capsys, "annotations", "add", str(aid), "1", "--quote", "Isfahan", "--side", "target",
                       "--color", "#b2f2bb")
    assert code == 0 and "\ttarget\t#b2f2bb\tIsfahan" in out
    code, out, _ = run(capsys, "annotations", "list", str(aid), "--tag", "people")
    assert code == 0 and out.count("\n") == 1 and "#people #cost" in out
    code, out, _ = run(capsys, "annotations", "edit", str(ann_id), "--note", "رئیس", "--tags", "a,b")
    assert code == 0 and "\tرئیس\t#a #b" in out
    code, out, _ = run(capsys, "annotations", "delete", str(ann_id))
    assert code == 0 and out.rstrip().endswith("[deleted]")
    code, out, _ = run(capsys, "annotations", "list", str(aid))
    assert out.count("\n") == 1
    code, out, _ = run(capsys, "annotations", "restore", str(ann_id))
    assert code == 0 and "[deleted]" not in out

    target = tmp_path / "notes.json"
    code, out, _ = run(capsys, "annotations", "export", str(aid), "-o", str(target))
    assert code == 0 and out.startswith("wrote 2 annotations of 1 articles")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "tarjoman-annotations" and len(data["articles"][0]["annotations"]) == 2
    code, out, _ = run(capsys, "annotations", "import", str(target))
    assert code == 0 and out.strip() == "added 0, skipped 2 duplicates"
