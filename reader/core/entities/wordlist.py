"""Persian word frequencies and part-of-speech tags from hazm's bundled lexicon (hazm/data/words.dat, MIT).

A word's frequency class ("how common is this word in Persian text?") generalises across domains far better
than the words of a small training corpus: surnames and foreign names are rare or unknown, function words
and verbs are very common. The file is read directly (hazm itself is not imported) and cached.
"""

from __future__ import annotations

import importlib.util
import math
import threading
from pathlib import Path

from reader.core.entities.text import norm

_LOCK = threading.Lock()
_CACHE: dict[str, dict[str, str]] = {}
_NEVER: dict[str, set[str]] = {}
# hazm's tags of words that are no personal name: plurals, numbers, adverbs, function words
_NOT_NAME_TAGS = {"PL", "NUM", "ADV", "P", "CONJ", "PRO", "DET", "POSTP", "CL", "INT", "PS", "PR"}


def _hazm_words_file() -> Path | None:
    spec = importlib.util.find_spec("hazm")
    if spec is None or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        p = Path(base) / "data" / "words.dat"
        if p.is_file():
            return p
    return None


def load_classes(lang: str) -> dict[str, str]:
    """norm(word) -> "<frequency class>:<first POS tag>" (e.g. "7:N"); empty when no lexicon (Arabic)."""
    with _LOCK:
        if lang in _CACHE:
            return _CACHE[lang]
        table: dict[str, str] = {}
        path = _hazm_words_file() if lang == "fa" else None
        if path is not None:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) < 2:
                        continue
                    try:
                        freq = int(parts[1])
                    except ValueError:
                        continue
                    tag = parts[2].split(",")[0] if len(parts) > 2 else "0"
                    cls = f"{min(9, int(math.log10(freq + 1)))}:{tag}"
                    k = norm(parts[0]).replace(" ", "")
                    if k not in table or table[k] < cls:
                        table[k] = cls
        _CACHE[lang] = table
        return table


def load_never_person(lang: str) -> set[str]:
    """Words (normalised) that hazm's lexicon, built from a large untagged corpus, knows as plurals, numbers,
    adverbs or function words (اصناف، صنوف، دو، شدت) and that are frequent there (≥ 1,000 occurrences): a
    learned stop-list for person names. Empty for Arabic (no such lexicon installed)."""
    with _LOCK:
        if lang in _NEVER:
            return _NEVER[lang]
        out: set[str] = set()
        path = _hazm_words_file() if lang == "fa" else None
        if path is not None:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) < 3 or not parts[1].isdigit() or int(parts[1]) < 1000:
                        continue
                    if _NOT_NAME_TAGS & set(parts[2].split(",")):
                        out.add(norm(parts[0]).replace(" ", ""))
        _NEVER[lang] = out
        return out
