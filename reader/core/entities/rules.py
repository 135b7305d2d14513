"""Rules applied on top of the CRF, at token level (shared by tagging and evaluation).

- Known places and organisations: a lexicon match that the CRF tagged with another type, or only in part,
  takes the lexicon's type and extent; one the CRF missed entirely is added (unless it sits inside a longer
  CRF entity, e.g. a country inside a ministry's name).
- Document consistency: a name tagged (confidently) somewhere in an article is tagged where the CRF missed it elsewhere in
  the same article (and a person's surname alone after the full name).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reader.core.entities.bio import spans
from reader.core.entities.lexicon import Lexicon
from reader.core.entities.text import clitic_splits


def _write(labels: list[str], start: int, end: int, typ: str) -> None:
    labels[start] = "B-" + typ
    for k in range(start + 1, end):
        labels[k] = "I-" + typ


def apply_lexicon(labels: list[str], norms: Sequence[str], lex: Lexicon, *, add_tier: int = 2) -> list[str]:
    """Lexicon matches override or extend CRF spans; matches of tier ≤ *add_tier* that the CRF missed are
    added (tier 3, small towns whose names are often common words, only help as CRF features)."""
    out = list(labels)
    crf = spans(labels)
    matches = lex.find(norms)
    for _t, s, e in crf:  # two known names side by side that the CRF ran together (خبرگزاری فارس | شورای نگهبان)
        inner = [m for m in matches if s <= m.start and m.end <= e and m.entry.tier <= add_tier]
        if len(inner) >= 2 and inner[0].start == s and inner[-1].end == e \
                and all(a.end == b.start for a, b in zip(inner, inner[1:], strict=False)):
            for m in inner:
                _write(out, m.start, m.end, m.entry.type)
            crf = [x for x in crf if x != (_t, s, e)]
    for m in matches:
        typ = m.entry.type
        overlapping = [(t, s, e) for t, s, e in crf if s < m.end and m.start < e]
        if not overlapping:
            if m.entry.tier <= add_tier:
                _write(out, m.start, m.end, typ)
            continue
        if any(s < m.start or e > m.end for _, s, e in overlapping):
            continue  # inside a longer CRF entity (e.g. "وزارت خارجه روسیه"): the CRF knows better
        for k in range(m.start, m.end):
            out[k] = "O"
        _write(out, m.start, m.end, typ)
    return out


def _glued_common(w: str, lex: Lexicon) -> bool:
    """A preposition glued to a common word (بشدة = ب + شدة, بجولة = ب + جولة): not part of a name."""
    if w in lex.first_names or w in lex.known_words:
        return False
    own = lex.vocab.get(w, 0)
    return any(rest in lex.common or (lex.vocab.get(rest, 0) >= max(5, 3 * own) and rest not in lex.known_words)
               for p, rest in clitic_splits(w, lex.lang) if p in ("ب", "ل"))


def _glued_name(w: str, lex: Lexicon) -> bool:
    """A preposition or "and" glued to a name (بكيم، وكيم): the start of another mention, not a name part."""
    own = lex.evidence(w)
    return any(p in ("ب", "ل", "و") and lex.evidence(rest) > max(own, 4)
               for p, rest in clitic_splits(w, lex.lang))


def clean_persons(labels: list[str], norms: Sequence[str], lex: Lexicon) -> list[str]:
    """Split PERSON spans at a title inside them (بوتين السيد كيم), drop a trailing preposition+word the CRF
    ran on with (كيم بشدة), and join a person span with a one-word person span right after it (كيم جونغ | أون)."""
    out = list(labels)
    for _t, s, e in [(t, s, e) for t, s, e in spans(out) if t == "PERSON"]:
        for k in range(s, e):
            out[k] = "O"
        while e - s >= 2 and _glued_common(norms[e - 1], lex):
            e -= 1
        piece: list[int] = []
        for k in [*range(s, e), -1]:
            if k > s and piece and _glued_name(norms[k], lex):
                _write(out, piece[0], piece[-1] + 1, "PERSON")  # بوتين | بكيم جونغ: a second name starts
                piece = []
            if k >= 0 and norms[k] not in lex.title_words:
                piece.append(k)
                continue
            if piece and any(norms[j][:1].isalpha() for j in piece):
                _write(out, piece[0], piece[-1] + 1, "PERSON")
            piece = []
    merged = spans(out)
    for (t1, _s1, e1), (t2, s2, e2) in zip(merged, merged[1:], strict=False):
        if t1 == t2 == "PERSON" and e1 == s2 and e2 - s2 == 1 and not clitic_splits(norms[s2], lex.lang):
            out[s2] = "I-PERSON"
    return out


def _phrase_keys(norms: Sequence[str], start: int, end: int, lang: str) -> list[str]:
    words = [w for w in norms[start:end] if w != "-"]
    if not words:
        return []
    keys = ["".join(words)]
    for _p, rest in clitic_splits(words[0], lang):
        keys.append(rest + "".join(words[1:]))
    return keys


SPREAD_MIN = 0.5  # a name spreads through its document only from mentions at least this confident


def document_consistency(docs: list[tuple[list[str], dict[tuple[int, int], float]]], norms: list[Sequence[str]],
                         lex: Lexicon, max_tokens: int = 5) -> list[tuple[list[str], dict[tuple[int, int], float]]]:
    """Tag untagged mentions of names tagged elsewhere in the same document (a list of sentences, each with
    its labels and span confidences); every mention of a name takes the confidence of its surest mention."""
    votes: dict[str, Counter] = {}
    best: dict[str, float] = {}
    for (labels, confs), ns in zip(docs, norms, strict=True):
        for typ, s, e in spans(labels):
            conf = confs.get((s, e), 0.0)
            if typ == "MISC" or e - s > max_tokens or conf < SPREAD_MIN:
                continue
            words = [w for w in ns[s:e] if w != "-"]
            if len(words) == 1 and (words[0] in lex.common or len(words[0]) < 3 or words[0] in lex.not_entities):
                continue  # a function word tagged by mistake must not spread through the article
            keys = _phrase_keys(ns, s, e, lex.lang)
            if keys:
                votes.setdefault(keys[0], Counter())[typ] += conf
                best[keys[0]] = max(best.get(keys[0], 0.0), conf)
            if typ == "PERSON" and len(words) >= 2 and len(words[-1]) >= 3:
                last = words[-1]
                if (last not in lex.triggers and last not in lex.title_words and last not in lex.names
                        and last not in lex.common and last not in lex.not_entities):
                    votes.setdefault(last, Counter())["PERSON"] += conf * 0.9
                    best[last] = max(best.get(last, 0.0), conf * 0.9)
    if not votes:
        return [(list(lab), dict(c)) for lab, c in docs]
    known = {k: c.most_common(1)[0][0] for k, c in votes.items()}
    out: list[tuple[list[str], dict[tuple[int, int], float]]] = []
    for (labels, confs), ns in zip(docs, norms, strict=True):
        labels = list(labels)
        confs = dict(confs)
        for typ, s, e in spans(labels):  # weaker mentions of a sure name take its confidence
            keys = _phrase_keys(ns, s, e, lex.lang)
            if keys and known.get(keys[0]) == typ:
                confs[(s, e)] = max(confs.get((s, e), 0.0), round(best[keys[0]], 3))
        i, n = 0, len(ns)
        while i < n:
            if labels[i] != "O" or not ns[i] or not ns[i][0].isalpha():
                i += 1
                continue
            hit = 0
            typ = ""
            conf = 0.0
            for j in range(min(n, i + max_tokens), i, -1):
                if any(lab != "O" for lab in labels[i:j]) or (j < n and labels[j].startswith("I-")):
                    continue
                for k in _phrase_keys(ns, i, j, lex.lang):
                    if k in known:
                        hit, typ, conf = j, known[k], best[k]
                        break
                if hit:
                    break
            if hit:
                _write(labels, i, hit, typ)
                confs[(i, hit)] = round(conf * 0.95, 3)
                i = hit
            else:
                i += 1
        out.append((labels, confs))
    return out
