"""Annotations in and out of the library as JSON (``tarjoman annotations export/import``, the notes panel).

A file lists articles (matched on import by the SHA-256 of their normalised text, else by id and title) with
their live annotations; importing adds the ones not already present, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reader.store import annotations as ann
from reader.store.annotations import AnnotationError
from reader.store.db import db
from reader.store.models import Annotation, Article, Sentence
from reader.store.repo import get_article

JSON_FORMAT = "tarjoman-annotations"
JSON_VERSION = 1


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _iso(value: dt.datetime | None) -> str | None:
    return value.replace(microsecond=0).isoformat() + "Z" if value else None


def export_annotations(article_ids: Iterable[int] | None = None) -> dict[str, Any]:
    """Live annotations of the given articles (default: all) as a JSON-ready dict."""
    q = Article.select().order_by(Article.id)
    if article_ids is not None:
        ids = list(article_ids)
        for aid in ids:
            get_article(aid)
        q = q.where(Article.id.in_(ids))
    articles = []
    for art in q:
        rows = (
            Annotation.select(Annotation, Sentence).join(Sentence)
            .where((Annotation.article == art.id) & (Annotation.deleted == False))  # noqa: E712
            .order_by(Sentence.index, Annotation.start, Annotation.id)
        )
        items = [
            {
                "sentence_index": a.sentence.index, "side": a.side, "start": a.start, "end": a.end, "quote": a.quote,
                "color": a.color, "note": a.note or "", "tags": list(a.tags or ()),
                "created": _iso(a.created), "updated": _iso(a.updated),
            }
            for a in rows
        ]
        if items or article_ids is not None:
            articles.append({
                "id": art.id, "title": art.title, "language": art.language, "source": art.source,
                "text_sha256": text_hash(art.text), "annotations": items,
            })
    from reader.store.entities import corrections

    return {
        "format": JSON_FORMAT, "version": JSON_VERSION, "exported": _iso(dt.datetime.now(dt.UTC).replace(tzinfo=None)),
        "articles": articles,
        "entity_corrections": corrections(),  # the reader's own entity lexicon travels with their notes
    }


@dataclass(frozen=True)
class ImportReport:
    added: int = 0
    duplicates: int = 0  # already in the library
    orphaned: int = 0  # added, but their quote is not found in today's text
    unmatched_articles: int = 0  # articles of the file that are not in this library
    invalid: int = 0  # entries that make no sense (unknown side, no such sentence)
    corrections: int = 0  # entity corrections stored from the file


def _check_file(data: Any) -> list[dict[str, Any]]:
    if not isinstance(data, dict) or data.get("format") != JSON_FORMAT:
        raise AnnotationError("This is not a Tarjoman annotations file.")
    version = data.get("version")
    if not isinstance(version, int) or version > JSON_VERSION:
        raise AnnotationError(f"This annotations file is version {version}; this Tarjoman reads up to {JSON_VERSION}.")
    arts = data.get("articles")
    if not isinstance(arts, list) or not all(isinstance(a, dict) for a in arts):
        raise AnnotationError("The annotations file is damaged: 'articles' is not a list.")
    return arts


def _match_article(entry: dict[str, Any], by_hash: dict[str, int]) -> int | None:
    h = entry.get("text_sha256")
    if isinstance(h, str) and h in by_hash:
        return by_hash[h]
    aid = entry.get("id")
    if isinstance(aid, int):
        art = Article.get_or_none(Article.id == aid)
        if art is not None and (not isinstance(h, str) or art.title == entry.get("title")):
            return art.id
    return None


def import_annotations(data: Any) -> ImportReport:
    """Add the file's annotations to matching articles (by text hash, else by id with the same title);
    annotations already present are skipped. All or nothing."""
    entries = _check_file(data)
    from reader.store.compact import load_text

    by_hash = {text_hash(load_text(i)): i for (i,) in Article.select(Article.id).tuples()}
    added = duplicates = orphaned = unmatched = invalid = 0
    with db.atomic():
        for entry in entries:
            aid = _match_article(entry, by_hash)
            if aid is None:
                unmatched += 1
                continue
            sents = {s.index: s for s in Sentence.select().where(Sentence.article == aid)}
            for item in entry.get("annotations") or []:
                try:
                    side = item["side"]
                    s = sents[int(item["sentence_index"])]
                    start, end = int(item["start"]), int(item["end"])
                    quote = str(item.get("quote", ""))
                    if side not in ann.SIDES:  # a real check: ``assert`` is stripped by ``python -O``
                        raise ValueError(f"unknown side {side!r}")
                    color = ann.normalize_color(item.get("color"))
                except (KeyError, TypeError, ValueError, ann.AnnotationError):
                    invalid += 1
                    continue
                text = s.text if side == "source" else s.translation
                if text is None or text[start:end] != quote or not (0 <= start < end <= len(text)):
                    spot = ann.find_quote(text or "", quote, start)
                    if spot is not None:
                        start, end = spot
                    else:
                        orphaned += 1
                note = str(item.get("note") or "")
                exists = Annotation.select().where(
                    (Annotation.sentence == s.id) & (Annotation.side == side) & (Annotation.start == start)
                    & (Annotation.end == end) & (Annotation.note == note) & (Annotation.deleted == False)  # noqa: E712
                ).exists()
                if exists:
                    duplicates += 1
                    continue
                now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
                a = Annotation.create(
                    article=aid, sentence=s.id, side=side, start=start, end=end,
                    quote=text[start:end] if text is not None and text[start:end] == quote else quote,
                    color=color, note=note, tags=ann.normalize_tags(item.get("tags")),
                    created=_parse_time(item.get("created")) or now, updated=now,
                )
                ann._index(a)
                added += 1
        fixed = _import_corrections(data.get("entity_corrections"))
    return ImportReport(added, duplicates, orphaned, unmatched, invalid, fixed)


def _import_corrections(items: Any) -> int:
    """Store the entity corrections of an annotations file (entries that make no sense are skipped)."""
    from reader.store.entities import save_correction

    if not isinstance(items, list):
        return 0
    n = 0
    for item in items:
        if not isinstance(item, dict):
            continue
        fields = {k: item.get(k, "") for k in ("language", "key", "text", "action", "type", "english")}
        if not all(isinstance(v, str) for v in fields.values()):
            continue
        if (fields["language"] not in ("fa", "ar") or fields["action"] not in ("reject", "type", "english", "add")
                or not fields["key"] or not fields["text"].strip() or len(fields["text"]) > 120):
            continue
        save_correction(**fields)
        n += 1
    return n


def _parse_time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        t = dt.datetime.fromisoformat(value.rstrip("Z"))
    except ValueError:
        return None
    return t.replace(tzinfo=None)
