"""Entity service: tag an article's sentences (reader.core.entities), project them onto the stored translations,
save them (reader.store.entities); find the articles that mention a name in any spelling.

The window tags as a job (:func:`tag_article` with ``save=False``) and saves on the GUI thread
(:func:`save_tagged`), which also records what text the entities were computed for (:func:`needs_tagging`).
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Mapping, Sequence

from reader.core.entities import corrections
from reader.core.jobs import Progress, check, no_progress
from reader.core.types import EntitySpan
from reader.store import repo
from reader.store.db import db
from reader.store.entities import (
    articles_containing,
    articles_with_canonical,
    delete_corrections,
    save_correction,
    save_entities,
)
from reader.store.entities import corrections as store_corrections


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
    user = [corrections.make(**{k: c[k] for k in ("language", "text", "action", "type", "english")})
            for c in store_corrections(article.language)]
    if user:
        tagged = corrections.apply([s.text for s in sents], tagged, user)
    english = {c.key: c.english for c in user if c.action == "english"}
    progress(1, total)
    result: dict[int, list[EntitySpan]] = {}
    for k, (s, ents) in enumerate(zip(sents, tagged, strict=True), 2):
        check(cancel)
        if s.translation:
            ents = project_sentence(ents, s.text, s.translation, article.language)
        if english:  # the reader's English name wins over the projection
            ents = [_with_english(e, english, s.translation or "") for e in ents]
        result[s.index] = list(ents)
        progress(k, total)
    if save:
        check(cancel)
        save_entities(article_id, result)
    return result


def _with_english(span: EntitySpan, english: dict[str, str], translation: str) -> EntitySpan:
    from dataclasses import replace

    from reader.core.entities.text import key

    name = english.get(key(span.text))
    if not name:
        return span
    at = translation.find(name)
    extra = {**span.extra, "reader_english": True}  # the names layer then writes it into the translation
    if at < 0 and span.en_start is not None:
        extra["projected"] = (span.en_start, span.en_end)  # where the model rendered it
    return replace(span, english=name, en_start=at if at >= 0 else None, en_end=at + len(name) if at >= 0 else None,
                   extra=extra)


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


# --- the reader's corrections --------------------------------------------------------------------------------
def _variants(text: str) -> list[str]:
    """Spellings a stored sentence may use for *text* (Arabic/Persian yeh and kaf, with/without ZWNJ)."""
    forms = {text, text.replace("\u200c", " "), text.replace("\u200c", "")}
    out = set()
    for f in forms:
        out |= {f, f.replace("\u064a", "\u06cc").replace("\u0643", "\u06a9"),
                f.replace("\u06cc", "\u064a").replace("\u06a9", "\u0643")}
    return sorted(out)


def affected_articles(correction: corrections.Correction) -> list[int]:
    """Articles of the correction's language that contain its form as whole words."""
    out = []
    for article_id in articles_containing(correction.language, _variants(correction.text)):
        if any(corrections.mentions(s.text, correction) for s in repo.sentences(article_id)):
            out.append(article_id)
    return out


def correct(language: str, text: str, action: str, type: str = "", english: str = "") -> corrections.Correction:
    """Validate and store a correction (raises corrections.CorrectionError with a sentence for the user)."""
    c = corrections.make(language, text, action, type, english)
    save_correction(c.language, c.key, c.text, c.action, c.type, c.english)
    return c


def forget(language: str, text: str) -> int:
    """Remove every correction of this form."""
    from reader.core.entities.text import key

    return delete_corrections(language, key(text))


def retag(article_ids: list[int], *, cancel: threading.Event | None = None, progress: Progress = no_progress) -> int:
    """Re-tag these articles (after a correction); returns how many were re-tagged."""
    progress(0, len(article_ids))
    for k, article_id in enumerate(article_ids, 1):
        check(cancel)
        tag_article(article_id, cancel=cancel)
        progress(k, len(article_ids))
    return len(article_ids)


def correction_list(language: str | None = None) -> list[dict]:
    return store_corrections(language)


def import_corrections(items: list[dict]) -> int:
    """Store corrections exported with annotations (each validated); returns how many were stored."""
    n = 0
    for item in items:
        if not isinstance(item, dict):
            continue
        correct(str(item.get("language", "")), str(item.get("text", "")), str(item.get("action", "")),
                str(item.get("type", "")), str(item.get("english", "")))
        n += 1
    return n


def tag_file(path: str, *, save: bool = True) -> tuple[int | None, dict[int, list[EntitySpan]]]:
    """Entities of an article file without importing it: ``(article id, entities)`` of the library's article
    when the library already holds the same content (tagged there, projected onto its translations, saved
    unless *save* is False), else ``(None, entities)`` tagged in memory with nothing stored. Raises ValueError
    (the importers' one-line reasons) for a bad file."""
    from reader.core.entities import tag_sentences
    from reader.core.importers import read_document
    from reader.core.text.pipeline import process
    from reader.store.dedupe import same_content

    doc = read_document(path)
    processed = process(doc.text, None, doc.source, title_hint=doc.title_hint)
    existing = same_content(processed)
    if existing is not None:
        return existing.id, tag_article(existing.id, save=save)
    texts = [s.text for s in processed.sentences]
    tagged = tag_sentences(texts, processed.language)
    user = [corrections.make(**{k: c[k] for k in ("language", "text", "action", "type", "english")})
            for c in store_corrections(processed.language)]
    if user:  # the reader's own corrections, as for library articles
        tagged = corrections.apply(texts, tagged, user)
    return None, {s.index: list(ents) for s, ents in zip(processed.sentences, tagged, strict=True)}
