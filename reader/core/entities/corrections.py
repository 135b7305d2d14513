"""The reader's own entity corrections, applied on top of what the tagger found (pure; no store, no Qt).

A correction is keyed by language and the :func:`reader.core.entities.text.key` of a surface form, so it
applies to every spelling variant of that form (ي/ی, ك/ک, with or without ZWNJ, hamza forms):

- ``reject``: the form is not an entity (e.g. «فيروس كورونا»): spans with that key are removed;
- ``type``: spans with that key get another type (a journalist's name tagged LOCATION becomes PERSON);
- ``english``: spans with that key get this English name;
- ``add``: the form *is* an entity of ``type``: every occurrence in a sentence becomes a span (replacing
  overlapping tagger spans), also in articles imported later.

Corrections survive re-tagging and model updates because they are applied after every tagging run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from reader.core.entities.text import key, norm, tokenize
from reader.core.types import EntitySpan

ACTIONS = ("reject", "type", "english", "add")
TYPES = ("PERSON", "LOCATION", "ORGANIZATION")
TYPE_ALIASES = {"PER": "PERSON", "PERSON": "PERSON", "LOC": "LOCATION", "LOCATION": "LOCATION", "PLACE": "LOCATION",
                "ORG": "ORGANIZATION", "ORGANIZATION": "ORGANIZATION", "ORGANISATION": "ORGANIZATION"}


class CorrectionError(ValueError):
    """A correction that cannot be applied, with a sentence for the user."""


@dataclass(frozen=True)
class Correction:
    language: str
    text: str  # the surface form as the user marked it
    action: str  # one of ACTIONS
    type: str = ""  # for "type" and "add"
    english: str = ""  # for "english" (optional for "add")

    @property
    def key(self) -> str:
        return key(self.text)


def make(language: str, text: str, action: str, type: str = "", english: str = "") -> Correction:
    """A validated correction (raises CorrectionError with a readable sentence)."""
    text = " ".join(text.split())
    if language not in ("fa", "ar"):
        raise CorrectionError(f"Entity corrections are for Persian (fa) or Arabic (ar), not {language!r}.")
    if action not in ACTIONS:
        raise CorrectionError(f"Unknown correction {action!r}; use one of: {', '.join(ACTIONS)}.")
    if not key(text):
        raise CorrectionError("Select a word or name to correct (the selection has no letters).")
    if len(text) > 120:
        raise CorrectionError("An entity is at most 120 characters long; select just the name.")
    if action in ("type", "add"):
        normalized = TYPE_ALIASES.get(type.strip().upper())
        if normalized is None:
            raise CorrectionError(f"Unknown entity type {type!r}; use person, place or organisation.")
        type = normalized
    if action == "english" and not english.strip():
        raise CorrectionError("Give the English name to use.")
    return Correction(language, text, action, type, english.strip())


def _occurrences(sentence: str, phrase_norms: list[str]) -> Iterable[tuple[int, int]]:
    """(start, end) of each run of whole tokens of *sentence* whose norms equal *phrase_norms*."""
    toks = [t for t in tokenize(sentence) if t.norm.strip()]
    n = len(phrase_norms)
    i = 0
    while i + n <= len(toks):
        if [t.norm for t in toks[i:i + n]] == phrase_norms:
            yield toks[i].start, toks[i + n - 1].end
            i += n
        else:
            i += 1


def _phrase_norms(text: str) -> list[str]:
    return [t.norm for t in tokenize(text) if t.norm.strip()]


def apply(sentences: Sequence[str], tagged: Sequence[Sequence[EntitySpan]],
          corrections: Iterable[Correction]) -> list[list[EntitySpan]]:
    """Apply *corrections* to the tagger's spans of each sentence (offsets relative to the sentence)."""
    by_key: dict[str, dict[str, Correction]] = {}
    adds: list[Correction] = []
    for c in corrections:
        by_key.setdefault(c.key, {})[c.action] = c
        if c.action == "add":
            adds.append(c)
    out: list[list[EntitySpan]] = []
    for sentence, spans in zip(sentences, tagged, strict=True):
        kept: list[EntitySpan] = []
        for span in spans:
            rules = by_key.get(key(span.text), {})
            if "reject" in rules and "add" not in rules:
                continue
            if "type" in rules:
                span = replace(span, type=rules["type"].type)
            elif "add" in rules:
                span = replace(span, type=rules["add"].type)
            if "english" in rules:
                span = replace(span, english=rules["english"].english, en_start=None, en_end=None)
            kept.append(span)
        for c in adds:
            rules = by_key.get(c.key, {})
            for start, end in _occurrences(sentence, _phrase_norms(c.text)):
                kept = [s for s in kept if s.end <= start or s.start >= end]
                english = rules["english"].english if "english" in rules else (c.english or None)
                kept.append(EntitySpan(type=rules["type"].type if "type" in rules else c.type, start=start,
                                       end=end, text=sentence[start:end], canonical=english or c.text,
                                       english=english, extra={"user": True}))
        kept.sort(key=lambda s: (s.start, s.end))
        out.append(kept)
    return out


def mentions(text: str, correction: Correction) -> bool:
    """Whether *text* (a sentence or article) contains the correction's form as whole words."""
    phrase = _phrase_norms(correction.text)
    if not phrase:
        return False
    if not all(p in norm(text) for p in phrase):  # cheap filter before tokenising
        return False
    return next(iter(_occurrences(text, phrase)), None) is not None

