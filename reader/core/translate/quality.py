"""Per-sentence quality flags, each with one human line explaining it.

Flags (``reader.core.types.Flag.code``):

- ``empty``: the model produced nothing for a sentence that has words.
- ``untranslated``: a large share of the output's letters are still Arabic script (the model copied its input).
- ``length_ratio``: English length / source length is outside the range expected for the language.
- ``repetition``: an n-gram repeats back to back (the decoder got stuck in a loop).
- ``low_score``: the model's mean log-probability per target token is below a threshold.

Length-ratio ranges (``QualitySettings.length_ratio``). Lengths count visible characters: whitespace, ZWNJ,
tatweel and Arabic diacritics are left out, since they vary with typing habits rather than content.
Persian and Arabic script leave short vowels unwritten and glue clitics to words (Arabic و/ب/ل/ال, pronoun
suffixes; Persian را/ها/ی and verb prefixes), so English needs more letters for the same content. On the
parallel sentences we wrote for the tests (tests/support/testcorpus.py, 900 news-style sentences) the English/
source ratio is 1.30 ± 0.12 for Persian and 1.30 ± 0.19 for Arabic (range 0.87–1.86). There is no real
parallel news corpus on this machine to fit the spread, and real sentences vary more than templates (names,
numbers, idioms), so the bounds are deliberately wide, about ±2.5–4 sd around 1.3: below 0.7 a translation has
most likely lost a third of the sentence; above 2.2 (fa) / 2.4 (ar: short Arabic sentences, with dropped
copulas and attached articles, expand more) the output is almost surely invented or looping. Both are
settings, to be re-fitted once real model output is collected (``tarjoman translate --format json``).
Sources under ``min_ratio_chars`` visible characters (titles, datelines) are not checked: one name changes
their ratio a lot.

Low score: CTranslate2 returns the cumulative log-probability divided by ``length ** length_penalty``;
:func:`per_token_logprob` undoes that. Good real-model output averages about -0.2 to -0.7 per token; below
-1.5 (≈ 22 % average token probability) the model was guessing.
"""

from __future__ import annotations

import math
import re

from reader.core.translate.settings import QualitySettings
from reader.core.types import Flag

_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_INVISIBLE = re.compile("[\\s\u200c\u200d\u200e\u200f\u0640\u064b-\u065f\u0670]")
_TOKENS = re.compile(r"\w+|[^\w\s]")
_NAMES = {"fa": "Persian", "ar": "Arabic"}


def visible_length(text: str) -> int:
    return len(_INVISIBLE.sub("", text))


def arabic_script_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if _ARABIC_SCRIPT.match(c)) / len(letters)


def per_token_logprob(score: float, n_tokens: int, length_penalty: float) -> float:
    """Mean log-probability per token from a CTranslate2 hypothesis score."""
    n = max(1, n_tokens)
    return score * (n**length_penalty) / n


def find_loop(text: str, copies: int = 3, max_n: int = 6) -> str | None:
    """The first n-gram (n ≤ max_n) repeated *copies* times in a row (single words: copies + 1), or None."""
    tokens = _TOKENS.findall(text.lower())
    for n in range(1, max_n + 1):
        need = copies + 1 if n == 1 else copies
        for i in range(len(tokens) - n * need + 1):
            gram = tokens[i : i + n]
            if not any(re.search(r"\w", t) for t in gram):
                continue  # "..." or "- - -" is punctuation, not a loop
            if all(tokens[i + k * n : i + (k + 1) * n] == gram for k in range(1, need)):
                return " ".join(gram)
    return None


def assess(
    source: str,
    translation: str,
    *,
    language: str,
    logprob: float | None = None,
    settings: QualitySettings | None = None,
) -> tuple[Flag, ...]:
    """Quality flags for one translated sentence (empty tuple when nothing looks wrong)."""
    q = settings or QualitySettings()
    src_len = visible_length(source)
    out_len = visible_length(translation)
    if out_len == 0:
        if src_len and any(c.isalpha() for c in source):
            return (Flag("empty", "The model returned no translation for this sentence."),)
        return ()
    flags: list[Flag] = []
    share = arabic_script_share(translation)
    if share >= q.untranslated_share:
        name = _NAMES.get(language, "source-language")
        flags.append(Flag("untranslated", f"{share:.0%} of the translation is still in Arabic script: "
                                           f"the model left {name} text untranslated."))
    if src_len >= q.min_ratio_chars:
        low, high = q.ratio_range(language)
        ratio = out_len / src_len
        if ratio < low:
            flags.append(Flag("length_ratio", f"The translation is unusually short ({ratio:.2f}× the source, "
                                               f"expected {low}–{high}×): part of the sentence may be missing."))
        elif ratio > high:
            flags.append(Flag("length_ratio", f"The translation is unusually long ({ratio:.2f}× the source, "
                                               f"expected {low}–{high}×): it may contain invented or repeated text."))
    loop = find_loop(translation, q.repeat_copies)
    if loop is not None:
        shown = loop if len(loop) <= 40 else loop[:37] + "..."
        flags.append(Flag("repetition", f"The translation repeats “{shown}” over and over: the model got stuck "
                                         "in a loop."))
    if logprob is not None and logprob < q.low_score:
        flags.append(Flag("low_score", f"The model was unsure of this translation (average token probability "
                                        f"{math.exp(logprob):.0%}); check it against the source."))
    return tuple(flags)
