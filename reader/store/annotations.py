"""Annotations: highlights with a colour, an optional note and tags, anchored to one sentence.

An annotation anchors to ``(sentence, side, start, end)`` — offsets inside the sentence's text (side
"source") or its translation (side "target") — and keeps the selected ``quote``. Re-translating *other*
sentences never touches it; when its own sentence's translation changes, :func:`reanchor` moves it to the
quote's new place, or leaves it where it was, reported as :attr:`AnnotationRecord.orphaned` (never deleted).

Every write is one transaction and keeps the full-text index of notes (reader.store.search) in step. Deleting
is a soft delete so that reader.store.annotations_undo.UndoStack (or :func:`restore`) can bring an annotation back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.store import search
from reader.store.db import StoreError, db
from reader.store.models import Annotation, Article, Sentence

DEFAULT_COLOR = "#ffe066"
SIDES = ("source", "target")
_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


class AnnotationError(StoreError):
    """A one-line, human reason why an annotation operation was refused."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class AnnotationRecord:
    """An annotation as the UI and CLI see it (immutable)."""

    id: int
    article_id: int
    sentence_id: int
    sentence_index: int
    side: str
    start: int
    end: int
    quote: str
    color: str
    note: str
    tags: tuple[str, ...]
    deleted: bool
    created: dt.datetime
    updated: dt.datetime
    current: str | None = field(default=None, compare=False)  # text now at [start:end] (None: no text)

    @property
    def orphaned(self) -> bool:
        """True when the anchored text no longer reads as the quote (its sentence was re-translated)."""
        return self.current != self.quote


# ---- validation ----------------------------------------------------------------------------------------
def normalize_color(color: str | None) -> str:
    if color is None or not str(color).strip():
        return DEFAULT_COLOR
    m = _HEX.match(str(color).strip())
    if not m:
        raise AnnotationError(f"Not a colour: {color!r} (use #rrggbb, e.g. {DEFAULT_COLOR}).")
    h = m.group(1)
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return "#" + h.lower()


def normalize_tags(tags: Iterable[str] | str | None) -> list[str]:
    """Tags without '#', whitespace collapsed, duplicates (case-insensitive) dropped, order kept."""
    if tags is None:
        return []
    if isinstance(tags, str):
        tags = re.split(r"[,\s]+", tags)
    out: list[str] = []
    seen: set[str] = set()
    for t in tags:
        t = " ".join(str(t).split()).lstrip("#").strip()[:40]
        if t and t.casefold() not in seen:
            seen.add(t.casefold())
            out.append(t)
    return out


def _side_text(sentence: Sentence, side: str) -> str | None:
    return sentence.text if side == "source" else sentence.translation


def _sentence(article_id: int, sentence_index: int) -> Sentence:
    s = Sentence.get_or_none((Sentence.article == article_id) & (Sentence.index == sentence_index))
    if s is None:
        if Article.get_or_none(Article.id == article_id) is None:  # say so when that is the problem
            raise AnnotationError(f"No article with id {article_id} in the library.")
        raise AnnotationError(f"Article {article_id} has no sentence {sentence_index + 1}.")
    return s


def _record(a: Annotation, sentence: Sentence | None = None) -> AnnotationRecord:
    s = sentence if sentence is not None else a.sentence
    text = _side_text(s, a.side)
    current = text[a.start:a.end] if text is not None and 0 <= a.start <= a.end <= len(text) else None
    return AnnotationRecord(
        id=a.id, article_id=a.article_id, sentence_id=s.id, sentence_index=s.index, side=a.side,
        start=a.start, end=a.end, quote=a.quote, color=a.color, note=a.note or "",
        tags=tuple(a.tags or ()), deleted=bool(a.deleted), created=a.created, updated=a.updated,
        current=current,
    )


def _index(a: Annotation) -> None:
    tags = " ".join("#" + t for t in (a.tags or ()))
    search.set_note(a.id, f"{a.note or ''} {tags}".strip())


def _get(annotation_id: int) -> Annotation:
    a = Annotation.get_or_none(Annotation.id == annotation_id)
    if a is None:
        raise AnnotationError(f"No annotation with id {annotation_id}.")
    return a


# ---- create / read / update / delete -----------------------------------------------------------------
def create(
    article_id: int,
    sentence_index: int,
    side: str,
    start: int,
    end: int,
    *,
    color: str | None = None,
    note: str = "",
    tags: Iterable[str] | str | None = None,
) -> AnnotationRecord:
    """Highlight ``[start:end)`` of a sentence's source text or translation. Committed when it returns."""
    if side not in SIDES:
        raise AnnotationError(f"side must be 'source' or 'target', not {side!r}.")
    with db.atomic():
        s = _sentence(article_id, sentence_index)
        text = _side_text(s, side)
        if text is None:
            raise AnnotationError(f"Sentence {sentence_index + 1} has no translation to annotate yet.")
        if not (0 <= start < end <= len(text)):
            raise AnnotationError(
                f"Selection {start}–{end} is outside sentence {sentence_index + 1} ({len(text)} characters)."
            )
        now = _now()
        a = Annotation.create(
            article=article_id, sentence=s.id, side=side, start=start, end=end, quote=text[start:end],
            color=normalize_color(color), note=note or "", tags=normalize_tags(tags), deleted=False,
            created=now, updated=now,
        )
        _index(a)
    return _record(a, s)


def create_from_quote(
    article_id: int,
    sentence_index: int,
    side: str,
    quote: str,
    *,
    occurrence: int = 1,
    color: str | None = None,
    note: str = "",
    tags: Iterable[str] | str | None = None,
) -> AnnotationRecord:
    """Highlight the *occurrence*-th appearance of *quote* in the sentence (the CLI's way to select)."""
    s = _sentence(article_id, sentence_index)
    text = _side_text(s, side) if side in SIDES else None
    if text is None:
        return create(article_id, sentence_index, side, 0, 1, color=color, note=note, tags=tags)
    found = [m.start() for m in re.finditer(re.escape(quote), text)] if quote else []
    if len(found) < max(1, occurrence):
        raise AnnotationError(f"{quote!r} does not occur {occurrence}× in sentence {sentence_index + 1}.")
    start = found[occurrence - 1]
    return create(article_id, sentence_index, side, start, start + len(quote), color=color, note=note, tags=tags)


def get(annotation_id: int) -> AnnotationRecord:
    return _record(_get(annotation_id))


def update(
    annotation_id: int,
    *,
    color: str | None = None,
    note: str | None = None,
    tags: Iterable[str] | str | None = None,
    start: int | None = None,
    end: int | None = None,
) -> AnnotationRecord:
    """Change colour, note, tags or the selected range (the quote follows the range)."""
    with db.atomic():
        a = _get(annotation_id)
        if color is not None:
            a.color = normalize_color(color)
        if note is not None:
            a.note = note
        if tags is not None:
            a.tags = normalize_tags(tags)
        if start is not None or end is not None:
            s = a.sentence
            text = _side_text(s, a.side)
            ns, ne = a.start if start is None else start, a.end if end is None else end
            if text is None or not (0 <= ns < ne <= len(text)):
                raise AnnotationError(f"Selection {ns}–{ne} is outside the sentence.")
            a.start, a.end, a.quote = ns, ne, text[ns:ne]
        a.updated = _now()
        a.save()
        if not a.deleted:
            _index(a)
    return _record(a)


def delete(annotation_id: int) -> AnnotationRecord:
    """Soft delete (hidden everywhere, restorable with :func:`restore`)."""
    with db.atomic():
        a = _get(annotation_id)
        a.deleted = True
        a.updated = _now()
        a.save()
        search.remove_note(a.id)
    return _record(a)


def restore(annotation_id: int) -> AnnotationRecord:
    """Undo a delete."""
    with db.atomic():
        a = _get(annotation_id)
        a.deleted = False
        a.updated = _now()
        a.save()
        _index(a)
    return _record(a)


def purge_deleted(older_than: dt.timedelta | None = None) -> int:
    """Remove soft-deleted annotations for good (all, or those deleted longer ago than *older_than*)."""
    q = Annotation.delete().where(Annotation.deleted == True)  # noqa: E712
    if older_than is not None:
        q = q.where(Annotation.updated < _now() - older_than)
    with db.atomic():
        return int(q.execute())


def list_annotations(
    article_id: int | None = None,
    *,
    tag: str | None = None,
    tags: Sequence[str] | None = None,
    text: str | None = None,
    include_deleted: bool = False,
) -> list[AnnotationRecord]:
    """Annotations in reading order; filtered by article, by tag(s) (all must match) and by text in the
    note or quote (Persian/Arabic spelling variants folded)."""
    q = Annotation.select(Annotation, Sentence).join(Sentence)
    if article_id is not None:
        q = q.where(Annotation.article == article_id)
    if not include_deleted:
        q = q.where(Annotation.deleted == False)  # noqa: E712
    q = q.order_by(Annotation.article, Sentence.index, Annotation.side, Annotation.start, Annotation.id)
    from reader.store.fold import fold

    wanted = {t.casefold() for t in normalize_tags(list(tags or ()) + ([tag] if tag else []))}
    needle = fold(text.strip()) if text and text.strip() else None
    out = []
    for a in q:
        if wanted and not wanted <= {t.casefold() for t in (a.tags or ())}:
            continue
        if needle is not None and needle not in fold(f"{a.note} {a.quote} {' '.join(a.tags or ())}"):
            continue
        out.append(_record(a, a.sentence))
    return out


def for_article(article_id: int, *, tag: str | None = None) -> list[AnnotationRecord]:
    """The article's live annotations in reading order (orphaned ones included: check ``.orphaned``)."""
    return list_annotations(article_id, tag=tag)


def all_tags(article_id: int | None = None) -> list[tuple[str, int]]:
    """(tag, count) over live annotations, most used first — for the panel's tag filter."""
    q = Annotation.select(Annotation.tags).where(Annotation.deleted == False)  # noqa: E712
    if article_id is not None:
        q = q.where(Annotation.article == article_id)
    counts: Counter[str] = Counter()
    for a in q:
        counts.update(a.tags or ())
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))


# ---- re-anchoring -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReanchorReport:
    kept: int = 0
    moved: int = 0
    orphaned: int = 0


def find_quote(text: str, quote: str, near: int) -> tuple[int, int] | None:
    """Where *quote* is in *text*: the occurrence nearest to *near*; falls back to a match that ignores
    case and differences in whitespace."""
    if not quote or not text:
        return None
    hits = [(m.start(), m.end()) for m in re.finditer(re.escape(quote), text)]
    if not hits:
        words = quote.split()
        if not words:
            return None
        pattern = r"\s+".join(re.escape(w) for w in words)
        hits = [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
    if not hits:
        return None
    return min(hits, key=lambda h: (abs(h[0] - near), h[0]))


def reanchor(article_id: int, sentence_indexes: Iterable[int] | None = None) -> ReanchorReport:
    """After a sentence's text or translation changed: keep annotations whose quote still matches, move
    those whose quote is found elsewhere in the new text, leave the rest in place (they read as orphaned).
    Call it after saving translations (only the re-translated sentences need checking)."""
    q = Annotation.select(Annotation, Sentence).join(Sentence).where(Annotation.article == article_id)
    if sentence_indexes is not None:
        idx = list(sentence_indexes)
        if not idx:
            return ReanchorReport()
        q = q.where(Sentence.index.in_(idx))
    kept = moved = orphaned = 0
    with db.atomic():
        for a in q:
            text = _side_text(a.sentence, a.side)
            if text is not None and text[a.start:a.end] == a.quote and a.end <= len(text):
                kept += 1
                continue
            spot = find_quote(text or "", a.quote, a.start)
            if spot is None:
                orphaned += 1
                continue
            Annotation.update(start=spot[0], end=spot[1], quote=text[spot[0]:spot[1]] if text else a.quote).where(
                Annotation.id == a.id
            ).execute()
            moved += 1
    return ReanchorReport(kept, moved, orphaned)
