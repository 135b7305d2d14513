"""Re-importing never duplicates: content hash and URL identify an article (files, pages, URLs, paste)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.app.importing import import_document_outcome, import_file, import_text, import_url
from reader.store import repo
from reader.store.dedupe import save_or_update
from reader.store.fingerprint import content_hash
from reader.store.models import Annotation, Article, Sentence
from tests.support.websites import AR_BODY_2, Site, ar_page, news_site, serve

AR = "ارتفاع أسعار الخبز\n\nارتفعت أسعار الخبز في المدينة هذا الأسبوع. وقال الخبازون إن كلفة الطحين زادت.\n"


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as s:
        yield news_site(s)


def test_content_hash_ignores_spacing_zwnj_and_letter_variants() -> None:
    a = content_hash("می‌گویند قیمت‌ها ۱۰ درصد بالا رفت.")
    assert a == content_hash("مي گويند  قيمتها 10 درصد بالا رفت")
    assert a != content_hash("می‌گویند قیمت‌ها ۱۱ درصد بالا رفت.")
    assert content_hash("  ... ") == ""


def test_same_file_twice_is_one_article(library, tmp_path: Path) -> None:
    p = tmp_path / "bread.txt"
    p.write_text(AR, encoding="utf-8")
    first = import_file(p)
    copy = tmp_path / "copy of bread.txt"
    copy.write_bytes(AR.encode("windows-1256"))  # another name, another encoding, same article
    again = import_file(copy)
    assert again.id == first.id
    assert Article.select().count() == 1
    assert first.content_hash and Article.get_by_id(first.id).content_hash == content_hash(first.original_text, first.title)


def test_pasted_text_with_other_spacing_is_recognised(library) -> None:
    first = import_text(AR)
    outcome = import_document_outcome(
        __import__("reader.core.importers", fromlist=["from_text"]).from_text(AR.replace(" ", "  ") + "\n\n")
    )
    assert outcome.status == "unchanged" and outcome.article.id == first.id


def test_url_twice_and_via_redirect_is_one_article(library, site: Site) -> None:
    first = import_url(site.url("/fa/bread"))
    assert first.status == "new"
    assert first.article.source == site.url("/fa/bread")
    assert first.article.meta["canonical_url"] == site.url("/fa/bread")
    again = import_url(site.url("/older"))  # redirects to the same page
    assert again.status == "unchanged" and again.article.id == first.article.id
    gz = import_url(site.url("/fa/bread-gz"))  # another address, same canonical URL and content
    assert gz.article.id == first.article.id
    assert Article.select().count() == 1


def test_edited_page_replaces_the_article_and_keeps_notes(library, site: Site) -> None:
    site.add("/ar/news", ar_page("utf-8"))
    first = import_url(site.url("/ar/news")).article
    sents = repo.sentences(first)
    target = next(s for s in sents if "ثمانمئة" in s.text)
    quote = "ثمانمئة متر"
    start = target.text.index(quote)
    Annotation.create(article=first, sentence=target, side="source", start=start, end=start + len(quote),
                      quote=quote, note="طول الجسر")
    edited = ar_page("utf-8", ["خبر عاجل: أغلق الجسر القديم اليوم أمام السيارات.", *AR_BODY_2[:1],
                               "ويبلغ طول الجسر نحو ثمانمئة متر ويضم مسارا خاصا للدراجات الهوائية."])
    site.add("/ar/news", edited)
    outcome = import_url(site.url("/ar/news"))
    assert outcome.status == "updated"
    assert Article.select().count() == 1
    stored = repo.get_article(outcome.article.id)
    assert "أغلق الجسر القديم" in stored.text and stored.created == first.created
    note = Annotation.get()
    moved = Sentence.get_by_id(note.sentence_id)
    assert moved.article_id == stored.id and moved.text[note.start:note.end] == quote
    assert repo.search("طول الجسر")  # the note is still searchable
    assert repo.search("أغلق الجسر القديم") and not repo.search("الازدحام في وسط")


def test_save_or_update_in_one_transaction_never_duplicates(library) -> None:
    from reader.core.text.pipeline import process

    processed = process(AR)
    results = [save_or_update(processed, source="paste") for _ in range(3)]
    assert [r.status for r in results] == ["new", "unchanged", "unchanged"]
    assert Article.select().count() == 1


def test_saved_page_updated_copy_updates_the_article(library, tmp_path: Path) -> None:
    """A page saved twice (the site edited it in between) is one article: its canonical URL says so."""
    from reader.app.importing import import_file_outcome

    canon = '<link rel="canonical" href="https://news.example.org/ar/bridge">'
    first = tmp_path / "bridge.html"
    first.write_text(ar_page("utf-8").replace("<head>", "<head>" + canon), encoding="utf-8")
    a = import_file_outcome(first)
    assert a.status == "new" and a.article.meta["canonical_url"] == "https://news.example.org/ar/bridge"
    second = tmp_path / "bridge (1).html"
    second.write_text(ar_page("utf-8", AR_BODY_2).replace("<head>", "<head>" + canon), encoding="utf-8")
    b = import_file_outcome(second)
    assert b.status == "updated"
    assert Article.select().count() == 1 and "حملة تطعيم" in repo.get_article(b.article.id).text
    other = tmp_path / "other.txt"  # a plain text file with other content is another article
    other.write_text(AR, encoding="utf-8")
    assert import_file_outcome(other).status == "new"
    assert Article.select().count() == 2


def test_trashed_article_imported_again_comes_back(library, tmp_path: Path) -> None:
    from reader.store import library as lib

    p = tmp_path / "bread.txt"
    p.write_text(AR, encoding="utf-8")
    first = import_file(p)
    lib.trash([first.id])
    again = import_file_outcome_of(p)
    assert again.status == "restored" and again.article.id == first.id
    assert Article.get_by_id(first.id).deleted_at is None and Article.select().count() == 1


def test_update_keeps_tags_and_reading_state(library, site: Site) -> None:
    from reader.store import library as lib

    site.add("/ar/t", ar_page("utf-8"))
    first = import_url(site.url("/ar/t")).article
    lib.add_tag([first.id], "جسور")
    lib.mark_read([first.id])
    site.add("/ar/t", ar_page("utf-8", AR_BODY_2))
    updated = import_url(site.url("/ar/t"))
    assert updated.status == "updated"
    assert lib.tags_of(updated.article.id) == ("جسور",)
    assert Article.get_by_id(updated.article.id).read_at is not None


def import_file_outcome_of(path: Path):
    from reader.app.importing import import_file_outcome

    return import_file_outcome(path)


def test_reprocessed_under_another_language_is_still_recognised(library, tmp_path: Path) -> None:
    from reader.app.relanguage import relanguage_article

    p = tmp_path / "bread.txt"
    p.write_text(AR, encoding="utf-8")
    first = import_file(p)
    relanguage_article(first.id, "fa")  # the reader's override re-normalises the text
    stored = Article.get_by_id(first.id)
    assert stored.language == "fa" and stored.content_hash == content_hash(stored.original_text, stored.title)
    assert import_file(p).id == first.id and Article.select().count() == 1


def test_asking_for_another_language_reprocesses_instead_of_duplicating(library, tmp_path: Path) -> None:
    p = tmp_path / "bread.txt"
    p.write_text(AR, encoding="utf-8")
    first = import_file(p)
    assert first.language == "ar"
    again = import_file_outcome_of(p)
    assert again.status == "unchanged"
    from reader.app.importing import import_file_outcome

    forced = import_file_outcome(p, "fa")
    assert forced.status == "updated" and forced.article.language == "fa"
    assert Article.select().count() == 1
