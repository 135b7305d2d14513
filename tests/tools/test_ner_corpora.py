"""Corpus readers and entity-level scores of the NER tools (tools/ner): tag mapping, BIO repair, file formats,
exact-span P/R/F1."""

from __future__ import annotations

from pathlib import Path

from reader.core.entities.bio import spans
from tools.ner.corpora import map_label, read_file, repair_bio
from tools.ner.metrics import score


def test_map_label_and_repair() -> None:
    assert map_label("B-PERS") == "B-PERSON"
    assert map_label("I_ORG") == "I-ORGANIZATION"
    assert map_label("b-loc") == "B-LOCATION"
    assert map_label("B-NAT") == "B-MISC"
    assert map_label("B_DAT") == "O"
    assert repair_bio(["I-PERSON", "I-PERSON", "O", "I-LOCATION"]) == ["B-PERSON", "I-PERSON", "O", "B-LOCATION"]


def test_read_corpus_formats(tmp_path: Path) -> None:
    (tmp_path / "tab.txt").write_text("علی\tB-PER\nرفت\tO\n\nتهران\tB-LOC\n", encoding="utf-8")
    (tmp_path / "bar.txt").write_text("وزارت|B_ORG\nنیرو|I_ORG\n||O\n", encoding="utf-8")
    (tmp_path / "space.txt").write_text("ذهب O\nعلي بن B-PERS\n", encoding="utf-8")
    assert read_file(tmp_path / "tab.txt") == [[("علی", "B-PERSON"), ("رفت", "O")], [("تهران", "B-LOCATION")]]
    assert read_file(tmp_path / "bar.txt") == [[("وزارت", "B-ORGANIZATION"), ("نیرو", "I-ORGANIZATION"), ("|", "O")]]
    assert read_file(tmp_path / "space.txt") == [[("ذهب", "O"), ("علي بن", "B-PERSON")]]


def test_spans_and_scores() -> None:
    gold = [["B-PERSON", "I-PERSON", "O", "B-LOCATION"], ["B-ORGANIZATION", "O"]]
    pred = [["B-PERSON", "I-PERSON", "O", "B-ORGANIZATION"], ["B-ORGANIZATION", "B-MISC"]]
    assert spans(gold[0]) == [("PERSON", 0, 2), ("LOCATION", 3, 4)]
    s = score(gold, pred)
    assert (s["PERSON"].tp, s["PERSON"].fp, s["PERSON"].fn) == (1, 0, 0)
    assert (s["LOCATION"].tp, s["LOCATION"].fn) == (0, 1)
    assert (s["ORGANIZATION"].tp, s["ORGANIZATION"].fp) == (1, 1)
    assert s["ALL"].tp == 2 and round(s["ALL"].f1, 3) == round(2 * (2 / 3) * (2 / 3) / (4 / 3), 3)


def test_the_app_never_imports_the_ner_tools() -> None:
    """The runtime package (bundled) must not depend on tools/ (not bundled): checked import by import."""
    import ast

    root = Path(__file__).resolve().parents[2] / "reader"
    offenders = []
    for py in root.rglob("*.py"):
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{py.relative_to(root)}: {n}" for n in names if n.split(".")[0] == "tools"]
    assert offenders == []


def test_tagging_loads_no_training_module() -> None:
    import subprocess
    import sys

    code = ("import sys; from reader.core.entities import tag; tag('علی رضایی به تهران رفت.', 'fa'); "
            "print(sorted(m for m in sys.modules if m.startswith('tools') or m.endswith(('corpora', 'train'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "[]"


def test_tweet_labels_are_relabelled_to_news_conventions() -> None:
    from reader.core.entities import lexicon
    from tools.ner.train import news_conventions

    sents = [[("در", "O"), ("استان", "O"), ("تهران", "B-LOCATION"), ("و", "O"), ("مجلس", "B-ORGANIZATION"),
              ("خبرگزاری", "O"), ("مهر", "B-ORGANIZATION"), ("گفت", "O")]]
    out = news_conventions(sents, lexicon.get("fa"))
    assert [lab for _, lab in out[0]] == ["O", "B-LOCATION", "I-LOCATION", "O", "O",
                                          "B-ORGANIZATION", "I-ORGANIZATION", "O"]
