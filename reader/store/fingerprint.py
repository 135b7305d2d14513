"""Content fingerprints: one article, one hash, however it was spelled, spaced or re-normalised.

``content_hash`` identifies an article by its text, not its file: the same page saved twice, downloaded again
or imported from a copy gives the same hash, so the library can skip or update it instead of adding a
duplicate. The text is folded (letter variants, digits, diacritics, case — :func:`reader.store.fold.fold`)
and everything that is not a letter or a digit (spaces, ZWNJ, punctuation, bidi marks) is dropped before
hashing, so a later change in normalisation or ZWNJ restoration does not change the hash.
"""

from __future__ import annotations

import hashlib
import re

from reader.store.fold import fold

_NOT_WORD = re.compile(r"[\W_]+")
HASH_VERSION = "c1"  # prefix: a future change of the recipe must not match old hashes by accident
NO_HASH = "none"  # stored for text without letters or digits ("" in the column means "not computed yet")


def normalised_content(text: str) -> str:
    """The letters and digits of *text*, folded: what two copies of one article share."""
    return _NOT_WORD.sub("", fold(text))


def content_hash(text: str) -> str:
    """A stable hash of the article text (the normalised body); "" for text without letters or digits."""
    core = normalised_content(text)
    if not core:
        return ""
    return HASH_VERSION + ":" + hashlib.sha256(core.encode("utf-8")).hexdigest()


def stored_hash(text: str) -> str:
    """The value for ``Article.content_hash``: the hash, or NO_HASH (never "", which means "to compute")."""
    return content_hash(text) or NO_HASH
