"""Name consistency over a stored article: the entity layer's English names win, every mention follows,
and hand translations are left alone."""

from __future__ import annotations

from reader.app.entities import tag_article
from reader.app.glossary import plan_names, save_names, stored_edits
from reader.core.types import TranslationResult
from reader.store import repo
from reader.store.entities import entities_for_article, save_entities
from tests.support import testmodels

ARTICLE = """سفر به پکن

رهبر کره شمالی، کیم جونگ اون، روز دوشنبه وارد پکن شد. کیم جونگ اون با شی جین‌پینگ رئیس‌جمهور چین دیدار کرد.
کیم جونگ اون روز چهارشنبه پکن را ترک کرد. کیم جونگ اون بازگشت."""
ENGLISH = ["North Korean leader Kim Jong Un arrived in Beijing on Monday.",
           "Kim Jong-un met Chinese President Xi Jinping.", "Kim Jung Eun left Peking on Wednesday.",
           "Kim Jung Eun returned."]


def test_one_spelling_per_name_across_the_article(library: object) -> None:
    aid = testmodels.store_article(ARTICLE, "fa")
    repo.save_translations(aid, [TranslationResult(i, "", t, model="argos:test:1") for i, t in enumerate(ENGLISH)])
    repo.set_manual_translation(aid, 3, "Kim Jung Eun returned.")  # the user's words stay as typed
    ents = tag_article(aid, save=False)
    plan = plan_names(aid, ents)
    save_names(aid, plan)
    save_entities(aid, plan.entities)
    rows = repo.sentences(aid)
    assert [s.translation for s in rows] == [
        "North Korean leader Kim Jong Un arrived in Beijing on Monday.",  # already right; adjective kept
        "Kim Jong Un met Chinese President Xi Jinping.",
        "Kim Jong Un left Beijing on Wednesday.",
        "Kim Jung Eun returned.",
    ]
    marks = [(rows[2].translation[e.start:e.end], e.replaced, e.kind) for e in stored_edits(rows[2].edits)]
    assert marks == [("Kim Jong Un", "Kim Jung Eun", "name"), ("Beijing", "Peking", "name")]
    assert rows[2].model == "argos:test:1" and rows[3].model == repo.MANUAL_MODEL
    saved = entities_for_article(aid)[2]  # English offsets follow the corrected text
    assert [(e.english, rows[2].translation[e.en_start:e.en_end]) for e in saved] == [
        ("Kim Jong Un", "Kim Jong Un"), ("Beijing", "Beijing")]


def test_the_readers_english_name_correction_is_written_into_the_translation(library: object) -> None:
    from reader.app.entities import correct

    aid = testmodels.store_article(ARTICLE, "fa")
    repo.save_translations(aid, [TranslationResult(i, "", t, model="argos:test:1") for i, t in enumerate(ENGLISH)])
    correct("fa", "کیم جونگ اون", "english", english="Kim Jong-un")
    plan = plan_names(aid, tag_article(aid, save=False))
    save_names(aid, plan)
    rows = repo.sentences(aid)
    assert [s.translation.split(" met ")[0].split(" left ")[0] for s in rows[1:3]] == ["Kim Jong-un", "Kim Jong-un"]
    assert rows[0].translation == "North Korean leader Kim Jong-un arrived in Beijing on Monday."
    assert [e.english for e in plan.entities[2] if e.type == "PERSON"] == ["Kim Jong-un"]
