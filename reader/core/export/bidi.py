"""Pure bidi helpers of the PDF writer: visual order of level runs (UBA rule L2), glyph positions per
character, and how to cut runs so that naive text extractors read them in logical order."""

from __future__ import annotations

from reader.core.export.spans import BIDI_CONTROLS


def visual_runs(levels: list[int]) -> list[tuple[int, int, int]]:
    """Maximal runs of equal embedding level ``(start, end, level)``, in visual (left-to-right) order."""
    logical: list[tuple[int, int, int]] = []
    i = 0
    while i < len(levels):
        j = i
        while j < len(levels) and levels[j] == levels[i]:
            j += 1
        logical.append((i, j, levels[i]))
        i = j
    if not logical:
        return []
    order = list(range(len(logical)))
    max_level = max(lv for _, _, lv in logical)
    min_odd = min((lv for _, _, lv in logical if lv % 2), default=max_level + 1)
    for level in range(max_level, min_odd - 1, -1):
        k = 0
        while k < len(order):
            if logical[order[k]][2] >= level:
                m = k
                while m < len(order) and logical[order[m]][2] >= level:
                    m += 1
                order[k:m] = reversed(order[k:m])
                k = m
            else:
                k += 1
    return [logical[k] for k in order]


def glyph_starts(clusters: list[int], advances: list[float], n: int) -> list[float | None]:
    """Left x (within the run) of the glyphs of each character; None for characters without a glyph."""
    starts: list[float | None] = [None] * n
    x = 0.0
    for cl, adv in zip(clusters, advances, strict=False):
        if 0 <= cl < n:
            cur = starts[cl]
            starts[cl] = x if cur is None else min(cur, x)
        x += adv
    # characters merged into a cluster (ligatures, marks) share the cluster's position
    last: float | None = None
    for i in range(n):
        if starts[i] is None:
            starts[i] = last
        else:
            last = starts[i]
    return starts


def _extract_class(ch: str) -> str:
    """How naive extractors (pypdf) classify a character: "R" right-to-left, "N" neutral, "L" otherwise."""
    o = ord(ch)
    if o <= 0x2F or 0x3A <= o <= 0x40 or 0x660 <= o <= 0x66D or 0x6F0 <= o <= 0x6F9 or 0x2000 <= o <= 0x21FF:
        return "N"
    if 0x590 <= o <= 0x8FF or 0xFB1D <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:
        return "R"
    return "L"


def extraction_chunks(piece: str, rtl: bool) -> list[tuple[int, int]]:
    """Split a run into pieces drawn separately, in logical order, so that text extraction gives logical text.

    Extractors that do not run the bidi algorithm (pypdf) read each text object in stream order and reverse
    the right-to-left stretches they recognise. A piece is drawn as one text object only when that reading
    gives it back in logical order: it must start (in drawing order) with a strong character of the run's
    direction and hold no strong character of the other direction; everything else is drawn one character
    at a time. Splits only fall next to characters that do not join, so Arabic shaping is unchanged.
    """
    strong = "R" if rtl else "L"
    classes = ["C" if c in BIDI_CONTROLS else _extract_class(c) for c in piece]
    out: list[tuple[int, int]] = []
    i = 0
    n = len(piece)
    while i < n:
        if classes[i] not in (strong, "N"):
            out.append((i, i + 1))
            i += 1
            continue
        j = i
        while j < n and classes[j] in (strong, "N"):
            j += 1
        # segment [i, j): its first drawn character must be strong
        if rtl:
            k = j
            while k > i and classes[k - 1] == "N":
                k -= 1
            if k > i:
                out.append((i, k))
            out.extend((m, m + 1) for m in range(k, j))
        else:
            k = i
            while k < j and classes[k] == "N":
                out.append((k, k + 1))
                k += 1
            if k < j:
                out.append((k, j))
        i = j
    return out
