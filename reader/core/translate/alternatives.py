"""The n best translations of one sentence (beam search n-best) and the model's alignment of a translation.

Kept apart from :mod:`reader.core.translate.engine` until the engine grows its own n-best API: both functions
use an already loaded :class:`~reader.core.translate.engine.Engine` (its CTranslate2 translator and
SentencePiece models), so nothing is loaded twice, and neither imports ctranslate2 itself.

- :func:`translate_alternatives` — ``translate_batch(num_hypotheses=n, return_scores=True)`` with a beam at
  least *n* wide; hypotheses that decode to the same text are merged, so the list holds distinct English.
- :func:`align` — forced decoding of a given translation (its pieces as ``target_prefix``) with
  ``return_attention=True``: for each target piece the source piece it attends to most, and for each source
  piece the target piece attending to it most, as character links. The glossary uses it to find where a term
  went when no spelling evidence says so (:mod:`reader.core.glossary.postedit`). Links are kept per
  (model, source, translation) in a small in-process cache, so re-applying a changed glossary costs no model
  call; ``forced_passes`` counts the real ones.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from reader.core.translate.errors import TranslateError
from reader.core.translate.quality import per_token_logprob
from reader.core.translate.settings import EngineSettings

Link = tuple[int, int, int, int]
MAX_ALTERNATIVES = 10
_ALIGN_CACHE: OrderedDict[tuple[str, str, str], list[Link]] = OrderedDict()
_ALIGN_LOCK = threading.Lock()
_ALIGN_CACHE_SIZE = 2000
forced_passes = 0


@dataclass(frozen=True)
class Alternative:
    """One candidate translation: its English, mean log-probability per token (higher is better), rank."""

    text: str
    score: float
    rank: int


def _translator(engine: Any) -> Any:
    translator = getattr(engine, "_translator", None)
    if translator is None:
        raise TranslateError("Alternatives need a translation model on this computer; a LibreTranslate "
                             "server gives one translation per sentence.")
    return translator


def translate_alternatives(engine: Any, sentence: str, n: int = 5,
                           settings: EngineSettings | None = None) -> list[Alternative]:
    """Up to *n* distinct translations of *sentence*, best first (fewer when the model has fewer)."""
    from reader.core.translate.cache import normalise

    n = max(1, min(int(n), MAX_ALTERNATIVES))
    translator = _translator(engine)
    s = settings or engine.settings
    tokens = engine.encode([normalise(sentence)])[0]
    if not tokens:
        return []
    prefix = engine.spec.target_prefix
    ask = min(2 * n, MAX_ALTERNATIVES * 2)  # some hypotheses decode to the same text
    try:
        result = translator.translate_batch(
            [tokens], target_prefix=[[prefix]] if prefix else None, beam_size=max(ask, s.beam_size),
            num_hypotheses=ask, length_penalty=s.length_penalty, return_scores=True, replace_unknowns=True,
            max_decoding_length=int(s.max_length_ratio * len(tokens) + s.max_length_offset) + (1 if prefix else 0),
        )[0]
    except RuntimeError as exc:
        raise TranslateError(f"Alternatives from {engine.spec.key} failed in CTranslate2 ({exc}).") from exc
    seen: dict[str, float] = {}
    for hyp, score in zip(result.hypotheses, result.scores, strict=False):
        text = engine.decode(hyp).strip()
        count = len(hyp) - (1 if prefix and hyp[:1] == [prefix] else 0)
        if text and text not in seen:
            seen[text] = per_token_logprob(score, count, s.length_penalty)
    ranked = sorted(seen.items(), key=lambda kv: -kv[1])[:n]
    return [Alternative(text, score, k) for k, (text, score) in enumerate(ranked)]


def align(engine: Any, source: str, translation: str) -> list[Link]:
    """Character links between *source* and *translation* from the model's attention (see module doc)."""
    global forced_passes
    from reader.core.entities.projection import locate_pieces

    ck = (engine.spec.key, source, translation)
    with _ALIGN_LOCK:
        if ck in _ALIGN_CACHE:
            _ALIGN_CACHE.move_to_end(ck)
            return _ALIGN_CACHE[ck]
    translator = _translator(engine)
    src = engine.encode([source])[0]
    tgt = list(engine._sp_target.encode(translation, out_type=str)) if translation.strip() else []
    links: list[Link] = []
    if src and tgt:
        prefix = [engine.spec.target_prefix] if engine.spec.target_prefix else []
        try:
            res = translator.translate_batch(
                [src], target_prefix=[prefix + tgt], beam_size=1, max_decoding_length=len(prefix) + len(tgt) + 1,
                return_attention=True, replace_unknowns=True,
            )[0]
        except RuntimeError as exc:
            raise TranslateError(f"Aligning with {engine.spec.key} failed in CTranslate2 ({exc}).") from exc
        with _ALIGN_LOCK:
            forced_passes += 1
        rows = [list(r[: len(src)]) for r in res.attention[0][len(prefix): len(prefix) + len(tgt)]]
        s_spans, t_spans = locate_pieces(source, src), locate_pieces(translation, tgt)
        pairs: set[tuple[int, int]] = set()
        for t, row in enumerate(rows):
            if row:
                pairs.add((max(range(len(row)), key=row.__getitem__), t))
        for c in range(len(src)):
            col = [row[c] if c < len(row) else 0.0 for row in rows]
            if col:
                pairs.add((c, max(range(len(col)), key=col.__getitem__)))
        for c, t in sorted(pairs):
            (ss, se), (ts, te) = s_spans[c], t_spans[t]
            if se > ss and te > ts:
                links.append((ss, se, ts, te))
    with _ALIGN_LOCK:
        _ALIGN_CACHE[ck] = links
        while len(_ALIGN_CACHE) > _ALIGN_CACHE_SIZE:
            _ALIGN_CACHE.popitem(last=False)
    return links

