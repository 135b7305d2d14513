"""Full-text search over titles, source sentences, translations and notes, in both languages.

Two FTS5 tables with SQLite's trigram tokenizer (substring search, which Arabic script needs: clitics glue to
words), both holding the *folded* text (:func:`reader.store.fold.fold`) so spelling variants match:

- ``search_text`` — contentless (the text lives once, in the article body): one row per article for its source
  sentences (they never change once imported) and one each for its title and the title's translation (the
  English headline), ``rowid = article_id * 4 + slot`` (0 source, 2 title, 3 English title); one row per
  translation (they change sentence by sentence), ``rowid = 2**62 | article_id << 20 | sentence_index``.
  Consecutive rowids stay close, which keeps the index small (FTS5 stores rowid deltas as varints): 1.4× the
  text, where one row per source sentence keyed ``article_id << 24 | …`` took 2.2×. Sentences are joined with a
  newline, which no query contains, so a match never spans two sentences. A row is removed with FTS5's
  ``'delete'`` command by rowid, given the folded text it was indexed with (the store always has the old text at
  hand when it changes a row), in the same transaction as the write — never a scan. The article of a hit comes
  from the rowid, so filtering the library by a query reads the index alone; the matching source sentences of
  an article are found by folding its sentences.
- ``search_note`` — notes and tags of annotations (few and short), keyed by the annotation id.

Merging the index's segments (FTS5 does it as part of a write, which made a translation batch take up to 180 ms
at 10,000 articles) is left to :func:`tidy`, which a background job runs in small steps (``automerge`` is 0;
FTS5's own ``crisismerge`` still bounds the segments if nobody tidies).

Every indexed text ends with one space, so every substring of two characters starts some trigram: a two-letter
query (``قم``) is the OR of ``query + c`` over the characters ever indexed (table ``search_alpha``). One letter is
refused with a sentence. ``%``, ``_``, ``*`` and quotes are literal: queries are always quoted FTS5 strings.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from reader.store.base import db
from reader.store.fold import fold

SOURCE, TARGET, TITLE = 0, 1, 2
KINDS = {SOURCE: "source", TARGET: "target", TITLE: "title"}
_TARGETS = 1 << 62  # translations: rowids from here up
_INDEX_BITS = 20  # up to a million sentences per article
MIN_QUERY = 2
# the article of a search_text rowid, in SQL
_ARTICLE_SQL = (f"CASE WHEN rowid >= {_TARGETS} THEN (rowid - {_TARGETS}) >> {_INDEX_BITS} "
                "ELSE rowid >> 2 END")


class QueryError(ValueError):
    """A query that cannot be searched for (one clear sentence)."""


def rowid(article_id: int, index: int, kind: int) -> int:
    """The ``search_text`` rowid of an article's source document (index 0), title (index 0) or English title
    (TITLE, index 1), or of one sentence's translation (TARGET, the sentence index)."""
    if kind == TARGET:
        return _TARGETS | (article_id << _INDEX_BITS) | index
    return article_id * 4 + (3 if kind == TITLE and index == 1 else kind)


def split_rowid(value: int) -> tuple[int, int, int]:
    """(article_id, sentence_index, kind) of a ``search_text`` rowid."""
    if value >= _TARGETS:
        value -= _TARGETS
        return value >> _INDEX_BITS, value & ((1 << _INDEX_BITS) - 1), TARGET
    slot = value & 3
    return value >> 2, 1 if slot == 3 else 0, TITLE if slot == 3 else slot


def _folded(text: str) -> str:
    """The indexed form: folded, each line ending with a space (so two-letter queries find line ends)."""
    return "\n".join(fold(line) + " " for line in text.split("\n"))


def _con(con: sqlite3.Connection | None) -> sqlite3.Connection:
    return con if con is not None else db.connection()


def _remember_chars(texts: Iterable[str], con: sqlite3.Connection | None = None) -> None:
    chars: set[str] = set()
    for t in texts:
        chars.update(t)
    if chars:
        _con(con).executemany("INSERT OR IGNORE INTO search_alpha(ch) VALUES (?)", [(c,) for c in chars])


# ---- writes (call inside the transaction that changes the text) ---------------------------------------
def add(rows: Iterable[tuple[int, str | None]], con: sqlite3.Connection | None = None) -> None:
    """Index (rowid, text) pairs."""
    data = [(r, _folded(t)) for r, t in rows if t]
    if data:
        _con(con).executemany("INSERT INTO search_text(rowid, text) VALUES (?, ?)", data)
        _remember_chars((t for _r, t in data), con)


def source_document(sentence_texts: Iterable[str]) -> str:
    """The one indexed text of an article's source sentences."""
    return "\n".join(s for s in sentence_texts if s)


def remove(rows: Iterable[tuple[int, str | None]], con: sqlite3.Connection | None = None) -> None:
    """Un-index (rowid, text-it-was-indexed-with) pairs; empty texts were never indexed."""
    data = [(r, _folded(t)) for r, t in rows if t]
    if data:
        _con(con).executemany(
            "INSERT INTO search_text(search_text, rowid, text) VALUES ('delete', ?, ?)", data
        )


def set_note(annotation_id: int, text: str, con: sqlite3.Connection | None = None) -> None:
    remove_note(annotation_id, con)
    if text.strip():
        folded = _folded(text)
        _con(con).execute("INSERT INTO search_note(rowid, text) VALUES (?, ?)", (annotation_id, folded))
        _remember_chars([folded], con)


def remove_note(annotation_id: int, con: sqlite3.Connection | None = None) -> None:
    _con(con).execute("DELETE FROM search_note WHERE rowid = ?", (annotation_id,))


# ---- queries ------------------------------------------------------------------------------------------
def query_key(query: str) -> str:
    """The folded form of a user query ("" when nothing searchable is left: matches nothing)."""
    return " ".join(fold(query).split())


def match_expression(key: str) -> str:
    """The FTS5 MATCH string for a folded key (raises QueryError for a single character)."""
    if len(key) >= 3:
        return _quote(key)
    if len(key) < MIN_QUERY:
        raise QueryError("Type at least two letters to search.")
    chars = [r[0] for r in db.execute_sql("SELECT ch FROM search_alpha")]
    return " OR ".join(_quote(key + c) for c in chars) if chars else _quote(key + " ")


def _quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def article_ids(query: str) -> set[int]:
    """Articles with the query in their title, a sentence, a translation or a live note."""
    key = query_key(query)
    if not key:
        return set()
    expr = match_expression(key)
    ids = {r[0] for r in db.execute_sql(
        f"SELECT DISTINCT {_ARTICLE_SQL} FROM search_text WHERE search_text MATCH ?", (expr,))}
    ids.update(r[0] for r in db.execute_sql(
        "SELECT DISTINCT a.article_id FROM search_note JOIN annotation a ON a.id = search_note.rowid "
        "WHERE search_note MATCH ? AND a.deleted = 0", (expr,)))
    return ids


@dataclass(frozen=True)
class SearchHit:
    article_id: int
    kind: str  # "source" | "target" | "title" | "note"
    ref_id: int  # sentence id (source/target), article id (title), annotation id (note)
    text: str
    sentence: int | None = None  # the sentence's index in its article (source/target hits)


def hits(query: str, limit: int = 200) -> list[SearchHit]:
    """Matching titles, sentences, translations and notes (first *limit*), in library order."""
    key = query_key(query)
    if not key:
        return []
    expr = match_expression(key)
    out: list[SearchHit] = []
    rows = db.execute_sql(
        "SELECT rowid FROM search_text WHERE search_text MATCH ? ORDER BY rowid LIMIT ?", (expr, limit)
    ).fetchall()
    for (value,) in rows:
        aid, index, kind = split_rowid(value)
        if kind == TITLE:  # index 0: the source title; 1: its translation (the English headline)
            row = db.execute_sql("SELECT title, title_en FROM article WHERE id = ? AND deleted_at IS NULL",
                                 (aid,)).fetchone()
            if row is not None:
                out.append(SearchHit(aid, "title", aid, row[1] if index == 1 else row[0]))
            continue
        if kind == SOURCE:
            out.extend(_source_hits(aid, key, limit - len(out)))
            continue
        row = db.execute_sql(
            'SELECT s.id, s.translation FROM sentence s JOIN article a ON a.id = s.article_id '
            'WHERE s.article_id = ? AND s."index" = ? AND a.deleted_at IS NULL', (aid, index)).fetchone()
        if row is not None:
            out.append(SearchHit(aid, "target", row[0], row[1] or "", index))
        if len(out) >= limit:
            break
    notes = db.execute_sql(
        "SELECT a.article_id, a.id, a.note FROM search_note JOIN annotation a ON a.id = search_note.rowid "
        "WHERE search_note MATCH ? AND a.deleted = 0 ORDER BY a.id LIMIT ?", (expr, limit))
    out.extend(SearchHit(aid, "note", nid, note) for aid, nid, note in notes)
    return out[:limit] if len(out) > limit else out


def _source_hits(article_id: int, key: str, limit: int) -> list[SearchHit]:
    """The article's source sentences that contain the folded *key*."""
    from reader.store.compact import load_text

    if limit <= 0 or db.execute_sql("SELECT 1 FROM article WHERE id = ? AND deleted_at IS NULL",
                                    (article_id,)).fetchone() is None:
        return []
    text = load_text(article_id)
    out = []
    for sid, index, start, end in db.execute_sql(
            'SELECT id, "index", start, "end" FROM sentence WHERE article_id = ? ORDER BY "index"', (article_id,)):
        sentence = text[start:end]
        if key in fold(sentence) + " ":
            out.append(SearchHit(article_id, "source", sid, sentence, index))
            if len(out) >= limit:
                break
    return out


def rebuild(con: sqlite3.Connection) -> None:
    """Index every article again (titles, source sentences, translations): after a change of keys or folding."""
    from reader.store.compact import unpack_text

    con.execute("INSERT INTO search_text(search_text) VALUES ('delete-all')")
    english = {r[1] for r in con.execute("PRAGMA table_info(article)")} >= {"title_en"}
    for aid, title, title_en, blob in con.execute(
            f"SELECT a.id, a.title, {'a.title_en' if english else 'NULL'}, b.text FROM article a "
            "JOIN article_body b ON b.article_id = a.id").fetchall():
        text = unpack_text(blob)
        sents = con.execute('SELECT "index", start, "end", translation FROM sentence WHERE article_id = ? '
                            'ORDER BY "index"', (aid,)).fetchall()
        add([(rowid(aid, 0, TITLE), title), (rowid(aid, 1, TITLE), title_en),
             (rowid(aid, 0, SOURCE), source_document(text[a:b] for _i, a, b, _t in sents))], con)
        add(((rowid(aid, i, TARGET), t) for i, _a, _b, t in sents if t), con)


def stop_automerge(con: sqlite3.Connection) -> None:
    """Writes no longer merge segments themselves (see :func:`tidy`)."""
    con.execute("INSERT INTO search_text(search_text, rank) VALUES ('automerge', 0)")


def tidy(pages: int = 16) -> bool:
    """One small step of merging the index's segments (a few ms; holds the write lock only that long).
    Returns False when there was nothing to merge."""
    con = db.connection()
    before = con.total_changes
    with db.atomic():
        con.execute("INSERT INTO search_text(search_text, rank) VALUES ('merge', ?)", (pages,))
    return con.total_changes - before > 1


def tidy_all(seconds: float = 30.0) -> None:
    """Merge until there is nothing left to merge (or *seconds* have passed): after a batch of imports."""
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end and tidy(256):
        pass
