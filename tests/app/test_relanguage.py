"""Re-processing a stored article under another language: text, sentences and metadata follow the new
language; highlights move with their quote; translations and entities of the old language go."""

from __future__ import annotations

import pytest

from reader.app.importing import import_text
from reader.app.relanguage import relanguage_article
from reader.core.text.langid import LanguageError
from reader.store import annotations as ann
from reader.store import repo
from reader.store.models import Sentence

PERSIAN_IN_ARABIC_LETTERS = (
    "افزايش قيمت طلا در بازار تهران\n\n"
    "قيمت هر سكه طلا امروز در بازار تهران افزايش يافت. "
    "فروشندگان مي گويند تقاضا براي خريد طلا بيشتر شده است. "
    "كارشناسان پيش بيني مي كنند اين روند ادامه داشته باشد."
)


def test_article_imported_as_arabic_is_reprocessed_as_persian_keeping_highlights(library) -> None:
    article = import_text(PERSIAN_IN_ARABIC_LETTERS, language="ar")
    assert article.language == "ar"
    second = repo.sentences(article)[1]
    start = second.text.index("تقاضا")
    note = ann.create(article.id, 1, "source", start, start + len("تقاضا براي خريد"), note="مهم")
    repo.save_translations(article, [])
    report = relanguage_article(article.id, "fa")
    assert report.language == "fa" and report.annotations_moved == 1 and report.annotations_orphaned == 0
    fresh = repo.get_article(article.id)
    assert fresh.language == "fa" and fresh.meta["language_override"] == "fa"
    sentences = repo.sentences(fresh)
    assert "ي" not in fresh.text and "ك" not in fresh.text
    assert sentences[1].text.startswith("فروشندگان می‌گویند")
    moved = ann.get(note.id)
    assert moved.quote == "تقاضا برای خرید" and moved.note == "مهم"
    assert all(s.translation is None for s in sentences)
    assert [h.ref_id for h in repo.search("تقاضا") if h.kind == "source"] == [sentences[1].id]


def test_reprocessing_keeps_document_metadata_and_refuses_text_that_is_not_the_language(library) -> None:
    article = import_text(PERSIAN_IN_ARABIC_LETTERS)
    assert article.language == "fa"
    count = Sentence.select().where(Sentence.article == article.id).count()
    with pytest.raises(LanguageError):
        relanguage_article(article.id, "ur")
    assert Sentence.select().where(Sentence.article == article.id).count() == count
    report = relanguage_article(article.id, "ar")
    assert report.sentences == count
    assert repo.get_article(article.id).language == "ar"
