"""Re-imports never duplicate: find the article a new import already is, and update it in place.

An article is identified by its content hash (``Article.content_hash``, see :mod:`reader.store.fingerprint`)
and, for web pages, by its URL (the address it was fetched from, or the page's canonical URL). The import
services call :func:`save_or_update`:

* same content (hash) → ``unchanged`` (in whatever language the reader set for it; only an import that asks
  for another language explicitly re-processes it, as ``updated``): nothing is written, the existing article returns
  (``restored`` when it was in the trash: importing it again takes it out);
* same URL, new content (the page was edited since) → ``updated``: the new version replaces the old one in
  one transaction (a new id; the import date, feed entries and annotations carry over, each annotation to
  the sentence that still holds its quote); entities are re-tagged, translations come back from the
  translation cache for the sentences that did not change;
* otherwise → ``new``: ``repo.save_article`` (one transaction, the hash stored with the article).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from peewee import fn

from reader.core.types import ProcessedText
from reader.store import repo
from reader.store.db import db
from reader.store.fingerprint import content_hash, stored_hash
from reader.store.models import Annotation, Article, Sentence


@dataclass(frozen=True)
class SaveOutcome:
    article: Article
    status: str  # "new" | "unchanged" | "updated" | "restored" (it was in the trash)


def _stale():  # stored before hashes existed (""), or by an older recipe
    from reader.store.fingerprint import HASH_VERSION

    return ~Article.content_hash.startswith(HASH_VERSION + ":")


def backfill_hashes() -> int:
    """Compute the content hash of articles stored before hashes existed or by an older recipe; returns how
    many."""
    todo = list(Article.select().where(_stale()))
    with db.atomic():
        for article in todo:
            Article.update(content_hash=stored_hash(article.original_text, article.title)).where(Article.id == article.id).execute()
    return len(todo)


def by_hash(digest: str) -> Article | None:
    """The oldest article with this content hash ("" never matches)."""
    if not digest:
        return None
    if Article.select(Article.id).where(_stale()).exists():
        backfill_hashes()
    return Article.select().where(Article.content_hash == digest).order_by(Article.id).first()


def by_url(urls: Iterable[str]) -> Article | None:
    """The oldest article fetched from, or canonically at, one of *urls* (http/https only)."""
    keys = sorted({u.strip() for u in urls if u and u.strip().lower().startswith(("http://", "https://"))})
    if not keys:
        return None
    canonical = fn.json_extract(Article.meta, "$.canonical_url")
    return Article.select().where(Article.source.in_(keys) | canonical.in_(keys)).order_by(Article.id).first()


def same_content(processed: ProcessedText) -> Article | None:
    """The library's article with the same content as *processed* (any spelling, spacing or language)."""
    return by_hash(content_hash(processed.original_text, processed.title))


def find_existing(processed: ProcessedText, urls: Iterable[str] = (),
                  language: str | None = None) -> tuple[Article | None, str]:
    """(the article this import already is, "unchanged" | "updated"), or (None, "new"). *language*: the one
    the import asked for explicitly (None: detected, which never overrides the reader's own choice)."""
    same = same_content(processed)
    if same is not None:
        return same, "updated" if language and same.language != language else "unchanged"
    at_url = by_url(urls)
    if at_url is not None:
        return at_url, "updated"
    return None, "new"


def save_or_update(
    processed: ProcessedText, *, source: str = "", raw_text: str = "", urls: Iterable[str] = (),
    published: str | None = None, language: str | None = None,
) -> SaveOutcome:
    """Store *processed* unless the library has it already (see the module docstring). *published*: the ISO
    publication date the caller derived (see ``repo.save_article``)."""
    urls = list(urls)
    with db.atomic():  # the look-up and the write are one transaction: two imports of one page make one article
        existing, status = find_existing(processed, urls, language)
        if existing is None:
            return SaveOutcome(repo.save_article(processed, source=source, raw_text=raw_text, published=published),
                               "new")
        if status == "unchanged":
            if existing.deleted_at is not None:  # imported again while in the trash: the reader wants it back
                Article.update(deleted_at=None).where(Article.id == existing.id).execute()
                return SaveOutcome(repo.get_article(existing.id), "restored")
            return SaveOutcome(existing, "unchanged")
        return SaveOutcome(replace_article(existing.id, processed, source=source, raw_text=raw_text,
                                           published=published), "updated")


def replace_article(article_id: int, processed: ProcessedText, *, source: str = "", raw_text: str = "",
                    published: str | None = None) -> Article:
    """Replace article *article_id* by new content, all or nothing: the new version is stored like any article
    (``repo.save_article``), the old one's annotations move to the sentences that still hold their quotes,
    its feed entries, tags, import date and read state carry over, and the old version is deleted. Returns
    the new article."""
    from reader.store.models import ArticleTag, FeedItem

    with db.atomic():
        old = repo.get_article(article_id)
        new = repo.save_article(processed, source=source or old.source, raw_text=raw_text, published=published)
        Article.update(created=old.created, read_at=old.read_at).where(Article.id == new.id).execute()
        ArticleTag.update(article=new.id).where(ArticleTag.article == article_id).execute()
        sents = repo.sentences(new)
        notes = list(Annotation.select(Annotation, Sentence).join(Sentence).where(Annotation.article == article_id))
        for a in notes:
            target, spot = _new_home(sents, a.sentence.index, a.side, a.quote, a.start)
            if target is None:
                continue  # the new version has no sentences at all (cannot happen for a processed article)
            changes = {Annotation.article: new.id, Annotation.sentence: target.id}
            if spot is not None:
                changes[Annotation.start], changes[Annotation.end] = spot
            Annotation.update(changes).where(Annotation.id == a.id).execute()  # notes are indexed by their id
        FeedItem.update(article=new.id).where(FeedItem.article == article_id).execute()
        repo.delete_article(article_id)
    return repo.get_article(new.id)


def _new_home(sents: list[Sentence], index: int, side: str, quote: str,
              start: int) -> tuple[Sentence | None, tuple[int, int] | None]:
    """Where an annotation goes in the new version: the sentence holding its quote (nearest to its old
    place), else the same sentence number (where it reads as orphaned until edited)."""
    from reader.store.annotations import find_quote

    if not sents:
        return None, None
    if side == "source" and quote:
        for s in sorted(sents, key=lambda s: abs(s.index - index)):
            spot = find_quote(s.text, quote, start if s.index == index else 0)
            if spot is not None:
                return s, spot
    return sents[min(index, len(sents) - 1)], None
