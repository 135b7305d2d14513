"""Content fingerprints: one article, one hash, however it was spelled, spaced or re-normalised.

``content_hash`` identifies an article by its text, not its file: the same page saved twice, downloaded again
or imported from a copy gives the same hash, so the library can skip or update it instead of adding a
duplicate. It is taken over the *cleaned, un-normalised* body (``ProcessedText.original_text``), which does
not depend on the language the text was processed as (a reader's language override re-normalises the text,
not the article). The text is folded (letter variants, digits, diacritics, case —
:func:`reader.store.fold.fold`) and everything that is not a letter or a digit (spaces, ZWNJ, punctuation,
bidi marks) is dropped before hashing, so spacing, ZWNJ and spelling variants do not change the hash.
"""

from __future__ import annotations

import hashlib
import re

from reader.store.fold import fold

_NOT_WORD = re.compile(r"[\W_]+")
HASH_VERSION = "c2"  # prefix: hashes of an older recipe are recomputed (reader.store.dedupe.backfill_hashes)
NO_HASH = HASH_VERSION + ":none"  # text without letters or digits ("" in the column: not computed yet)


def normalised_content(text: str) -> str:
    """The letters and digits of *text*, folded: what two copies of one article share."""
    return _NOT_WORD.sub("", fold(text))


def content_hash(text: str, title: str = "") -> str:
    """A stable hash of the article body; "" for text without letters or digits. A body that opens with its own
    *title* (kept in the text by one import path, split off by another) hashes like the body without it."""
    core = normalised_content(text)
    head = normalised_content(title)
    if head and core.startswith(head) and len(core) > len(head):
        core = core[len(head):]
    if not core:
        return ""
    return HASH_VERSION + ":" + hashlib.sha256(core.encode("utf-8")).hexdigest()


def stored_hash(text: str, title: str = "") -> str:
    """The value for ``Article.content_hash``: the hash, or NO_HASH (never "", which means "to compute")."""
    return content_hash(text, title) or NO_HASH
