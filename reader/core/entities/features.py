"""CRF features of a token sequence (the same code at training and tagging time).

Persian and Arabic have no capital letters, so the features lean on: the normalised word (ZWNJ- and
letter-variant-insensitive, see :func:`reader.core.entities.text.norm`), the word with a leading clitic or the
Arabic article removed, affixes (Persian -ی nisba, Arabic -ية), context words and their classes (titles such as
آقای/رئیس/وزیر, place words such as شهر/کشور, organisation heads such as سازمان/خبرگزاری), and gazetteer
matches (places and organisations, longest match, clitics tolerated).
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.entities.lexicon import Lexicon, place_of_adjective
from reader.core.entities.text import clitic_splits, shape

FEATURE_VERSION = 1


def gazetteer_labels(norms: Sequence[str], lex: Lexicon, max_tier: int = 3) -> list[str]:
    """Per token "B-TYPE"/"I-TYPE" from the longest lexicon matches of tier ≤ *max_tier*, "" elsewhere."""
    labels = [""] * len(norms)
    for m in lex.find(norms):
        if m.entry.tier > max_tier:
            continue
        labels[m.start] = "B-" + m.entry.type
        for k in range(m.start + 1, m.end):
            labels[k] = "I-" + m.entry.type
    return labels


def _gazetteer_features(norms: Sequence[str], lex: Lexicon) -> tuple[list[str], list[str]]:
    labels = [""] * len(norms)
    tiers = [""] * len(norms)
    for m in lex.find(norms):
        for k in range(m.start, m.end):
            labels[k] = ("B-" if k == m.start else "I-") + m.entry.type
            tiers[k] = str(m.entry.tier)
    return labels, tiers


def nisba_of_place(w: str, lex: Lexicon) -> bool:
    """Is *w* (normalised) an adjective of a known place: روسی/الروسی/الکوریه/ایرانی/آمریکایی/الصینیه?"""
    return place_of_adjective(w, lex) is not None


def _word_class(n: str, lex: Lexicon) -> str:
    if n in lex.title_words:
        return "title"
    return lex.triggers.get(n, "")


def sequence_features(norms: Sequence[str], raws: Sequence[str], lex: Lexicon) -> list[list[str]]:
    """Feature strings for each token; *norms* are the tokens' :func:`norm` forms, *raws* the tokens as written."""
    lang = lex.lang
    n = len(norms)
    gaz, tiers = _gazetteer_features(norms, lex)
    classes = [_word_class(w, lex) for w in norms]
    shapes = [shape(r) for r in raws]
    known = lex.known_words
    wcls = lex.word_classes
    feats: list[list[str]] = []
    for i in range(n):
        w = norms[i]
        sh = shapes[i]
        f = ["b", "w=" + w, "sh=" + sh, "l=" + str(min(len(w), 9))]
        if sh == "ar":
            f += ["p2=" + w[:2], "p3=" + w[:3], "s1=" + w[-1:], "s2=" + w[-2:], "s3=" + w[-3:], "s4=" + w[-4:]]
            if wcls:
                c = wcls.get(w)
                if c is None:
                    stem = next((r for _, r in clitic_splits(w, lang) if r in wcls), None)
                    f.append("hz=oov" if stem is None else "hz=cl" + wcls[stem][:1])
                else:
                    f += ["hz=" + c[:1], "hp=" + c[2:]]
            if len(w) >= 4:
                vow = sum(ch in "اوی" for ch in w[1:])
                f.append("v=" + str(min(4, (4 * vow) // (len(w) - 1))))
                f += ["c3=" + w[k:k + 3] for k in range(1, len(w) - 3)]
            for p, rest in clitic_splits(w, lang):
                f.append("r=" + rest)
                if rest in known or rest in lex.names:
                    f.append("rk=" + p)
            if w.startswith("ال") and len(w) > 4:
                f.append("a=" + w[2:])
            if w in known:
                f.append("kw")
        elif sh in ("Lat", "lat"):
            f.append("s3=" + w[-3:])
        if gaz[i]:
            f += ["g=" + gaz[i], "gt=" + tiers[i] + gaz[i][:1]]
        if w in lex.first_names:
            f.append("fn")
        if sh == "ar" and w not in lex.names and nisba_of_place(w, lex):
            f.append("ns")
        if w in lex.common:
            f.append("cm")
        if i > 0 and norms[i - 1] in lex.first_names:
            f.append("fn-1")
        if classes[i]:
            f.append("c=" + classes[i])
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.append(f"w{d}=" + norms[j])
                if classes[j]:
                    f.append(f"c{d}=" + classes[j])
                if d in (-1, 1):
                    f.append(f"sh{d}=" + shapes[j])
                    if gaz[j]:
                        f.append(f"g{d}=" + gaz[j][:1] + gaz[j][2:5])
                    if shapes[j] == "ar":
                        f.append(f"s{d}=" + norms[j][-2:])
                        if wcls:
                            f.append(f"hz{d}=" + wcls.get(norms[j], "oov")[:1])
            elif d in (-1, 1):
                f.append("BOS" if d < 0 else "EOS")
        if i > 0:
            f.append("bg-=" + norms[i - 1] + "|" + w)
        if i + 1 < n:
            f.append("bg+=" + w + "|" + norms[i + 1])
        feats.append(f)
    return feats
