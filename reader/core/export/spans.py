"""Shared helpers of the export writers: colours, text direction, and cutting a text into marked pieces."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reader.core.export.model import AnnotationMark, EntityMark, ExportRow

# (background tint, strong line colour) per entity type; tints match the reader window's light theme.
ENTITY_COLORS: dict[str, tuple[str, str]] = {
    "PERSON": ("#d0ebff", "#1c7ed6"),
    "LOCATION": ("#d3f9d8", "#2f9e44"),
    "ORGANIZATION": ("#ffe8cc", "#e8590c"),
    "MISC": ("#eebefa", "#ae3ec9"),
}
ENTITY_LABELS = {"PERSON": "People", "LOCATION": "Places", "ORGANIZATION": "Organisations", "MISC": "Other"}
DEFAULT_HIGHLIGHT = "#ffe066"

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def entity_colors(kind: str) -> tuple[str, str]:
    return ENTITY_COLORS.get(kind.upper(), ENTITY_COLORS["MISC"])


def safe_color(value: str, default: str = DEFAULT_HIGHLIGHT) -> str:
    """A ``#rrggbb`` colour from user data (anything else becomes *default*)."""
    m = _HEX.match((value or "").strip())
    if not m:
        return default
    h = m.group(1)
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return "#" + h.lower()


def hex_to_rgb(value: str) -> tuple[int, int, int]:
    h = safe_color(value)[1:]
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def first_strong_rtl(text: str) -> bool | None:
    """Direction of the first strong character (True: right-to-left), None when there is none."""
    for ch in text:
        b = unicodedata.bidirectional(ch)
        if b == "L":
            return False
        if b in ("R", "AL"):
            return True
    return None


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL", "AN") for ch in text)


def clip(start: int, end: int, length: int) -> tuple[int, int] | None:
    s, e = max(0, start), min(length, end)
    return (s, e) if s < e else None


def row_annotations(row: ExportRow, side: str) -> list[AnnotationMark]:
    """The row's annotations on *side*, in reading order (stable for footnote numbering)."""
    return sorted((a for a in row.annotations if a.side == side), key=lambda a: (a.start, a.end))


@dataclass(frozen=True)
class Piece:
    """A stretch of text on which the set of marks does not change."""

    start: int
    end: int
    text: str
    entity: EntityMark | None
    annotations: tuple[AnnotationMark, ...]  # innermost last
    notes_ending: tuple[int, ...]  # footnote numbers of annotations that end with this piece


def pieces(
    text: str,
    entities: tuple[EntityMark, ...] | list[EntityMark],
    annotations: list[AnnotationMark],
    note_numbers: dict[int, int] | None = None,
) -> list[Piece]:
    """Cut *text* at every span boundary. ``note_numbers`` maps ``id(annotation)`` to its footnote number."""
    n = len(text)
    ents = [(c, e) for e in entities if (c := clip(e.start, e.end, n))]
    anns = [(c, a) for a in annotations if (c := clip(a.start, a.end, n))]
    cuts = {0, n}
    for (s, e), _ in ents + anns:
        cuts.update((s, e))
    points = sorted(cuts)
    out: list[Piece] = []
    numbers = note_numbers or {}
    for a, b in zip(points, points[1:], strict=False):
        if a >= b:
            continue
        entity = next((m for (s, e), m in ents if s <= a and b <= e), None)
        active = tuple(m for (s, e), m in anns if s <= a and b <= e)
        ending = tuple(
            numbers[id(m)] for (s, e), m in anns if e == b and id(m) in numbers and s <= a
        )
        out.append(Piece(a, b, text[a:b], entity, active, ending))
    return out


FSI, PDI = "\u2068", "\u2069"  # first-strong isolate: each part keeps its own direction
BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _cut(text: str, limit: int | None) -> str:
    text = " ".join(text.split())
    return text if limit is None or len(text) <= limit else text[: limit - 1].rstrip() + "…"


def footnote_label(ann: AnnotationMark, max_quote: int = 60, isolate: bool = False,
                   max_note: int | None = None) -> str:
    """« quote » — note [#tag …] as one line of plain text (parts bidi-isolated when *isolate*)."""
    quote = _cut(ann.quote, max_quote)

    def iso(text: str) -> str:
        return f"{FSI}{text}{PDI}" if isolate else text

    parts = []
    if quote:
        parts.append(iso(f"«{quote}»"))
    if ann.note.strip():
        parts.append(iso(_cut(ann.note, max_note)))
    if ann.tags:
        parts.append(" ".join(iso("#" + t) for t in ann.tags))
    return " — ".join(parts) if parts else "(highlight)"


def needs_note(ann: AnnotationMark) -> bool:
    """Annotations that get a footnote: those with a note or tags (a bare highlight needs none)."""
    return bool(ann.note.strip() or ann.tags)


def note_order(row: ExportRow) -> list[AnnotationMark]:
    """Annotations of a row that get a footnote, in numbering order (source side first, then English)."""
    return [a for side in ("source", "target") for a in row_annotations(row, side) if needs_note(a)]
