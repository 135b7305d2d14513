"""Named-entity tagging of Persian and Arabic text: CRF + lexicon rules + document consistency, then spans
mapped back to character offsets of the text given, with leading clitics stripped and hyphenated names merged.

Arabic writes the preposition ل before the article ال as لل (للأمم المتحدة "to the United Nations"): the span
then starts at the article's lam (لأمم المتحدة, a substring of the text as every span must be), and the name
with its article restored (الأمم المتحدة) is what is looked up and grouped, kept in ``extra["name"]``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from reader.core.entities import conventions, rules
from reader.core.entities import model as model_mod
from reader.core.entities.bio import spans
from reader.core.entities.confidence import CONFIDENCE_HIDE, KNOWN_CONFIDENCE
from reader.core.entities.features import sequence_features
from reader.core.entities.lexicon import Lexicon
from reader.core.entities.text import CLITIC_PREFIXES, Token, canonical, clitic_splits, norm, tokenize
from reader.core.types import EntitySpan

DEFAULT_TYPES = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})
_SENT_END = {".", "!", "?", "؟", "…", "؛", ";"}
_SKIP_IN_PREFIX = re.compile("[\u064b-\u065f\u0670\u0640\u0654\u0655\u200c\u200d]")

Confidences = dict[tuple[int, int], float]


def span_confidences(labels: Sequence[str], probs: Sequence[dict[str, float]] | None, hints: Confidences,
                     norms: Sequence[str], lex: Lexicon) -> Confidences:
    """Confidence of each span of *labels*: the CRF's mean marginal probability of the span's labels, raised for
    names the lexicon knows and for spans the rules made (see :mod:`reader.core.entities.confidence`)."""
    out: Confidences = {}
    for typ, s, e in spans(list(labels)):
        crf = (sum(probs[k].get(labels[k], 0.0) for k in range(s, e)) / (e - s)) if probs else 1.0
        conf = max(crf, hints.get((s, e), 0.0))
        words = [w for w in norms[s:e] if w != "-"]
        entry = lex.names.get("".join(words))
        if entry is None and words:
            entry = next((lex.names[r + "".join(words[1:])] for _p, r in clitic_splits(words[0], lex.lang)
                          if r + "".join(words[1:]) in lex.names), None)
        if entry is not None and entry.type == typ:
            conf = max(conf, KNOWN_CONFIDENCE if entry.tier <= 2 else 0.7)
        out[(s, e)] = round(conf, 3)
    return out


def label_document(seqs: Sequence[tuple[Sequence[str], Sequence[str]]], lang: str, *,
                   model: model_mod.Model | None = None, use_lexicon: bool = True, consistency: bool = True,
                   hide: float = CONFIDENCE_HIDE) -> list[tuple[list[str], Confidences]]:
    """BIO labels and span confidences for token sequences ``(norms, raws)`` that form one document; spans
    below *hide* are dropped."""
    m = model or model_mod.get(lang)
    lex = m.lex
    all_norms = [w for norms, _ in seqs for w in norms]
    ya_for_alef = lang == "ar" and "علی" in all_norms and "على" not in all_norms  # علي written for على
    out: list[tuple[list[str], Confidences]] = []
    for norms, raws in seqs:
        labels, probs = m.tag_marginals(sequence_features(norms, raws, lex))
        hints: Confidences = {}
        if use_lexicon:
            labels = rules.clean_persons(labels, norms, lex)
            labels = rules.apply_lexicon(labels, norms, lex)
            labels, hints = conventions.apply(labels, norms, raws, lex, probs, ya_for_alef=ya_for_alef)
        out.append((labels, span_confidences(labels, probs, hints, norms, lex)))
    if consistency and out:
        out = rules.document_consistency(out, [n for n, _ in seqs], lex)
    if hide > 0:
        for labels, confs in out:
            for (s, e), c in list(confs.items()):
                if c < hide:
                    labels[s:e] = ["O"] * (e - s)
                    del confs[(s, e)]
    return out


def label_sequences(seqs: Sequence[tuple[Sequence[str], Sequence[str]]], lang: str, *,
                    model: model_mod.Model | None = None, use_lexicon: bool = True,
                    consistency: bool = True, hide: float = CONFIDENCE_HIDE) -> list[list[str]]:
    """BIO labels for token sequences ``(norms, raws)`` that form one document (evaluation uses this too)."""
    return [labels for labels, _ in label_document(seqs, lang, model=model, use_lexicon=use_lexicon,
                                                   consistency=consistency, hide=hide)]


def _chunks(text: str, toks: list[Token]) -> list[list[Token]]:
    """Cut a token list into sentences (final punctuation or a line break), keeping CRF inputs short."""
    chunks: list[list[Token]] = []
    cur: list[Token] = []
    for i, t in enumerate(toks):
        if cur and "\n" in text[cur[-1].end:t.start]:
            chunks.append(cur)
            cur = []
        cur.append(t)
        if t.text in _SENT_END and (i + 1 == len(toks) or toks[i + 1].text not in _SENT_END):
            chunks.append(cur)
            cur = []
    if cur:
        chunks.append(cur)
    return chunks


def _prefix_chars(raw: str, n_norm: int) -> int:
    """How many characters of *raw* make up its first *n_norm* normalised characters (plus any tatweel/marks
    right after them), i.e. where the word starts once a clitic of that length is cut off."""
    count = 0
    i = 0
    while i < len(raw) and count < n_norm:
        if not _SKIP_IN_PREFIX.match(raw[i]):
            count += 1
        i += 1
    while i < len(raw) and _SKIP_IN_PREFIX.match(raw[i]):
        i += 1
    return i


def _clitic_cut(toks: list[Token], s: int, e: int, lex: Lexicon, doc_counts: dict[str, int], typ: str = ""
                ) -> tuple[int, bool]:
    """(characters to cut from the start of an entity's first token, whether the Arabic article's alef must
    be restored). A leading clitic goes when the rest of the word is better attested than the whole (corpus,
    document, gazetteer), or when an Arabic article follows it (وال، بال، فال، كال); ل before the article,
    written لل, goes whenever the name with its article restored is at least as well attested as the word
    read as ل + a word starting with lam (للأمم → الأمم, but للبنان → لبنان). A person's name is cut only
    when the rest is a known or attested name (فراس stays whole: راس is a common word, not a name), and a
    short rest is cut when it begins a known name (وتل ابيب → تل ابيب)."""
    tok = toks[s]
    n = tok.norm
    tail = "".join(t.norm for t in toks[s + 1:e] if t.norm not in ("-", "،", ","))
    splits = clitic_splits(n, lex.lang)
    if tail and len(n) >= 3:
        splits += [(p, n[len(p):]) for p in CLITIC_PREFIXES.get(lex.lang, ()) if n.startswith(p)
                   and len(n) - len(p) == 2 and (n[len(p):] + tail) in lex.names]
    if typ == "PERSON":
        if n in lex.first_names or n in lex.names:
            return 0, False
        splits = [(p, r) for p, r in splits if r in lex.first_names or r in lex.known_words or r in lex.names
                  or doc_counts.get(r, 0) > 0 or (r + tail) in lex.names]
    if not splits:
        return 0, False
    own = lex.evidence(n, doc_counts)
    own += 5 if (n + tail) in lex.names else 0
    best, best_score, restore = 0, own, False
    plain: dict[str, float] = {}
    for p, rest in splits:
        restored = rest != n[len(p):]  # "لل" + word: rest is "ال" + word
        score = lex.evidence(rest, doc_counts) + (5 if (rest + tail) in lex.names else 0)
        if lex.lang == "ar" and (p != "ل" or restored) and rest.startswith("ال") and len(rest) >= 5:
            score += 4
        if restored:
            if score < plain.get(p, 0.0):
                continue  # للبنان: ل + لبنان, not لل + بنان
            score = max(score, own + 0.5)  # لل + word is always ل + article when the word is a name
        else:
            plain[p] = score
        if score > best_score or (score == best_score and score > 0 and len(p) > best):
            best, best_score, restore = len(p), score, restored
    return (_prefix_chars(tok.text, best) if best else 0), restore


def _to_entities(text: str, toks: list[Token], labels: list[str], lex: Lexicon, doc_counts: dict[str, int],
                 types: frozenset[str], confs: Confidences | None = None) -> list[EntitySpan]:
    confs = confs or {}
    found: list[tuple[str, int, int]] = []  # type, token start, token end
    for typ, s, e in spans(labels):
        found.append((typ, s, e))
    # hyphenated names: "جونغ-أون" — join spans/words glued by a hyphen without spaces
    merged: list[tuple[str, int, int]] = []
    for typ, s, e in found:
        while (e + 1 < len(toks) and toks[e].text in "-‐‑" and toks[e].start == toks[e - 1].end
               and toks[e + 1].start == toks[e].end and toks[e + 1].norm[:1].isalpha()):
            nxt = next(((t2, s2, e2) for t2, s2, e2 in found if s2 == e + 1), None)
            if nxt is not None and nxt[0] != typ:
                break
            e = nxt[2] if nxt is not None else e + 2
        if merged and merged[-1][2] > s:
            continue  # already swallowed by the previous merge
        merged.append((typ, s, e))
    out: list[EntitySpan] = []
    for typ, s, e in merged:
        conf = max((c for (cs, ce), c in confs.items() if s <= cs and ce <= e), default=None)
        if typ not in types:
            continue
        first = toks[s]
        cut, restore = _clitic_cut(toks, s, e, lex, doc_counts, typ)
        start = first.start + cut
        end = toks[e - 1].end
        if start >= end:
            continue
        surface = text[start:end]
        name = "ا" + surface if restore else surface  # لأمم المتحدة → الأمم المتحدة
        entry = lex.lookup(name)
        extra: dict[str, object] = {}
        if cut:
            extra["clitic"] = first.text[:cut]
        if restore:
            extra["name"] = name
        if entry is not None:
            extra["known"] = entry.source
            extra["en_hint"] = entry.en
        canon = entry.en if entry is not None and entry.type == typ else canonical(name)
        out.append(EntitySpan(typ, start, end, surface, canonical=canon, extra=extra, confidence=conf))
    return out


def tag_sentences(sentences: Sequence[str], lang: str, *, types: Sequence[str] | None = None,
                  consistency: bool = True) -> list[list[EntitySpan]]:
    """Entities of each sentence of one article, offsets relative to each sentence string.

    The sentences are tagged as one document: a name found in one sentence is also found where the CRF
    missed it in another. *types* defaults to PERSON, LOCATION, ORGANIZATION (add "MISC" for the rest)."""
    wanted = frozenset(types) if types else DEFAULT_TYPES
    m = model_mod.get(lang)
    per_sent_chunks: list[list[list[Token]]] = []
    seqs: list[tuple[list[str], list[str]]] = []
    for text in sentences:
        chunks = _chunks(text, tokenize(text))
        per_sent_chunks.append(chunks)
        seqs += [([t.norm for t in c], [t.text for t in c]) for c in chunks]
    labelled = label_document(seqs, lang, model=m, consistency=consistency)
    labels = [lab for lab, _ in labelled]
    doc_counts: Counter[str] = Counter()
    for (norms, _), labs in zip(seqs, labels, strict=True):
        for typ, s, e in spans(labs):
            if typ != "MISC":
                doc_counts.update(w for w in norms[s:e] if len(w) >= 2)
    result: list[list[EntitySpan]] = []
    k = 0
    for text, chunks in zip(sentences, per_sent_chunks, strict=True):
        ents: list[EntitySpan] = []
        for c in chunks:
            ents += _to_entities(text, c, labels[k], m.lex, doc_counts, wanted, labelled[k][1])
            k += 1
        result.append(ents)
    return result


def tag(text: str, lang: str, *, types: Sequence[str] | None = None) -> list[EntitySpan]:
    """Entities in *text* (one sentence or a whole article), offsets into *text*."""
    return tag_sentences([text], lang, types=types)[0]


def norm_tokens(text: str) -> list[str]:
    return [norm(t.text) for t in tokenize(text)]
