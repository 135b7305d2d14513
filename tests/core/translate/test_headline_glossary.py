"""The headline is translated first and cached; glossary terms are forced into the English and marked, and a
changed glossary re-applies to cached output without decoding again; hand translations survive re-translation."""

from __future__ import annotations

from reader.app import glossary as store_glossary
from reader.app.translate import library_cache, translate_article
from reader.app.view import load_article_view
from reader.core.translate import EngineSettings
from reader.core.translate import align as alt
from reader.core.translate.catalog import ModelSpec
from reader.core.translate.engine import get_engine
from reader.core.types import Edit, TranslationResult
from reader.store import repo
from tests.support import testmodels

ARTICLE = """سفر کیم جونگ اون به پکن

رهبر کره شمالی، کیم جونگ اون، روز دوشنبه وارد پکن شد. او با رئیس‌جمهور چین دیدار کرد.
سپاه پاسداران بیانیه‌ای منتشر کرد."""


def _raw(spec: ModelSpec, source: str) -> str:
    """The model's own output for *source*, as the cache holds it."""
    (entry,) = library_cache(use_shipped=False).lookup(spec.key, [source]).values()
    return entry.translation


def test_headline_is_translated_first_cached_stored_and_searchable(fa_model: ModelSpec,
                                                                  fast_settings: EngineSettings) -> None:
    aid = testmodels.store_article(ARTICLE, "fa")
    engine = get_engine(fa_model, fast_settings)
    events: list[tuple[str, TranslationResult]] = []
    translate_article(aid, settings=fast_settings, on_headline=lambda r: events.append(("head", r)),
                      on_result=lambda r: events.append(("body", r)))
    assert [k for k, _ in events] == ["head"] + ["body"] * 3
    head = events[0][1]
    assert head.index == -1 and head.source == "سفر کیم جونگ اون به پکن" and head.translation and not head.cached
    article = repo.get_article(aid)
    assert (article.title_en, article.title_model) == (head.translation, fa_model.key)
    word = max(head.translation.split(), key=len)
    assert any(h.kind == "title" and h.article_id == aid for h in repo.search(word))

    decoded = engine.sentences
    heads: list[TranslationResult] = []
    translate_article(aid, settings=fast_settings, on_headline=heads.append)
    assert engine.sentences == decoded and heads[0].cached and heads[0].translation == head.translation

    repo.clear_translations(aid)
    assert repo.get_article(aid).title_en == ""


def test_glossary_term_is_forced_into_the_english_and_marked(fa_model: ModelSpec,
                                                             fast_settings: EngineSettings) -> None:
    store_glossary.add_term("کیم جونگ اون", "Kim Jong Un", "fa")
    aid = testmodels.store_article(ARTICLE, "fa")
    results = translate_article(aid, settings=fast_settings)
    first = repo.sentences(aid)[0]
    assert "Kim Jong Un" in first.translation and results[0].translation == first.translation
    (edit,) = [Edit.from_json(e) for e in first.edits]
    assert edit is not None and (edit.source, edit.kind) == ("کیم جونگ اون", "glossary")
    assert first.translation[edit.start:edit.end] == "Kim Jong Un"
    raw = _raw(fa_model, first.text)  # the cache keeps the model's own words: the edit replaced exactly them
    assert first.translation[:edit.start] + edit.replaced + first.translation[edit.end:] == raw
    assert first.glossary == store_glossary.glossary("fa").version != ""
    assert "Kim Jong Un" in repo.get_article(aid).title_en  # the headline too
    assert [s.edits for s in repo.sentences(aid)[1:]] == [[], []]  # no term there: nothing changed


def test_changing_the_glossary_reapplies_without_decoding_again(fa_model: ModelSpec,
                                                               fast_settings: EngineSettings) -> None:
    store_glossary.add_term("کیم جونگ اون", "Kim Jong Un", "fa")
    aid = testmodels.store_article(ARTICLE, "fa")
    engine = get_engine(fa_model, fast_settings)
    translate_article(aid, settings=fast_settings)
    decoded, passes = engine.sentences, alt.forced_passes
    cache = library_cache(use_shipped=False)

    store_glossary.add_term("كيم جونگ‌اون", "Kim Jong-un", "fa")  # the same term in other letters: updated
    assert len(store_glossary.terms("fa")) == 1
    assert not load_article_view(aid).glossary_current  # the window re-applies when it sees this
    out = translate_article(aid, settings=fast_settings, cache=cache)
    assert engine.sentences == decoded and alt.forced_passes == passes  # no decode, no new alignment
    assert all(r.cached for r in out) and cache.db_hits == 4 and cache.misses == 0  # headline + 3 sentences
    first = repo.sentences(aid)[0]
    assert "Kim Jong-un" in first.translation and "Kim Jong Un" not in first.translation
    assert first.glossary == store_glossary.glossary("fa").version
    view = load_article_view(aid)
    assert view.glossary_current and view.title_en == repo.get_article(aid).title_en
    (edit,) = view.sentences[0].edits
    assert view.sentences[0].translation[edit.start:edit.end] == "Kim Jong-un"

    store_glossary.remove_term("کیم جونگ اون", "fa")
    translate_article(aid, settings=fast_settings)
    first = repo.sentences(aid)[0]
    assert engine.sentences == decoded
    assert first.translation == _raw(fa_model, first.text) and first.edits == [] and first.glossary == ""


def test_hand_translation_survives_a_real_retranslation(fa_model: ModelSpec, fast_settings: EngineSettings) -> None:
    aid = testmodels.store_article(ARTICLE, "fa")
    engine = get_engine(fa_model, fast_settings)
    translate_article(aid, settings=fast_settings)
    repo.set_manual_translation(aid, 1, "He met the Chinese president.")
    before = engine.sentences
    translate_article(aid, settings=fast_settings, refresh=True)
    assert engine.sentences - before == 4  # really decoded again (headline + 3 sentences)
    s = repo.sentences(aid)[1]
    assert (s.translation, s.model) == ("He met the Chinese president.", repo.MANUAL_MODEL)
