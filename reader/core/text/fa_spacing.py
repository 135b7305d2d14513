"""hazm's Persian normalisation steps, run one by one so that word joining can look at the context.

hazm's ``Normalizer.normalize`` joins two space-separated words with a ZWNJ whenever the joined spelling is in
its lexicon. That is right for «زمین لرزه» → «زمین‌لرزه» but wrong where the two words form a phrase in this
sentence: «نام برده شد» (a passive verb: "was named", not the adjective «نام‌برده») or «ایالات متحده» (a noun and
its adjective, written apart). Here the same steps run in hazm's order with :func:`token_spacing` deciding the
joins:

- a verb form (می‌رود, شده‌اند) and a suffix (ها, تر, ای after ه) join as in hazm;
- two words whose joined form is a lexicon word join (زمین لرزه → زمین‌لرزه), except when the second is a
  participle followed by an auxiliary or passive verb («نام برده شد», «مورد استفاده قرار گرفت»), the first is
  a plural («ایالات متحده», «اطلاعات بیشتر»), or the pair is a phrase the Academy writes apart.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from reader.core.text.backends import hazm_normalizer, persian_lexicon

ZWNJ = "\u200c"
_AUXILIARIES = frozenset(
    "شد شده شدند شود شوند می‌شود می‌شوند نمی‌شود شده‌است شده‌اند است اند بود بودند باشد باشند گردید گردیدند"
    " می‌گردد گشت کرد کردند قرار".split()
)
# Pairs the lexicon joins but Persian writes apart in running text (noun + adjective, name phrases).
_APART = frozenset({("ایالات", "متحده"), ("سازمان", "ملل"), ("ملل", "متحد"), ("نام", "برده")})
_SECOND_APART = frozenset({"کل", "همه", "هر", "این", "آن"})  # «رئیس کل بانک»: a phrase, not «رئیس‌کل»


@lru_cache(maxsize=1)
def _compiled() -> dict[str, Any]:
    n = hazm_normalizer()

    def comp(patterns: list[tuple[str, str]]) -> list[tuple[re.Pattern[str], str]]:
        return [(re.compile(p), r) for p, r in patterns]

    return {
        "translation": str.maketrans(n.translation_src, n.translation_dst),
        "style": comp(n.persian_style_patterns),
        "extra_space": comp(n.extra_space_patterns),
        "affix": comp(n.affix_spacing_patterns),
        "punct": comp(n.punctuation_spacing_patterns),
    }


def _apply(patterns: list[tuple[re.Pattern[str], str]], text: str) -> str:
    for rx, repl in patterns:
        text = rx.sub(repl, text)
    return text


def _participle_phrase(second: str, nxt: str) -> bool:
    """«برده شد», «استفاده قرار»: *second* is a past participle and *nxt* an auxiliary, so a verb phrase."""
    if nxt not in _AUXILIARIES or not second.endswith("ه") or len(second) < 3:
        return False
    stem = second[:-1]
    return stem in persian_lexicon().past_stems or nxt in ("قرار", "شد", "شده", "شود", "گردید")


def token_spacing(tokens: list[str], *, join_words: bool = True) -> list[str]:
    """hazm's ``token_spacing`` with context: join only where the joined word fits (see module doc).

    *join_words* False (a text that writes its own ZWNJs): two words stay apart as written; only verb forms
    and suffixes join."""
    n = hazm_normalizer()
    words, verbs, suffixes = n.words, n.verbs, n.suffixes
    result: list[str] = []
    for t, token in enumerate(tokens):
        joined = False
        nxt = tokens[t + 1] if t + 1 < len(tokens) else ""
        if result:
            prev = result[-1]
            pair = prev + ZWNJ + token
            if pair in verbs:
                joined = not (nxt and token + "_" + nxt in verbs)
            elif join_words and pair in words and words[pair][0] > 0:
                joined = not (
                    (nxt and token + "_" + nxt in verbs)
                    or _participle_phrase(token, nxt)
                    or (prev, token) in _APART
                    or token in _SECOND_APART
                    or "PL" in words.get(prev, (0, ()))[1]
                )
            elif token in suffixes and prev in words:
                joined = True
        if joined:
            result[-1] = result[-1] + ZWNJ + token
        else:
            result.append(token)
    return result


def hazm_normalize(text: str, *, join_words: bool = True) -> str:
    """hazm's normalisation (as configured in :mod:`reader.core.text.backends`) with contextual joining."""
    n = hazm_normalizer()
    c = _compiled()
    text = text.translate(c["translation"])
    text = _apply(c["style"], text)
    text = _apply(c["extra_space"], text)
    text = "\n".join(
        " ".join(token_spacing(n.tokenizer.tokenize(line), join_words=join_words))
        for line in text.split("\n")
    )
    text = _apply(c["affix"], text)
    text = _apply(c["punct"], text)
    text = n.unicodes_replacement(text)
    text = n.remove_specials_chars(text)
    text = n.decrease_repeated_chars(text)
    return n.seperate_mi(text)
