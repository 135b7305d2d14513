"""The one adapter module for the heavy text libraries: hazm (Persian) and camel-tools (Arabic).

Both are imported lazily, on first use, and their expensive objects (hazm's Normalizer builds a 190k-word
lexicon and 350k verb forms, ~1 s) are built once per process and cached. Nothing here runs at import time, so
the CLI and the window start fast.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _hazm_normalizer_unlocked() -> Any:
    from hazm import Normalizer

    # Diacritics are removed by our own rule (which keeps the tanvin of قبلاً); everything else is hazm's.
    return Normalizer(remove_diacritics=False)


def hazm_normalizer() -> Any:
    """hazm's Normalizer, built once (thread-safe)."""
    with _lock:
        return _hazm_normalizer_unlocked()


@dataclass(frozen=True)
class PersianLexicon:
    """hazm's word list and verb forms, shaped for ZWNJ restoration.

    words: word -> (frequency, POS tags) from hazm's words.dat (entries may hold ZWNJ).
    joined: a spelling with its ZWNJs removed -> the lexicon's spelling with ZWNJs (compounds such as
    رئیس‌جمهور and every conjugated verb form such as می‌شده‌اند).
    """

    words: dict[str, tuple[int, tuple[str, ...]]]
    joined: dict[str, str]
    past_stems: frozenset[str]

    def freq(self, word: str) -> int:
        entry = self.words.get(word)
        return entry[0] if entry else 0

    def known(self, word: str) -> bool:
        """A real word: in the list with a corpus frequency or a part of speech.

        Rows with neither (frequency 0, tag "0") are unreliable: many are glued spellings (کتابها).
        """
        entry = self.words.get(word)
        return bool(entry and (entry[0] > 0 or entry[1] != ("0",)))

    def tags(self, word: str) -> tuple[str, ...]:
        entry = self.words.get(word)
        return entry[1] if entry else ()


@lru_cache(maxsize=1)
def _lexicon_unlocked() -> PersianLexicon:
    normalizer = _hazm_normalizer_unlocked()
    words: dict[str, tuple[int, tuple[str, ...]]] = dict(normalizer.words)
    verbs = normalizer.verbs
    zwnj = "\u200c"
    joined: dict[str, str] = {}
    best: dict[str, int] = {}
    for word, (freq, _tags) in words.items():
        if (
            zwnj in word.strip(zwnj)
            and " " not in word
            and not word.startswith(zwnj)
            and not word.endswith(zwnj)
        ):
            key = word.replace(zwnj, "")
            if key not in best or freq > best[key]:
                best[key] = freq
                joined[key] = word
    for form in verbs:
        if zwnj in form and " " not in form and all(len(part) >= 2 for part in form.split(zwnj)[:1]):
            joined.setdefault(form.replace(zwnj, ""), form)
    return PersianLexicon(words=words, joined=joined, past_stems=_past_stems())


def _past_stems() -> frozenset[str]:
    from importlib.resources import files

    text = files("hazm").joinpath("data", "verbs.dat").read_text(encoding="utf-8")
    return frozenset(line.split("#")[0] for line in text.splitlines() if "#" in line and line.split("#")[0])


def persian_lexicon() -> PersianLexicon:
    with _lock:
        return _lexicon_unlocked()


def camel_normalize_unicode(text: str) -> str:
    """camel-tools' Unicode normalisation (NFKC plus its fixes: presentation forms become plain letters)."""
    from camel_tools.utils.normalize import normalize_unicode

    return normalize_unicode(text)


def camel_dediac(text: str) -> str:
    """camel-tools' Arabic diacritic removal (harakat, tanwin, shadda, sukun, dagger alef)."""
    from camel_tools.utils.dediac import dediac_ar

    return dediac_ar(text)
