"""Entity service: tag an article's sentences (reader.core.entities), project them onto the stored translations,
save them (reader.store.entities); find the articles that mention a name in any spelling.
"""

from __future__ import annotations

import threading

from reader.core.jobs import Progress, check, no_progress
from reader.core.types import EntitySpan
from reader.store import repo
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


def tag_file(path: str, *, save: bool = True) -> tuple[int | None, dict[int, list[EntitySpan]]]:
    """Entities of an article file without importing it: ``(article id, entities)`` of the library's article
    when the library already holds the same content (tagged there, projected onto its translations, saved
    unless *save* is False), else ``(None, entities)`` tagged in memory with nothing stored. Raises ValueError
    (the importers' one-line reasons) for a bad file."""
    from reader.core.entities import tag_sentences
    from reader.core.importers import read_document
    from reader.core.text.pipeline import process
    from reader.store.dedupe import by_hash
    from reader.store.fingerprint import content_hash

    doc = read_document(path)
    processed = process(doc.text, None, doc.source, title_hint=doc.title_hint)
    existing = by_hash(content_hash(processed.text))
    if existing is not None:
        return existing.id, tag_article(existing.id, save=save)
    tagged = tag_sentences([s.text for s in processed.sentences], processed.language)
    return None, {s.index: list(ents) for s, ents in zip(processed.sentences, tagged, strict=True)}
