"""Glossary service: the user's terms (validated, keyed by spelling-insensitive form), the glossary post-editor
for a translation job, and name corrections over a stored article (reader.core.glossary with the store).

- :func:`add_term` / :func:`add_terms` / :func:`remove_term` / :func:`terms` / :func:`glossary`;
- :func:`postedit_for`: the post-editor a translation job applies to each sentence (the model's alignment as
  the last resort, when the engine runs here);
- :func:`plan_names` (worker thread, reads only): one spelling per name across the article, from the
  entities just tagged and projected (``tag_article`` with ``save=False``);
- :func:`save_names` (GUI thread / CLI): writes the corrected translations and the entities that follow them.

Hand translations (``repo.MANUAL_MODEL``) are never touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.core.glossary.apply import PostEditor
from reader.core.glossary.names import SentenceState, enforce_names
from reader.core.glossary.terms import LANGUAGES, Glossary, term_key
from reader.core.types import Edit, EntitySpan, Flag, Term, TranslationResult
from reader.store import glossary as table
from reader.store import repo
from reader.store.db import StoreError


def _check(term: Term) -> Term:
    source, english = term.source.strip(), term.english.strip()
    if term.language not in LANGUAGES:
        raise StoreError(f"A glossary term needs the language fa or ar, not {term.language!r}.")
    if not source or not term_key(term):
        raise StoreError("A glossary term needs its Persian or Arabic form.")
    if not english:
        raise StoreError(f"The glossary term «{source}» needs its English.")
    return Term(source, english, term.language, term.note.strip())


def add_terms(terms: Iterable[Term]) -> tuple[int, int]:
    """Add or update terms in one transaction (a term already there in another spelling is updated);
    returns (added, updated)."""
    checked = [_check(t) for t in terms]
    return table.add_terms((t, term_key(t)) for t in checked)


def add_term(source: str, english: str, language: str, note: str = "") -> Term:
    term = _check(Term(source, english, language, note))
    add_terms([term])
    return term


def terms(language: str | None = None) -> list[Term]:
    return table.terms(language)


def remove_term(source: str, language: str | None = None) -> int:
    """Remove the term written *source* (any spelling of it); returns how many rows went."""
    n = table.remove_key(term_key(Term(source, "", language or "")), language)
    if not n:
        raise StoreError(f"«{source.strip()}» is not in the glossary.")
    return n


def glossary(language: str) -> Glossary:
    """The glossary of *language*, ready for matching."""
    return Glossary(language, table.terms(language))


def postedit_for(language: str, engine: Any, given: Glossary | None = None) -> PostEditor | None:
    """The post-editor for *language* (the library's glossary unless one is *given*); None when it is empty."""
    g = given if given is not None else glossary(language)
    if not g:
        return None
    if engine is None or not hasattr(engine, "_translator"):
        return PostEditor(g)
    from reader.core.translate.align import align, align_many

    return PostEditor(g, lambda source, translation: align(engine, source, translation),
                      lambda pairs: align_many(engine, pairs))


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
    article = repo.get_article(article_id)
    rows = {s.index: s for s in repo.sentences(article)}
    states = {i: SentenceState(s.text, s.translation, stored_edits(s.edits))
              for i, s in rows.items() if s.translation and s.model != repo.MANUAL_MODEL}
    changed = enforce_names(states, entities, article.language, glossary(article.language))
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
    return repo.save_translations(article_id, plan.results) if plan.results else 0
