"""The model's own alignment of a translation with its source, from CTranslate2's attention.

:func:`align_many` force-decodes given translations (their pieces as ``target_prefix``) with
``return_attention=True`` on an already loaded :class:`~reader.core.translate.engine.Engine` (nothing is loaded
twice and ctranslate2 is not imported here): for each target piece the source piece it attends to most, and for
each source piece the target piece attending to it most, as character links. The glossary uses them to find
where a term went when no spelling evidence says so (:mod:`reader.core.glossary.postedit`). Links are kept per
(model, source, translation) in a small in-process cache, so re-applying a changed glossary costs no model call;
``forced_passes`` counts the sentences really force-decoded. SentencePiece models only (a BPE package's target
side cannot be re-tokenised exactly): for others the links are empty and only spelling evidence is used.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from reader.core.translate.errors import TranslateError

Link = tuple[int, int, int, int]
MAX_SOURCE_PIECES = 400  # longer input is decoded in chunks by the engine: not aligned as a whole
_ALIGN_CACHE: OrderedDict[tuple[str, str, str], list[Link]] = OrderedDict()
_ALIGN_LOCK = threading.Lock()
_ALIGN_CACHE_SIZE = 2000
forced_passes = 0


def _target_pieces(engine: Any, translation: str) -> list[str] | None:
    """The target-side pieces of *translation* (None when the engine's tokenizer cannot give them)."""
    target = getattr(getattr(engine, "tokenizer", None), "_target", None)
    if target is None or not translation.strip():
        return None
    return list(target.encode(translation, out_type=str))


def align(engine: Any, source: str, translation: str) -> list[Link]:
    """Character links between *source* and *translation* from the model's attention (see module doc)."""
    return align_many(engine, [(source, translation)])[0]


def align_many(engine: Any, pairs: Sequence[tuple[str, str]], batch_size: int = 16) -> list[list[Link]]:
    """:func:`align` for many (source, translation) pairs: those not cached are force-decoded in batches of
    similar length (one CTranslate2 call per batch)."""
    global forced_passes
    out: dict[int, list[Link]] = {}
    todo: list[tuple[int, list[str], list[str]]] = []
    with _ALIGN_LOCK:
        for i, (source, translation) in enumerate(pairs):
            ck = (engine.spec.key, source, translation)
            if ck in _ALIGN_CACHE:
                _ALIGN_CACHE.move_to_end(ck)
                out[i] = _ALIGN_CACHE[ck]
    translator = getattr(engine, "_translator", None)
    for i, (source, translation) in enumerate(pairs):
        if i in out:
            continue
        pieces = engine.encode([source])[0]
        src = engine.model_input(pieces) if pieces else []
        tgt = _target_pieces(engine, translation)
        if translator is not None and src and tgt and len(src) <= MAX_SOURCE_PIECES:
            todo.append((i, src, tgt))
        else:
            out[i] = []
    todo.sort(key=lambda t: len(t[2]))
    prefix = [engine.spec.target_prefix] if todo and getattr(engine.spec, "target_prefix", "") else []
    for k in range(0, len(todo), batch_size):
        batch = todo[k:k + batch_size]
        try:
            results = translator.translate_batch(
                [src for _i, src, _t in batch], target_prefix=[prefix + tgt for _i, _s, tgt in batch],
                beam_size=1, max_decoding_length=len(prefix) + max(len(t) for _i, _s, t in batch) + 1,
                return_attention=True, replace_unknowns=True,
            )
        except RuntimeError as exc:
            raise TranslateError(f"Aligning with {engine.spec.key} failed in CTranslate2 ({exc}).") from exc
        with _ALIGN_LOCK:
            forced_passes += len(batch)
        for (i, src, tgt), res in zip(batch, results, strict=True):
            source, translation = pairs[i]
            rows = [list(r[: len(src)]) for r in res.attention[0][len(prefix): len(prefix) + len(tgt)]]
            out[i] = _links(source, translation, src, tgt, rows)
    with _ALIGN_LOCK:
        for i, (source, translation) in enumerate(pairs):
            _ALIGN_CACHE[(engine.spec.key, source, translation)] = out[i]
        while len(_ALIGN_CACHE) > _ALIGN_CACHE_SIZE:
            _ALIGN_CACHE.popitem(last=False)
    return [out[i] for i in range(len(pairs))]


def _links(source: str, translation: str, src: list[str], tgt: list[str], rows: list[list[float]]) -> list[Link]:
    """Each target piece to the source piece it attends to most, and each source piece to the target piece
    attending to it most, as character spans."""
    from reader.core.entities.projection import locate_pieces

    s_spans, t_spans = locate_pieces(source, src), locate_pieces(translation, tgt)
    pairs: set[tuple[int, int]] = set()
    for t, row in enumerate(rows):
        if row:
            pairs.add((max(range(len(row)), key=row.__getitem__), t))
    for c in range(len(src)):
        col = [row[c] if c < len(row) else 0.0 for row in rows]
        if col:
            pairs.add((c, max(range(len(col)), key=col.__getitem__)))
    links: list[Link] = []
    for c, t in sorted(pairs):
        (ss, se), (ts, te) = s_spans[c], t_spans[t]
        if se > ss and te > ts:
            links.append((ss, se, ts, te))
    return links
