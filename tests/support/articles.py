"""Build a ProcessedText straight from sentences we wrote (no text pipeline), for store and UI tests."""

from __future__ import annotations

from typing import Any

from reader.core.types import ProcessedText, SentenceSpan


def processed_from_sentences(
    sentences: list[str],
    lang: str = "fa",
    title: str = "عنوان",
    *,
    per_paragraph: int = 0,
    date: str = "",
    meta: dict[str, Any] | None = None,
) -> ProcessedText:
    """Sentences joined by single spaces; ``per_paragraph`` sentences per paragraph (0: one paragraph)."""
    text, spans = "", []
    for i, s in enumerate(sentences):
        if text:
            text += " "
        spans.append(SentenceSpan(i, len(text), len(text) + len(s), s, i // per_paragraph if per_paragraph else 0))
        text += s
    return ProcessedText(lang, title, date, dict(meta or {}), text, text, [], tuple(spans))
