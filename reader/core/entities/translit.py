"""Readable romanisation of Persian and Arabic names, and a sound-skeleton similarity for finding a name's
English form in a translation (پوتین / بوتين ↔ Putin, كيم جونغ أون ↔ Kim Jong Un).

The romanisation is rule-based (Arabic script writes no short vowels, so it is a guess at them: one is added
after a word's first consonant when a second follows, as in Baghdad/Mahmud). camel-tools' Buckwalter maps are
exact but unreadable for a reader (``bwtyn``); :func:`buckwalter` offers them for Arabic all the same.
"""

from __future__ import annotations

import re
import unicodedata

from reader.core.entities.text import norm

_COMMON = {
    "ب": "b", "پ": "p", "ت": "t", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh", "د": "d", "ر": "r", "ز": "z",
    "ژ": "zh", "س": "s", "ش": "sh", "ص": "s", "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ک": "k",
    "گ": "g", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ء": "'",
}
_AR = {**_COMMON, "ث": "th", "ذ": "dh", "ض": "d", "ق": "q"}
_FA = {**_COMMON, "ث": "s", "ذ": "z", "ض": "z", "ق": "gh"}
_LATIN_VOWELS = set("aeiouy")


def _roman_word(word: str, lang: str) -> str:
    """One word, already through :func:`norm` (so أإآ→ا, ي→ی, ك→ک, ة→ه)."""
    table = _FA if lang == "fa" else _AR
    units: list[tuple[str, bool]] = []  # (letters, is_vowel)
    n = len(word)
    i = 0
    if word.startswith("او") and n > 2:
        units.append(("o" if lang == "fa" else "u", True))
        i = 2
    elif word.startswith("ای") and n > 2:
        units.append(("i", True))
        i = 2
    while i < n:
        ch = word[i]
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < n else ""
        if ch == "ا":
            units.append(("a", True))
        elif ch == "و":
            if i == 0 or prev == "ا" or (nxt == "ا" and i + 2 < n):
                units.append(("v" if lang == "fa" else "w", False))
            else:
                units.append(("o" if lang == "fa" and not nxt else "u", True))
        elif ch == "ی":
            if i == 0 or (nxt in ("ا", "و") and i + 2 < n) or prev == "ا" and nxt:
                units.append(("y", False))
            else:
                units.append(("i", True))
        elif ch == "ع" and i == 0 and nxt not in ("ا", "و", "ی", ""):
            units.append(("a", True))
        elif ch == "ى":
            units.append(("a", True))
        elif ch == "ه" and i == n - 1 and i > 0:
            units.append(("e" if lang == "fa" else "a", True))
        elif ch in table:
            units.append((table[ch], False))
        elif ch.isascii() and ch.isalnum():
            units.append((ch, ch in _LATIN_VOWELS))
        i += 1
    units = [u for u in units if u[0] != "'"] if units and units[0][0] == "'" else units
    # a short vowel after the first consonant when a second consonant follows (Baghdad, Mahmud)
    if len(units) >= 2 and not units[0][1] and not units[1][1] and units[1][0] not in ("l", "r", "y", "'"):
        units.insert(1, ("e" if lang == "fa" else "a", True))
    return "".join(u for u, _ in units).strip("'")


def transliterate(name: str, lang: str) -> str:
    """A readable Latin form of a Persian/Arabic name: ``پوتین`` → ``Putin``, ``كيم جونغ أون`` → ``Kim Jung Un``.

    Arabic ``ال`` becomes ``al-`` joined to its word (``الجزيرة`` → ``al-Jazira``)."""
    words = [w for w in re.split(r"[\s\u200c\-]+", name.strip("«»\"' ")) if w]
    parts: list[str] = []
    for raw in words:
        w = norm(raw)
        if not w:
            continue
        prefix = ""
        if lang == "ar" and w.startswith("ال") and len(w) > 3:
            prefix, w = "al-", w[2:]
        r = _roman_word(w, lang)
        if r:
            parts.append(prefix + r[:1].upper() + r[1:])
    return " ".join(parts)


def buckwalter(text: str) -> str:
    """camel-tools' Buckwalter transliteration (exact, reversible; Arabic only)."""
    from camel_tools.utils.charmap import CharMapper

    return CharMapper.builtin_mapper("ar2bw")(text)


# --- sound skeletons ------------------------------------------------------------------------------------------

_DIGRAPHS = (("sch", "S"), ("sh", "S"), ("ch", "C"), ("kh", "K"), ("gh", "K"), ("zh", "S"), ("th", "T"),
             ("dh", "D"), ("ph", "F"), ("ck", "K"), ("qu", "K"), ("ts", "S"), ("tz", "S"), ("dj", "K"),
             ("ou", "u"), ("ee", "i"), ("oo", "u"))
_CLASSES = str.maketrans({
    "b": "B", "p": "B", "f": "F", "v": "F", "w": "F", "t": "T", "d": "D", "s": "S", "z": "S", "c": "K",
    "k": "K", "q": "K", "g": "K", "j": "K", "x": "K", "l": "L", "r": "R", "m": "M", "n": "N", "h": "H",
})


def skeleton(latin: str) -> str:
    """Consonant classes of a Latin-script name (vowels, y and apostrophes dropped; b=p, f=v=w, s=z,
    k=q=g=j=gh=kh): Putin → BTN, Kim Jong Un → KMKNKN."""
    s = unicodedata.normalize("NFKD", latin.lower())
    s = "".join(ch for ch in s if ch.isascii() and ch.isalpha())
    for a, b in _DIGRAPHS:
        s = s.replace(a, b.lower() if b.islower() else "\x00" + b)
    out = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "\x00":
            out.append(s[i + 1])
            i += 2
            continue
        if ch not in "aeiouy":
            out.append(ch.translate(_CLASSES))
        i += 1
    sk = "".join(out)
    sk = re.sub(r"(.)\1+", r"\1", sk)  # doubled letters (Muhammad / Mohamad)
    return sk


def _levenshtein(a: str, b: str) -> float:
    """Edit distance where H (often silent) costs half."""
    prev = [0.0]
    for ch in b:
        prev.append(prev[-1] + (0.5 if ch == "H" else 1.0))
    for ca in a:
        cur = [prev[0] + (0.5 if ca == "H" else 1.0)]
        for j, cb in enumerate(b, 1):
            sub = 0.0 if ca == cb else 1.0
            cur.append(min(prev[j] + (0.5 if ca == "H" else 1.0), cur[j - 1] + (0.5 if cb == "H" else 1.0),
                           prev[j - 1] + sub))
        prev = cur
    return prev[-1]


def _skeleton_similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    longest = max(len(a), len(b))
    sim = 1.0 - _levenshtein(a, b) / longest
    if a[0] != b[0] and not (a[0] == "H" or b[0] == "H"):
        sim -= 0.15  # names rarely differ in their first sound
    return max(0.0, sim)


def similarity(name: str, lang: str, english: str) -> float:
    """0..1: how well the English words *english* sound like the Persian/Arabic *name* (an Arabic article
    may be left out in English: البصرة ↔ Basra)."""
    roman = transliterate(name, lang)
    b = skeleton(english)
    sim = _skeleton_similarity(skeleton(roman), b)
    if "al-" in roman:
        sim = max(sim, _skeleton_similarity(skeleton(roman.replace("al-", "")), b))
    return sim


def latin_similarity(a: str, b: str) -> float:
    """0..1: how alike two Latin-script spellings of one name sound (Basrah/Basra, Makkah/Mecca, Herāt/Herat);
    skeletons of fewer than three consonants (Oman/Amman) must match exactly."""
    sa, sb = skeleton(a), skeleton(b)
    if min(len(sa), len(sb)) < 3:
        return 1.0 if sa == sb and a.lower()[:1] == b.lower()[:1] else 0.0
    return _skeleton_similarity(sa, sb)
