"""Find each source entity's English form in the sentence's translation.

Evidence, strongest first:

1. the lexicon (gazetteer + hand-written dictionary) knows the name's English forms: look for them in the
   translation (North Korea, Security Council, UN), then for the place's adjective (Egyptian for مصر), then
   for a close spelling of them (Basra for Basrah);
2. meaning: the English words that the name's words are usually translated by, and the places inside it,
   cover a run of capitalised words (سازمان قطار شهری اصفهان → Isfahan Urban Railway Organization; see
   :mod:`reader.core.entities.meaning`);
3. transliteration: the name's sound skeleton against runs of capitalised English words (Putin, Kim Jong Un);
4. the translation model's attention, when the engine passes it: a tie-breaker between candidates, and the
   answer for names translated by meaning that neither dictionary knows.

An Arabic name after the preposition ل written with its article as لل (للأمم المتحدة) is looked up with the
article restored (الأمم المتحدة), whether the tagger left it in ``extra["name"]`` or not.

Attention follows CTranslate2's ``translate_batch(..., return_attention=True)``: ``attention[t][s]`` is the
weight of source token *s* for target token *t* (rows: target tokens without </s>; extra columns, such as a
source </s>, are ignored). ``src_tokens``/``tgt_tokens`` are the SentencePiece pieces the model read and wrote
(``▁`` marks a word start); they are located in the source sentence / translation by their text.

An entity that cannot be found keeps ``english=None`` (the panel still lists it by its source name).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from reader.core.entities import lexicon as lexicon_mod
from reader.core.entities import meaning
from reader.core.entities.lexicon import Entry, demonyms
from reader.core.entities.text import clitic_splits, key, norm
from reader.core.entities.translit import latin_similarity, similarity
from reader.core.types import EntitySpan

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f0-9]+(?:[.'’\-][A-Za-z\u00c0-\u024f0-9]+)*\.?")
_CONNECTORS = {"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "del", "di", "van", "von", "der", "la", "le",
               "of", "the", "and", "for", "on", "ul", "ad", "ar", "as", "ash", "at", "az", "an"}
TRANSLIT_THRESHOLD = 0.72
SPELLING_THRESHOLD = 0.85  # English spelling variants of a known name (Basrah/Basra, Makkah/Mecca)


@dataclasses.dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int


def _words(translation: str) -> list[_Word]:
    out = []
    for m in _WORD.finditer(translation):
        text, s, e = m.group(), m.start(), m.end()
        if text.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", text):
            text, e = text[:-1], e - 1  # sentence full stop, but keep U.S. / U.N.
        for suffix in ("'s", "’s"):
            if text.endswith(suffix):
                text, e = text[: -len(suffix)], e - len(suffix)
        out.append(_Word(text, s, e))
    return out


def _capitalised_runs(words: list[_Word], max_words: int = 6) -> list[tuple[int, int]]:
    """Word index ranges [i, j) of capitalised names, connectors (al-, bin, of...) allowed inside."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not words[i].text[:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < len(words):
            w = words[j].text
            if w[:1].isupper():
                j += 1
            elif w.lower() in _CONNECTORS and j + 1 < len(words) and words[j + 1].text[:1].isupper():
                j += 2
            else:
                break
        for a in range(i, j):
            for b in range(a + 1, min(j, a + max_words) + 1):
                if words[a].text.lower() in _CONNECTORS or words[b - 1].text.lower() in _CONNECTORS:
                    continue
                runs.append((a, b))
        i = j
    return runs


def _find_phrase(translation: str, phrase: str) -> list[tuple[int, int]]:
    """Occurrences of an English phrase as whole words (case-insensitive; hyphen = space)."""
    words = [re.escape(w) for w in re.split(r"[\s\-]+", phrase.strip()) if w]
    if not words:
        return []
    pat = re.compile(r"(?<![A-Za-z])" + r"[\s\-]+".join(words) + r"(?![A-Za-z])", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pat.finditer(translation)]


# --- attention -------------------------------------------------------------------------------------------------

def locate_pieces(text: str, pieces: Sequence[str]) -> list[tuple[int, int]]:
    """Character span of each SentencePiece piece in *text* (zero-width where a piece cannot be found)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    low = text.lower()
    for piece in pieces:
        p = piece.replace("\u2581", " ").strip()
        if not p or p.startswith("<") and p.endswith(">"):
            spans.append((pos, pos))
            continue
        k = low.find(p.lower(), pos, pos + len(p) + 40)
        if k < 0:
            spans.append((pos, pos))
            continue
        spans.append((k, k + len(p)))
        pos = k + len(p)
    return spans


def target_weights(entity: EntitySpan, source: str, translation: str, attention: Sequence[Sequence[float]],
                   src_tokens: Sequence[str], tgt_tokens: Sequence[str]) -> list[tuple[int, int, float]]:
    """(start, end, weight) of each target piece: the attention it pays to the entity's source pieces."""
    src_spans = locate_pieces(source, src_tokens)
    tgt_spans = locate_pieces(translation, tgt_tokens)
    cols = [i for i, (s, e) in enumerate(src_spans) if e > s and s < entity.end and entity.start < e]
    out: list[tuple[int, int, float]] = []
    for t, row in enumerate(attention[: len(tgt_spans)]):
        s, e = tgt_spans[t]
        if e <= s:
            continue
        out.append((s, e, float(sum(row[c] for c in cols if c < len(row)))))
    return out


def _mass(weights: list[tuple[int, int, float]], start: int, end: int) -> float:
    return sum(w for s, e, w in weights if s < end and start < e)


def _attention_span(weights: list[tuple[int, int, float]], words: list[_Word]) -> tuple[int, int] | None:
    """The word run the entity's source pieces attend to most (None when attention is too diffuse)."""
    if not weights or not words:
        return None
    per_word = [_mass(weights, w.start, w.end) for w in words]
    best = max(range(len(words)), key=lambda i: per_word[i])
    top = per_word[best]
    if top < 0.3:
        return None
    a = b = best
    while a > 0 and per_word[a - 1] >= 0.35 * top:
        a -= 1
    while b + 1 < len(words) and per_word[b + 1] >= 0.35 * top:
        b += 1
    # trim leading/trailing function words ("the", "of")
    while a < b and words[a].text.lower() in _CONNECTORS:
        a += 1
    while b > a and words[b].text.lower() in _CONNECTORS:
        b -= 1
    return words[a].start, words[b].end


# --- projection -----------------------------------------------------------------------------------------------

def source_name(entity: EntitySpan, lang: str) -> str:
    """The name as it is looked up: the tagger's restored form (لأمم المتحدة → الأمم المتحدة), else the text;
    an Arabic span that starts with the article's lam without its alef gets the alef back."""
    name = entity.extra.get("name") if entity.extra else None
    if isinstance(name, str) and name:
        return name
    text = entity.text
    if lang == "ar" and len(text) >= 4 and text[0] == "ل" and not text.startswith("ال") and text[1:2] != "ل":
        lex = lexicon_mod.get(lang)
        if lex.lookup(text) is None and lex.lookup("ا" + text) is not None:
            return "ا" + text
    return text


def _entry_for(name: str, lang: str) -> Entry | None:
    lex = lexicon_mod.get(lang)
    entry = lex.lookup(name)
    if entry is None and name.split():
        first = norm(name.split()[0])
        for _p, rest in clitic_splits(first, lang):
            entry = lex.names.get(key(rest + name[len(name.split()[0]):]))
            if entry is not None:
                break
    return entry


_ARTICLE = re.compile(r"^(?:the|al|el|ar|as|ad|an|at|az|ash|adh|ath)[\s\-]+(?=\w{3})", re.IGNORECASE)


def _english_names(entry: Entry) -> list[str]:
    """The entry's English names, also without a leading "the" or Arabic article (Al Fallujah → Fallujah)."""
    out: list[str] = []
    for n in (entry.en, *entry.alt):
        for form in (n, _ARTICLE.sub("", n)):
            if form not in out:
                out.append(form)
    return out


def _spelling_variants(entry: Entry, translation: str, words: list[_Word]) -> list[tuple[float, int, int, str]]:
    """Runs of capitalised words spelt almost like one of the entry's English names (Basra for Basrah)."""
    out: list[tuple[float, int, int, str]] = []
    names = [n for n in _english_names(entry) if len(n) >= 4]
    for a, b in _capitalised_runs(words, max_words=4):
        text = translation[words[a].start:words[b - 1].end]
        if any(latin_similarity(n, text) >= SPELLING_THRESHOLD for n in names):
            out.append((1.3, words[a].start, words[b - 1].end, "lexicon"))
    return out


def _candidates(entity: EntitySpan, translation: str, lang: str, words: list[_Word]
                ) -> list[tuple[float, int, int, str]]:
    """(score, start, end, how) of places in the translation that could be the entity."""
    cands: list[tuple[float, int, int, str]] = []
    name = source_name(entity, lang)
    lex = lexicon_mod.get(lang)
    entry = _entry_for(name, lang)
    if entry is not None:
        names = {n for n in _english_names(entry) if not n.lower().startswith("the ")}  # "the" is not the name
        for en in sorted(names):
            for s, e in _find_phrase(translation, en):
                cands.append((2.0 + 0.01 * len(en), s, e, "lexicon"))
        if not cands and entry.type == "LOCATION":
            for form in demonyms(entry.en, lex):
                for s, e in _find_phrase(translation, form):
                    cands.append((1.5, s, e, "lexicon"))
        if not cands and entry.source == "gazetteer" and entry.tier >= 2:  # cities: Basrah/Basra, Nablus/Nabulus
            cands += _spelling_variants(entry, translation, words)
    if not cands and entity.type != "PERSON":
        cands += meaning.candidates(name, lang, translation, words, lex)
    if entity.type != "ORGANIZATION" or not cands:
        for a, b in _capitalised_runs(words):
            text = translation[words[a].start:words[b - 1].end]
            sim = similarity(name, lang, text)
            if sim >= TRANSLIT_THRESHOLD:
                cands.append((sim, words[a].start, words[b - 1].end, "transliteration"))
    return cands


def _overlaps(span: tuple[int, int], taken: set[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def project(entity: EntitySpan, source_sentence: str, translation: str, lang: str,
            attention: Sequence[Sequence[float]] | None = None, src_tokens: Sequence[str] | None = None,
            tgt_tokens: Sequence[str] | None = None, *, taken: set[tuple[int, int]] | None = None) -> EntitySpan:
    """*entity* (offsets in *source_sentence*) with ``english``/``en_start``/``en_end`` filled in from
    *translation*, or unchanged with ``english=None`` when its English form is not found.

    *taken* — English spans already given to other entities of the sentence (updated in place)."""
    if not translation or not translation.strip():
        return dataclasses.replace(entity, english=None, en_start=None, en_end=None)
    words = _words(translation)
    weights: list[tuple[int, int, float]] = []
    if attention is not None and src_tokens is not None and tgt_tokens is not None:
        weights = target_weights(entity, source_sentence, translation, attention, src_tokens, tgt_tokens)
    cands = _candidates(entity, translation, lang, words)
    taken = taken if taken is not None else set()
    how = ""
    best: tuple[int, int] | None = None
    cands = [c for c in cands if not _overlaps((c[1], c[2]), taken)]
    if cands:
        # rough monotonic alignment as the last tie-breaker: relative position in both sentences
        rel = (entity.start + entity.end) / 2 / max(1, len(source_sentence))

        def rank(c: tuple[float, int, int, str]) -> tuple[float, float, float]:
            score, s, e, _ = c
            att = _mass(weights, s, e) if weights else 0.0
            pos = -abs((s + e) / 2 / max(1, len(translation)) - rel)
            return (round(score, 1), att, pos + 0.001 * (e - s))

        choice = max(cands, key=rank)
        best, how = (choice[1], choice[2]), choice[3]
    elif weights:
        best = _attention_span(weights, words)
        how = "attention" if best and not _overlaps(best, taken) else ""
        best = best if how else None
    if best is None:
        return dataclasses.replace(entity, english=None, en_start=None, en_end=None)
    taken.add(best)
    extra = {**entity.extra, "projection": how}
    return dataclasses.replace(entity, english=translation[best[0]:best[1]], en_start=best[0], en_end=best[1],
                               extra=extra)


def project_sentence(entities: Sequence[EntitySpan], source_sentence: str, translation: str, lang: str,
                     attention: Sequence[Sequence[float]] | None = None, src_tokens: Sequence[str] | None = None,
                     tgt_tokens: Sequence[str] | None = None) -> list[EntitySpan]:
    """:func:`project` for all entities of one sentence pair; two mentions never share one English span."""
    taken: set[tuple[int, int]] = set()
    return [project(e, source_sentence, translation, lang, attention, src_tokens, tgt_tokens, taken=taken)
            for e in entities]
