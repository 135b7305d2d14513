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
                "confidence": e.confidence,
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
            confidence=row.confidence,
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
    """Ids of the articles in *language* whose text contains any of *needles* (through the full-text index,
    which folds spelling variants; the caller checks whole words)."""
    from reader.store.search import QueryError, article_ids

    found: set[int] = set()
    for needle in needles:
        try:
            found |= article_ids(needle)
        except QueryError:
            continue
    if not found:
        return []
    ids = sorted(found)
    out: list[int] = []
    for k in range(0, len(ids), 500):
        q = Article.select(Article.id).where(Article.id.in_(ids[k:k + 500]) & (Article.language == language))
        out.extend(a.id for a in q)
    return sorted(out)


def _where(keys: Sequence[str]) -> tuple[str, list[str]]:
    marks = ",".join("?" * len(keys))
    return f"(e.canonical IN ({marks}) OR e.english IN ({marks}))", [*keys, *keys]


def linked_keys(keys: Iterable[str]) -> set[str]:
    """*keys* plus the canonical keys and English names of every mention found through them (one hop), so
    spellings joined only by their English projection come along."""
    wanted = sorted(set(keys) - {""})
    if not wanted:
        return set()
    cond, params = _where(wanted)
    rows = db.execute_sql(f"SELECT DISTINCT e.canonical, e.english FROM entity e WHERE {cond}", params).fetchall()
    return set(wanted) | {c for c, _e in rows if c} | {e for _c, e in rows if e}


def mention_summary(keys: Sequence[str]) -> dict:
    """Counts over every mention of *keys*: mentions, types, spellings per language, English names, and the
    article ids newest first (by publication date, else import date). Aggregates only: no texts are read."""
    cond, params = _where(list(keys))
    ex = db.execute_sql
    types = dict(ex(f"SELECT e.type, COUNT(*) FROM entity e WHERE {cond} GROUP BY e.type", params).fetchall())
    spellings: dict[str, dict[str, int]] = {}
    for lang, text, n in ex(f"SELECT a.language, e.text, COUNT(*) FROM entity e JOIN article a ON a.id = e.article_id "
                            f"WHERE {cond} GROUP BY a.language, e.text", params):
        spellings.setdefault(lang, {})[text] = n
    names = {}
    for canonical, english, n in ex(f"SELECT e.canonical, e.english, COUNT(*) FROM entity e WHERE {cond} "
                                    f"GROUP BY e.canonical, e.english", params):
        for name in (english, canonical):
            if name and name.isascii() and any(ch.isalpha() for ch in name):
                names[name] = names.get(name, 0) + n
                break
    articles = [r[0] for r in ex(
        f"SELECT a.id FROM article a WHERE a.deleted_at IS NULL AND a.id IN (SELECT e.article_id FROM entity e "
        f"WHERE {cond}) ORDER BY COALESCE(a.published, a.created) DESC, a.id DESC", params)]
    return {"mentions": sum(types.values()), "types": types, "spellings": spellings, "english": names,
            "articles": articles}


def mention_rows(keys: Sequence[str], limit: int | None = 500) -> list[dict]:
    """The mentions of *keys* (entity, sentence and article fields as dicts), newest article first, then in
    reading order; at most *limit* (None: all). Uses the canonical/english indexes."""
    cond, params = _where(list(keys))
    sql = (f"SELECT e.type, e.text, e.canonical, e.english, e.start, e.\"end\", s.\"index\", s.start, s.\"end\", "
           f"s.translation, a.id, a.title, a.language, COALESCE(a.published, a.created) "
           f"FROM entity e JOIN sentence s ON s.id = e.sentence_id JOIN article a ON a.id = e.article_id "
           f"WHERE {cond} AND a.deleted_at IS NULL "
           f"ORDER BY COALESCE(a.published, a.created) DESC, a.id DESC, s.\"index\", e.start")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    names = ("type", "text", "canonical", "english", "start", "end", "index", "s_start", "s_end", "translation",
             "a_id", "title", "language", "date")
    return [dict(zip(names, row, strict=True)) for row in db.execute_sql(sql, params)]


def sentence_texts(spans: Iterable[tuple[int, int, int]]) -> dict[tuple[int, int, int], str]:
    """Texts of (article_id, start, end) sentence spans, reading each article's body once."""
    from reader.store.compact import load_text

    out: dict[tuple[int, int, int], str] = {}
    by_article: dict[int, list[tuple[int, int, int]]] = {}
    for span in spans:
        by_article.setdefault(span[0], []).append(span)
    for article_id, items in by_article.items():
        text = load_text(article_id)
        for span in items:
            out[span] = text[span[1]:span[2]]
    return out


def cooccurring(keys: Sequence[str], limit: int = 10) -> list[tuple[str, str, str, int]]:
    """(canonical key, display name, type, number of articles) of the entities most often found in the articles
    that mention *keys*; the display name is an English name when one is known, else a spelling as written."""
    cond, params = _where(list(keys))
    marks = ",".join("?" * len(keys))
    rows = db.execute_sql(
        f"SELECT o.canonical, o.type, COUNT(DISTINCT o.article_id) AS n, MAX(o.english), MAX(o.text) FROM entity o "
        f"WHERE o.article_id IN (SELECT e.article_id FROM entity e WHERE {cond}) AND o.canonical NOT IN ({marks}) "
        f"AND (o.english IS NULL OR o.english NOT IN ({marks})) "
        f"GROUP BY o.canonical, o.type ORDER BY n DESC, o.canonical LIMIT ?", [*params, *keys, *keys, limit])
    out = []
    for canonical, etype, n, english, spelling in rows:
        latin = canonical if canonical.isascii() and any(c.isalpha() for c in canonical) else ""
        out.append((canonical, english or latin or spelling, etype, n))
    return out


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
