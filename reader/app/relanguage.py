"""Re-process a stored article under another language (the user's override of language identification).

An app service (core pipeline + store), called by `tarjoman set-language` and the window's per-article menu.

The article's raw text goes through the text pipeline again with the chosen language; its sentences are
rewritten in place (rows are reused, so nothing cascades away), its translations and entities are dropped
(they belong to the other language) and its document metadata (published, author, lead, ...) is kept.

Annotations are kept where possible: a source-side highlight moves to wherever its quote is in the new text
(compared after a length-preserving fold, so ي/ی, ك/ک and digit changes do not lose it); a target-side one
stays on the sentence that now holds its old position, to be re-anchored once the sentence is translated
again. Nothing is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reader.core.dates import published_iso
from reader.core.text.normalize import alignment_key
from reader.core.text.pipeline import reprocess
from reader.core.types import ProcessedText
from reader.store import repo
from reader.store.models import Annotation, Sentence


@dataclass(frozen=True)
class RelanguageReport:
    article_id: int
    language: str
    sentences: int
    annotations_moved: int
    annotations_orphaned: int


def _sentence_at(processed: ProcessedText, offset: int) -> int:
    """Index of the new sentence containing (or nearest after) *offset* of the new text."""
    for s in processed.sentences:
        if offset < s.end:
            return s.index
    return processed.sentences[-1].index


def _locate(processed: ProcessedText, quote: str, near: int) -> tuple[int, int] | None:
    """Where *quote* is in the new text (folded comparison), nearest to *near*."""
    if not quote:
        return None
    text_key, quote_key = alignment_key(processed.text), alignment_key(quote)
    hits = []
    pos = text_key.find(quote_key)
    while pos >= 0:
        hits.append(pos)
        pos = text_key.find(quote_key, pos + 1)
    if not hits:
        return None
    start = min(hits, key=lambda h: abs(h - near))
    return start, start + len(quote_key)


def relanguage_article(article_id: int, language: str) -> RelanguageReport:
    """Process article *article_id* again as *language* ("fa"/"ar") and store the result (one transaction).

    Raises ``LanguageError``/``EmptyTextError`` (``ValueError``) when the text cannot be read as *language*,
    and ``StoreError`` for an unknown article; nothing changes then.
    """
    return save_relanguaged(article_id, reprocess_article_text(*relanguage_input(article_id), language))


def relanguage_input(article_id: int) -> tuple[str, dict[str, Any], str]:
    """What re-processing needs from the store: ``(raw_text, meta, document_title)`` (GUI thread)."""
    article = repo.get_article(article_id)
    meta = dict(article.meta or {})
    title = str(meta.get("original_title", "")) if meta.get("title_source") == "document" else ""
    return article.raw_text or article.original_text, meta, title


def reprocess_article_text(raw: str, meta: dict[str, Any], title: str, language: str) -> ProcessedText:
    """The pure part (a job for a worker thread): the text pipeline under *language*."""
    return reprocess(raw, language, meta, title=title)


def save_relanguaged(article_id: int, processed: ProcessedText) -> RelanguageReport:
    """Store a re-processed article: sentences rewritten in place, highlights moved (GUI thread)."""
    old = {s.index: s for s in Sentence.select().where(Sentence.article == article_id)}
    live = (Annotation.article == article_id) & Annotation.deleted.is_null(False) & ~Annotation.deleted
    notes = list(Annotation.select().where(live))
    sentence_of = {s.id: s for s in old.values()}
    counts = {"moved": 0, "orphaned": 0}

    def move_annotations(ids: dict[int, int]) -> None:  # before the surplus old sentences go
        for a in notes:
            old_sentence = sentence_of.get(a.sentence_id)
            base = old_sentence.start if old_sentence is not None else 0
            near = base + a.start
            spot = _locate(processed, a.quote, near) if a.side == "source" else None
            if spot is not None:
                target = processed.sentences[_sentence_at(processed, spot[0])]
                start, end = spot[0] - target.start, min(spot[1], target.end) - target.start
                quote = processed.text[target.start + start : target.start + end]
                Annotation.update(sentence=ids[target.index], start=start, end=end, quote=quote).where(
                    Annotation.id == a.id
                ).execute()
                counts["moved"] += 1
            else:
                index = _sentence_at(processed, min(near, max(len(processed.text) - 1, 0)))
                Annotation.update(sentence=ids[index]).where(Annotation.id == a.id).execute()
                counts["orphaned"] += 1

    repo.replace_text(article_id, processed, published_iso(processed.date, processed.meta), move_annotations)
    return RelanguageReport(article_id, processed.language, len(processed.sentences), counts["moved"],
                            counts["orphaned"])
