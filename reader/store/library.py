"""The library list: the rows it shows (only the columns it shows), filters and sort orders, tags, reading state
and the trash (delete with undo).

``rows()`` is one query over the small ``article`` table (the texts live elsewhere, see
:mod:`reader.store.compact`) plus one over ``article_tag``; 10,000 articles list in a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from reader.store.db import StoreError, db

SORTS = {
    "published": 'coalesce(a.published, substr(a.created, 1, 10)) DESC, a.id DESC',
    "created": "a.created DESC, a.id DESC",
    "updated": "a.updated DESC, a.id DESC",
    "title": "a.title COLLATE NOCASE ASC, a.id DESC",
    "language": "a.language ASC, a.id DESC",
    "site": "a.site COLLATE NOCASE ASC, a.id DESC",
}
STATES = ("translated", "partly", "untranslated", "read", "unread")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class LibraryRow(NamedTuple):
    """One line of the library list (a tuple: 10,000 of them build in milliseconds)."""

    id: int
    title: str
    language: str
    date: str  # as printed
    published: str | None  # ISO
    created: str  # ISO import time
    site: str
    done: int
    total: int
    backend: str
    read: bool
    read_position: int
    tags: tuple[str, ...] = ()
    title_en: str = ""  # the translated headline ("" until translated)

    @property
    def state(self) -> str:
        if self.total and self.done >= self.total:
            return "translated"
        return "partly" if self.done else "untranslated"


@dataclass(frozen=True)
class Filters:
    language: str | None = None
    tag: str | None = None
    site: str | None = None
    state: str | None = None  # one of STATES
    since: str | None = None  # ISO publication date bounds (inclusive)
    until: str | None = None
    ids: frozenset[int] | None = None  # e.g. search results


_COLUMNS = ("a.id, coalesce(nullif(a.title, ''), '(untitled)'), a.language, coalesce(a.date, ''), a.published, "
            "coalesce(a.created, ''), coalesce(a.site, ''), a.n_translated, a.n_sentences, coalesce(a.backend, ''), "
            "a.read_at IS NOT NULL, coalesce(a.read_position, 0), coalesce(a.title_en, '')")  # LibraryRow's order


def _where(f: Filters) -> tuple[str, list]:
    clauses, params = ["a.deleted_at IS NULL"], []
    if f.language:
        clauses.append("a.language = ?")
        params.append(f.language)
    if f.site:
        clauses.append("a.site = ?")
        params.append(f.site)
    if f.tag:
        clauses.append("a.id IN (SELECT at.article_id FROM article_tag at JOIN tag t ON t.id = at.tag_id "
                       "WHERE t.name = ?)")
        params.append(f.tag)
    if f.state == "translated":
        clauses.append("a.n_sentences > 0 AND a.n_translated >= a.n_sentences")
    elif f.state == "partly":
        clauses.append("a.n_translated > 0 AND a.n_translated < a.n_sentences")
    elif f.state == "untranslated":
        clauses.append("a.n_translated = 0")
    elif f.state == "read":
        clauses.append("a.read_at IS NOT NULL")
    elif f.state == "unread":
        clauses.append("a.read_at IS NULL")
    elif f.state:
        raise StoreError(f"Unknown state {f.state!r}; use one of: {', '.join(STATES)}.")
    if f.since:
        clauses.append("coalesce(a.published, substr(a.created, 1, 10)) >= ?")
        params.append(f.since)
    if f.until:
        clauses.append("substr(coalesce(a.published, a.created), 1, 10) <= ?")
        params.append(f.until)
    return " AND ".join(clauses), params


def rows(filters: Filters | None = None, sort: str = "published") -> list[LibraryRow]:
    """The library list, filtered and sorted (sort: one of SORTS)."""
    f = filters or Filters()
    if sort not in SORTS:
        raise StoreError(f"Unknown sort {sort!r}; use one of: {', '.join(SORTS)}.")
    where, params = _where(f)
    tags = tags_by_article()
    make, none = LibraryRow._make, ()
    cur = db.execute_sql(f"SELECT {_COLUMNS} FROM article a WHERE {where} ORDER BY {SORTS[sort]}", params)
    wanted = f.ids
    if wanted is None:
        return [make((*r[:12], tags.get(r[0], none), r[12])) for r in cur]
    return [make((*r[:12], tags.get(r[0], none), r[12])) for r in cur if r[0] in wanted]


def ids(filters: Filters | None = None, sort: str = "published") -> list[int]:
    """The ids of :func:`rows`, in the same order, without reading the rows (what a list view needs first)."""
    f = filters or Filters()
    if sort not in SORTS:
        raise StoreError(f"Unknown sort {sort!r}; use one of: {', '.join(SORTS)}.")
    where, params = _where(f)
    found = [r[0] for r in db.execute_sql(f"SELECT a.id FROM article a WHERE {where} ORDER BY {SORTS[sort]}", params)]
    return found if f.ids is None else [i for i in found if i in f.ids]


def rows_for(article_ids: Sequence[int]) -> dict[int, LibraryRow]:
    """The rows of these articles (a page of the list), by id."""
    out: dict[int, LibraryRow] = {}
    wanted = list(article_ids)
    for k in range(0, len(wanted), 500):
        chunk = wanted[k:k + 500]
        marks = ",".join("?" * len(chunk))
        tags: dict[int, list[str]] = {}
        for aid, name in db.execute_sql(
                f"SELECT at.article_id, t.name FROM article_tag at JOIN tag t ON t.id = at.tag_id "
                f"WHERE at.article_id IN ({marks}) ORDER BY t.name", chunk):
            tags.setdefault(aid, []).append(name)
        for r in db.execute_sql(f"SELECT {_COLUMNS} FROM article a WHERE a.id IN ({marks})", chunk):
            out[r[0]] = LibraryRow._make((*r[:12], tuple(tags.get(r[0], ())), r[12]))
    return out


def _row(r: Sequence, tags: Iterable[str]) -> LibraryRow:
    return LibraryRow._make((*r[:12], tuple(tags), r[12]))


def row(article_id: int) -> LibraryRow | None:
    """One article's row (to update a list in place when that article changes)."""
    r = db.execute_sql(f"SELECT {_COLUMNS} FROM article a WHERE a.id = ? AND a.deleted_at IS NULL",
                       (article_id,)).fetchone()
    return None if r is None else _row(r, tags_of(article_id))


def sites() -> list[tuple[str, int]]:
    return [(s, n) for s, n in db.execute_sql(
        "SELECT site, count(*) FROM article WHERE deleted_at IS NULL AND site != '' GROUP BY site "
        "ORDER BY count(*) DESC, site")]


# ---- tags ---------------------------------------------------------------------------------------------
def clean_tag(name: str) -> str:
    name = " ".join(str(name).split()).lstrip("#").strip()
    if not name:
        raise StoreError("A tag needs a name.")
    if len(name) > 60:
        raise StoreError("A tag name can be at most 60 characters.")
    return name


def tags_by_article() -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    for aid, name in db.execute_sql("SELECT at.article_id, t.name FROM article_tag at JOIN tag t ON t.id = at.tag_id "
                                    "ORDER BY t.name"):
        out.setdefault(aid, []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def tags_of(article_id: int) -> tuple[str, ...]:
    return tuple(r[0] for r in db.execute_sql(
        "SELECT t.name FROM article_tag at JOIN tag t ON t.id = at.tag_id WHERE at.article_id = ? ORDER BY t.name",
        (article_id,)))


def all_tags() -> list[tuple[str, int]]:
    """(tag, number of articles) for every tag, by name."""
    return [(n, c) for n, c in db.execute_sql(
        "SELECT t.name, count(a.id) FROM tag t LEFT JOIN article_tag at ON at.tag_id = t.id "
        "LEFT JOIN article a ON a.id = at.article_id AND a.deleted_at IS NULL GROUP BY t.id ORDER BY t.name")]


def _tag_id(name: str, create: bool) -> int | None:
    name = clean_tag(name)
    row_ = db.execute_sql("SELECT id FROM tag WHERE name = ?", (name,)).fetchone()
    if row_ is None:
        folded = name.casefold()
        row_ = next(((i,) for i, n in db.execute_sql("SELECT id, name FROM tag") if n.casefold() == folded), None)
    if row_ is not None:
        return int(row_[0])
    if not create:
        return None
    return int(db.execute_sql("INSERT INTO tag(name, created) VALUES (?, ?)", (name, _now())).lastrowid)


def _existing(article_ids: Iterable[int]) -> list[int]:
    ids = sorted({int(i) for i in article_ids})
    found = {r[0] for r in db.execute_sql(
        f"SELECT id FROM article WHERE id IN ({','.join('?' * len(ids))})", ids)} if ids else set()
    missing = [i for i in ids if i not in found]
    if missing:
        raise StoreError(f"No article with id {missing[0]} in the library.")
    return ids


def add_tag(article_ids: Iterable[int], name: str) -> int:
    """Tag articles (creating the tag); returns how many were newly tagged."""
    with db.atomic():
        ids = _existing(article_ids)
        tid = _tag_id(name, create=True)
        before = db.execute_sql("SELECT count(*) FROM article_tag WHERE tag_id = ?", (tid,)).fetchone()[0]
        db.connection().executemany("INSERT OR IGNORE INTO article_tag(article_id, tag_id) VALUES (?, ?)",
                                    [(i, tid) for i in ids])
        after = db.execute_sql("SELECT count(*) FROM article_tag WHERE tag_id = ?", (tid,)).fetchone()[0]
    return after - before


def remove_tag(article_ids: Iterable[int], name: str) -> int:
    with db.atomic():
        tid = _tag_id(name, create=False)
        if tid is None:
            return 0
        ids = [int(i) for i in article_ids]
        cur = db.connection().executemany("DELETE FROM article_tag WHERE article_id = ? AND tag_id = ?",
                                          [(i, tid) for i in ids])
        return cur.rowcount


def rename_tag(old: str, new: str) -> None:
    """Rename a tag; renaming onto an existing tag merges the two."""
    with db.atomic():
        tid = _tag_id(old, create=False)
        if tid is None:
            raise StoreError(f"There is no tag {clean_tag(old)!r}.")
        new = clean_tag(new)
        other = _tag_id(new, create=False)
        if other is not None and other != tid:
            db.execute_sql("INSERT OR IGNORE INTO article_tag(article_id, tag_id) "
                           "SELECT article_id, ? FROM article_tag WHERE tag_id = ?", (other, tid))
            db.execute_sql("DELETE FROM article_tag WHERE tag_id = ?", (tid,))
            db.execute_sql("DELETE FROM tag WHERE id = ?", (tid,))
        else:
            db.execute_sql("UPDATE tag SET name = ? WHERE id = ?", (new, tid))


def delete_tag(name: str) -> None:
    with db.atomic():
        tid = _tag_id(name, create=False)
        if tid is None:
            raise StoreError(f"There is no tag {clean_tag(name)!r}.")
        db.execute_sql("DELETE FROM article_tag WHERE tag_id = ?", (tid,))
        db.execute_sql("DELETE FROM tag WHERE id = ?", (tid,))


# ---- reading state ------------------------------------------------------------------------------------
def mark_read(article_ids: Iterable[int], read: bool = True) -> None:
    with db.atomic():
        ids = _existing(article_ids)
        db.connection().executemany("UPDATE article SET read_at = ? WHERE id = ?",
                                    [(_now() if read else None, i) for i in ids])


def remember_position(article_id: int, sentence_index: int) -> None:
    """Where the reader is in the article (opening it later returns there); opening marks it read."""
    db.execute_sql("UPDATE article SET read_position = ?, read_at = coalesce(read_at, ?) WHERE id = ?",
                   (max(0, int(sentence_index)), _now(), article_id))


def position(article_id: int) -> int:
    r = db.execute_sql("SELECT read_position FROM article WHERE id = ?", (article_id,)).fetchone()
    return int(r[0]) if r else 0


# ---- trash (delete with undo) -------------------------------------------------------------------------
def trash(article_ids: Iterable[int]) -> list[int]:
    """Hide articles (undo with :func:`untrash`); :func:`purge` removes them for good."""
    with db.atomic():
        ids = _existing(article_ids)
        db.connection().executemany("UPDATE article SET deleted_at = ? WHERE id = ?", [(_now(), i) for i in ids])
    return ids


def untrash(article_ids: Iterable[int]) -> None:
    with db.atomic():
        db.connection().executemany("UPDATE article SET deleted_at = NULL WHERE id = ?",
                                    [(int(i),) for i in article_ids])


def trashed() -> list[int]:
    return [r[0] for r in db.execute_sql("SELECT id FROM article WHERE deleted_at IS NOT NULL ORDER BY id")]


def purge(article_ids: Iterable[int] | None = None) -> int:
    """Delete trashed articles for good (all of them, or these)."""
    from reader.store import repo

    ids = trashed() if article_ids is None else [i for i in article_ids if i in set(trashed())]
    for aid in ids:
        repo.delete_article(aid)
    return len(ids)
