"""reader.app.entities + reader.store.entities: tag an imported article, project onto stored translations, save, load, search.

(Lives here beside the entity tests; it exercises reader/app/entities.py and reader/store/entities.py against a real temporary library.)
"""

from __future__ import annotations

import pytest

from reader.core.types import EntitySpan, TranslationResult
from reader.store.models import Sentence

ARTICLE_FA = (
    "سفر پوتین به پیونگ‌یانگ\n\n"
    "ولادیمیر پوتین، رئیس‌جمهور روسیه، روز سه‌شنبه وارد پیونگ‌یانگ شد. "
    "او در این سفر با کیم جونگ اون، رهبر کره شمالی، دیدار می‌کند. "
    "شورای امنیت سازمان ملل پیش از این کره شمالی را تحریم کرده بود.\n"
)


@pytest.fixture
def article_id(library: object) -> int:
    from reader.app.importing import import_text

    return import_text(ARTICLE_FA, language="fa").id


def _sentence(article_id: int, needle: str) -> Sentence:
    from reader.store import repo

    return next(s for s in repo.sentences(article_id) if needle in s.text)


def test_tag_article_saves_and_round_trips(article_id: int) -> None:
    from reader.app.entities import tag_article
    from reader.store import repo
    from reader.store.entities import entities_for_article
    from reader.store.models import Entity

    result = tag_article(article_id)
    loaded = entities_for_article(article_id)
    assert loaded == {k: v for k, v in result.items() if v}
    sents = {s.index: s for s in repo.sentences(article_id)}
    for index, ents in loaded.items():
        for e in ents:
            assert sents[index].text[e.start:e.end] == e.text  # relative to the sentence
    article = repo.get_article(article_id)
    for row in Entity.select().where(Entity.article == article_id):
        assert article.text[row.start:row.end] == row.text  # stored relative to the article text
    texts = {(e.type, e.text) for ents in loaded.values() for e in ents}
    assert ("PERSON", "کیم جونگ اون") in texts and ("LOCATION", "کره شمالی") in texts


def test_projection_onto_stored_translations(article_id: int) -> None:
    from reader.app.entities import tag_article
    from reader.store import repo

    s = _sentence(article_id, "کیم جونگ اون")
    translation = "On this trip he will meet Kim Jong Un, the leader of North Korea."
    repo.save_translations(article_id, [TranslationResult(s.index, s.text, translation)])
    result = tag_article(article_id)
    by_text = {e.text: e for e in result[s.index]}
    assert by_text["کیم جونگ اون"].english == "Kim Jong Un"
    kn = by_text["کره شمالی"]
    assert (kn.english, translation[kn.en_start:kn.en_end]) == ("North Korea", "North Korea")
    # sentences without a translation keep english None
    other = _sentence(article_id, "شورای امنیت")
    assert all(e.english is None for e in result[other.index])


def test_save_replaces_only_the_given_sentences(article_id: int) -> None:
    from reader.app.entities import tag_article
    from reader.store.entities import entities_for_article, save_entities

    tag_article(article_id)
    before = entities_for_article(article_id)
    s = _sentence(article_id, "شورای امنیت")
    mine = EntitySpan("ORGANIZATION", 0, len("شورای امنیت"), "شورای امنیت", canonical="Security Council")
    assert s.text.startswith("شورای امنیت")
    save_entities(article_id, {s.index: [mine]})
    after = entities_for_article(article_id)
    assert after[s.index] == [mine]
    assert {k: v for k, v in after.items() if k != s.index} == {k: v for k, v in before.items() if k != s.index}


def test_articles_mentioning(article_id: int) -> None:
    from reader.app.entities import articles_mentioning, tag_article

    tag_article(article_id)
    assert articles_mentioning("North Korea") == [article_id]  # known place: English canonical
    assert articles_mentioning("بوتين") == [article_id]  # Arabic spelling of a Persian mention
    assert articles_mentioning("«پوتین»") == [article_id]
    assert articles_mentioning("Atlantis") == []


def test_bad_input_gives_store_errors(article_id: int) -> None:
    from reader.app.entities import tag_article
    from reader.store import StoreError
    from reader.store.entities import save_entities

    with pytest.raises(StoreError, match="No article"):
        tag_article(987654)
    with pytest.raises(StoreError, match="no sentence"):
        save_entities(article_id, {999: []})
    with pytest.raises(StoreError, match="outside"):
        save_entities(article_id, {0: [EntitySpan("PERSON", 0, 10_000, "x")]})


def test_tag_article_reports_progress_and_can_be_cancelled(article_id: int) -> None:
    import threading

    from reader.app.entities import tag_article
    from reader.core.jobs import Cancelled

    seen: list[tuple[int, int]] = []
    tag_article(article_id, save=False, progress=lambda d, t: seen.append((d, t)))
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1]
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        tag_article(article_id, cancel=cancel)
