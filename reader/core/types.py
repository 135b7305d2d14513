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
class Term:
    """One glossary entry: how the source writes a term and the English the translation must use."""

    source: str
    english: str
    language: str  # "fa" | "ar"
    note: str = ""


@dataclass(frozen=True)
class Edit:
    """A correction made to a model's English: a glossary term or a name put in its agreed spelling.

    ``start``/``end`` are offsets in the corrected translation (``translation[start:end]`` is the English put
    in); ``replaced`` is what the model had written there; ``source`` the Persian/Arabic term or name."""

    start: int
    end: int
    replaced: str
    source: str
    kind: str = "glossary"  # "glossary" | "name"

    def tooltip(self, translation: str) -> str:
        """One line for the reader: what was put in and what it replaced."""
        what = "Glossary" if self.kind == "glossary" else "Name spelling"
        return (f"{what}: «{self.source}» → “{translation[self.start:self.end]}” "
                f"(the model wrote “{self.replaced}”)")

    def to_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "replaced": self.replaced, "source": self.source,
                "kind": self.kind}

    @staticmethod
    def from_json(data: object) -> Edit | None:
        """An Edit from its JSON form; None for anything malformed (a damaged row costs that mark only)."""
        if not isinstance(data, dict):
            return None
        try:
            return Edit(int(data["start"]), int(data["end"]), str(data.get("replaced", "")),
                        str(data.get("source", "")), str(data.get("kind", "glossary")))
        except (KeyError, TypeError, ValueError):
            return None


@dataclass(frozen=True)
class TranslationResult:
    index: int
    source: str
    translation: str
    flags: tuple[Flag, ...] = ()
    score: float | None = None
    model: str = ""  # cache model key, e.g. "argos:translate-fa_en:1.9"
    cached: bool = False
    edits: tuple[Edit, ...] = ()  # glossary / name corrections applied to the model's English


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
