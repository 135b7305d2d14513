"""Find a name that the translation renders by meaning (organisations, "Isfahan Province") in the English.

No dictionary knows "سازمان قطار شهری اصفهان", but its words do: سازمان → Organization, قطار → Railway/Train,
شهری → Urban/City, اصفهان → Isfahan (a known place). The English form is the run of words in the translation
that those hints cover best: capitalised words, hint words and connectors (of, and, the...), at least two of the
name's words found in it (one of them through a hint or a place, not only by sound) and at least one word
capitalised. Sources of hints, per word of the name:

- ``meaning_words`` of the hand lexicon (resources/ner/lexicon.json), looked up without the Arabic article,
  clitics (و ب ل), Persian plural/ezafe endings or the Arabic feminine ending;
- places the gazetteer knows, with their English names and adjectives (الأردنية → Jordan/Jordanian);
- the sound of the word (میزان ↔ Mizan), for the proper names inside organisation names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from reader.core.entities.lexicon import Entry, Lexicon, demonyms, place_of_adjective
from reader.core.entities.text import clitic_splits, key, tokenize, word_key  # noqa: F401 (re-exported)
from reader.core.entities.translit import similarity

CONNECTORS = frozenset({"of", "and", "the", "for", "on", "in", "al", "el", "de", "du", "des", "la", "le", "&"})
_FUNCTION_WORDS = {
    "fa": {"و", "از", "در", "به", "برای", "با", "را", "که", "این", "آن", "یا"},
    "ar": {"و", "في", "من", "على", "عن", "الى", "إلى", "ل", "ب", "ال", "او", "أو", "التابعة", "التابع"},
}
_TRANSLIT_MIN = 0.8
MAX_EXTRA_WORDS = 3  # English words in a run beyond the name's own words


class _Word(Protocol):
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _Hint:
    english: frozenset[str]  # lower-case English words the source word may become
    kind: str  # "hint" | "place"


def _reductions(w: str, lang: str) -> list[str]:
    """The word, without a leading clitic, the article, Persian plural/ezafe endings or a feminine ending."""
    bases = [w] + [rest for _p, rest in clitic_splits(w, lang)]
    out: list[str] = []
    for b in bases:
        b = word_key(b, lang)
        forms = [b]
        for suffix in ("های", "ها", "ات", "ین", "ون", "ه", "ی"):
            if b.endswith(suffix) and len(b) - len(suffix) >= 2:
                forms.append(b[: -len(suffix)])
        if b.endswith("یه") and len(b) >= 5:
            forms.append(b[:-1])  # الوطنیه → وطنی
        out += [f for f in forms if f not in out]
    return out


def _english_words(names: Sequence[str]) -> set[str]:
    """Words of English names, lower-case; acronyms (US, UN) keep their case and match only as written."""
    return {w if w.isupper() and len(w) <= 4 else w.lower()
            for n in names for w in re.split(r"[\s\-]+", n) if len(w) >= 2}


def _place_forms(entry: Entry, lex: Lexicon) -> frozenset[str]:
    return frozenset(_english_words([entry.en, *entry.alt, *demonyms(entry.en, lex)]))


def source_hints(words: Sequence[str], lex: Lexicon) -> list[_Hint | None]:
    """For each normalised source word, the English words it may be translated by (None: no hint)."""
    lang = lex.lang
    out: list[_Hint | None] = [None] * len(words)
    # places first, over two words then one (کره جنوبی, اصفهان, الأردنیه)
    for i in range(len(words)):
        if i + 1 < len(words) and out[i] is None:
            for w0 in _reductions(words[i], lang)[:2]:
                e = lex.names.get(key(w0 + words[i + 1]))
                if e is not None and e.type == "LOCATION":
                    out[i] = out[i + 1] = _Hint(_place_forms(e, lex), "place")
                    break
    for i, w in enumerate(words):
        if out[i] is not None:
            continue
        english: set[str] = set()
        kind = ""
        for r in _reductions(w, lang):
            if r in lex.meaning:
                english |= _english_words(lex.meaning[r])
                kind = kind or "hint"
        for r in [w, *[rest for _p, rest in clitic_splits(w, lang)]]:
            e = lex.names.get(r)
            if e is None or e.type != "LOCATION":
                e = place_of_adjective(r, lex)
            if e is not None and e.type == "LOCATION":
                english |= _place_forms(e, lex)
                kind = "place"
                break
        if english:
            out[i] = _Hint(frozenset(english), kind)
    return out


def same_word(english: str, hint: str) -> bool:
    """Is the English word *english* the hint word (or a form of it: Revolution/Revolutionary, Guard/Guards,
    Organisation/Organization)? Both lower-case."""
    if english == hint:
        return True
    if english.rstrip("s") == hint.rstrip("s"):
        return True
    n = min(len(english), len(hint))
    if n < 5:
        return False
    common = 0
    while common < n and english[common] == hint[common]:
        common += 1
    return common >= max(5, -(-3 * n // 4))


def _content(name: str, lang: str) -> tuple[list[str], list[str]]:
    """(normalised words, words as written) of a name, without function words and punctuation."""
    toks = [t for t in tokenize(name) if t.norm[:1].isalpha() and t.norm not in _FUNCTION_WORDS.get(lang, ())]
    return [t.norm for t in toks], [t.text for t in toks]


def candidates(name: str, lang: str, translation: str, words: Sequence[_Word], lex: Lexicon
               ) -> list[tuple[float, int, int, str]]:
    """(score, start, end, "meaning") of the English runs that render *name* by meaning (best one per run of
    capitalised or hinted words)."""
    norms, raws = _content(name, lang)
    n = len(norms)
    if n < 2 or not words:
        return []
    hints = source_hints(norms, lex)
    low = [w.text.lower().removesuffix("'s").removesuffix("’s") for w in words]
    # which source words each English word renders
    matched: list[dict[int, str]] = []
    for k, w in enumerate(words):
        hit: dict[int, str] = {}
        for i, h in enumerate(hints):
            if h is not None and any(w.text == x if x.isupper() else same_word(low[k], x) for x in h.english):
                hit[i] = h.kind
            elif (w.text[:1].isupper() and len(norms[i]) >= 3 and h is None
                  and similarity(raws[i], lang, w.text) >= _TRANSLIT_MIN):
                hit[i] = "sound"
        matched.append(hit)
    out: list[tuple[float, int, int, str]] = []
    k = 0
    while k < len(words):
        if not _joinable(words[k], low[k], matched[k]) or low[k] in CONNECTORS:
            k += 1
            continue
        end = k
        while end < len(words) and _joinable(words[end], low[end], matched[end]) and (
                end == k or _adjacent(translation, words[end - 1], words[end])):
            end += 1
        best = _best_span(k, end, words, low, matched, n)
        if best is not None:
            out.append(best)
        k = end
    return out


def _joinable(w: _Word, lower: str, hit: dict[int, str]) -> bool:
    return bool(hit) or w.text[:1].isupper() or lower in CONNECTORS


def _adjacent(translation: str, a: _Word, b: _Word) -> bool:
    """Only spaces, a hyphen or a possessive 's between two words: a comma or a full stop ends a name."""
    return re.fullmatch(r"(?:['’]s)?[\s\-]*", translation[a.end:b.start]) is not None


def _best_span(seg_start: int, seg_end: int, words: Sequence[_Word], low: Sequence[str],
               matched: Sequence[dict[int, str]], n: int) -> tuple[float, int, int, str] | None:
    need = max(2, round(0.4 * n))
    best: tuple[tuple[int, ...], int, int] | None = None
    for a in range(seg_start, seg_end):
        if low[a] in CONNECTORS:
            continue
        for b in range(a + 1, min(seg_end, a + n + MAX_EXTRA_WORDS + 3) + 1):
            if low[b - 1] in CONNECTORS:
                continue
            found: dict[int, str] = {}
            unmatched = hit_words = 0
            capital = False
            for j in range(a, b):
                if low[j] in CONNECTORS:
                    continue
                capital = capital or words[j].text[:1].isupper()
                if matched[j]:
                    hit_words += 1
                    for i, kind in matched[j].items():
                        found.setdefault(i, kind)
                        if kind != "sound":
                            found[i] = kind
                else:
                    unmatched += 1
            m = len(found)
            if m < need or not capital or not any(kind != "sound" for kind in found.values()):
                continue
            excess = max(0, unmatched - (n - m))
            if excess > MAX_EXTRA_WORDS:
                continue
            rank = (m, -excess, hit_words, min(unmatched, n - m), -(b - a))
            if best is None or rank > best[0]:
                best = (rank, a, b)
    if best is None:
        return None
    (m, *_), a, b = best
    return 1.1 + 0.02 * min(m, 5), words[a].start, words[b - 1].end, "meaning"
