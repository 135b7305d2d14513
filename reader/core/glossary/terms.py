"""Glossary terms and finding them in Persian/Arabic sentences.

A term matches whatever spelling variants a news text uses for it: Arabic vs Persian yeh and kaf, alef and hamza
forms, teh marbuta, harakat, tatweel, digits, and spaces vs ZWNJ vs nothing between the words of a compound
(``پیونگ یانگ`` = ``پیونگ‌یانگ`` = ``پیونگیانگ``) — the same keys the entity tagger uses
(:func:`reader.core.entities.text.key`). A term may carry a leading clitic (Arabic و ف ب ل ك and their pairs,
``للأمم`` for ``الأمم``; Persian و ب) and, in Persian, a suffix after a ZWNJ (``ترامپ‌ها``); the matched span
then covers the term itself only. Longer terms win over shorter ones, and matches never overlap.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.core.entities.text import Token, clitic_splits, is_word, key, norm, tokenize
from reader.core.types import Term

LANGUAGES = ("fa", "ar")
_JOINERS = {"-", "\u2010", "\u2011"}  # a hyphen may sit inside a term (هلال-احمر)
_FA_SUFFIXES = ("ها", "های", "هایی", "ی", "ای", "اش", "شان", "ام")


def term_key(term: Term) -> str:
    """The spelling-insensitive key of a term: one glossary entry per key and language."""
    return key(term.source)


@dataclass(frozen=True)
class TermMatch:
    """A term found in a sentence: ``sentence[start:end]`` is the term as written (clitics left outside)."""

    start: int
    end: int
    term: Term


def glossary_version(terms: Iterable[Term]) -> str:
    """A short hash of what the terms ask for: changes when any term, its English or its language changes,
    not when notes or the order change. "" for no terms."""
    items = sorted({(t.language, term_key(t), t.english.strip()) for t in terms
                    if term_key(t) and t.english.strip()})
    if not items:
        return ""
    return hashlib.sha256(repr(items).encode()).hexdigest()[:12]


class Glossary:
    """The terms of one language, indexed by key for matching."""

    def __init__(self, language: str, terms: Iterable[Term] = ()) -> None:
        self.language = language
        self.by_key: dict[str, Term] = {}
        for t in terms:
            k = term_key(t)
            if t.language == language and k and t.english.strip():
                self.by_key[k] = t  # a later entry for the same key wins (an import overrides)
        self.max_key = max((len(k) for k in self.by_key), default=0)  # a term may span any number of words
        self.version = glossary_version(self.by_key.values())

    @property
    def terms(self) -> list[Term]:
        return sorted(self.by_key.values(), key=lambda t: t.source)

    def __bool__(self) -> bool:
        return bool(self.by_key)

    def find(self, sentence: str) -> list[TermMatch]:
        """Every term in *sentence*, left to right, longest first where two could start at one word."""
        if not self.by_key or not sentence:
            return []
        runs = _word_runs(tokenize(sentence))
        out: list[TermMatch] = []
        for run in runs:
            i = 0
            while i < len(run):
                m = self._match_at(sentence, run, i)
                if m is None:
                    i += 1
                    continue
                out.append(m[0])
                i = m[1]
        return out

    def _match_at(self, sentence: str, run: Sequence[Token], i: int) -> tuple[TermMatch, int] | None:
        stop, length = i, 0
        while stop < len(run) and length + len(key(run[stop].text)) <= self.max_key + 3:  # 3: room for clitics
            length += len(key(run[stop].text))
            stop += 1
        for j in range(stop, i, -1):
            words = run[i:j]
            found = self._lookup(words)
            if found is not None:
                return found, j
        return None

    def _lookup(self, words: Sequence[Token]) -> TermMatch | None:
        last = words[-1]
        endings = [(last.text, last.end)]
        if self.language == "fa" and "\u200c" in last.text:  # ترامپ‌ها: the term, then a ZWNJ suffix
            stem, _, suffix = last.text.rpartition("\u200c")
            if stem and suffix in _FA_SUFFIXES:
                endings.append((stem, last.start + len(stem)))
        for last_text, end in endings:
            texts = [w.text for w in words[:-1]] + [last_text]
            tail = "".join(texts[1:])
            heads = [(words[0].start, texts[0])]
            heads += [(words[0].start + _cut(texts[0], len(prefix)), rest)
                      for prefix, rest in clitic_splits(norm(texts[0]), self.language)]
            for start, head in heads:
                term = self.by_key.get(key(head + tail))
                if term is not None:
                    return TermMatch(start, end, term)
        return None


def _cut(word: str, letters: int) -> int:
    """Characters of *word* that hold its first *letters* letters (marks and tatweel ride along)."""
    seen = 0
    for k, ch in enumerate(word):
        if ch.isalpha():
            if seen == letters:
                return k
            seen += 1
    return len(word)


def _word_runs(tokens: Sequence[Token]) -> list[list[Token]]:
    """Runs of words and numbers; any other token (punctuation, quotes) ends a run, hyphens excepted."""
    runs: list[list[Token]] = [[]]
    for t in tokens:
        if is_word(t.text) or t.text[:1].isdigit():
            runs[-1].append(t)
        elif t.text in _JOINERS:
            continue
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]
