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

from reader.core.text import fa_spacing, offsets
from reader.core.text.backends import camel_dediac, camel_normalize_unicode
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
# Spans that pass through untouched (hazm's tokenizer would tear them apart: «1,700» → «۱ , ۷۰۰», «S24» → «S ۲۴»):
# URLs, e-mails, domains, @handles and #hashtags; numbers with their separators, signs and percent
# («۱٬۲۹۹», «2.3%», «۰۲۱-۸۸۰۰۱۲۳۴», «11:30», «1402/06/14»); Latin words and model names («Galaxy S24»,
# «iOS 17.0.1», «F-35»); a number hyphenated to a word («کووید-19»); dotted abbreviations («ج.ا.ا.», «U.S.»).
_URLISH = re.compile(
    r"(?:https?://|www\.)[^\s«»\"<>]+[^\s«»\"<>.,،؛:!?؟)\]]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w.])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|ir|info|io|gov|edu|int|co|tv|news)(?:/[^\s«»\"]*)?"
    r"|[@#][\w\u200c]+",
)
_ALNUM = "A-Za-z0-9\u06f0-\u06f9\u0660-\u0669\u00c0-\u024f"
_FA_PROTECT = re.compile(
    _URLISH.pattern
    + r"|(?<=[^\W\d_])-[\d۰-۹٠-٩]+(?![\d۰-۹٠-٩])"  # کووید-۱۹، اف-۳۵
    + r"|(?<![^\W\d_])[^\W\d_](?:\.[^\W\d_]){1,7}\.?(?![^\W\d_])"  # ج.ا.ا. ه.ش. U.S.
    + rf"|\+?[{_ALNUM}]+(?:[.,٫٬/:\-–_'’+&][{_ALNUM}]+)*(?:\s?[%٪])?"
)
_STRAIGHT_QUOTES = re.compile(r'"([^\n"]+)"')
_SPACED_DECIMAL = re.compile(r"(?<=\d) ٫ (?=\d)")  # hazm's tokenizer splits the ٫ it has just put in 3.5
_PARTICIPLE_SHODE_GLUED = re.compile(r"(\S+)\u200c((?:ن)?شده)(?=\u200c(?:اند|ایم|اید|ام|ای)(?:[\s.،؛!؟]|$))")
_AR_TATWEEL = re.compile("(?<=[\u0621-\u064a])\u0640+(?=[\u0621-\u064a])|(?<![\u0621-\u064a])\u0640+")
_AR_TATWEEL_RUN = re.compile("\u0640{2,}")
_AR_PERSIAN_LETTERS = str.maketrans({"ک": "ك", "ی": "ي", "ۀ": "ة", "ە": "ه"})
_AR_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[\u0600-\u06ff\w]) +(?=[،؛؟!:](?:\s|$))")


def _fa_diacritics(text: str) -> str:
    return _FA_TANVIN.sub("", _FA_HARAKAT.sub("", text))


def _hazm(text: str, join_words: bool = True) -> str:
    """hazm's Normalizer steps on one piece of a line, keeping the piece's outer spacing.

    The steps are hazm's own (letter variants ي→ی ك→ک, «» quotes, spacing of affixes and punctuation, می‌,
    repeated letters) except the joining of two words into one, which :func:`fa_spacing.token_spacing` does
    only where the joined word fits its context (see there).
    """
    if not text.strip():
        return text
    out = fa_spacing.hazm_normalize(text, join_words=join_words)
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return lead + out.strip() + trail


def _free_piece_fa(text: str, restore: bool) -> str:
    text = _fa_diacritics(_SPACED_DECIMAL.sub("٫", _hazm(text, join_words=restore)))
    text = _PARTICIPLE_SHODE_GLUED.sub(r"\1 \2", _PARTICIPLE_SHODE.sub(r"\1 \2", text))
    return restore_zwnj(text) if restore else text


def normalize_line_fa(line: str, *, restore: bool = True) -> str:
    """Normalise one line of Persian; *restore* adds missing ZWNJs (off for a text that carries its own)."""
    text = _INVISIBLE.sub("", line)
    if not text.strip():
        return ""
    text = _STRAIGHT_QUOTES.sub(r"«\1»", text)  # over the whole line: a number may stand between the quotes
    pieces: list[str] = []
    pos = 0
    for m in _FA_PROTECT.finditer(text):
        if m.start() > pos:
            pieces.append(_free_piece_fa(text[pos : m.start()], restore))
        pieces.append(m.group(0))  # numbers, Latin, URLs, handles: untouched
        pos = m.end()
    pieces.append(_free_piece_fa(text[pos:], restore))
    return _SPACES.sub(" ", "".join(pieces)).strip()


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


def normalize_line(line: str, language: str, *, restore: bool = True) -> str:
    if "\n" in line:
        raise ValueError("normalize_line() takes a single line")
    return normalize_line_fa(line, restore=restore) if language == "fa" else normalize_line_ar(line)


_FA_WORD = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c]+")
_CARRIES_MIN_ZWNJ = 3
_CARRIES_DENSITY = 0.03


def carries_zwnj(text: str) -> bool:
    """Does this Persian text write its own ZWNJs (then its spelling is kept: no restoration)?

    News text that uses ZWNJ has one every 5-15 words (می‌، ها، ای); a page whose ZWNJs were stripped has none
    and a careless one a handful. Under 3% of the words, restoration runs.
    """
    count = text.count(ZWNJ)
    if count < _CARRIES_MIN_ZWNJ:
        return False
    words = len(_FA_WORD.findall(text))
    return count >= _CARRIES_DENSITY * max(words, 1)


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


def normalize_text(text: str, language: str, *, restore: bool | None = None) -> str:
    """Normalise a whole text line by line (line n of the output is line n of the input).

    ZWNJ restoration runs unless the text carries its own ZWNJs (:func:`carries_zwnj`) or *restore* says.
    """
    if restore is None:
        restore = not carries_zwnj(text)
    return "\n".join(normalize_line(line, language, restore=restore) for line in text.split("\n"))


def normalize_paragraphs(
    paragraphs: list[str], language: str, *, restore: bool | None = None
) -> tuple[list[str], list[str], offsets.Runs]:
    """Normalise single-line paragraphs; drop those that normalise to nothing.

    Returns ``(original_kept, normalised, runs)`` where ``"\\n\\n".join(normalised)`` maps to
    ``"\\n\\n".join(original_kept)`` through *runs*. ZWNJ restoration is decided for the whole document.
    """
    if restore is None:
        restore = not carries_zwnj("\n".join(paragraphs))
    kept: list[str] = []
    out: list[str] = []
    parts: list[offsets.Runs] = []
    for para in paragraphs:
        norm = normalize_line(para, language, restore=restore)
        if not norm:
            continue
        if kept:
            parts.append([[2, 2]])
        kept.append(para)
        out.append(norm)
        parts.append(align_line(para, norm))
    return kept, out, offsets.concat(parts)
