"""The library's full-text index (``search_index``, FTS5): rows of folded text per title, sentence, translation
and note, and the substring search over them. Folding (reader.store.fold) lets a reader type any spelling variant.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.store.base import db
from reader.store.fold import fold


def index_rows(kind: str, article_id: int, rows: Iterable[tuple[int, str]]) -> None:
    data = [(fold(text), kind, article_id, ref) for ref, text in rows if text]
    if data:
        db.connection().executemany(
            "INSERT INTO search_index(text, kind, article_id, ref_id) VALUES (?, ?, ?, ?)", data
        )


def unindex(kind: str, ref_ids: Iterable[int]) -> None:
    for ref in ref_ids:
        db.execute_sql("DELETE FROM search_index WHERE kind = ? AND ref_id = ?", (kind, ref))


@dataclass(frozen=True)
class SearchHit:
    article_id: int
    kind: str  # "source" | "target" | "title" | "note"
    ref_id: int  # sentence id (source/target), article id (title), annotation id (note)
    text: str


def index_note(article_id: int, annotation_id: int, note: str) -> None:
    """(Re)index an annotation's note for full-text search."""
    unindex("note", [annotation_id])
    if note.strip():
        index_rows("note", article_id, [(annotation_id, note)])


def unindex_note(annotation_id: int) -> None:
    unindex("note", [annotation_id])


def search(query: str, limit: int = 200) -> list[SearchHit]:
    """Substring search over titles, source sentences, translations and notes (both languages)."""
    query = query.strip()
    if not query:
        return []
    key = fold(query)  # the index holds folded text too
    if len(key) >= 3:  # the trigram tokenizer matches substrings of 3+ characters
        phrase = '"' + key.replace('"', '""') + '"'
        cur = db.execute_sql(
            "SELECT article_id, kind, ref_id, text FROM search_index WHERE search_index MATCH ? LIMIT ?",
            (phrase, limit),
        )
    else:
        cur = db.execute_sql(
            "SELECT article_id, kind, ref_id, text FROM search_index WHERE text LIKE ? LIMIT ?",
            (f"%{key}%", limit),
        )
    hits: dict[tuple[str, int], SearchHit] = {}
    for aid, kind, ref, text in cur.fetchall():
        hits.setdefault((kind, ref), SearchHit(int(aid), kind, int(ref), text))
    return list(hits.values())


def hit_text(hit: SearchHit) -> tuple[int | None, str] | None:
    """The readable text behind a hit (the index holds folded text): (1-based sentence number or None, text);
    None when the row it points to is gone."""
    from reader.store.models import Annotation, Article, Sentence

    if hit.kind in ("source", "target"):
        s = Sentence.get_or_none(Sentence.id == hit.ref_id)
        if s is None:
            return None
        return s.index + 1, (s.text if hit.kind == "source" else (s.translation or ""))
    if hit.kind == "title":
        a = Article.get_or_none(Article.id == hit.article_id)
        if a is not None and a.title_en:  # the translated headline is indexed as a title too
            return None, f"{a.title} — {a.title_en}"
        return None, (a.title if a else "")
    n = Annotation.get_or_none(Annotation.id == hit.ref_id)
    return None, (n.note if n else "")
