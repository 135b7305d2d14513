"""Normalisation of Persian and Arabic text, one line at a time, with an offset map back to the input.

Persian (``fa``): hazm's Normalizer (Arabic letter variants to Persian, «» for straight quotes, Persian
digits, spacing around punctuation and affixes, می‌ before verbs), then our diacritics rule (harakat go, but
the tanvin of قبلاً، احتمالاً stays), a fix for hazm gluing a word to شده before an auxiliary
(ساخته‌شده است → ساخته شده است: a passive verb, not the adjective), then :mod:`reader.core.text.zwnj` for
the ZWNJs hazm does not restore.

Arabic (``ar``): camel-tools' Unicode normalisation (presentation forms and ligatures become plain letters)
and diacritic removal; tatweel goes (except one marking a detached prefix: «لـ بيونغيانغ»، «1445 هـ»);
Persian-keyboard letters ک/ی become ك/ي. Hamzas, ة and ى are kept as written.

Both drop invisible marks (bidi controls, zero-width space, BOM) and collapse runs of spaces. Lines never
merge or split: line *n* of the output is line *n* of the input.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from reader.core.text import offsets
from reader.core.text.backends import camel_dediac, camel_normalize_unicode, hazm_normalizer
from reader.core.text.zwnj import restore_zwnj

ZWNJ = "\u200c"
_INVISIBLE = re.compile("[\u200b\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# hazm keeps diacritics when asked to; we drop them except the tanvin (ً) after alef: قبلاً، احتمالاً.
_FA_HARAKAT = re.compile("[\u064c-\u0652]")
_FA_TANVIN = re.compile("(?<!\u0627)\u064b")
_PARTICIPLE_SHODE = re.compile(
    r"(\S+)\u200c((?:ن)?شده)(?= (?:است|اند|بود|بودند|باشد|باشند|بوده|هستند|ام|ایم|اید)(?:[\s.،؛!؟]|$))"
)
# Spans hazm's tokenizer would break apart («https: / / www. » «۱۴۰۲ / ۰۶ / ۱۴» «۲٫۳ ٪»): kept whole.
_URLISH = re.compile(
    r"(?:https?://|www\.)[^\s«»\"<>]+[^\s«»\"<>.,،؛:!?؟)\]]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w.])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|ir|info|io|gov|edu|int|co|tv|news)(?:/[^\s«»\"]*)?"
    r"|[@#][\w\u200c]+",
)
_FA_PROTECT = re.compile(
    _URLISH.pattern
    + r"|(?<![\d/])[\d۰-۹٠-٩]{1,4}[/\-][\d۰-۹٠-٩]{1,2}[/\-][\d۰-۹٠-٩]{1,4}(?![\d/])"
    + r"|(?<![\d:])[\d۰-۹٠-٩]{1,2}:[\d۰-۹٠-٩]{2}(?::[\d۰-۹٠-٩]{2})?(?![\d:])"
    + r"|[\d۰-۹٠-٩]+(?:[.٫][\d۰-۹٠-٩]+)?\s?[%٪]"
    + r"|(?<=[^\W\d_])-[\d۰-۹٠-٩]+(?![\d۰-۹٠-٩])"  # کووید-۱۹، اف-۳۵
    + r"|(?<![^\W\d_])[^\W\d_](?:\.[^\W\d_]){1,7}\.?(?![^\W\d_])"  # ج.ا.ا. ه.ش. U.S.
)
_FA_DIGITS = str.maketrans(
    {**{str(i): chr(0x06F0 + i) for i in range(10)}, **{chr(0x0660 + i): chr(0x06F0 + i) for i in range(10)}}
)
_SPACED_DECIMAL = re.compile(r"(?<=\d) ٫ (?=\d)")  # hazm's tokenizer splits the ٫ it has just put in 3.5
_PARTICIPLE_SHODE_GLUED = re.compile(r"(\S+)\u200c((?:ن)?شده)(?=\u200c(?:اند|ایم|اید|ام|ای)(?:[\s.،؛!؟]|$))")
_AR_TATWEEL = re.compile("(?<=[\u0621-\u064a])\u0640+(?=[\u0621-\u064a])|(?<![\u0621-\u064a])\u0640+")
_AR_TATWEEL_RUN = re.compile("\u0640{2,}")
_AR_PERSIAN_LETTERS = str.maketrans({"ک": "ك", "ی": "ي", "ۀ": "ة", "ە": "ه"})
_AR_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[\u0600-\u06ff\w]) +(?=[،؛؟!:](?:\s|$))")


def _fa_diacritics(text: str) -> str:
    return _FA_TANVIN.sub("", _FA_HARAKAT.sub("", text))


def _protected_fa(token: str) -> str:
    """A URL, e-mail, date, time or percentage hazm would tear apart: digits and % only are Persianised."""
    if _URLISH.fullmatch(token):
        return token
    token = token.translate(_FA_DIGITS).replace("ي", "ی").replace("ك", "ک")
    if "%" in token or "٪" in token:
        token = "".join(token.split()).replace("%", "٪").replace(".", "٫")
    return token


def _hazm(text: str) -> str:
    """hazm's Normalizer on one piece of a line, keeping the piece's outer spacing."""
    if not text.strip():
        return text
    out = hazm_normalizer().normalize(text)
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return lead + out.strip() + trail


def normalize_line_fa(line: str) -> str:
    """Normalise one line of Persian."""
    text = _INVISIBLE.sub("", line)
    if not text.strip():
        return ""
    pieces: list[str] = []
    pos = 0
    for m in _FA_PROTECT.finditer(text):
        pieces.append(_hazm(text[pos : m.start()]))
        pieces.append(_protected_fa(m.group(0)))
        pos = m.end()
    pieces.append(_hazm(text[pos:]))
    text = "".join(pieces)
    text = _fa_diacritics(_SPACED_DECIMAL.sub("٫", text))
    text = _PARTICIPLE_SHODE_GLUED.sub(r"\1 \2", _PARTICIPLE_SHODE.sub(r"\1 \2", text))
    text = restore_zwnj(text)
    return _SPACES.sub(" ", text).strip()


def normalize_line_ar(line: str) -> str:
    """Normalise one line of Arabic."""
    text = _INVISIBLE.sub("", line).replace(ZWNJ, "")
    if not text.strip():
        return ""
    text = camel_normalize_unicode(text)
    text = camel_dediac(text)
    # stretching tatweel goes; one stays where it marks a detached prefix or abbreviation: «لـ بيروت»، «هـ»
    text = _AR_TATWEEL.sub("", _AR_TATWEEL_RUN.sub("\u0640", text)).translate(_AR_PERSIAN_LETTERS)
    text = _SPACES.sub(" ", text)
    text = _AR_SPACE_BEFORE_PUNCT.sub("", text)
    return text.strip()


def normalize_line(line: str, language: str) -> str:
    if "\n" in line:
        raise ValueError("normalize_line() takes a single line")
    return normalize_line_fa(line) if language == "fa" else normalize_line_ar(line)


@lru_cache(maxsize=1)
def _key_table() -> dict[int, str]:
    """Length-preserving fold used to align input and output: letters, digits and quotes that normalisation
    rewrites one for one compare equal, so only real edits become changed runs in the offset map."""
    table: dict[int, str] = {}
    for cp in list(range(0xFB50, 0xFDFF + 1)) + list(range(0xFE70, 0xFEFF + 1)):
        k = unicodedata.normalize("NFKC", chr(cp))
        if len(k) == 1:
            table[cp] = k
    variants = {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ە": "ه",
        "ۀ": "ه",
        "ة": "ه",
        "ھ": "ه",
        "ہ": "ه",
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "„": '"',
        "٫": ".",
        "٬": ",",
        "٪": "%",
        ZWNJ: " ",
        "\u00a0": " ",
        "\t": " ",
    }
    for src, dst in variants.items():
        table[ord(src)] = dst
    for k, v in list(table.items()):
        table[k] = variants.get(v, v)
    for i in range(10):
        table[0x06F0 + i] = str(i)
        table[0x0660 + i] = str(i)
    return table


def alignment_key(text: str) -> str:
    return text.translate(_key_table())


def align_line(original: str, normalized: str) -> offsets.Runs:
    """Offset map (normalised -> original) between one input line and its normalised form."""
    if original == normalized:
        return offsets.identity(len(original))
    return offsets.align(original, normalized, key=alignment_key)


def normalize_text(text: str, language: str) -> str:
    """Normalise a whole text line by line (line n of the output is line n of the input)."""
    return "\n".join(normalize_line(line, language) for line in text.split("\n"))


def normalize_paragraphs(paragraphs: list[str], language: str) -> tuple[list[str], list[str], offsets.Runs]:
    """Normalise single-line paragraphs; drop those that normalise to nothing.

    Returns ``(original_kept, normalised, runs)`` where ``"\\n\\n".join(normalised)`` maps to
    ``"\\n\\n".join(original_kept)`` through *runs*.
    """
    kept: list[str] = []
    out: list[str] = []
    parts: list[offsets.Runs] = []
    for para in paragraphs:
        norm = normalize_line(para, language)
        if not norm:
            continue
        if kept:
            parts.append([[2, 2]])
        kept.append(para)
        out.append(norm)
        parts.append(align_line(para, norm))
    return kept, out, offsets.concat(parts)
