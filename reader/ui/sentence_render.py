"""What the bilingual view paints, as plain functions of the article view: the header, each sentence's marks
(entities, annotations) and the gutter beside it. No widgets here, so each piece is easy to test."""

from __future__ import annotations

import html
from collections.abc import Iterable

from reader.app.view import ArticleView
from reader.ui import style
from reader.ui.rich import Mark

LANGUAGE_NAMES = {"fa": "Persian", "ar": "Arabic"}


def header_html(art: ArticleView, colors: style.Colors, size: float) -> str:
    """Title (right-to-left) over one line of language · date · news code · agency · file name."""
    parts = [LANGUAGE_NAMES.get(art.language, art.language)]
    if art.date:
        parts.append(html.escape(art.date))
    for key in ("news_code", "agency"):
        if art.meta.get(key):
            parts.append(html.escape(str(art.meta[key])))
    if art.source and art.source != "paste":
        parts.append(html.escape(art.source.rsplit("/", 1)[-1]))
    return (
        f'<div dir="rtl" style="font-size:{size * 1.45:.1f}pt; font-weight:600">{html.escape(art.title)}</div>'
        f'<div style="color:{colors.placeholder}; font-size:{size * 0.85:.1f}pt">{" · ".join(parts)}</div>'
    )


def sentence_marks(art: ArticleView, index: int, side: str, colors: style.Colors, show_entities: bool,
                   entity_types: Iterable[str], focus_entity: str = "", focus_annotation: int = 0) -> list[Mark]:
    """Entity and annotation marks of sentence *index* on *side* ("source" | "target"), offsets in the stored
    (normalised) sentence or its translation."""
    types = set(entity_types)
    marks: list[Mark] = []
    if show_entities:
        for e in art.entities:
            if e.sentence_index != index or e.type not in types:
                continue
            bg = colors.entity.get(e.type, colors.entity["MISC"])
            if focus_entity and e.canonical == focus_entity:
                bg = colors.entity_focus
            if side == "source":
                marks.append(Mark(e.start, e.end, bg, title=e.type))
            elif e.en_start is not None and e.en_end is not None:
                marks.append(Mark(e.en_start, e.en_end, bg, title=e.type))
    for a in art.annotations:
        if a.sentence_index == index and a.side == side:
            marks.append(Mark(a.start, a.end, a.color, "#e03131" if a.note else "", bold=a.id == focus_annotation))
    return marks


def gutter_html(index: int, model: str, flags: tuple, colors: style.Colors) -> tuple[str, str]:
    """(rich text, tooltip) beside a sentence: its number, ✎ when edited by hand, ⚠ with the quality flags."""
    number = f'<span style="color:{colors.gutter}">{index + 1}</span>'
    if model == "manual":
        return f'{number}<br><span style="color:{colors.gutter}">✎</span>', "Translation edited by hand"
    if flags:
        tip = "\n".join("• " + f.get("message", f.get("code", "")) for f in flags)
        return f'{number}<br><span style="color:{colors.flag}; font-size:large">⚠</span>', tip
    return number, ""
