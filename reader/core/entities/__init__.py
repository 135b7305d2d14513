"""Named entities in Persian and Arabic news, and their English forms in the translation.

Public API (Qt-free; the CRF model and lexicon load on first use and stay cached):

- :func:`tag` ``(text, lang) -> list[EntitySpan]`` — PERSON / LOCATION / ORGANIZATION spans, offsets into *text*.
- :func:`tag_sentences` ``(sentences, lang) -> list[list[EntitySpan]]`` — one article's sentences at once
  (offsets per sentence; a name found in one sentence is also found in the others).
- :func:`project` ``(entity, source_sentence, translation, lang, attention=None, src_tokens=None,
  tgt_tokens=None) -> EntitySpan`` — fills ``english``/``en_start``/``en_end`` (offsets into *translation*);
  :func:`project_sentence` does all entities of a sentence pair without giving one English span twice.
- :func:`transliterate` ``(name, lang) -> str`` — a readable Latin form (``پوتین`` → ``Putin``).
- :func:`canonical` ``(text) -> str`` — the grouping key of a surface form (بوتين / بوتین / «پوتین» agree).
  ``EntitySpan.canonical`` is the English gazetteer name when the name is known (so کره شمالی and
  كوريا الشمالية group as "North Korea"), else this key.

An Arabic name after ل, whose article is then written لل (للأمم المتحدة), is tagged from the article's lam
(``text`` لأمم المتحدة, always a substring of the input) and looked up, grouped and projected as the name with
its article (``extra["name"]`` الأمم المتحدة → canonical "United Nations").

Each span carries ``confidence`` (0..1): spans under :data:`CONFIDENCE_HIDE` are dropped, spans under
:data:`CONFIDENCE_LIGHT` are meant to be shown lighter.

Training and evaluation (development only, outside the app): ``python -m tools.ner.train`` /
``python -m tools.ner.evaluate``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.core.entities.confidence import CONFIDENCE_HIDE, CONFIDENCE_LIGHT
from reader.core.entities.text import canonical

if TYPE_CHECKING:
    from reader.core.types import EntitySpan

__all__ = ["CONFIDENCE_HIDE", "CONFIDENCE_LIGHT", "canonical", "project", "project_sentence", "tag", "tag_sentences",
           "transliterate"]



def tag(text: str, lang: str, *, types: Sequence[str] | None = None) -> list[EntitySpan]:
    """Entities in *text* (a sentence or a whole article) with character offsets into *text*."""
    from reader.core.entities.tagger import tag as _tag

    return _tag(text, lang, types=types)


def tag_sentences(sentences: Sequence[str], lang: str, *, types: Sequence[str] | None = None
                  ) -> list[list[EntitySpan]]:
    """Entities of each sentence of one article (offsets into each sentence), tagged as one document."""
    from reader.core.entities.tagger import tag_sentences as _tag_sentences

    return _tag_sentences(sentences, lang, types=types)


def project(entity: EntitySpan, source_sentence: str, translation: str, lang: str,
            attention: Sequence[Sequence[float]] | None = None, src_tokens: Sequence[str] | None = None,
            tgt_tokens: Sequence[str] | None = None) -> EntitySpan:
    """The entity with its English form in *translation* (``english=None`` when not found)."""
    from reader.core.entities.projection import project as _project

    return _project(entity, source_sentence, translation, lang, attention, src_tokens, tgt_tokens)


def project_sentence(entities: Sequence[EntitySpan], source_sentence: str, translation: str, lang: str,
                     attention: Sequence[Sequence[float]] | None = None, src_tokens: Sequence[str] | None = None,
                     tgt_tokens: Sequence[str] | None = None) -> list[EntitySpan]:
    """:func:`project` for every entity of one sentence pair."""
    from reader.core.entities.projection import project_sentence as _ps

    return _ps(entities, source_sentence, translation, lang, attention, src_tokens, tgt_tokens)


def transliterate(name: str, lang: str) -> str:
    """Readable romanisation of a Persian (fa) or Arabic (ar) name."""
    from reader.core.entities.translit import transliterate as _tr

    return _tr(name, lang)
