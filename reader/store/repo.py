"""Small, transactional functions over the library: the only place that writes articles and sentences.

The UI and CLI call these; widgets never hold SQL. Every write updates the search index (by rowid, see
:mod:`reader.store.search`) and the article's counters in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable

from reader.core.types import ProcessedText, TranslationResult
from reader.store import search as _search
from reader.store.compact import load_text, pack_body
from reader.store.db import StoreError, db
from reader.store.derived import meta_iso, site_of
from reader.store.models import Annotation, Article, ArticleBody, ArticleTag, Entity, Sentence
from reader.store.search import SearchHit

MANUAL_MODEL = "manual"  # Sentence.model of translations typed or corrected by the user
__all__ = ["MANUAL_MODEL", "SearchHit"]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _aid(article: Article | int) -> int:
    return article if isinstance(article, int) else article.id


def save_article(processed: ProcessedText, *, source: str = "", raw_text: str = "",
                 published: str | None = None) -> Article:
    """Store a processed article with its sentences, search rows and content hash, all or nothing. *published*
    is the ISO publication date the caller derived (reader.core.dates), else the one in the article's meta."""
    from reader.store.fingerprint import stored_hash

    meta = dict(processed.meta)
    with db.atomic():
        article = Article.create(
            content_hash=stored_hash(processed.original_text, processed.title),
            title=processed.title,
            language=processed.language,
            source=source,
            date=processed.date,
            meta=meta,
            published=published or meta_iso(meta),
            site=site_of(source, meta),
            n_sentences=len(processed.sentences),
        )
        ArticleBody.insert(article=article.id, **pack_body(processed.text, processed.original_text, raw_text,
                                                            processed.offset_map)).execute()
        rows = [
            {"article": article.id, "index": s.index, "start": s.start, "end": s.end, "paragraph": s.paragraph}
            for s in processed.sentences
        ]
        for chunk_start in range(0, len(rows), 200):
            Sentence.insert_many(rows[chunk_start : chunk_start + 200]).execute()
        _search.add([(_search.rowid(article.id, 0, _search.SOURCE),
                      _search.source_document(s.text for s in processed.sentences))])
        _search.add([(_search.rowid(article.id, 0, _search.TITLE), processed.title)])
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
    """Articles (not in the trash), newest first; loads only the small article rows."""
    q = Article.select().where(Article.deleted_at.is_null())
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
    """The article's sentences in order, their ``text`` filled from one read of the article body."""
    aid = _aid(article)
    rows = list(Sentence.select().where(Sentence.article == aid).order_by(Sentence.index))
    if rows:
        text = load_text(aid)
        for s in rows:
            s.text = text[s.start : s.end]
    return rows


def sentence_models(article: Article | int) -> list[str]:
    """The distinct ``Sentence.model`` keys of the article's translated sentences, sorted."""
    aid = article if isinstance(article, int) else article.id
    q = Sentence.select(Sentence.model).where((Sentence.article == aid) & (Sentence.model != "")).distinct()
    return sorted(str(s.model) for s in q if s.model)


def translation_progress(article: Article | int) -> tuple[int, int]:
    """(translated sentences, all sentences)."""
    row = db.execute_sql("SELECT n_translated, n_sentences FROM article WHERE id = ?", (_aid(article),)).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def progress_by_article() -> dict[int, tuple[int, int]]:
    """translation_progress for every article in one query."""
    return {aid: (done, total) for aid, done, total in
            db.execute_sql("SELECT id, n_translated, n_sentences FROM article")}


def _recount(aid: int) -> None:
    db.execute_sql(
        "UPDATE article SET n_translated = (SELECT count(translation) FROM sentence WHERE article_id = ?) "
        "WHERE id = ?", (aid, aid))


def save_translations(article: Article | int, results: Iterable[TranslationResult], backend: str = "",
                      glossary: str | None = None) -> int:
    """Write translations (with their glossary/name corrections) onto the article's sentences (by index) and
    index them for search. *glossary*: the version of the glossary the corrections came from."""
    aid = _aid(article)
    results = list(results)
    if not results and not backend:
        return 0
    with db.atomic():
        current = {index: (sid, old) for sid, index, old in db.execute_sql(
            'SELECT id, "index", translation FROM sentence WHERE article_id = ?', (aid,))}
        updates, removed, added, changed = [], [], [], []
        for r in results:
            if r.index not in current:
                continue
            sid, old = current[r.index]
            flags = json.dumps([f.to_json() for f in r.flags], ensure_ascii=False)
            edits = json.dumps([e.to_json() for e in r.edits], ensure_ascii=False)
            updates.append((r.translation, flags, r.score, r.model, edits, sid))
            key = _search.rowid(aid, r.index, _search.TARGET)
            removed.append((key, old))
            added.append((key, r.translation))
            current[r.index] = (sid, r.translation)
            changed.append(r.index)
        if updates:
            db.connection().executemany(
                "UPDATE sentence SET translation = ?, flags = ?, score = ?, model = ?, edits = ? WHERE id = ?",
                updates)
            if glossary is not None:
                db.connection().executemany("UPDATE sentence SET glossary = ? WHERE id = ?",
                                            [(glossary, u[-1]) for u in updates])
            _search.remove(removed)
            _search.add(added)
            _recount(aid)
        if backend:
            Article.update(backend=backend, updated=_now()).where(Article.id == aid).execute()
        if changed:  # annotations on re-translated sentences follow their quote (or become orphaned)
            from reader.store.annotations import reanchor

            reanchor(aid, changed)
    return len(updates)


def set_backend(article_id: int, key: str) -> None:
    """Record which engine translated the article (a model key, see reader.app.translate.backend_key)."""
    Article.update(backend=key, updated=_now()).where(Article.id == article_id).execute()


def clear_translations(article: Article | int, keep_manual: bool = True) -> None:
    """Forget the article's model translations (hand-edited ones stay unless *keep_manual* is False)."""
    aid = _aid(article)
    which = Sentence.article == aid
    if keep_manual:
        which &= Sentence.model != MANUAL_MODEL
    with db.atomic():
        old = [(s.index, s.translation) for s in Sentence.select(Sentence.index, Sentence.translation).where(which)]
        Sentence.update(translation=None, flags=[], score=None, model="", edits=[], glossary="").where(
            which).execute()
        _search.remove((_search.rowid(aid, i, _search.TARGET), t) for i, t in old)
        _recount(aid)
        art = Article.get_or_none(Article.id == aid)
        if art is not None and art.title_en and not (keep_manual and art.title_model == MANUAL_MODEL):
            Article.update(title_en="", title_model="").where(Article.id == aid).execute()
            _search.remove([(_search.rowid(aid, 1, _search.TITLE), art.title_en)])


def save_headline(article: Article | int, result: TranslationResult) -> None:
    """Store the headline's translation and index it for search beside the source title (title row 1)."""
    aid = _aid(article)
    with db.atomic():
        row = db.execute_sql("SELECT title_en FROM article WHERE id = ?", (aid,)).fetchone()
        if row is None:
            return
        key = _search.rowid(aid, 1, _search.TITLE)
        _search.remove([(key, row[0])])
        Article.update(title_en=result.translation, title_model=result.model).where(Article.id == aid).execute()
        _search.add([(key, result.translation)])


def delete_article(article_id: int) -> None:
    """Remove the article and everything attached to it, for good."""
    with db.atomic():
        row = db.execute_sql("SELECT title, title_en FROM article WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return
        text = load_text(article_id)
        rows = db.execute_sql('SELECT "index", start, "end", translation FROM sentence WHERE article_id = ? '
                              'ORDER BY "index"', (article_id,)).fetchall()
        _search.remove([(_search.rowid(article_id, 0, _search.TITLE), row[0]),
                        (_search.rowid(article_id, 1, _search.TITLE), row[1]),
                        (_search.rowid(article_id, 0, _search.SOURCE),
                         _search.source_document(text[a:b] for _i, a, b, _t in rows))])
        _search.remove((_search.rowid(article_id, i, _search.TARGET), t) for i, _a, _b, t in rows)
        for (nid,) in db.execute_sql("SELECT id FROM annotation WHERE article_id = ?", (article_id,)).fetchall():
            _search.remove_note(nid)
        Annotation.delete().where(Annotation.article == article_id).execute()
        Entity.delete().where(Entity.article == article_id).execute()
        Sentence.delete().where(Sentence.article == article_id).execute()
        ArticleTag.delete().where(ArticleTag.article == article_id).execute()
        ArticleBody.delete().where(ArticleBody.article == article_id).execute()
        Article.delete().where(Article.id == article_id).execute()


def replace_text(article_id: int, processed: ProcessedText, published: str | None = None,
                 before_prune: Callable[[dict[int, int]], None] | None = None) -> dict[int, int]:
    """Store a re-processed version of the article's text (same raw input, e.g. read as another language):
    body, sentences (rewritten in place by index, surplus deleted, translations cleared), search rows; its
    entities are dropped (they belong to the old text). *before_prune(ids)* runs in the same transaction before
    the surplus sentences (and what hangs on them) are deleted, so annotations can be moved first. Returns
    sentence index -> sentence id."""
    from reader.store.compact import load_body

    with db.atomic():
        row = db.execute_sql("SELECT title FROM article WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(f"No article with id {article_id} in the library.")
        body = load_body(article_id)
        old = db.execute_sql('SELECT id, "index", start, "end", translation FROM sentence WHERE article_id = ? '
                             'ORDER BY "index"', (article_id,)).fetchall()
        _search.remove([(_search.rowid(article_id, 0, _search.TITLE), row[0]),
                        (_search.rowid(article_id, 0, _search.SOURCE),
                         _search.source_document(body.text[a:b] for _id, _i, a, b, _t in old))])
        _search.remove((_search.rowid(article_id, i, _search.TARGET), t) for _id, i, _a, _b, t in old)
        meta = dict(processed.meta)
        from reader.store.fingerprint import stored_hash

        Article.update(title=processed.title, language=processed.language, date=processed.date, meta=meta,
                       backend="", updated=_now(), published=published or meta_iso(meta),
                       n_sentences=len(processed.sentences), n_translated=0,
                       content_hash=stored_hash(processed.original_text, processed.title)).where(Article.id == article_id).execute()
        ArticleBody.update(**pack_body(processed.text, processed.original_text, body.raw_text,
                                       processed.offset_map)).where(ArticleBody.article == article_id).execute()
        Entity.delete().where(Entity.article == article_id).execute()
        by_index = {i: sid for sid, i, _a, _b, _t in old}
        ids: dict[int, int] = {}
        for s in processed.sentences:
            fields = {"start": s.start, "end": s.end, "paragraph": s.paragraph, "translation": None, "flags": [],
                      "score": None, "model": ""}
            if s.index in by_index:
                Sentence.update(**fields).where(Sentence.id == by_index[s.index]).execute()
                ids[s.index] = by_index[s.index]
            else:
                ids[s.index] = Sentence.create(article=article_id, index=s.index, **fields).id
        if before_prune is not None:
            before_prune(ids)
        surplus = [sid for i, sid in by_index.items() if i not in ids]
        if surplus:
            Sentence.delete().where(Sentence.id.in_(surplus)).execute()
        _search.add([(_search.rowid(article_id, 0, _search.SOURCE),
                      _search.source_document(s.text for s in processed.sentences)),
                     (_search.rowid(article_id, 0, _search.TITLE), processed.title)])
    return ids


def index_note(article_id: int, annotation_id: int, note: str) -> None:
    """(Re)index an annotation's note for full-text search."""
    _search.set_note(annotation_id, note)


def unindex_note(annotation_id: int) -> None:
    _search.remove_note(annotation_id)


def search(query: str, limit: int = 200) -> list[SearchHit]:
    """Substring search over titles, source sentences, translations and notes (both languages).

    Raises :class:`reader.store.search.QueryError` for a one-letter query."""
    return _search.hits(query, limit)


def set_manual_translation(article: Article | int, index: int, text: str) -> None:
    """A translation typed or corrected by the user: shown like any other, marked "manual", never cached as
    model output, and kept when the article is re-translated (see ``manual_indexes``)."""
    text = text.strip()
    if not text:
        raise StoreError("A translation cannot be empty; use Re-translate to get the model's version back.")
    save_translations(article, [TranslationResult(index, "", text, (), None, MANUAL_MODEL)])


def manual_indexes(article: Article | int) -> set[int]:
    q = Sentence.select(Sentence.index).where((Sentence.article == _aid(article)) & (Sentence.model == MANUAL_MODEL))
    return {s.index for s in q}


def undated_articles() -> list[tuple[int, str, dict]]:
    """(id, printed date, meta) of the articles with a printed date but no ISO publication date yet."""
    q = Article.select(Article.id, Article.date, Article.meta).where(
        Article.published.is_null() & (Article.date != ""))
    return [(a.id, a.date, dict(a.meta or {})) for a in q]


def set_published(dates: dict[int, str]) -> None:
    """Store ISO publication dates by article id."""
    with db.atomic():
        for article_id, iso in dates.items():
            Article.update(published=iso).where(Article.id == article_id).execute()
