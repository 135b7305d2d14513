"""ZWNJ (zero-width non-joiner, U+200C) restoration for Persian, beyond what hazm's Normalizer does.

Persian text scraped from the web often lost its ZWNJs: سیبهای instead of سیب‌های, شدهاند instead of شده‌اند,
نزدیکتر instead of نزدیک‌تر. hazm restores only some (می‌ before verbs in its list, ه‌ها). Here every Persian
word is checked against hazm's lexicon (words.dat and its conjugated verb forms):

1. a word the lexicon knows as it is written (with a corpus frequency or a part of speech) is left alone:
   تنها، بهتر، میدان، میوه، دختر، کشور;
2. a word whose ZWNJ-less spelling is a lexicon compound or verb form gets the lexicon's spelling:
   رئیسجمهور → رئیس‌جمهور, میشدهاند → می‌شده‌اند, گفتوگو → گفت‌وگو;
3. otherwise it is split into a stem the lexicon knows plus a suffix, with a ZWNJ between them, when the
   suffix fits the stem: plural ها/های/هایی/هایم/هایش/... after a noun or adjective (سیب‌های),
   تر/تری/ترین after an adjective (نزدیک‌تر), and ای/ام/ات/اش/اند/ایم/اید/ی after a silent final ه
   (هسته‌ای، شده‌اند، خانه‌ی), never after a pronounced ه (راهی، گروهی، توجهی); ی only after stems of 4+
   letters (زرهی stays); ام/اش/اند... after final ی (تجاری‌اش).

When both a plural and a silent-ه reading exist (سالهای: سال‌های or ساله‌ای?), the plural wins if its stem is
much more frequent in hazm's counts, or the ه-stem is a participle before ای (پرداخت‌های), or it would need
«هه» (ماه‌های); otherwise the ه reading (دسته‌ای، دوره‌ای). No ZWNJ is added after a letter that never joins
leftwards (ا د ذ ر ز ژ و), where it would change nothing on screen (شهرها، دانشجوها). ZWNJs the text already
has are kept; words the lexicon does not know are left alone, except a plural ها/های after an unknown stem of
3+ letters ending in a joining letter (تیم‌های، ایمیل‌ها: gaps of the lexicon).
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.core.text.backends import PersianLexicon, persian_lexicon

ZWNJ = "\u200c"

_LETTERS = "ءآأؤئابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیۀةيك"
_TOKEN = re.compile(f"[{_LETTERS}][{_LETTERS}{ZWNJ}]*")

_PLURAL = ("هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها")
_COMPARATIVE = ("ترین", "تری", "تر")
_AFTER_H = ("ایم", "اید", "اند", "ام", "ات", "اش", "ای", "ی")

# Words ending in a pronounced (consonantal) ه: a suffix joins them directly (گروهی، توجهی، شبهای = nights).
_PRONOUNCED_H = frozenset(
    "کوه گروه انبوه اندوه شکوه ستوه پژوه نستوه مکروه توجه متوجه تنبه مشابه متشابه شبه مشتبه مشبه فقه وجه"
    " شبیه فقیه سفیه تنبیه توجیه تشبیه تنزیه کریه نزیه وجیه نبیه تمویه تنزه منزه ابله فربه فره منبه"
    " کنه تبه الله اله".split()
)
_PREFIXES = frozenset("با بی پر نا هم کم خوش بد".split())
_NON_JOINING = frozenset("اآأإدذرزژوؤۀةءٱ")
_NOUNISH = frozenset({"N", "AJ", "PL", "NUM", "RES"})


def _silent_h(stem: str, lex: PersianLexicon) -> bool:
    """Does *stem* end in a silent ه (خانه، شده) rather than a pronounced one (راه، کوه، توجه)?"""
    if not stem.endswith("ه") or len(stem) < 3:
        return False
    if stem[-2] == "ا":  # راه، نگاه، دانشگاه
        return False
    if stem in _PRONOUNCED_H:
        return False
    for word in _PRONOUNCED_H:  # compounds: باشکوه، دانش‌پژوه، هم‌گروه
        if len(word) >= 3 and stem.endswith(word):
            head = stem[: -len(word)].rstrip(ZWNJ)
            if head in _PREFIXES or lex.known(head):
                return False
    return True


def _stem_form(stem: str, lex: PersianLexicon) -> tuple[str, tuple[str, ...]] | None:
    """The spelling and POS tags of a stem the lexicon knows (directly or as a ZWNJ compound)."""
    if lex.known(stem):
        return stem, lex.tags(stem)
    joined = lex.joined.get(stem)
    if joined is not None:
        tags = lex.tags(joined)
        return joined, (tags if tags and tags != ("0",) else ("N", "AJ"))
    if (
        stem.endswith("ی") and len(stem) >= 4 and lex.known(stem[:-1])
    ):  # همکاری، تجاری (ی of nouns/adjectives)
        return stem, ("N", "AJ")
    return None


_SUFFIXES = frozenset(
    (*_PLURAL, *_COMPARATIVE, *_AFTER_H, "اش", "ام", "ات", "شان", "تان", "مان", "می", "نمی")
)
_PLURAL_FREQ_RATIO = 4
_PREFER_H = frozenset({"خانه"})  # خانه‌ای: hazm's counts for خان are inflated by names (…خان)
_NUMBER_WORDS = frozenset("صد هزار میلیون میلیارد تریلیون ده".split())
_PERSONAL = ("اش", "ام", "ات", "اند", "ایم", "اید")


def _plural_reading(word: str, lex: PersianLexicon) -> str | None:
    for suffix in _PLURAL:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < 2 or stem in _NUMBER_WORDS:
            continue
        form = _stem_form(stem, lex)
        if form is not None and set(form[1]) & _NOUNISH:
            return form[0] + ZWNJ + suffix
    return None


_BARE_PLURAL = ("هایی", "های", "ها")
_JOINING_END = frozenset("بپتثجچحخسشصضطظعغفقکگلمنی")


def _unknown_stem_plural(word: str, lex: PersianLexicon) -> str | None:
    """ها/های after a stem the lexicon lacks (تیم، ایمیل، پهپاد...): still a plural when the stem is 3+ letters
    ending in a joining letter, is no word itself and is not a known word plus ی (the words that really end in
    ها/های — تنها، رها، بها — are in the lexicon or shorter)."""
    for suffix in _BARE_PLURAL:
        stem = word[: -len(suffix)]
        if (
            word.endswith(suffix)
            and len(stem) >= 3
            and stem[-1] in _JOINING_END
            and not any(lex.known(w) for w in (stem + "ه", stem + "ها", word[:-1], stem + "هی"))
        ):
            return stem + ZWNJ + suffix
    return None


def _h_reading(word: str, lex: PersianLexicon) -> tuple[str, str, str] | None:
    """``(spelling, stem, suffix)`` for a suffix after a silent final ه: هسته‌ای، شده‌اند، خانه‌ی."""
    for suffix in _AFTER_H:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < 3 or not _silent_h(stem, lex):
            continue
        if suffix == "ی" and len(stem) < 4:
            continue  # زرهی، گرهی: short stems too often end in a pronounced ه
        form = _stem_form(stem, lex)
        if form is not None and set(form[1]) & (_NOUNISH | {"V", "0"}):
            return form[0] + ZWNJ + suffix, stem, suffix
    return None


def _yeh_reading(word: str, lex: PersianLexicon) -> str | None:
    """A personal ending after final ی: تجاری‌اش، جمهوری‌اش، ایرانی‌اند."""
    for suffix in _PERSONAL:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < 3 or not stem.endswith("ی"):
            continue
        if lex.known(stem) or lex.known(stem[:-1]):
            return stem + ZWNJ + suffix
    return None


def _comparative_reading(word: str, lex: PersianLexicon) -> str | None:
    for suffix in _COMPARATIVE:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < 2:
            continue
        if suffix != "تر" and lex.known(stem + "تر"):
            return None  # بیشتری، بهترین: the lexicon writes the comparative joined, so keep it joined
        form = _stem_form(stem, lex)
        if form is not None and "AJ" in form[1]:
            return form[0] + ZWNJ + suffix
    return None


def analyse(word: str, lex: PersianLexicon | None = None) -> str | None:
    """The ZWNJ spelling of a ZWNJ-less *word*, or None when it should stay as it is."""
    lex = lex or persian_lexicon()
    if len(word) < 3 or lex.known(word):
        return None
    for suffix in ("ترین", "تری"):
        if word.endswith(suffix) and lex.known(word[: -len(suffix)] + "تر"):
            return None  # بیشترین: the lexicon writes the comparative بیشتر joined, so its superlative too
    plural = _plural_reading(word, lex)
    joined = lex.joined.get(word)
    if joined is not None:
        # پرداختهای: "payments" (plural) rather than the verb form پرداخته‌ای ("you have paid")
        verb_form = joined not in lex.words
        if verb_form and plural is not None and joined.endswith("ه" + ZWNJ + "ای") and word.endswith("های"):
            return plural
        return joined
    h = _h_reading(word, lex)
    if h is not None and plural is not None:
        _spelling, stem, suffix = h
        if stem.endswith("هه"):  # ماههای = ماه + های, not ماهه + ای
            return plural
        if suffix == "ای" and stem[:-1] in lex.past_stems:  # ساختهای = ساخت + های
            return plural
        # both readings exist (سالهای: سال‌های or ساله‌ای?): the plural wins when its stem is far more
        # frequent in hazm's corpus counts (سال, روز, سفر), the silent-ه reading otherwise (دسته‌ای, دوره‌ای)
        plural_stem = word[: -len(suffix) - 1] if suffix in ("ای", "ایم", "اید", "ام", "ات", "اش") else ""
        if (
            plural_stem
            and stem not in _PREFER_H
            and lex.freq(plural_stem) > _PLURAL_FREQ_RATIO * max(lex.freq(stem), 1)
        ):
            return plural
    if h is not None:
        return h[0]
    if plural is not None:
        return plural
    yeh = _yeh_reading(word, lex)
    if yeh is not None:
        return yeh
    bare = _unknown_stem_plural(word, lex)
    if bare is not None:
        return bare
    for suffix in ("یان", "ان", "ی"):  # تحول‌آفرینی، سرمایه‌گذاران، سیاست‌گذاری
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and not lex.known(stem) and stem in lex.joined:
            return lex.joined[stem] + suffix
    return _comparative_reading(word, lex)


def _merge(token: str, analysed: str) -> str:
    """Union of the ZWNJs already in *token* and those in *analysed* (same letters)."""

    def zwnj_positions(text: str) -> set[int]:
        found: set[int] = set()
        k = 0
        for ch in text:
            if ch == ZWNJ:
                found.add(k)
            else:
                k += 1
        return found

    existing = zwnj_positions(token)
    positions = existing | zwnj_positions(analysed)
    letters = token.replace(ZWNJ, "")
    out: list[str] = []
    for k, ch in enumerate(letters):
        # a ZWNJ after a letter that never joins leftwards (ا د ر ز و ...) changes nothing on screen: add none
        if k in positions and k > 0 and (k in existing or letters[k - 1] not in _NON_JOINING):
            out.append(ZWNJ)
        out.append(ch)
    return "".join(out)


def restore_word(token: str, lex: PersianLexicon | None = None) -> str:
    """Restore the ZWNJs of one word (which may already hold some)."""
    lex = lex or persian_lexicon()
    if ZWNJ in token:
        # respect the ZWNJs already there; only the parts may still need help: سرمایه‌گذاریهای
        parts = [p if p in _SUFFIXES else (analyse(p, lex) or p) for p in token.split(ZWNJ)]
        return _merge(token, ZWNJ.join(parts))
    analysed = analyse(token, lex)
    if analysed is None:
        return token
    merged = _merge(token, analysed)
    # a part may itself be a compound: توافقنامه‌ای → توافق‌نامه‌ای
    parts = [p if p in _SUFFIXES or len(p) < 5 else (analyse(p, lex) or p) for p in merged.split(ZWNJ)]
    return _merge(merged, ZWNJ.join(parts))


@lru_cache(maxsize=65536)
def _restore_default(token: str) -> str:
    return restore_word(token, persian_lexicon())


def restore_zwnj(text: str, lex: PersianLexicon | None = None) -> str:
    """Restore missing ZWNJs in Persian *text*; everything but the inserted ZWNJs stays as it was."""
    if lex is None:
        return _TOKEN.sub(lambda m: _restore_default(m.group(0)), text)
    cache: dict[str, str] = {}

    def repl(m: re.Match[str]) -> str:
        token = m.group(0)
        out = cache.get(token)
        if out is None:
            out = restore_word(token, lex)
            cache[token] = out
        return out

    return _TOKEN.sub(repl, text)
