"""Read models for the reader window: one query per article, returned as plain immutable data.

Widgets get these objects and never run SQL themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from reader.app.glossary import glossary, stored_edits
from reader.core.text.offsets import OffsetMap, span_to_original
from reader.core.types import Edit
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
    original: str  # the original (un-normalised) text behind the sentence, shown by the original-text toggle
    translation: str | None
    flags: tuple[dict[str, str], ...] = ()
    model: str = ""
    edits: tuple[Edit, ...] = ()  # glossary / name corrections inside the translation (tooltips)
    original_start: int = -1  # where ``original`` starts in the article's original text (-1: unknown)


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
    confidence: float | None = None  # below reader.core.entities.confidence.CONFIDENCE_LIGHT: drawn lighter


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
    title_en: str = ""  # the translated headline
    glossary_current: bool = True  # False: the glossary changed since the English was corrected
    offset_map: tuple[tuple[int, int], ...] = ()  # normalised <-> original runs (reader.core.text.offsets)

    @property
    def translated(self) -> int:
        return sum(1 for s in self.sentences if s.translation is not None)

    @cached_property
    def _map(self) -> OffsetMap | None:
        return OffsetMap([list(r) for r in self.offset_map]) if self.offset_map else None

    def stored_span(self, index: int, start: int, end: int) -> tuple[int, int]:
        """A span of sentence *index*'s ``original`` (what the original-text toggle shows) as offsets in its
        stored, normalised ``text`` — where annotations and entities anchor."""
        s = self.sentences[index]
        if s.original_start < 0 or s.original == s.text:
            return start, end
        if self._map is None:  # no map: the original is the normalised text, character for character
            return start, end
        a, b = self._map.span_to_normalized(s.original_start + start, s.original_start + end)
        a, b = max(0, a - s.start), min(len(s.text), b - s.start)
        return a, max(a, b)

    def original_span(self, index: int, start: int, end: int) -> tuple[int, int]:
        """The inverse of :meth:`stored_span`: a span of the stored sentence text as offsets in ``original``."""
        s = self.sentences[index]
        if s.original_start < 0 or s.original == s.text or self._map is None:
            return start, end
        a, b = self._map.span_to_original(s.start + start, s.start + end)
        a, b = max(0, a - s.original_start), min(len(s.original), b - s.original_start)
        return a, max(a, b)


def _original_of(article: Any, start: int, end: int) -> tuple[str, int]:
    """The original (un-normalised) text behind a normalised span, via the article's offset map, and where it
    starts in ``article.original_text`` (("", -1) when it cannot be found)."""
    original = article.original_text or ""
    if not article.offset_map:
        return original[start:end], (start if original else -1)
    try:
        o_start, o_end = span_to_original(article.offset_map, start, end)
    except Exception:  # a broken map must not break reading
        return "", -1
    piece = original[o_start:o_end]
    stripped = piece.strip()
    return stripped, o_start + (len(piece) - len(piece.lstrip()))


def load_article_view(article_id: int) -> ArticleView:
    article = repo.get_article(article_id)
    sents = repo.sentences(article)
    by_id = {s.id: s for s in sents}
    originals = [_original_of(article, s.start, s.end) for s in sents]
    vs = tuple(
        ViewSentence(
            id=s.id,
            index=s.index,
            paragraph=s.paragraph,
            start=s.start,
            end=s.end,
            text=s.text,
            original=original or s.text,
            translation=s.translation,
            flags=tuple(s.flags or ()),
            model=s.model,
            edits=stored_edits(s.edits),
            original_start=o_start if original else -1,
        )
        for s, (original, o_start) in zip(sents, originals, strict=True)
    )
    version = glossary(article.language).version
    current = all(s.glossary == version for s in sents if s.translation is not None and s.model != repo.MANUAL_MODEL)
    ents = []
    for e in Entity.select().where(Entity.article == article.id).order_by(Entity.start):
        s = by_id.get(e.sentence_id)
        if s is None:
            continue
        ents.append(
            ViewEntity(e.id, s.index, e.type, e.start - s.start, e.end - s.start, e.text,
                       e.canonical or e.text, e.english, e.en_start, e.en_end, e.confidence)
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
        title_en=article.title_en or "",
        glossary_current=current,
        offset_map=tuple(tuple(r) for r in (article.offset_map or ())),
    )
