"""Run-on input: split an over-long sentence's pieces into chunks a model can decode in bounded time.

A 500-word "sentence" (a scraped list, a table flattened into one line) decoded as one sequence costs time
quadratic in its length and degrades translation; a 200,000-character one never finishes. Each sentence longer
than ``max_tokens`` pieces is cut, first after clause punctuation (، ؛ , ; : . ! ? ؟ and dashes), packing
clauses greedily into chunks of at most ``max_tokens``; a clause still too long is cut into windows that start at
a word boundary. The engine decodes the chunks as separate units and joins their translations with a space, so
one source sentence still gives one displayed translation. :func:`cut_at_word` bounds the work per sentence: the
engine decodes at most ``max_sentence_tokens`` pieces of one sentence (its translation then ends with " […]").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

CLAUSE_MARKS = frozenset("،؛,;:.!?؟…—–")


def _clause_end(piece: str) -> bool:
    core = piece.strip("\u2581").removesuffix("@@")
    return bool(core) and core[-1] in CLAUSE_MARKS


def _windows(pieces: list[str], max_tokens: int, word_start: Callable[[Sequence[str], int], bool],
             offset: int, whole: Sequence[str]) -> list[list[str]]:
    out: list[list[str]] = []
    start = 0
    while len(pieces) - start > max_tokens:
        end = start + max_tokens
        cut = end
        while cut > start + max_tokens // 2 and not word_start(whole, offset + cut):
            cut -= 1  # back up to a word start, but never below half a window
        if cut <= start + max_tokens // 2:
            cut = end
        out.append(pieces[start:cut])
        start = cut
    out.append(pieces[start:])
    return out


def split_pieces(pieces: Sequence[str], max_tokens: int,
                 word_start: Callable[[Sequence[str], int], bool] | None = None) -> list[list[str]]:
    """*pieces* as one chunk when short enough, else chunks of at most *max_tokens* pieces (see module doc)."""
    pieces = list(pieces)
    if max_tokens <= 0 or len(pieces) <= max_tokens:
        return [pieces]
    starts = word_start or (lambda seq, i: seq[i].startswith("\u2581"))
    clauses: list[tuple[int, list[str]]] = []
    begin = 0
    for i, piece in enumerate(pieces):
        if _clause_end(piece) and i + 1 < len(pieces):
            clauses.append((begin, pieces[begin : i + 1]))
            begin = i + 1
    clauses.append((begin, pieces[begin:]))
    chunks: list[list[str]] = []
    current: list[str] = []
    for offset, clause in clauses:
        if len(clause) > max_tokens:
            if current:
                chunks.append(current)
                current = []
            chunks.extend(_windows(clause, max_tokens, starts, offset, pieces))
            continue
        if current and len(current) + len(clause) > max_tokens:
            chunks.append(current)
            current = []
        current = current + clause
    if current:
        chunks.append(current)
    return [c for c in chunks if c]


def cut_at_word(pieces: Sequence[str], limit: int,
                word_start: Callable[[Sequence[str], int], bool] | None = None) -> list[str]:
    """The first at most *limit* pieces, ending before a word start (so no word is cut in half) when one is found
    in the last half of the limit."""
    pieces = list(pieces)
    if len(pieces) <= limit:
        return pieces
    starts = word_start or (lambda seq, i: seq[i].startswith("\u2581"))
    cut = limit
    while cut > limit // 2 and not starts(pieces, cut):
        cut -= 1
    return pieces[: cut if cut > limit // 2 else limit]
