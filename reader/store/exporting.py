"""From the library to export files: builds reader.core.export documents, and moves annotations in and out
as JSON (``export_annotations`` / ``import_annotations``; also reachable as annotations.export_json/import_json).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reader.core.export import (
    AnnotationMark,
    EntityMark,
    ExportDocument,
    ExportOptions,
    ExportResult,
    ExportRow,
    export_documents,
)
from reader.core.jobs import Progress
from reader.store import repo
from reader.store.db import db
from reader.store.models import Annotation, Article, Entity, Sentence

JSON_FORMAT = "tarjoman-annotations"
JSON_VERSION = 1


def _parse_range(sentence_range: tuple[int, int] | None, total: int) -> tuple[int, int]:
    """1-based inclusive range → 0-based [first, last]; raises a one-line error when it is empty."""
    if sentence_range is None:
        return 0, total - 1
    first, last = sentence_range
    if first < 1 or last < first or first > total:
        from reader.store.annotations import AnnotationError

        raise AnnotationError(f"Sentence range {first}–{last} is outside the article (1–{total}).")
    return first - 1, min(last, total) - 1


def build_document(article_id: int, sentence_range: tuple[int, int] | None = None) -> ExportDocument:
    """One article (or sentences *first*–*last*, 1-based inclusive) as plain export data."""
    from reader.store.annotations import _record

    article = repo.get_article(article_id)
    sents = repo.sentences(article)
    first, last = _parse_range(sentence_range, len(sents))
    chosen = [s for s in sents if first <= s.index <= last] if sents else []
    by_id = {s.id: s for s in chosen}
    src_ents: dict[int, list[EntityMark]] = {}
    tgt_ents: dict[int, list[EntityMark]] = {}
    for e in Entity.select().where(Entity.article == article.id).order_by(Entity.start):
        s = by_id.get(e.sentence_id)
        if s is None:
            continue
        a, b = max(0, e.start - s.start), min(len(s.text), e.end - s.start)
        if a < b:
            src_ents.setdefault(s.id, []).append(EntityMark(e.type, a, b, s.text[a:b]))
        if e.en_start is not None and e.en_end is not None and s.translation:
            a, b = max(0, e.en_start), min(len(s.translation), e.en_end)
            if a < b:
                tgt_ents.setdefault(s.id, []).append(EntityMark(e.type, a, b, s.translation[a:b]))
    anns: dict[int, list[AnnotationMark]] = {}
    q = Annotation.select().where((Annotation.article == article.id) & (Annotation.deleted == False))  # noqa: E712
    for a in q.order_by(Annotation.start, Annotation.id):
        s = by_id.get(a.sentence_id)
        if s is None:
            continue
        rec = _record(a, s)
        # An orphaned annotation (its sentence was re-translated and the quote is gone) keeps its note as a
        # footnote but highlights nothing.
        start, end = (rec.start, rec.end) if not rec.orphaned else (0, 0)
        anns.setdefault(s.id, []).append(
            AnnotationMark(rec.side, start, end, rec.color, rec.note, rec.tags, rec.quote, rec.id)
        )
    rows = tuple(
        ExportRow(
            index=s.index, paragraph=s.paragraph, source=s.text, translation=s.translation,
            source_entities=tuple(src_ents.get(s.id, ())), target_entities=tuple(tgt_ents.get(s.id, ())),
            annotations=tuple(anns.get(s.id, ())), flags=tuple(s.flags or ()),
        )
        for s in chosen
    )
    meta = dict(article.meta or {})
    if sentence_range is not None:
        meta["sentence_range"] = (first + 1, last + 1, len(sents))
    return ExportDocument(
        title=article.title, language=article.language, source=article.source, date=article.date,
        meta=meta, rows=rows, article_id=article.id, backend=article.backend, title_en=article.title_en or "",
    )


def build_documents(
    article_ids: Sequence[int], sentence_range: tuple[int, int] | None = None
) -> list[ExportDocument]:
    """Documents for several articles (a sentence range needs exactly one article)."""
    if sentence_range is not None and len(article_ids) != 1:
        from reader.store.annotations import AnnotationError

        raise AnnotationError("A sentence range can only be exported from one article at a time.")
    return [build_document(a, sentence_range) for a in article_ids]


def export_articles(
    article_ids: Sequence[int],
    path: str | os.PathLike[str],
    fmt: str | None = None,
    options: ExportOptions | None = None,
    sentence_range: tuple[int, int] | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Read the articles (fast) and write them (the job part). From the GUI, prefer calling
    :func:`build_documents` on the GUI thread and running ``reader.core.export.export_documents`` as a job."""
    docs = build_documents(article_ids, sentence_range)
    return export_documents(docs, path, fmt, options, cancel, progress)


# ---- annotations as JSON ------------------------------------------------------------------------------
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
            repo.get_article(aid)
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
    return {
        "format": JSON_FORMAT, "version": JSON_VERSION, "exported": _iso(dt.datetime.now(dt.UTC).replace(tzinfo=None)),
        "articles": articles,
    }


@dataclass(frozen=True)
class ImportReport:
    added: int = 0
    duplicates: int = 0  # already in the library
    orphaned: int = 0  # added, but their quote is not found in today's text
    unmatched_articles: int = 0  # articles of the file that are not in this library
    invalid: int = 0  # entries that make no sense (unknown side, no such sentence)


def _check_file(data: Any) -> list[dict[str, Any]]:
    from reader.store.annotations import AnnotationError

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
    from reader.store import annotations as ann

    entries = _check_file(data)
    by_hash = {text_hash(t): i for i, t in Article.select(Article.id, Article.text).tuples()}
    added = duplicates = orphaned = unmatched = invalid = 0
    with db.atomic():
        for entry in entries:
            aid = _match_article(entry, by_hash)
            if aid is None:
                unmatched += 1
                continue
            sents = {s.index: s for s in repo.sentences(aid)}
            for item in entry.get("annotations") or []:
                try:
                    side = item["side"]
                    s = sents[int(item["sentence_index"])]
                    start, end = int(item["start"]), int(item["end"])
                    quote = str(item.get("quote", ""))
                    assert side in ann.SIDES
                    color = ann.normalize_color(item.get("color"))
                except (KeyError, TypeError, ValueError, AssertionError, ann.AnnotationError):
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
    return ImportReport(added, duplicates, orphaned, unmatched, invalid)


def _parse_time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        t = dt.datetime.fromisoformat(value.rstrip("Z"))
    except ValueError:
        return None
    return t.replace(tzinfo=None)
