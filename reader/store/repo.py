"""Small, transactional functions over the library: the only place that writes articles and sentences.

The UI and CLI call these; widgets never hold SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from peewee import fn

from reader.core.types import ProcessedText, TranslationResult
from reader.store.db import StoreError, db
from reader.store.models import Annotation, Article, Entity, Sentence
from reader.store.search import SearchHit, search  # noqa: F401  (re-exported: repo is the store's front door)
from reader.store.search import index_rows as _index_rows
from reader.store.search import unindex as _unindex

MANUAL_MODEL = "manual"  # Sentence.model of translations typed or corrected by the user


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def save_article(processed: ProcessedText, *, source: str = "", raw_text: str = "") -> Article:
    """Store a processed article with its sentences and search rows, all or nothing."""
    with db.atomic():
        article = Article.create(
            title=processed.title,
            language=processed.language,
            source=source,
            date=processed.date,
            raw_text=raw_text,
            original_text=processed.original_text,
            text=processed.text,
            offset_map=processed.offset_map,
            meta=processed.meta,
        )
        rows = [
            {
                "article": article.id,
                "index": s.index,
                "start": s.start,
                "end": s.end,
                "paragraph": s.paragraph,
                "text": s.text,
            }
            for s in processed.sentences
        ]
        for chunk_start in range(0, len(rows), 200):
            Sentence.insert_many(rows[chunk_start : chunk_start + 200]).execute()
        sents = list(Sentence.select(Sentence.id, Sentence.text).where(Sentence.article == article))
        _index_rows("source", article.id, [(s.id, s.text) for s in sents])
        _index_rows("title", article.id, [(article.id, article.title)])
    return article


def get_article(article_id: int) -> Article:
    article = Article.get_or_none(Article.id == article_id)
    if article is None:
        raise StoreError(f"No article with id {article_id} in the library.")
    return article


def article_count() -> int:
    return int(Article.select().count())


def article_meta(article_id: int) -> dict | None:
    """The article's ``meta`` dict (None when there is no such article)."""
    row = Article.select(Article.meta).where(Article.id == article_id).first()
    return None if row is None else dict(row.meta or {})


def update_meta(article_id: int, **changes: object) -> None:
    """Set keys of the article's ``meta`` (others are kept)."""
    with db.atomic():
        meta = article_meta(article_id)
        if meta is None:
            raise StoreError(f"No article with id {article_id} in the library.")
        meta.update(changes)
        Article.update(meta=meta).where(Article.id == article_id).execute()


def article_titles() -> list[tuple[int, str, str]]:
    """(id, title, language) of every article, most recently updated first (a light query: no texts)."""
    q = Article.select(Article.id, Article.title, Article.language).order_by(Article.updated.desc(), Article.id.desc())
    return [(a.id, a.title, a.language) for a in q]


def list_articles(language: str | None = None, order: str = "updated") -> list[Article]:
    q = Article.select()
    if language:
        q = q.where(Article.language == language)
    orders = {
        "updated": Article.updated.desc(),
        "created": Article.created.desc(),
        "title": Article.title.asc(),
        "language": Article.language.asc(),
    }
    return list(q.order_by(orders.get(order, Article.updated.desc()), Article.id.desc()))


def sentences(article: Article | int) -> list[Sentence]:
    aid = article if isinstance(article, int) else article.id
    return list(Sentence.select().where(Sentence.article == aid).order_by(Sentence.index))


def sentence_models(article: Article | int) -> list[str]:
    """The distinct ``Sentence.model`` keys of the article's translated sentences, sorted."""
    aid = article if isinstance(article, int) else article.id
    q = Sentence.select(Sentence.model).where((Sentence.article == aid) & (Sentence.model != "")).distinct()
    return sorted(str(s.model) for s in q if s.model)


def translation_progress(article: Article | int) -> tuple[int, int]:
    """(translated sentences, all sentences)."""
    aid = article if isinstance(article, int) else article.id
    total = Sentence.select().where(Sentence.article == aid).count()
    done = Sentence.select().where((Sentence.article == aid) & Sentence.translation.is_null(False)).count()
    return done, total


def progress_by_article() -> dict[int, tuple[int, int]]:
    """translation_progress for every article in one query."""
    q = Sentence.select(
        Sentence.article,
        fn.COUNT(Sentence.id).alias("total"),
        fn.COUNT(Sentence.translation).alias("done"),
    ).group_by(Sentence.article)
    return {row.article_id: (row.done, row.total) for row in q}


def save_translations(article: Article | int, results: Iterable[TranslationResult], backend: str = "",
                      glossary: str | None = None) -> int:
    """Write translations (with their glossary/name corrections) onto the article's sentences (by index) and
    index them for search. *glossary*: the version of the glossary the corrections came from."""
    aid = article if isinstance(article, int) else article.id
    n = 0
    changed: list[int] = []
    with db.atomic():
        for r in results:
            sent = Sentence.get_or_none((Sentence.article == aid) & (Sentence.index == r.index))
            if sent is None:
                continue
            sent.translation = r.translation
            sent.flags = [f.to_json() for f in r.flags]
            sent.score = r.score
            sent.model = r.model
            sent.edits = [e.to_json() for e in r.edits]
            if glossary is not None:
                sent.glossary = glossary
            sent.save()
            _unindex("target", [sent.id])
            _index_rows("target", aid, [(sent.id, r.translation)])
            n += 1
            changed.append(r.index)
        if backend:
            Article.update(backend=backend, updated=_now()).where(Article.id == aid).execute()
        if changed:  # annotations on re-translated sentences follow their quote (or become orphaned)
            from reader.store.annotations import reanchor

            reanchor(aid, changed)
    return n


def clear_translations(article: Article | int, keep_manual: bool = True) -> None:
    """Forget the article's model translations (hand-edited ones stay unless *keep_manual* is False)."""
    aid = article if isinstance(article, int) else article.id
    which = Sentence.article == aid
    if keep_manual:
        which &= Sentence.model != MANUAL_MODEL
    with db.atomic():
        ids = [s.id for s in Sentence.select(Sentence.id).where(which)]
        Sentence.update(translation=None, flags=[], score=None, model="", edits=[], glossary="").where(
            which).execute()
        _unindex("target", ids)
        art = Article.get_or_none(Article.id == aid)
        if art is not None and art.title_en and not (keep_manual and art.title_model == MANUAL_MODEL):
            Article.update(title_en="", title_model="").where(Article.id == aid).execute()
            db.execute_sql("DELETE FROM search_index WHERE kind = 'title' AND article_id = ?", (aid,))
            _index_rows("title", aid, [(aid, art.title)])


def save_headline(article: Article | int, result: TranslationResult) -> None:
    """Store the headline's translation and index it for search beside the source title."""
    aid = article if isinstance(article, int) else article.id
    with db.atomic():
        Article.update(title_en=result.translation, title_model=result.model).where(Article.id == aid).execute()
        db.execute_sql("DELETE FROM search_index WHERE kind = 'title' AND article_id = ?", (aid,))
        title = Article.get_by_id(aid).title
        _index_rows("title", aid, [(aid, title), (aid, result.translation)])


def delete_article(article_id: int) -> None:
    with db.atomic():
        db.execute_sql("DELETE FROM search_index WHERE article_id = ?", (article_id,))
        Annotation.delete().where(Annotation.article == article_id).execute()
        Entity.delete().where(Entity.article == article_id).execute()
        Sentence.delete().where(Sentence.article == article_id).execute()
        Article.delete().where(Article.id == article_id).execute()


def set_manual_translation(article: Article | int, index: int, text: str) -> None:
    """A translation typed or corrected by the user: shown like any other, marked "manual", never cached as
    model output, and kept when the article is re-translated (see ``manual_indexes``)."""
    text = text.strip()
    if not text:
        raise StoreError("A translation cannot be empty; use Re-translate to get the model's version back.")
    save_translations(article, [TranslationResult(index, "", text, (), None, MANUAL_MODEL)])


def manual_indexes(article: Article | int) -> set[int]:
    aid = article if isinstance(article, int) else article.id
    q = Sentence.select(Sentence.index).where((Sentence.article == aid) & (Sentence.model == MANUAL_MODEL))
    return {s.index for s in q}
