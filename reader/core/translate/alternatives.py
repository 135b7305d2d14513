"""The n best translations of one sentence (beam search n-best) and the model's alignment of a translation.

Both functions use an already loaded :class:`~reader.core.translate.engine.Engine` (its CTranslate2 translator
and tokenizer), so nothing is loaded twice, and neither imports ctranslate2 itself.

- :func:`translate_alternatives` — the engine's n-best (``translate_batch(num_hypotheses=…, return_scores=True)``
  with a beam at least *n* wide); hypotheses that decode to the same text are merged, so the list holds
  distinct English.
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
    """Up to *n* distinct translations of *sentence*, best first (fewer when the model has fewer).

    The engine's n-best (:meth:`reader.core.translate.engine.Engine.alternatives`) does the decoding, so the
    model's source/target prefix tokens (NLLB) and run-on chunking apply as in normal translation."""
    from reader.core.translate.cache import normalise

    _translator(engine)  # a LibreTranslate engine has none: one clear sentence
    n = max(1, min(int(n), MAX_ALTERNATIVES))
    found = engine.alternatives(normalise(sentence), n, settings or engine.settings)
    return [Alternative(a.text, a.score, k) for k, a in enumerate(found[:n])]


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
    src = engine.model_input(engine.encode([source])[0])
    tgt = engine.target_pieces(translation)
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

