"""Translation jobs: stream (index, translation, flags) per sentence, cache first, cancellable between batches.

:func:`translate_sentences` is the job the UI's task runner and the CLI run: it touches no store, only the cache
object it is given. reader.app.translate.translate_article wraps it for a stored article.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol

from reader.core.jobs import Cancelled, Progress, no_progress
from reader.core.translate.cache import SentenceCache, normalise
from reader.core.translate.engine import SentenceEngine
from reader.core.translate.errors import ModelNotFound
from reader.core.translate.quality import assess
from reader.core.translate.settings import EngineSettings, QualitySettings
from reader.core.types import Edit, TranslationResult

OnResult = Callable[[TranslationResult], None]


class PostEditedLike(Protocol):
    translation: str
    edits: tuple[Edit, ...]


class PostEdit(Protocol):
    """Corrects a model translation (glossary terms; see reader.core.glossary.apply.PostEditor)."""

    def __call__(self, source: str, translation: str) -> PostEditedLike: ...


def translate_sentences(
    sentences: Sequence[str],
    engine: SentenceEngine | None,
    cache: SentenceCache | None,
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
    prepare = getattr(postedit, "prepare", None)  # lets the post-editor batch its model work (alignment)
    if prepare is not None and hits:
        prepare([(sentences[i], h.translation) for i, h in hits.items()])
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
        if prepare is not None:
            prepare([(sentences[r.index], r.translation) for _, r in made])
        for _, r in sorted(made, key=lambda m: m[1].index):
            emit(r)
        report(len(results), total)
    if len(results) < total:
        raise Cancelled()
    return [results[i] for i in range(total)]


def translate_headline(
    title: str,
    engine: SentenceEngine | None,
    cache: SentenceCache | None,
    *,
    settings: EngineSettings | None = None,
    quality: QualitySettings | None = None,
    language: str | None = None,
    refresh: bool = False,
    postedit: PostEdit | None = None,
) -> TranslationResult | None:
    """The headline as its own unit, decoded alone before the body (so it is on screen first) and cached like
    a sentence; None for an empty title or when neither a model nor the cache can translate it."""
    if not title.strip():
        return None
    try:
        (result,) = translate_sentences([title], engine, cache, settings=settings, quality=quality,
                                        language=language, refresh=refresh, postedit=postedit)
    except ModelNotFound:
        return None
    return result
