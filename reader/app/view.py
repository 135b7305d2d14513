"""Read models for the reader window: one query per article, returned as plain immutable data.

Widgets get these objects and never run SQL themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.store import repo
from reader.store.models import Annotation, Entity


@dataclass(frozen=True)
class ViewSentence:
    id: int
    index: int
    paragraph: int
    start: int  # in the normalised article text
    end: int
    text: str
    original: str
    translation: str | None
    flags: tuple[dict[str, str], ...] = ()
    model: str = ""


@dataclass(frozen=True)
class ViewEntity:
    id: int
    sentence_index: int
    type: str
    start: int  # inside the sentence text
    end: int
    text: str
    canonical: str
    english: str | None
    en_start: int | None
    en_end: int | None


@dataclass(frozen=True)
class ViewAnnotation:
    id: int
    sentence_index: int
    side: str
    start: int
    end: int
    quote: str
    color: str
    note: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class ArticleView:
    id: int
    title: str
    language: str
    date: str
    source: str
    backend: str
    meta: dict[str, Any]
    sentences: tuple[ViewSentence, ...]
    entities: tuple[ViewEntity, ...] = ()
    annotations: tuple[ViewAnnotation, ...] = field(default_factory=tuple)

    @property
    def translated(self) -> int:
        return sum(1 for s in self.sentences if s.translation is not None)


def _original_of(article: Any, start: int, end: int) -> str:
    """The original (un-normalised) text behind a normalised span, via the article's offset map."""
    if not article.offset_map:
        return article.original_text[start:end] if article.original_text else ""
    try:
        from reader.core.text.offsets import span_to_original

        o_start, o_end = span_to_original(article.offset_map, start, end)
        return article.original_text[o_start:o_end].strip()
    except Exception:  # a broken map must not break reading
        return ""


def load_article_view(article_id: int) -> ArticleView:
    article = repo.get_article(article_id)
    sents = repo.sentences(article)
    by_id = {s.id: s for s in sents}
    vs = tuple(
        ViewSentence(
            id=s.id,
            index=s.index,
            paragraph=s.paragraph,
            start=s.start,
            end=s.end,
            text=s.text,
            original=_original_of(article, s.start, s.end) or s.text,
            translation=s.translation,
            flags=tuple(s.flags or ()),
            model=s.model,
        )
        for s in sents
    )
    ents = []
    for e in Entity.select().where(Entity.article == article.id).order_by(Entity.start):
        s = by_id.get(e.sentence_id)
        if s is None:
            continue
        ents.append(
            ViewEntity(e.id, s.index, e.type, e.start - s.start, e.end - s.start, e.text,
                       e.canonical or e.text, e.english, e.en_start, e.en_end)
        )
    anns = []
    q = Annotation.select().where((Annotation.article == article.id) & (Annotation.deleted == False))  # noqa: E712
    for a in q.order_by(Annotation.created):
        s = by_id.get(a.sentence_id)
        if s is None:
            continue
        text = s.text if a.side == "source" else s.translation
        if text is None or text[a.start : a.end] != a.quote:
            continue  # orphaned by a re-translation: listed in the notes panel, not highlighted
        anns.append(ViewAnnotation(a.id, s.index, a.side, a.start, a.end, a.quote, a.color, a.note,
                                   tuple(a.tags or ())))
    return ArticleView(
        id=article.id,
        title=article.title,
        language=article.language,
        date=article.date,
        source=article.source,
        backend=article.backend,
        meta=dict(article.meta or {}),
        sentences=vs,
        entities=tuple(ents),
        annotations=tuple(anns),
    )
