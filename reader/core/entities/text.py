"""Tokenisation with character offsets, matching keys and canonical names for Persian/Arabic entities.

Everything the tagger compares (CRF features, gazetteer keys, clitic checks) goes through :func:`norm`, which
makes the comparison insensitive to the spelling variants a reader meets in the wild: Arabic vs Persian yeh and
kaf (ي/ی, ك/ک — hazm's Persian normaliser converts them; Arabic ى stays apart from ي), alef forms, teh marbuta, hamza-above (ٔ), harakat,
tatweel, ZWNJ (news text often lacks it) and Persian/Arabic-Indic digits. Offsets always refer to the text given
to :func:`tokenize`, never to a normalised copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ZWNJ = "\u200c"

# Letters that never start a word but may be glued to one (Arabic proclitics; Persian و/ب rarely).
CLITIC_PREFIXES: dict[str, tuple[str, ...]] = {
    "ar": ("وب", "ول", "وک", "فب", "فل", "فک", "و", "ف", "ب", "ل", "ک"),
    "fa": ("و", "ب"),
}

_DROP = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d\u200e\u200f\u0654\u0655]")
_TABLE = str.maketrans(
    {
        "\u064a": "\u06cc",  # ي -> ی
        "\u0626": "\u06cc",  # ئ -> ی  (ى stays: Arabic على "on" is not علي "Ali")
        "\u0643": "\u06a9",  # ك -> ک
        "\u0629": "\u0647",  # ة -> ه
        "\u06c0": "\u0647",  # ۀ -> ه
        "\u06d5": "\u0647",  # ە -> ه
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0622": "\u0627",  # آ -> ا
        "\u0671": "\u0627",  # ٱ -> ا
        "\u0624": "\u0648",  # ؤ -> و
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(0x0660 + i): str(i) for i in range(10)},
    }
)
# Cross-language folding for canonical keys: Persian-only letters onto the Arabic ones news writers use.
_CANON_TABLE = str.maketrans(
    {"\u067e": "\u0628", "\u0686": "\u062c", "\u0698": "\u0632", "\u06af": "\u063a", "\u0649": "\u06cc"}
)

_MARKS = "\u064b-\u065f\u0670\u0654\u0655"
_TOKEN = re.compile(
    r"\d+(?:[.,\u066b\u066c/]\d+)*"  # numbers in any digits, with decimal/thousand separators
    rf"|(?:[^\W\d_]|[{_MARKS}])[\w{_MARKS}\u200c\u200d]*"  # words: letters, marks, tatweel, inner ZWNJ
    r"|[^\s\u200c\u200d\u200e\u200f\ufeff]"  # any other single visible character
)
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefe]")
_LETTER = re.compile(r"[^\W\d_]")
_QUOTES = "«»\"'“”‘’()[]{}<>"
_KEY_DROP = re.compile(r"[\s\-\u2010-\u2015_،," + re.escape(_QUOTES) + "]+")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``text == source[start:end]``; ``norm`` is its matching form."""

    text: str
    start: int
    end: int
    norm: str


def norm(text: str) -> str:
    """Matching form of a word or phrase: spelling variants unified, marks/tatweel/ZWNJ dropped, lower-case."""
    return _DROP.sub("", text).translate(_TABLE).lower()


def key(text: str) -> str:
    """Gazetteer/lexicon key of a phrase: :func:`norm` with spaces, hyphens, commas and quotes removed, so that
    ``پیونگ یانگ``, ``پیونگ‌یانگ`` and ``پیونگیانگ`` share one key."""
    return _KEY_DROP.sub("", norm(text))


def marked_key(text: str) -> str:
    """:func:`key` that keeps the shadda, for the few names told apart by it (عمّان Amman, عمان Oman)."""
    return key(text.replace("\u0651", "~"))


def canonical(text: str) -> str:
    """Grouping key for the entity panel: :func:`key` plus Persian letters folded onto the Arabic ones
    (پ→ب, چ→ج, ژ→ز, گ→غ), so that بوتين, بوتین and «پوتین» group together."""
    return key(text).translate(_CANON_TABLE)


def tokenize(text: str) -> list[Token]:
    """Words (Arabic-script words keep their ZWNJ, marks and inner tatweel), numbers and single punctuation
    characters, each with its offsets in *text*. A trailing tatweel (``لـ``) stays with its word."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        tok = m.group()
        while e - s > 1 and tok[-1] in "\u200c\u200d":
            e -= 1
            tok = tok[:-1]
        out.append(Token(tok, s, e, norm(tok)))
    return out


def is_word(tok: str) -> bool:
    return bool(_LETTER.match(tok))


def is_arabic_script(text: str) -> bool:
    return bool(_ARABIC_SCRIPT.search(text))


def shape(tok: str) -> str:
    """A coarse class of the token: ar (Arabic script), lat / Lat (lower/capitalised Latin), num, punct."""
    if not tok:
        return "empty"
    if tok[0].isdigit():
        return "num"
    if _ARABIC_SCRIPT.match(tok):
        return "ar"
    if tok[0].isalpha():
        return "Lat" if tok[0].isupper() else "lat"
    return "punct"


def clitic_splits(normed: str, lang: str) -> list[tuple[str, str]]:
    """Possible (prefix, rest) splits of a normalised word with a leading clitic; the rest has ≥ 3 letters.

    For Arabic ``لل`` + word the rest is given back with its article (``للامم`` → ``ل`` + ``الامم``)."""
    out: list[tuple[str, str]] = []
    for p in CLITIC_PREFIXES.get(lang, ()):
        if normed.startswith(p) and len(normed) - len(p) >= 3:
            rest = normed[len(p):]
            out.append((p, rest))
            if lang == "ar" and p.endswith("ل") and rest.startswith("ل") and len(rest) >= 4:
                out.append((p, "ا" + rest))
    return out


def strip_article(normed: str) -> str:
    """The word without the Arabic definite article (``الامم`` → ``امم``), else unchanged."""
    if normed.startswith("ال") and len(normed) >= 5:
        return normed[2:]
    return normed


def word_key(normed: str, lang: str) -> str:
    """Lookup form of a normalised word: the Arabic article dropped (الزراعه → زراعه, الری → ری)."""
    if lang == "ar" and normed.startswith("ال") and len(normed) >= 4:
        return normed[2:]
    return normed
