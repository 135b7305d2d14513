"""The real thing: the seed news articles, imported through the text pipeline, exported to one PDF and read back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from reader.core.export import ExportOptions
from reader.core.types import TranslationResult
from tests.support.export_data import norm, pdf_text


def _import(path: Path) -> int:
    from reader.store import repo

    try:
        from reader.app.importing import import_file
    except ModuleNotFoundError:  # text pipeline not there yet: one sentence per non-empty line
        from tests.support.export_data import make_processed

        lines = [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        lang = "fa" if any(c in "پچژگی" for c in "".join(lines)) else "ar"
        return repo.save_article(make_processed(lines[1:], lang, title=lines[0]), source=str(path)).id
    return import_file(path).id


@pytest.mark.slow
def test_seed_articles_export_to_a_searchable_bilingual_pdf(library, seeds: list[Path], tmp_path: Path) -> None:
    from reader.app.exporting import export_articles
    from reader.store import annotations as ann
    from reader.store import repo
    from reader.store.models import Entity

    ids = [_import(p) for p in seeds]
    for aid in ids:
        sents = repo.sentences(aid)
        # Made-up English (the model is not part of this test), with a name to colour.
        repo.save_translations(aid, [TranslationResult(s.index, s.text, f"English line {s.index + 1} about Moscow.")
                                     for s in sents], backend="test")
        first = sents[0]
        Entity.create(article=aid, sentence=first.id, type="LOCATION", start=first.start,
                      end=first.start + min(6, len(first.text)), text=first.text[:6],
                      en_start=first.translation.index("Moscow") if first.translation else None,
                      en_end=first.translation.index("Moscow") + 6 if first.translation else None)
        ann.create(aid, sents[1].index, "source", 0, min(10, len(sents[1].text)), note="یادداشت خواننده",
                   tags=["check"])
        ann.create(aid, sents[2].index, "target", 0, 7, note="Reader's note")
    out = tmp_path / "seeds.pdf"
    result = export_articles(ids, out, options=ExportOptions(paragraph_bookmarks=True))
    assert result.documents == len(seeds) and result.footnotes == 2 * len(seeds)

    text = norm("".join(pdf_text(out)))
    for aid in ids:
        for s in repo.sentences(aid):
            assert norm(s.text) in text, (aid, s.index, s.text)  # source in logical order
            assert norm(s.translation or "") in text

    reader = pypdf.PdfReader(str(out))
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles == [repo.get_article(a).title for a in ids]
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1]
             for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert {"Vazirmatn", "NotoNaskhArabic"} <= fonts
    assert reader.metadata.author == "Tarjoman"

    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")],
                       check=True, timeout=60)
        assert next(tmp_path.glob("p*.png")).stat().st_size > 5000
