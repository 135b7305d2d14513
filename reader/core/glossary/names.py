"""One English spelling of each name across an article, and the glossary applied to one sentence.

The entity layer projects each source name onto the words of the translation that render it
(:mod:`reader.core.entities.projection`). Mentions of one name (one canonical key) are then made to agree on a
single spelling: the glossary's English when a term covers the name, else the reader's own English name for it
(an entity correction: ``extra["reader_english"]``, written in where the model rendered the name,
``extra["projected"]``), else the known English name (the lexicon's, which the tagger puts in ``canonical``),
else the spelling the model used most often (the earliest on a tie). A mention rendered differently is corrected through :func:`reader.core.glossary.postedit.enforce`
and marked, and the entities' English offsets follow the corrected text.

Only spellings are corrected: a mention rendered as an adjective (``Iranian`` for ایران) or by a form that
does not sound like the chosen name is left alone.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reader.core.entities.lexicon import demonyms
from reader.core.entities.text import canonical as canonical_key
from reader.core.entities.translit import latin_similarity
from reader.core.glossary.postedit import PostEdited, Wanted, enforce
from reader.core.glossary.terms import Glossary
from reader.core.types import Edit, EntitySpan

NAME_TYPES = ("PERSON", "LOCATION", "ORGANIZATION")
VARIANT_THRESHOLD = 0.6


def _is_latin(text: str) -> bool:
    return any(c.isascii() and c.isalpha() for c in text) and not any("\u0600" <= c <= "\u06ff" for c in text)


def _group(e: EntitySpan) -> str:
    return e.canonical if e.canonical and _is_latin(e.canonical) else canonical_key(e.text)


@dataclass(frozen=True)
class SentenceState:
    """One sentence going into name enforcement: its source, current English and the edits already in it."""

    source: str
    translation: str
    edits: tuple[Edit, ...] = ()


def choose_spellings(entities: Mapping[int, Sequence[EntitySpan]], glossary: Glossary | None = None
                     ) -> dict[str, str]:
    """Group key -> the English every mention of that name should use."""
    mentions: dict[str, list[EntitySpan]] = {}
    for index in sorted(entities):
        for e in entities[index]:
            if e.type in NAME_TYPES:
                mentions.setdefault(_group(e), []).append(e)
    chosen: dict[str, str] = {}
    for group, es in mentions.items():
        term = next((m.term for e in es for m in (glossary.find(e.text) if glossary else [])
                     if m.start == 0 and m.end >= len(e.text.rstrip())), None)
        reader = next((e.english for e in es if e.extra.get("reader_english") and e.english), None)
        if term is not None:
            chosen[group] = term.english
        elif reader:
            chosen[group] = reader
        elif _is_latin(group) and any(c.isupper() for c in group):
            chosen[group] = group  # the lexicon's English name
        else:
            seen = [e.english for e in es if e.english and _is_latin(e.english)]
            if seen:
                counts = Counter(seen)
                top = max(counts.values())
                chosen[group] = next(s for s in seen if counts[s] == top)
    return chosen


def _variant(rendered: str, chosen: str, language: str) -> bool:
    """Is *rendered* another spelling of *chosen* (not an adjective, not a different word)?"""
    from reader.core.entities import lexicon

    if rendered == chosen:
        return False
    low, want = rendered.lower(), chosen.lower()
    if low.startswith(want) and len(low) > len(want):  # Iranian, Egyptian, Americans
        return False
    if rendered in demonyms(chosen, lexicon.get(language)):  # Afghan, Chinese
        return False
    if low.replace("-", " ") == want.replace("-", " "):
        return True
    return latin_similarity(rendered, chosen) >= VARIANT_THRESHOLD


def _partial(translation: str, start: int, end: int, chosen: str) -> bool:
    """Was only part of the name projected, the rest written around it ("Kim" + "Jong Un")? Then replacing the
    part would double the name."""
    before, after = translation[:start].split()[-1:], translation[end:].split()[:1]
    words = chosen.split()
    return bool((before and before[0] in words[:-1]) or (after and after[0].strip(".,;:'’") in words[1:]))


def enforce_names(sentences: Mapping[int, SentenceState], entities: Mapping[int, Sequence[EntitySpan]],
                  language: str, glossary: Glossary | None = None
                  ) -> dict[int, tuple[PostEdited, list[EntitySpan]]]:
    """For each sentence whose names needed a correction: (the corrected sentence, its entities with English
    offsets in the corrected text). Sentences needing nothing are left out."""
    chosen = choose_spellings(entities, glossary)
    out: dict[int, tuple[PostEdited, list[EntitySpan]]] = {}
    for index, ents in entities.items():
        state = sentences.get(index)
        if state is None or not state.translation:
            continue
        wanted: list[Wanted] = []
        unplaced: list[EntitySpan] = []  # the reader's names not in the translation yet
        for e in ents:
            want = chosen.get(_group(e)) if e.type in NAME_TYPES else None
            if not want:
                continue
            if e.en_start is not None and e.en_end is not None:
                rendered = state.translation[e.en_start:e.en_end]
                if _variant(rendered, want, language) and not _partial(state.translation, e.en_start, e.en_end,
                                                                      want):
                    wanted.append(Wanted(e.start, e.end, e.text, want, "name", hint=(e.en_start, e.en_end)))
            elif e.extra.get("reader_english"):
                hint = e.extra.get("projected")
                wanted.append(Wanted(e.start, e.end, e.text, want, "name", hint=tuple(hint) if hint else None))
                unplaced.append(e)
        if not wanted:
            continue
        done = enforce(state.translation, wanted, language, prior=state.edits)
        if done.translation == state.translation:
            continue
        moved = []
        placed = [x for x in done.edits if x.kind == "name"]
        for e in ents:
            if any(e is u for u in unplaced):  # now written in: point the entity at its edit
                x = next((x for x in placed if x.source == e.text and done.translation[x.start:x.end] == e.english),
                         None)
                if x is not None:
                    placed.remove(x)
                    moved.append(dataclasses.replace(e, en_start=x.start, en_end=x.end))
                    continue
            if e.en_start is None or e.en_end is None:
                moved.append(e)
                continue
            s, t = done.moved(e.en_start), done.moved(e.en_end)
            moved.append(dataclasses.replace(e, english=done.translation[s:t], en_start=s, en_end=t))
        out[index] = (done, moved)
    return out
