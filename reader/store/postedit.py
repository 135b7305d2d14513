"""Glossary and name corrections over a stored article (orchestration of reader.core.glossary with the store).

- :func:`plan_names` (worker thread, reads only): one spelling per name across the article, from the
  entities just tagged and projected (:func:`reader.store.entities.tag_article` with ``save=False``);
- :func:`save_names` (GUI thread / CLI): writes the corrected translations and the entities that follow them;
- :func:`reapply_glossary`: after the glossary changed, every article of that language gets the new terms
  from the cached model output — no decoding (see reader.core.translate.job).

Hand translations (``repo.MANUAL_MODEL``) are never touched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from reader.core.glossary.names import SentenceState, enforce_names
from reader.core.types import Edit, EntitySpan, Flag, TranslationResult


@dataclass(frozen=True)
class NamePlan:
    """What name consistency changes: corrected translations and the article's entities after them."""

    results: tuple[TranslationResult, ...] = ()
    entities: dict[int, list[EntitySpan]] = field(default_factory=dict)


def stored_edits(data: object) -> tuple[Edit, ...]:
    """A sentence's ``edits`` column as Edit values (malformed entries dropped)."""
    items = data if isinstance(data, list) else []
    return tuple(e for e in (Edit.from_json(x) for x in items) if e is not None)


def plan_names(article_id: int, entities: Mapping[int, Sequence[EntitySpan]]) -> NamePlan:
    """The corrections that make every name of the article agree on one English spelling."""
    from reader.store import glossary, repo

    article = repo.get_article(article_id)
    rows = {s.index: s for s in repo.sentences(article)}
    states = {i: SentenceState(s.text, s.translation, stored_edits(s.edits))
              for i, s in rows.items() if s.translation and s.model != repo.MANUAL_MODEL}
    changed = enforce_names(states, entities, article.language, glossary.glossary(article.language))
    results = []
    for i, (done, _ents) in sorted(changed.items()):
        s = rows[i]
        flags = tuple(Flag(str(f.get("code", "")), str(f.get("message", ""))) for f in s.flags or [])
        results.append(TranslationResult(i, s.text, done.translation, flags, s.score, s.model, edits=done.edits))
    merged = {i: list(e) for i, e in entities.items()}
    merged.update({i: ents for i, (_done, ents) in changed.items()})
    return NamePlan(tuple(results), merged)


def save_names(article_id: int, plan: NamePlan) -> int:
    """Write the corrected translations of *plan* (entities are saved by the caller with the rest)."""
    from reader.store import repo

    return repo.save_translations(article_id, plan.results) if plan.results else 0


def reapply_glossary(language: str, **kwargs: object) -> list[int]:
    """Re-apply the glossary to every fully translated article of *language*; returns their ids. Their model
    output comes from the cache (no decoding); partly translated articles get it with their next translation."""
    from reader.core.translate.errors import ModelNotFound, TranslateError
    from reader.core.translate.job import translate_article
    from reader.store import repo

    done: list[int] = []
    for article in repo.list_articles(language):
        translated, total = repo.translation_progress(article)
        if not total or translated < total:
            continue
        try:
            translate_article(article.id, **kwargs)  # type: ignore[arg-type]
        except (ModelNotFound, TranslateError):
            continue
        done.append(article.id)
    return done
