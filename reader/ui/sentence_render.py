"""What the bilingual view paints, as plain functions of the article view: the header, each sentence's marks
(entities, annotations) and the gutter beside it; and the two plain widgets it is built from."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea

from reader.app.view import ArticleView
from reader.core.entities.confidence import CONFIDENCE_LIGHT
from reader.core.types import Edit
from reader.ui import style
from reader.ui.rich import Mark, render

LANGUAGE_NAMES = {"fa": "Persian", "ar": "Arabic"}


def header_html(art: ArticleView, colors: style.Colors, size: float, title_en: str | None = None) -> str:
    """Title (right-to-left), its English (the translated headline, when there is one) and one line of
    language · date · news code · agency · file name."""
    title_en = art.title_en if title_en is None else title_en
    parts = [LANGUAGE_NAMES.get(art.language, art.language)]
    if art.date:
        parts.append(html.escape(art.date))
    for key in ("news_code", "agency"):
        if art.meta.get(key):
            parts.append(html.escape(str(art.meta[key])))
    if art.source and art.source != "paste":
        parts.append(html.escape(art.source.rsplit("/", 1)[-1]))
    english = (f'<div dir="ltr" style="font-size:{size * 1.2:.1f}pt">{html.escape(title_en)}</div>'
               if title_en else "")
    return (
        f'<div dir="rtl" style="font-size:{size * 1.45:.1f}pt; font-weight:600">{html.escape(art.title)}</div>'
        f'{english}'
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
            unsure = e.confidence is not None and e.confidence < CONFIDENCE_LIGHT
            if unsure:  # a lighter highlight: the tagger was not sure (a miss is forgiven more than a wrong mark)
                bg = _lighter(bg, "#25262b" if colors.dark else "#ffffff")
            if focus_entity and e.canonical == focus_entity:
                bg = colors.entity_focus
            title = f"{e.type} (not sure)" if unsure else e.type
            if side == "source":
                marks.append(Mark(e.start, e.end, bg, title=title))
            elif e.en_start is not None and e.en_end is not None:
                marks.append(Mark(e.en_start, e.en_end, bg, title=title))
    for a in art.annotations:
        if a.sentence_index == index and a.side == side:
            marks.append(Mark(a.start, a.end, a.color, "#e03131" if a.note else "", bold=a.id == focus_annotation))
    return marks


def _lighter(color: str, base: str) -> str:
    """*color* mixed half-way towards *base* (both #rrggbb)."""
    try:
        a = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
        b = [int(base[i:i + 2], 16) for i in (1, 3, 5)]
    except (ValueError, IndexError):
        return color
    return "#" + "".join(f"{(x + y) // 2:02x}" for x, y in zip(a, b, strict=True))


EDIT_UNDERLINE = "#1c7ed6"  # glossary / name corrections in the English


def english_html(translation: str | None, marks: list[Mark], edits: Sequence[Edit], placeholder: str,
                 colors: style.Colors) -> tuple[str, str]:
    """(rich text, tooltip) of one English sentence: its marks plus an underline under each glossary / name
    correction, whose tooltip says what was put in and what the model had written; the placeholder (in
    italics) while it has no translation."""
    if translation is None:
        return f'<span style="color:{colors.placeholder}; font-style:italic">{placeholder}</span>', ""
    underlines = [Mark(e.start, e.end, underline=EDIT_UNDERLINE, title=e.kind) for e in edits]
    return render(translation, marks + underlines, rtl=False), "\n".join(e.tooltip(translation) for e in edits)


def gutter_html(index: int, model: str, flags: tuple, colors: style.Colors) -> tuple[str, str]:
    """(rich text, tooltip) beside a sentence: its number, ✎ when edited by hand, ⚠ with the quality flags."""
    number = f'<span style="color:{colors.gutter}">{index + 1}</span>'
    if model == "manual":
        return f'{number}<br><span style="color:{colors.gutter}">✎</span>', "Translation edited by hand"
    if flags:
        tip = "\n".join("• " + f.get("message", f.get("code", "")) for f in flags)
        return f'{number}<br><span style="color:{colors.flag}; font-size:large">⚠</span>', tip
    return number, ""


def gutter_label() -> QLabel:
    """The narrow label between (or beside) a sentence pair that shows :func:`gutter_html`."""
    label = QLabel()
    label.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
    label.setContentsMargins(4, 7, 4, 0)
    label.setMinimumWidth(34)
    return label


def sentence_scroll_area() -> QScrollArea:
    """The vertical scroll area that holds the sentence grid (it takes the keyboard focus)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    area.setFrameShape(QFrame.NoFrame)
    area.setFocusPolicy(Qt.StrongFocus)
    return area
