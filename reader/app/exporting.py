"""Export service: reads an article (sentences, translations, entities, annotations) from the store into
plain reader.core.export documents, and writes them with the core writers (PDF, Markdown, HTML).

Annotations as JSON live in reader.store.annotations_io (persistence only).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence

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
from reader.core.translate.catalog import describe_key
from reader.store import annotations, repo
from reader.store.annotations import AnnotationError
from reader.store.entities import entities_for_article


def _parse_range(sentence_range: tuple[int, int] | None, total: int) -> tuple[int, int]:
    """1-based inclusive range → 0-based [first, last]; raises a one-line error when it is empty."""
    if sentence_range is None:
        return 0, total - 1
    first, last = sentence_range
    if first < 1 or last < first or first > total:
        raise AnnotationError(f"Sentence range {first}–{last} is outside the article (1–{total}).")
    return first - 1, min(last, total) - 1


def build_document(article_id: int, sentence_range: tuple[int, int] | None = None) -> ExportDocument:
    """One article (or sentences *first*–*last*, 1-based inclusive) as plain export data."""
    article = repo.get_article(article_id)
    sents = repo.sentences(article)
    first, last = _parse_range(sentence_range, len(sents))
    chosen = [s for s in sents if first <= s.index <= last] if sents else []
    by_index = {s.index: s for s in chosen}
    src_ents: dict[int, list[EntityMark]] = {}
    tgt_ents: dict[int, list[EntityMark]] = {}
    for index, spans in entities_for_article(article.id).items():
        s = by_index.get(index)
        if s is None:
            continue
        for e in spans:
            a, b = max(0, e.start), min(len(s.text), e.end)
            if a < b:
                src_ents.setdefault(s.id, []).append(EntityMark(e.type, a, b, s.text[a:b]))
            if e.en_start is not None and e.en_end is not None and s.translation:
                a, b = max(0, e.en_start), min(len(s.translation), e.en_end)
                if a < b:
                    tgt_ents.setdefault(s.id, []).append(EntityMark(e.type, a, b, s.translation[a:b]))
    anns: dict[int, list[AnnotationMark]] = {}
    for rec in sorted(annotations.for_article(article.id), key=lambda r: (r.start, r.id)):
        s = by_index.get(rec.sentence_index)
        if s is None:
            continue
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
        meta=meta, rows=rows, article_id=article.id, backend=describe_key(article.backend) if article.backend else "",
        title_en=article.title_en or "",
    )


def build_documents(
    article_ids: Sequence[int], sentence_range: tuple[int, int] | None = None
) -> list[ExportDocument]:
    """Documents for several articles (a sentence range needs exactly one article)."""
    if sentence_range is not None and len(article_ids) != 1:
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
