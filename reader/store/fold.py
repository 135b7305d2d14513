"""Search folding: one key for the Persian/Arabic spelling variants a reader types interchangeably."""

from __future__ import annotations

import re
import unicodedata

_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, superscript alef, tatweel
_TABLE = str.maketrans(
    {
        "\u064a": "\u06cc",  # ي -> ی
        "\u0649": "\u06cc",  # ى -> ی
        "\u0643": "\u06a9",  # ك -> ک
        "\u0629": "\u0647",  # ة -> ه
        "\u06c0": "\u0647",  # ۀ -> ه
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0622": "\u0627",  # آ -> ا
        "\u0671": "\u0627",  # ٱ -> ا
        "\u0624": "\u0648",  # ؤ -> و
        "\u0626": "\u06cc",  # ئ -> ی
        "\u200c": " ",  # ZWNJ -> space
        "\u200f": None,
        "\u200e": None,
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    }
)


FOLD_VERSION = 2  # bump when fold() changes: the search index holds folded text and must then be rebuilt


def fold(text: str) -> str:
    """NFKC (Arabic presentation forms → letters), lower-case, strip diacritics/tatweel, unify letter variants
    and digits. Length may change."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _DIACRITICS.sub("", text).translate(_TABLE).lower()
