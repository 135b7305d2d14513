"""Translation jobs: stream (index, translation, flags) per sentence, cache first, cancellable between batches.

:func:`translate_sentences` is the job the UI's task runner and the CLI run: it touches no store except the
cache object it is given. :func:`translate_article` wraps it for a stored article (reads its sentences, picks
the model for its language, saves the results).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol

from reader.core.glossary.terms import Glossary
from reader.core.jobs import Cancelled, Progress, no_progress
from reader.core.translate.cache import TranslationCache, normalise
from reader.core.translate.engine import SentenceEngine
from reader.core.translate.errors import ModelNotFound, TranslateError
from reader.core.translate.quality import assess
from reader.core.translate.settings import EngineSettings, QualitySettings
from reader.core.types import Edit, TranslationResult

OnResult = Callable[[TranslationResult], None]


class PostEdit(Protocol):
    """Corrects a model translation (glossary terms; see reader.core.glossary.apply.PostEditor)."""

    def __call__(self, source: str, translation: str) -> PostEditedLike: ...


class PostEditedLike(Protocol):
    translation: str
    edits: tuple[Edit, ...]


def translate_sentences(
    sentences: Sequence[str],
    engine: SentenceEngine | None,
    cache: TranslationCache | None,
    *,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
    on_result: OnResult | None = None,
    settings: EngineSettings | None = None,
    quality: QualitySettings | None = None,
    language: str | None = None,
    refresh: bool = False,
    postedit: PostEdit | None = None,
) -> list[TranslationResult]:
    """Translate *sentences* (one result per sentence, in order).

    Cached translations are reported first, at once; the rest are decoded in batches and each batch is
    reported (``on_result`` per sentence, then ``progress(done, total)``) and written to the cache in one
    transaction as soon as it finishes. Repeated sentences are decoded once. When *cancel* is set, the batches
    already running are finished, reported and cached, then :class:`reader.core.jobs.Cancelled` is raised.
    With ``engine=None`` only the cache serves (no model installed); if that leaves sentences untranslated,
    :class:`ModelNotFound` is raised after reporting what the cache had. ``refresh=True`` ignores the cache.
    *postedit* corrects each translation before it is reported (the glossary); the cache keeps the model's
    own output, so a changed glossary re-applies to cached sentences without decoding them again.
    """
    report = progress or no_progress
    total = len(sentences)
    lang = language or (engine.spec.from_code if engine else "")
    model_key = engine.spec.key if engine else None
    sources = [normalise(s) for s in sentences]
    results: dict[int, TranslationResult] = {}

    def emit(r: TranslationResult) -> None:
        if postedit is not None and r.translation:
            done = postedit(sentences[r.index], r.translation)
            if done.edits or done.translation != r.translation:
                r = replace(r, translation=done.translation, edits=tuple(done.edits))
        results[r.index] = r
        if on_result is not None:
            on_result(r)

    hits = {} if (refresh or cache is None) else cache.lookup(model_key, sources)
    for i in sorted(hits):
        h = hits[i]
        emit(TranslationResult(i, sentences[i], h.translation, h.flags, h.score, h.model, cached=True))
    report(len(results), total)

    todo: dict[str, list[int]] = {}  # normalised source -> positions (duplicates decoded once)
    for i in range(total):
        if i not in results:
            todo.setdefault(sources[i], []).append(i)
    if not todo:
        return [results[i] for i in range(total)]
    if engine is None:
        raise ModelNotFound(f"No translation model is installed for this {lang or 'source'} text and "
                            f"{len(todo)} of {total} sentences are not in the cache.")
    if cancel is not None and cancel.is_set():
        raise Cancelled()
    unique = list(todo)
    for batch in engine.translate_stream(unique, settings, cancel):
        made: list[tuple[str, TranslationResult]] = []
        for raw in batch:
            src = unique[raw.index]
            flags = assess(src, raw.text, language=lang, logprob=raw.logprob, settings=quality)
            for i in todo[src]:
                made.append((src, TranslationResult(i, sentences[i], raw.text, flags, raw.logprob, model_key)))
        if cache is not None:
            cache.store(model_key, made)
        for _, r in sorted(made, key=lambda m: m[1].index):
            emit(r)
        report(len(results), total)
    if len(results) < total:
        raise Cancelled()
    return [results[i] for i in range(total)]


def translate_headline(
    title: str,
    engine: SentenceEngine | None,
    cache: TranslationCache | None,
    *,
    settings: EngineSettings | None = None,
    quality: QualitySettings | None = None,
    language: str | None = None,
    refresh: bool = False,
    postedit: PostEdit | None = None,
) -> TranslationResult | None:
    """The headline as its own unit (cached like a sentence); None for an empty title or when neither a
    model nor the cache can translate it."""
    if not title.strip():
        return None
    try:
        (result,) = translate_sentences([title], engine, cache, settings=settings, quality=quality,
                                        language=language, refresh=refresh, postedit=postedit)
    except ModelNotFound:
        return None
    return result


def translate_article(
    article_id: int,
    *,
    engine: SentenceEngine | None = None,
    settings: EngineSettings | None = None,
    quality: QualitySettings | None = None,
    cache: TranslationCache | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
    on_result: OnResult | None = None,
    on_headline: OnResult | None = None,
    save: bool = True,
    refresh: bool = False,
    glossary: Glossary | None = None,
) -> list[TranslationResult]:
    """Translate a stored article — its headline first, then its sentences — with the model for its language,
    apply the glossary, and save them to the store.

    Without *engine*, the LibreTranslate server is used when the app's settings choose it
    (reader.core.translate.remote), else the installed model for ``article.language → en`` (kept warm); when none is
    installed, the cache alone may still complete the article, otherwise :class:`ModelNotFound` says how to
    get one. On cancel, the sentences finished so far are saved before ``Cancelled`` propagates.
    The headline's result goes to *on_headline* (index -1) before any sentence is reported. Sentences the
    user translated by hand (``repo.MANUAL_MODEL``) are reported but never overwritten in the store.
    *glossary*: a :class:`reader.core.glossary.Glossary` (default: the library's, for the article's language).
    """
    from reader.core.translate.catalog import find_model
    from reader.core.translate.engine import get_engine
    from reader.core.translate.settings import load_settings
    from reader.store import repo

    article = repo.get_article(article_id)
    rows = repo.sentences(article)
    manual = {r.index for r in rows if r.model == repo.MANUAL_MODEL}
    if settings is None or quality is None:
        saved_engine, saved_quality = load_settings()
        settings, quality = settings or saved_engine, quality or saved_quality
    missing: ModelNotFound | None = None
    if engine is None:  # the team server when the app's settings choose it (RemoteError if unusable)
        from reader.core.translate.remote import engine_from_settings

        engine = engine_from_settings(article.language)
    if engine is None:
        try:
            engine = get_engine(find_model(article.language, "en"), settings)
        except ModelNotFound as exc:
            missing = exc
    cache = cache if cache is not None else TranslationCache()
    from reader.app.glossary import postedit_for

    postedit = postedit_for(article.language, engine, glossary)
    version = getattr(postedit, "version", "")
    if article.title_model != repo.MANUAL_MODEL:
        head = translate_headline(article.title, engine, cache, settings=settings, quality=quality,
                                  language=article.language, refresh=refresh, postedit=postedit)
        if head is not None:
            head = replace(head, index=-1)
            if save:
                repo.save_headline(article, head)
            if on_headline is not None:
                on_headline(head)
    done: list[TranslationResult] = []

    def at_row(r: TranslationResult) -> TranslationResult:  # job positions -> the store's sentence index
        return replace(r, index=rows[r.index].index)

    def keep(r: TranslationResult) -> None:
        r = at_row(r)
        done.append(r)
        if on_result is not None:
            on_result(r)

    def saved(results: list[TranslationResult], backend: str = "") -> None:
        repo.save_translations(article, [r for r in results if r.index not in manual], backend=backend,
                               glossary=version)

    try:
        results = translate_sentences(
            [r.text for r in rows], engine, cache,
            cancel=cancel, progress=progress, on_result=keep, settings=settings, quality=quality,
            language=article.language, refresh=refresh, postedit=postedit,
        )
    except ModelNotFound:
        if save and done:
            saved(done)
        raise missing or ModelNotFound(f"No model for {article.language}→en.") from None
    except (Cancelled, TranslateError):  # cancelled, or an engine failed mid-article: keep what is done
        if save and done:
            saved(done)
        raise
    results = [at_row(r) for r in results]
    if save:
        saved(results, engine.spec.key if engine else (results[0].model if results else ""))
    return results
