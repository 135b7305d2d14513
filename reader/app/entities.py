"""Entity service: tag an article's sentences (reader.core.entities), project them onto the stored translations,
save them (reader.store.entities); find the articles that mention a name in any spelling.

The window tags as a job (:func:`tag_article` with ``save=False``) and saves on the GUI thread
(:func:`save_tagged`), which also records what text the entities were computed for (:func:`needs_tagging`).
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Mapping, Sequence

from reader.core.jobs import Progress, check, no_progress
from reader.core.types import EntitySpan
from reader.store import repo
from reader.store.db import db
from reader.store.entities import articles_with_canonical, save_entities


def articles_mentioning(canonical: str) -> list[int]:
    """Ids of the articles with an entity of this canonical key (most recently updated first).

    Accepts a stored key ("North Korea", or a folded spelling) or any surface form (بوتين, «پوتین»)."""
    from reader.core.entities import lexicon
    from reader.core.entities.text import canonical as fold

    keys = {canonical, fold(canonical)} - {""}
    for lang in ("fa", "ar"):  # a known name of either language stands for its English canonical
        entry = lexicon.get(lang).lookup(canonical) if canonical.strip() else None
        if entry is not None:
            keys.add(entry.en)
    return articles_with_canonical(keys)


def tag_article(article_id: int, *, save: bool = True, cancel: threading.Event | None = None,
                progress: Progress = no_progress) -> dict[int, list[EntitySpan]]:
    """Tag an article's sentences, project the entities onto the translations already stored, and (by
    default) save them. Returns sentence index -> entities (offsets relative to the sentence)."""
    from reader.core.entities import tag_sentences
    from reader.core.entities.projection import project_sentence

    article = repo.get_article(article_id)
    sents = repo.sentences(article)
    total = len(sents) + 1
    progress(0, total)
    check(cancel)
    tagged = tag_sentences([s.text for s in sents], article.language)
    progress(1, total)
    result: dict[int, list[EntitySpan]] = {}
    for k, (s, ents) in enumerate(zip(sents, tagged, strict=True), 2):
        check(cancel)
        if s.translation:
            ents = project_sentence(ents, s.text, s.translation, article.language)
        result[s.index] = list(ents)
        progress(k, total)
    if save:
        check(cancel)
        save_entities(article_id, result)
    return result


def _signature(article_id: int) -> list[int]:
    """Changes whenever a sentence or a translation of the article changes."""
    rows = repo.sentences(article_id)
    blob = "\x00".join(f"{s.text}\x01{s.translation or ''}" for s in rows).encode("utf-8")
    return [len(rows), zlib.crc32(blob)]


def needs_tagging(article_id: int) -> bool:
    """Entities are (re)computed when the article's sentences or translations changed since the last run."""
    meta = repo.article_meta(article_id)
    return meta is not None and meta.get("entities_for") != _signature(article_id)


def save_tagged(article_id: int, computed: Mapping[int, Sequence[EntitySpan]]) -> None:
    """Store entities computed by ``tag_article(save=False)`` and remember what text they were computed for."""
    with db.atomic():
        save_entities(article_id, computed)
        repo.update_meta(article_id, entities_for=_signature(article_id))
