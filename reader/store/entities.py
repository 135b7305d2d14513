"""Store the named entities of an article (peewee model :class:`reader.store.models.Entity`).

Offsets: :class:`~reader.core.types.EntitySpan` values passed in and returned here are relative to their
sentence's text; the table stores them relative to ``Article.text`` (``Sentence.start`` added), like every
other span in the library. English offsets (``en_start``/``en_end``) are relative to ``Sentence.translation``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from reader.core.types import EntitySpan
from reader.store.db import StoreError, db
from reader.store.models import Article, Entity, Sentence


def _sentences_by_index(article_id: int) -> dict[int, Sentence]:
    from reader.store import repo

    return {s.index: s for s in repo.sentences(article_id)}  # texts filled from one read of the body


def save_entities(article_id: int, per_sentence: Mapping[int, Sequence[EntitySpan]]) -> int:
    """Replace the entities of the given sentences (by sentence index) with *per_sentence*; returns how many
    were written. Sentences not in *per_sentence* keep theirs."""
    if Article.get_or_none(Article.id == article_id) is None:
        raise StoreError(f"No article with id {article_id} in the library.")
    sents = _sentences_by_index(article_id)
    unknown = sorted(set(per_sentence) - set(sents))
    if unknown:
        raise StoreError(f"Article {article_id} has no sentence {unknown[0]}.")
    rows = []
    for index, ents in per_sentence.items():
        s = sents[index]
        for e in ents:
            if not (0 <= e.start < e.end <= len(s.text)):
                raise StoreError(f"Entity {e.text!r} lies outside sentence {index} of article {article_id}.")
            rows.append({
                "article": article_id,
                "sentence": s.id,
                "type": e.type,
                "start": s.start + e.start,
                "end": s.start + e.end,
                "text": e.text,
                "canonical": e.canonical or e.text,
                "english": e.english,
                "en_start": e.en_start,
                "en_end": e.en_end,
            })
    with db.atomic():
        ids = [sents[i].id for i in per_sentence]
        for k in range(0, len(ids), 500):
            Entity.delete().where(Entity.sentence.in_(ids[k:k + 500])).execute()
        for k in range(0, len(rows), 200):
            Entity.insert_many(rows[k:k + 200]).execute()
    return len(rows)


def entities_for_article(article_id: int) -> dict[int, list[EntitySpan]]:
    """Sentence index -> the sentence's entities (offsets relative to the sentence), in reading order."""
    sents = {s.id: s for s in Sentence.select(Sentence.id, Sentence.index, Sentence.start)
             .where(Sentence.article == article_id)}
    out: dict[int, list[EntitySpan]] = {}
    q = Entity.select().where(Entity.article == article_id).order_by(Entity.start, Entity.end)
    for row in q:
        s = sents.get(row.sentence_id)
        if s is None:
            continue
        out.setdefault(s.index, []).append(EntitySpan(
            type=row.type, start=row.start - s.start, end=row.end - s.start, text=row.text,
            canonical=row.canonical, english=row.english, en_start=row.en_start, en_end=row.en_end,
        ))
    return dict(sorted(out.items()))


def articles_with_canonical(keys: Iterable[str]) -> list[int]:
    """Ids of the articles with an entity whose canonical key is one of *keys* (most recently updated first)."""
    wanted = sorted(set(keys) - {""})
    if not wanted:
        return []
    q = (Article.select(Article.id).join(Entity, on=(Entity.article == Article.id))
         .where(Entity.canonical.in_(wanted)).distinct().order_by(Article.updated.desc(), Article.id.desc()))
    return [a.id for a in q]


# --- the reader's corrections (their own entity lexicon) ------------------------------------------------------
def save_correction(language: str, key: str, text: str, action: str, type: str = "", english: str = "") -> None:
    """Add or replace the correction (language, key, action); an ``add`` lifts a ``reject`` and vice versa."""
    from reader.store.models import EntityCorrectionRow as Row

    with db.atomic():
        opposite = {"add": "reject", "reject": "add"}.get(action)
        if opposite:
            Row.delete().where((Row.language == language) & (Row.key == key) & (Row.action == opposite)).execute()
        Row.insert(language=language, key=key, text=text, action=action, type=type, english=english).on_conflict(
            conflict_target=[Row.language, Row.key, Row.action],
            update={Row.text: text, Row.type: type, Row.english: english},
        ).execute()


def corrections(language: str | None = None) -> list[dict]:
    """Stored corrections (oldest first) as plain dicts: language, key, text, action, type, english."""
    from reader.store.models import EntityCorrectionRow as Row

    q = Row.select().order_by(Row.id)
    if language:
        q = q.where(Row.language == language)
    return [{"language": r.language, "key": r.key, "text": r.text, "action": r.action, "type": r.type,
             "english": r.english} for r in q]


def delete_corrections(language: str, key: str) -> int:
    """Forget every correction of this form; returns how many were removed."""
    from reader.store.models import EntityCorrectionRow as Row

    return Row.delete().where((Row.language == language) & (Row.key == key)).execute()


def articles_containing(language: str, needles: Sequence[str]) -> list[int]:
    """Ids of the articles in *language* that may contain any of *needles*: a superset found through the search
    index (folded text, so spelling variants are included); callers check the sentences themselves."""
    from reader.store import search

    wanted = [n for n in needles if n and n.strip()]
    if not wanted:
        return []
    ids: set[int] = set()
    for n in wanted:
        try:
            ids |= search.article_ids(n)
        except search.QueryError:  # a one-letter needle: every article of the language is a candidate
            ids |= {r[0] for r in db.execute_sql("SELECT id FROM article")}
    langs = {aid for (aid,) in db.execute_sql("SELECT id FROM article WHERE language = ?", (language,))}
    return sorted(ids & langs)


def mention_rows(keys: Iterable[str], limit: int = 5000) -> list[dict]:
    """Every stored mention whose canonical key or English name is one of *keys*: entity, sentence and article
    fields as plain dicts (uses the canonical/english indexes; no scan)."""
    wanted = sorted(set(keys) - {""})
    if not wanted:
        return []
    q = (Entity.select(Entity.id, Entity.type, Entity.text, Entity.canonical, Entity.english, Entity.start,
                       Entity.end, Sentence.index, Sentence.start.alias("s_start"), Sentence.end.alias("s_end"),
                       Sentence.translation, Article.id.alias("a_id"), Article.title, Article.language,
                       Article.date, Article.created, Article.meta)
         .join(Sentence, on=(Entity.sentence == Sentence.id))
         .join(Article, on=(Entity.article == Article.id), src=Entity)
         .where(Entity.canonical.in_(wanted) | Entity.english.in_(wanted))
         .limit(limit).dicts())
    from reader.store.compact import load_text

    rows, texts = list(q), {}
    for r in rows:  # the sentence text is a slice of the article's (stored once)
        if r["a_id"] not in texts:
            texts[r["a_id"]] = load_text(r["a_id"])
        r["s_text"] = texts[r["a_id"]][r["s_start"]:r.pop("s_end")]
    return rows


def cooccurring(article_ids: Sequence[int], exclude: Iterable[str], limit: int = 10) -> list[tuple[str, str, int]]:
    """(canonical, type, number of articles) of the entities most often found in *article_ids*."""
    from peewee import fn

    ids = list(article_ids)[:5000]
    if not ids:
        return []
    skip = sorted(set(exclude) - {""})
    n = fn.COUNT(Entity.article.distinct())
    q = (Entity.select(Entity.canonical, Entity.type, n.alias("n"))
         .where(Entity.article.in_(ids) & ~Entity.canonical.in_(skip or [""]))
         .group_by(Entity.canonical, Entity.type).order_by(n.desc(), Entity.canonical).limit(limit))
    return [(r.canonical, r.type, r.n) for r in q]


def other_articles_with(canonical: str, exclude: int) -> list[tuple[int, str]]:
    """(id, title) of the articles other than *exclude* with an entity of exactly this canonical key."""
    q = (
        Article.select(Article.id, Article.title)
        .join(Entity, on=(Entity.article == Article.id))
        .where((Entity.canonical == canonical) & (Article.id != exclude))
        .distinct()
        .order_by(Article.updated.desc(), Article.id.desc())
    )
    return [(a.id, a.title) for a in q]
