"""Put required English (glossary terms, agreed name spellings) into a model translation, marking each change.

For every wanted term of a sentence the English is looked for first; where it is there as written, nothing
changes. Otherwise the model's rendering of the term is located, strongest evidence first:

1. the English in another case or with hyphens for spaces (``kim jong-un`` for ``Kim Jong Un``);
2. a hint: the span the entity layer projected the name onto;
3. a close spelling of the English (``Kim Jong-eun``, ``Basrah`` for ``Basra``);
4. a run of capitalised words that sounds like the source term (``Kim Jung Un`` for «کیم جونگ اون»);
5. the model's own alignment (attention) of the term's source pieces, when the engine gave one
   (:mod:`reader.core.translate.align`).

The located words are replaced by the English and an :class:`~reader.core.types.Edit` records what the model
had written. A term that cannot be located is reported in ``missing`` and the sentence is left as it is: a
guess would damage a translation that rendered the term by meaning. Nothing here calls a model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reader.core.entities import translit
from reader.core.types import Edit

Link = tuple[int, int, int, int]  # (source start, source end, target start, target end), character offsets
SPELLING_THRESHOLD = 0.85
TRANSLIT_THRESHOLD = 0.72
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f0-9]+(?:['’][A-Za-z]+)?")
_ANY_WORD = re.compile(r"\S+")
_FUNCTION_WORDS = {"the", "a", "an", "of", "to", "in", "and", "for", "on", "at", "by", "with", "from"}
_EDGE = "\"'“”‘’«»()[]{}.,;:!?؟،؛"


@lru_cache(maxsize=20000)
def _skeleton(text: str) -> str:
    return translit.skeleton(text)


def _similar(a: str, b: str, at_least: float) -> float:
    """translit.latin_similarity with skeletons cached (every term of a sentence scans the same word runs), and
    0.0 at once when the skeletons' lengths alone rule out *at_least*."""
    sa, sb = _skeleton(a), _skeleton(b)
    if min(len(sa), len(sb)) < 3:
        return 1.0 if sa == sb and a.lower()[:1] == b.lower()[:1] else 0.0
    if 1.0 - abs(len(sa) - len(sb)) / max(len(sa), len(sb)) < at_least:
        return 0.0
    return translit._skeleton_similarity(sa, sb)


@dataclass(frozen=True)
class Wanted:
    """English required for a span of the source sentence (``hint``: where the model's rendering is known
    to be, in the translation as given)."""

    start: int
    end: int
    source: str
    english: str
    kind: str = "glossary"  # "glossary" | "name"
    hint: tuple[int, int] | None = None


@dataclass(frozen=True)
class PostEdited:
    translation: str
    edits: tuple[Edit, ...]
    missing: tuple[Wanted, ...] = ()
    changes: tuple[tuple[int, int, int], ...] = ()  # (old start, old end, new length), left to right

    def moved(self, offset: int) -> int:
        """Where an offset of the translation as given lies in the edited one (inside a replaced span: its
        start, or its new end for the old end)."""
        d = 0
        for s, e, n in self.changes:
            if offset >= e:
                d += n - (e - s)
            elif offset > s:
                return s + d + min(n, offset - s)
        return offset + d


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def find_phrase(text: str, phrase: str) -> list[tuple[int, int]]:
    """Whole-word occurrences of an English phrase, case-insensitive, a hyphen matching a space."""
    words = [re.escape(w) for w in re.split(r"[\s\-\u2010\u2011]+", phrase.strip()) if w]
    if not words:
        return []
    pat = re.compile(r"(?<![\w])" + r"[\s\-\u2010\u2011]+".join(words) + r"(?![\w])", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pat.finditer(text)]


def _same_enough(found: str, english: str) -> bool:
    """Found as written, or differing only in the case of the first letter (a sentence-initial capital)."""
    return found == english or (found[1:] == english[1:] and found[:1].lower() == english[:1].lower())


def _words(text: str, pattern: re.Pattern[str]) -> list[_Span]:
    out = []
    for m in pattern.finditer(text):
        s, e = m.span()
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        if e > s:
            out.append(_Span(s, e))
    return out


def _free(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return all(span[1] <= s or e <= span[0] for s, e in taken)


def _variant_spans(text: str, w: Wanted, language: str) -> list[tuple[float, int, int]]:
    """(score, start, end) of word runs spelt like the English (step 3) or sounding like the source (step 4)."""
    words = _words(text, _LATIN_WORD)
    if not words:
        return []
    n = max(1, len(w.english.split()))
    roman = translit.transliterate(w.source, language)  # once per term, not per run
    romans = {roman, roman.replace("al-", "")} - {""}
    out: list[tuple[float, int, int]] = []
    for a in range(len(words)):
        for b in range(a + max(1, n - 1), min(len(words), a + n + 1) + 1):
            s, e = words[a].start, words[b - 1].end
            run = text[s:e]
            sim = _similar(run, w.english, SPELLING_THRESHOLD)
            if sim >= SPELLING_THRESHOLD:
                out.append((2.0 + sim, s, e))
            elif run[:1].isupper() and all(text[x.start].isupper() or x.end - x.start <= 3
                                           for x in words[a:b]):
                sound = max((_similar(r, run, TRANSLIT_THRESHOLD) for r in romans), default=0.0)
                if sound >= TRANSLIT_THRESHOLD:
                    out.append((1.0 + sound, s, e))
    return out


def _aligned_span(text: str, w: Wanted, links: Sequence[Link]) -> tuple[int, int] | None:
    """The run of target words the term's source characters are aligned to (the largest cluster)."""
    words = _words(text, _ANY_WORD)
    hit: dict[int, int] = {}
    for ss, se, ts, te in links:
        if ss < w.end and w.start < se:
            for k, word in enumerate(words):
                if word.start < te and ts < word.end:
                    hit[k] = hit.get(k, 0) + 1
    if not hit:
        return None
    clusters: list[list[int]] = []
    for k in sorted(hit):
        if clusters and k - clusters[-1][-1] <= 1:
            clusters[-1].append(k)
        else:
            clusters.append([k])
    best = max(clusters, key=lambda c: (sum(hit[k] for k in c), -c[0]))
    limit = max(2 * len(w.english.split()), len(w.english.split()) + 2)
    best = best[:limit]
    # attention spills onto articles and prepositions ("the Revolutionary Guards"): leave them in place
    while len(best) > 1 and text[words[best[0]].start:words[best[0]].end].lower() in _FUNCTION_WORDS:
        best = best[1:]
    while len(best) > 1 and text[words[best[-1]].start:words[best[-1]].end].lower() in _FUNCTION_WORDS:
        best = best[:-1]
    return words[best[0]].start, words[best[-1]].end


def enforce(translation: str, wanted: Sequence[Wanted], language: str, *, links: Sequence[Link] | None = None,
            prior: Sequence[Edit] = ()) -> PostEdited:
    """*translation* with every wanted English in place (see the module docstring for how it is located).

    *prior* — edits already in *translation* (e.g. glossary terms before names): they are kept, shifted to
    the new text, and never overwritten."""
    taken: list[tuple[int, int]] = [(e.start, e.end) for e in prior]
    repl: list[tuple[int, int, Wanted]] = []
    missing: list[Wanted] = []
    pending: list[Wanted] = []
    by_english: dict[str, list[Wanted]] = {}
    for w in sorted(wanted, key=lambda x: (x.start, x.end)):
        by_english.setdefault(w.english, []).append(w)
    for english, group in by_english.items():
        spans = [sp for sp in find_phrase(translation, english) if _free(sp, taken)]
        for w, sp in zip(group, spans, strict=False):  # step 0/1: there already, maybe in another form
            taken.append(sp)
            if not _same_enough(translation[sp[0]:sp[1]], english):
                repl.append((sp[0], sp[1], w))
        pending += group[len(spans):]
    for w in pending:
        span: tuple[int, int] | None = None
        if w.hint is not None and _free(w.hint, taken) and w.hint[1] > w.hint[0]:
            span = w.hint
        if span is None:
            cands = [c for c in _variant_spans(translation, w, language) if _free((c[1], c[2]), taken)]
            if cands:
                best = max(cands, key=lambda c: (round(c[0], 2), -(c[2] - c[1])))
                span = (best[1], best[2])
        if span is None and links:
            sp = _aligned_span(translation, w, links)
            if sp is not None and _free(sp, taken):
                span = sp
        if span is None:
            missing.append(w)
            continue
        taken.append(span)
        if translation[span[0]:span[1]] != w.english:
            repl.append((span[0], span[1], w))
    return _apply(translation, repl, prior, missing)


def _apply(translation: str, repl: list[tuple[int, int, Wanted]], prior: Sequence[Edit],
           missing: list[Wanted]) -> PostEdited:
    repl.sort(key=lambda r: r[0])
    out: list[str] = []
    pos = 0
    edits: list[Edit] = []
    delta = 0
    for s, e, w in repl:
        out.append(translation[pos:s])
        out.append(w.english)
        edits.append(Edit(s + delta, s + delta + len(w.english), translation[s:e], w.source, w.kind))
        delta += len(w.english) - (e - s)
        pos = e
    out.append(translation[pos:])
    done = PostEdited("".join(out), (), tuple(missing), tuple((s, e, len(w.english)) for s, e, w in repl))
    edits += [Edit(done.moved(p.start), done.moved(p.end), p.replaced, p.source, p.kind) for p in prior]
    edits.sort(key=lambda x: x.start)
    return PostEdited(done.translation, tuple(edits), done.missing, done.changes)
