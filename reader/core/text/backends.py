"""The one adapter module for the heavy text libraries: hazm (Persian) and camel-tools (Arabic).

Both are imported lazily, on first use, and their expensive objects (hazm's Normalizer builds a 190k-word
lexicon and 350k verb forms, ~1 s) are built once per process and cached. Nothing here runs at import time, so
the CLI and the window start fast.

Of hazm only the Normalizer (with its word tokenizer, stemmer, lemmatizer and lexicon files) is used. hazm's
package ``__init__`` imports everything else too — taggers, parsers, embeddings — and with them nltk, scipy,
pandas, scikit-learn, gensim and fasttext (seconds of start-up, ~150 MB of the bundle). :func:`_hazm_modules`
loads the few hazm modules the Normalizer needs from hazm's own files without running that ``__init__``.

Building the Normalizer parses words.dat (190k lines) and conjugates every verb of hazm's list (its
Lemmatizer's ``verbs`` table, 350k forms), and the ZWNJ lexicon folds those words; the tables depend only on
hazm's files, so they are computed once and kept in the app's cache folder (:func:`_disk_cached`: marshal,
keyed on hazm's files and the Python version, ~18 MB).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import marshal
import os
import sys
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

T = TypeVar("T")
_CACHE_FORMAT = 1  # bump when a cached table changes shape

_lock = threading.Lock()

# What hazm/normalizer.py and the modules it imports take from the ``hazm`` package namespace.
_HAZM_UTILS_NAMES = ("abbreviations", "default_verbs", "default_words", "maketrans", "regex_replace", "words_list")
_HAZM_CHAIN = (("stemmer", "Stemmer"), ("word_tokenizer", "WordTokenizer"), ("lemmatizer", "Lemmatizer"),
               ("normalizer", "Normalizer"))


class _TokenizerI(ABC):
    """The part of nltk's TokenizerI (nltk.tokenize.api) that hazm's WordTokenizer subclasses."""

    @abstractmethod
    def tokenize(self, s: str) -> list[str]: ...

    def tokenize_sents(self, strings: list[str]) -> list[list[str]]:
        return [self.tokenize(s) for s in strings]


class _StemmerI(ABC):
    """nltk's StemmerI (nltk.stem.api): the interface hazm's Stemmer subclasses."""

    @abstractmethod
    def stem(self, token: str) -> str: ...


def _nltk_interfaces() -> dict[str, ModuleType]:
    """Stand-ins for the two nltk interface modules hazm's Normalizer chain imports (only base classes)."""
    mods = {name: ModuleType(name) for name in ("nltk", "nltk.stem", "nltk.stem.api", "nltk.tokenize",
                                                 "nltk.tokenize.api")}
    mods["nltk.stem.api"].StemmerI = _StemmerI  # type: ignore[attr-defined]
    mods["nltk.tokenize.api"].TokenizerI = _TokenizerI  # type: ignore[attr-defined]
    for name, mod in mods.items():
        mod.__path__ = []  # type: ignore[attr-defined]  # a package, so its children resolve here
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(mods[parent], child, mod)
    return mods


def hazm_dir() -> Path:
    """hazm's installed folder (found without importing it)."""
    spec = importlib.util.find_spec("hazm")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("hazm is not installed; Persian text needs it (pip install hazm).")
    return Path(list(spec.submodule_search_locations)[0])


def _cache_file(name: str) -> Path | None:
    """Where the table *name* is cached: the app's cache folder, keyed on hazm's data and code files."""
    try:
        from reader import config

        folder = config.paths().cache
        stamp = [sys.version_info[:2], _CACHE_FORMAT]
        for rel in ("data/words.dat", "data/verbs.dat", "lemmatizer.py", "normalizer.py"):
            path = hazm_dir() / rel
            if rel.endswith(".py") and not path.exists():  # a frozen app keeps hazm's code in its archive
                continue
            st = path.stat()
            stamp.append((rel, st.st_size, st.st_mtime_ns))
    except (OSError, ImportError):
        return None
    return folder / f"hazm-{name}-{hashlib.sha256(repr(stamp).encode()).hexdigest()[:16]}.marshal"


def _disk_cached(name: str, build: Callable[[], T]) -> T:
    """*build()*'s value (plain dicts/lists/str/int only), read from the cache file when there is a good one,
    else built and written atomically. A missing, damaged or unwritable cache only costs the build."""
    path = _cache_file(name)
    if path is not None:
        try:
            return marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            pass
    value = build()
    if path is not None:
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(marshal.dumps(value))
            os.replace(tmp, path)
        except (OSError, ValueError):
            tmp.unlink(missing_ok=True)
    return value


def _cached_words_list(words_list: Callable[..., list], default: str) -> Callable[..., list]:
    """hazm's ``words_list`` (parses words.dat: 190k lines), served from the cache for hazm's own file."""

    def cached(words_file: str = default) -> list:
        if str(words_file) != str(default):
            return words_list(words_file)
        return _disk_cached("words", lambda: words_list(words_file))

    return cached


def _cached_verbs_lemmatizer(lemmatizer: type) -> type:
    """What hazm's Normalizer gets as ``Lemmatizer``: the Normalizer reads only ``Lemmatizer(...).verbs`` (every
    conjugated form -> its verb), so this stand-in serves that table from the cache, built by the real one."""

    class VerbsTable:
        def __init__(self, joined_verb_parts: bool = True) -> None:
            self.verbs: dict[str, str] = _disk_cached(
                f"verbs{int(joined_verb_parts)}", lambda: dict(lemmatizer(joined_verb_parts=joined_verb_parts).verbs))

    return VerbsTable


def _hazm_modules() -> dict[str, Any]:
    """hazm's Normalizer class (and the classes it is built from) loaded from hazm's files with a minimal
    stand-in for the ``hazm`` package, so that hazm/__init__.py (and nltk, scipy, pandas, scikit-learn, gensim,
    fasttext) never run. The stand-ins exist only during the load: afterwards ``sys.modules`` holds no
    ``hazm`` or ``nltk`` entry from here, so a later ``import hazm`` or ``import nltk`` gets the real thing."""
    real = sys.modules.get("hazm")
    if real is not None and hasattr(real, "Normalizer"):  # the whole package is already loaded: use it
        return {cls: getattr(real, cls) for _mod, cls in _HAZM_CHAIN}
    package = ModuleType("hazm")
    package.__path__ = [str(hazm_dir())]  # type: ignore[attr-defined]
    package.__package__ = "hazm"
    stand_ins: dict[str, ModuleType] = {"hazm": package}
    if "nltk" not in sys.modules:
        stand_ins.update(_nltk_interfaces())
    before = set(sys.modules)
    saved = {name: sys.modules.get(name) for name in stand_ins}
    sys.modules.update(stand_ins)
    try:
        utils = importlib.import_module("hazm.utils")
        for name in _HAZM_UTILS_NAMES:
            setattr(package, name, getattr(utils, name))
        package.words_list = _cached_words_list(utils.words_list, utils.default_words)  # type: ignore[attr-defined]
        found: dict[str, Any] = {}
        for module, cls in _HAZM_CHAIN:
            found[cls] = getattr(importlib.import_module(f"hazm.{module}"), cls)
            setattr(package, cls, _cached_verbs_lemmatizer(found[cls]) if cls == "Lemmatizer" else found[cls])
        return found
    finally:
        for name in set(sys.modules) - before:  # hazm.* loaded against the stand-in: not for anyone else
            if name == "hazm" or name.startswith(("hazm.", "nltk")):
                sys.modules.pop(name, None)
        for name, mod in saved.items():
            if mod is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = mod


@lru_cache(maxsize=1)
def _hazm_normalizer_unlocked() -> Any:
    normalizer_class = _hazm_modules()["Normalizer"]
    # Diacritics are removed by our own rule (which keeps the tanvin of قبلاً); everything else is hazm's.
    return normalizer_class(remove_diacritics=False)


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
    joined = _disk_cached("joined", lambda: _joined(words, normalizer.verbs))
    return PersianLexicon(words=words, joined=joined, past_stems=_past_stems())


def _joined(words: dict[str, tuple[int, tuple[str, ...]]], verbs: Any) -> dict[str, str]:
    """A spelling with its ZWNJs removed -> the lexicon's spelling with them (compounds, conjugated verbs)."""
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
    return joined


def _past_stems() -> frozenset[str]:
    text = (hazm_dir() / "data" / "verbs.dat").read_text(encoding="utf-8")
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
