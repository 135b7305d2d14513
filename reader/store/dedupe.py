"""Re-imports never duplicate: find the article a new import already is, and update it in place.

An article is identified by its content hash (``Article.content_hash``, see :mod:`reader.store.fingerprint`)
and, for web pages, by its URL (the address it was fetched from, or the page's canonical URL). The import
services call :func:`save_or_update`:

* same content (hash) in the same language → ``unchanged``: nothing is written, the existing article returns;
* same URL, new content (the page was edited since) → ``updated``: the article keeps its id; its text and
  sentences are replaced in one transaction, entities are dropped (re-tag), annotations move to the sentence
  that still holds their quote, translations come back from the translation cache on the next translate;
* otherwise → ``new``: ``repo.save_article`` (one transaction, the hash stored with the article).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from peewee import fn

from reader.core.types import ProcessedText
from reader.store import repo
from reader.store.db import db
from reader.store.fingerprint import content_hash
from reader.store.models import Annotation, Article, Entity, Sentence


@dataclass(frozen=True)
class SaveOutcome:
    article: Article
    status: str  # "new" | "unchanged" | "updated"


def by_hash(digest: str) -> Article | None:
    """The oldest article with this content hash ("" never matches)."""
    if not digest:
        return None
    return Article.select().where(Article.content_hash == digest).order_by(Article.id).first()


def by_url(urls: Iterable[str]) -> Article | None:
    """The oldest article fetched from, or canonically at, one of *urls* (http/https only)."""
    keys = sorted({u.strip() for u in urls if u and u.strip().lower().startswith(("http://", "https://"))})
    if not keys:
        return None
    canonical = fn.json_extract(Article.meta, "$.canonical_url")
    return Article.select().where(Article.source.in_(keys) | canonical.in_(keys)).order_by(Article.id).first()


def find_existing(processed: ProcessedText, urls: Iterable[str] = ()) -> tuple[Article | None, str]:
    """(the article this import already is, "unchanged" | "updated"), or (None, "new")."""
    same = by_hash(content_hash(processed.text))
    if same is not None:
        return same, "unchanged" if same.language == processed.language else "updated"
    at_url = by_url(urls)
    if at_url is not None:
        return at_url, "updated"
    return None, "new"


def save_or_update(
    processed: ProcessedText, *, source: str = "", raw_text: str = "", urls: Iterable[str] = ()
) -> SaveOutcome:
    """Store *processed* unless the library has it already (see the module docstring)."""
    urls = list(urls)
    with db.atomic():  # the look-up and the write are one transaction: two imports of one page make one article
        existing, status = find_existing(processed, urls)
        if existing is None:
            return SaveOutcome(repo.save_article(processed, source=source, raw_text=raw_text), "new")
        if status == "unchanged":
            return SaveOutcome(existing, "unchanged")
        return SaveOutcome(replace_article(existing.id, processed, source=source, raw_text=raw_text), "updated")


def replace_article(article_id: int, processed: ProcessedText, *, source: str = "", raw_text: str = "") -> Article:
    """Give article *article_id* new content (same id, same place in the library), all or nothing."""
    with db.atomic():
        article = repo.get_article(article_id)
        notes = list(Annotation.select(Annotation, Sentence).join(Sentence).where(Annotation.article == article_id))
        kept = [(a.id, a.sentence.index, a.side, a.quote, a.start) for a in notes]
        # Annotations cascade with their sentences: copy them (same ids, so note search rows stay valid).
        db.execute_sql("DELETE FROM search_index WHERE article_id = ? AND kind != 'note'", (article_id,))
        Entity.delete().where(Entity.article == article_id).execute()
        saved = {a.id: a.__data__.copy() for a in notes}
        Annotation.delete().where(Annotation.article == article_id).execute()
        Sentence.delete().where(Sentence.article == article_id).execute()
        article.title = processed.title
        article.language = processed.language
        article.source = source or article.source
        article.date = processed.date
        article.raw_text = raw_text
        article.original_text = processed.original_text
        article.text = processed.text
        article.offset_map = processed.offset_map
        article.meta = processed.meta
        article.content_hash = content_hash(processed.text)
        article.backend = ""
        article.updated = repo._now()
        article.save()
        rows = [
            {"article": article_id, "index": s.index, "start": s.start, "end": s.end,
             "paragraph": s.paragraph, "text": s.text}
            for s in processed.sentences
        ]
        for k in range(0, len(rows), 200):
            Sentence.insert_many(rows[k : k + 200]).execute()
        sents = list(Sentence.select().where(Sentence.article == article_id).order_by(Sentence.index))
        repo._index_rows("source", article_id, [(s.id, s.text) for s in sents])
        repo._index_rows("title", article_id, [(article_id, article.title)])
        if sents:
            _restore_annotations(saved, kept, sents)
    return article


def _restore_annotations(saved: dict[int, dict], kept: list[tuple[int, int, str, str, int]],
                         sents: list[Sentence]) -> None:
    """Re-insert annotations on the new sentences: the sentence holding the quote (nearest to the old
    position), else the same sentence number (where they read as orphaned until edited)."""
    from reader.store.annotations import find_quote

    for ann_id, index, side, quote, start in kept:
        target = sents[min(index, len(sents) - 1)]
        spot = None
        if side == "source" and quote:
            order = sorted(sents, key=lambda s: abs(s.index - index))
            for s in order:
                spot = find_quote(s.text, quote, start if s.index == index else 0)
                if spot is not None:
                    target = s
                    break
        data = dict(saved[ann_id])
        data["sentence"] = target.id
        if spot is not None:
            data["start"], data["end"] = spot
        Annotation.insert(data).execute()
