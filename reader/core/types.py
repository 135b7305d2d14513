"""Plain, immutable data passed between the core pipeline stages, the store and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SentenceSpan:
    """One sentence: ``text == article_text[start:end]`` (the normalised article text)."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(frozen=True)
class ProcessedText:
    """Output of the text pipeline for one article."""

    language: str  # "fa" | "ar"
    title: str
    date: str
    meta: dict[str, Any]
    original_text: str  # cleaned body before normalisation (what the "original" toggle shows)
    text: str  # cleaned + normalised body; all spans anchor here
    offset_map: list[list[int]]  # see reader.core.text.offsets
    sentences: tuple[SentenceSpan, ...]


@dataclass(frozen=True)
class Flag:
    """A quality warning on one translated sentence."""

    code: str  # "untranslated" | "length_ratio" | "repetition" | "low_score" | ...
    message: str  # one human line

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class TranslationResult:
    index: int
    source: str
    translation: str
    flags: tuple[Flag, ...] = ()
    score: float | None = None
    model: str = ""  # cache model key, e.g. "argos:translate-fa_en:1.9"
    cached: bool = False


@dataclass(frozen=True)
class EntitySpan:
    """A named entity found in source text; offsets relative to the text given to the tagger."""

    type: str  # PERSON | LOCATION | ORGANIZATION | ...
    start: int
    end: int
    text: str
    canonical: str = ""
    english: str | None = None
    en_start: int | None = None
    en_end: int | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    # how sure the tagger is (0..1; None: not from the tagger); see reader.core.entities.CONFIDENCE_LIGHT/_HIDE
    confidence: float | None = field(default=None, compare=False)
