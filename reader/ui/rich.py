"""Turn a sentence plus coloured spans into the small HTML a QLabel renders (pure functions, no widgets).

Only inline <span> tags are added, so character offsets in the label's plain text stay those of the sentence
(annotations created from a selection anchor to them).
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    background: str = ""
    underline: str = ""  # colour of a bottom border (annotations with notes)
    bold: bool = False
    title: str = ""


def render(text: str, marks: list[Mark], rtl: bool) -> str:
    """HTML for *text* with *marks* (clipped, overlapping allowed: later marks win per property)."""
    n = len(text)
    cuts = {0, n}
    valid = []
    for m in marks:
        s, e = max(0, m.start), min(n, m.end)
        if s < e:
            valid.append(Mark(s, e, m.background, m.underline, m.bold, m.title))
            cuts.update((s, e))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        piece = html.escape(text[a:b]).replace("\n", "<br>")
        bg = ul = ""
        bold = False
        for m in valid:
            if m.start <= a and b <= m.end:
                bg = m.background or bg
                ul = m.underline or ul
                bold = bold or m.bold
        if bg or ul or bold:
            style = []
            if bg:
                style.append(f"background-color:{bg}")
            if ul:
                style.append(f"text-decoration:underline; text-decoration-color:{ul}")
            if bold:
                style.append("font-weight:600")
            piece = f'<span style="{";".join(style)}">{piece}</span>'
        out.append(piece)
    direction = "rtl" if rtl else "ltr"
    align = "right" if rtl else "left"
    return f'<div dir="{direction}" align="{align}">{"".join(out)}</div>'


def isolate(text: str) -> str:
    """*text* as a bidi isolate (U+2068 … U+2069): a Persian/Arabic name inside an English line keeps the
    numbers and punctuation after it on their own side («خبرنامه (3)» stays "name (3)", not "(3) name")."""
    return f"\u2068{text}\u2069" if text else text


def starts_rtl(text: str) -> bool:
    """True when the first letter of *text* is right-to-left (Persian, Arabic, Hebrew): such a line is
    right-aligned."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False
