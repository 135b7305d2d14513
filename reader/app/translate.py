"""Translation service: translate a stored article (read its sentences, pick the engine, save the results),
the library's translation cache, and exporting cached translations as shipped-cache files.

The job itself (reader.core.translate.job.translate_sentences) touches no store; this module feeds it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from reader.core.glossary.terms import Glossary
from reader.core.jobs import Cancelled, Progress
from reader.core.translate.cache import SentenceCache, cache_key, normalise, write_shipped
from reader.core.translate.engine import SentenceEngine
from reader.core.translate.errors import ModelNotFound, TranslateError
from reader.core.translate.job import OnResult, translate_headline, translate_sentences
from reader.core.translate.settings import EngineSettings, QualitySettings
from reader.core.types import TranslationResult
from reader.store import repo
from reader.store.translation_cache import LibraryCacheTable


def library_cache(shipped_dir: Path | None = None, *, use_shipped: bool = True) -> SentenceCache:
    """The app's translation cache: the library's table (whatever database is bound), then the shipped files."""
    return SentenceCache(LibraryCacheTable(), shipped_dir, use_shipped=use_shipped)



def translate_article(
    article_id: int,
    *,
    engine: SentenceEngine | None = None,
    settings: EngineSettings | None = None,
    quality: QualitySettings | None = None,
    cache: SentenceCache | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
    on_result: OnResult | None = None,
    on_headline: OnResult | None = None,
    save: bool = True,
    refresh: bool = False,
    glossary: Glossary | None = None,
    on_engine: Callable[[str], None] | None = None,
) -> list[TranslationResult]:
    """Translate a stored article — its headline first, then its sentences — with the model for its language,
    apply the glossary, and save them to the store.

    *on_engine(key)* is told the model key of the engine chosen ("" when only the cache can serve) before any
    sentence is translated; loading the engine happens here, on the caller's (worker) thread.

    Without *engine*, the LibreTranslate server is used when the app's settings choose it
    (reader.core.translate.remote), else the installed model for ``article.language → en`` (kept warm); when none is
    installed, the cache alone may still complete the article, otherwise :class:`ModelNotFound` says how to
    get one. On cancel, the sentences finished so far are saved before ``Cancelled`` propagates.
    The headline's result goes to *on_headline* (index -1) before any sentence is reported. Sentences the user
    translated by hand (``repo.MANUAL_MODEL``) are reported but never overwritten in the store.
    *glossary*: a :class:`reader.core.glossary.Glossary` (default: the library's, for the article's language).
    """
    from reader.app.glossary import postedit_for
    from reader.core.translate.catalog import find_model
    from reader.core.translate.engine import get_engine
    from reader.core.translate.settings import load_settings

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
    if on_engine is not None:
        on_engine(engine.spec.key if engine else "")
    cache = cache if cache is not None else library_cache()
    postedit = postedit_for(article.language, engine, glossary)
    version = postedit.version if postedit is not None else ""
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
        saved(results, backend_key(engine.spec.key if engine else "", results))
    return results


def reapply_glossary(language: str, **kwargs: object) -> list[int]:
    """Re-apply the glossary to every fully translated article of *language*; returns their ids. Their model
    output comes from the cache (no decoding); partly translated articles get it with their next translation."""
    done: list[int] = []
    for article in repo.list_articles(language):
        translated, total = repo.translation_progress(article)
        if not total or translated < total:
            continue
        try:
            translate_article(article.id, **kwargs)  # type: ignore[arg-type]
        except (ModelNotFound, TranslateError):
            continue
        done.append(article.id)
    return done


def backend_key(engine_key: str, results: list[TranslationResult]) -> str:
    """What ``Article.backend`` records: the engine's model key, else (cache only) the model of the first
    cached result, else "cache". Always a machine key; :func:`backend_label` formats it."""
    return engine_key or next((r.model for r in results if r.model), "") or "cache"


def backend_label(article_id: int) -> str:
    """What translated the article, for the status bar: "fa→en · translate-fa_en 1.9" ("" for no article).
    Built from the machine keys the store keeps (``Sentence.model``, ``Article.backend``)."""
    from reader.core.translate.catalog import describe_key

    if not article_id:
        return ""
    article = repo.get_article(article_id)
    lang = f"{article.language}→en"
    models = repo.sentence_models(article_id)
    shown = ", ".join(describe_key(m) for m in models) or (describe_key(article.backend) if article.backend else "")
    return f"{lang} · {shown or 'not translated'}"


def export_cache_files(article_ids: Iterable[int], out_dir: Path, model_key: str | None = None) -> dict[Path, int]:
    """Write cached translations of the given articles' sentences into *out_dir* as shipped-cache files.

    Entries come from the library's cache, keyed with each sentence's ``model`` (or *model_key* when given).
    Existing files are merged (same key: the new entry wins) and kept sorted, so re-exports diff cleanly.
    Returns {file: number of entries written for these articles}.
    """
    table = LibraryCacheTable()
    new: dict[str, dict[str, dict[str, Any]]] = {}
    for aid in article_ids:
        sents = [(model_key or s.model, s.text) for s in repo.sentences(repo.get_article(aid))]
        keyed = {cache_key(mk, text): (mk, text) for mk, text in sents if mk}
        rows = table.get(list(keyed))
        for key, (mk, text) in keyed.items():
            row = rows.get(key)
            if row is None:
                continue
            new.setdefault(mk, {})[key] = {
                "key": key, "model": mk, "source": normalise(text), "translation": row["translation"],
                "score": row["score"], "flags": row["flags"] or [],
            }
    return write_shipped(Path(out_dir), new)
