"""The glossary applied to one sentence's translation: what the translation job calls per sentence.

:class:`PostEditor` matches the glossary in the source and enforces the terms' English
(:func:`reader.core.glossary.postedit.enforce`). Only when a term's rendering cannot be found from the text
alone does it ask the *aligner* (the model's attention, :func:`reader.core.translate.align.align_many`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.core.glossary.postedit import Link, PostEdited, Wanted, enforce
from reader.core.glossary.terms import Glossary

Aligner = Callable[[str, str], Sequence[Link]]
BatchAligner = Callable[[list[tuple[str, str]]], object]  # aligns many pairs at once (warms the aligner's cache)


def glossary_wanted(glossary: Glossary | None, source: str) -> list[Wanted]:
    """The glossary terms found in *source*, as English to enforce."""
    if not glossary:
        return []
    return [Wanted(m.start, m.end, source[m.start:m.end], m.term.english, "glossary") for m in glossary.find(source)]


def apply_glossary(source: str, translation: str, glossary: Glossary | None, language: str, *,
                   links: Sequence[Link] | None = None) -> PostEdited:
    """*translation* of *source* with the glossary's terms enforced (unchanged when none occurs)."""
    wanted = glossary_wanted(glossary, source)
    if not wanted or not translation:
        return PostEdited(translation, (), tuple(wanted) if not translation else ())
    return enforce(translation, wanted, language, links=links)


class PostEditor:
    """Callable ``(source, translation) -> PostEdited`` for one language's glossary."""

    def __init__(self, glossary: Glossary, aligner: Aligner | None = None,
                 prealign: BatchAligner | None = None) -> None:
        self.glossary = glossary
        self.aligner = aligner
        self.prealign = prealign

    @property
    def version(self) -> str:
        return self.glossary.version

    def prepare(self, pairs: Sequence[tuple[str, str]]) -> None:
        """About to post-edit these (source, translation) pairs: align, in one batch, those whose terms the
        text alone cannot place (the translation job calls this per batch; ``__call__`` then finds them)."""
        if self.prealign is None:
            return
        need = [(s, t) for s, t in pairs if t and apply_glossary(s, t, self.glossary, self.glossary.language).missing]
        if need:
            self.prealign(need)

    def __call__(self, source: str, translation: str) -> PostEdited:
        done = apply_glossary(source, translation, self.glossary, self.glossary.language)
        if done.missing and translation and self.aligner is not None:
            links = self.aligner(source, translation)
            if links:
                done = apply_glossary(source, translation, self.glossary, self.glossary.language, links=links)
        return done
