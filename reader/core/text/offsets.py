"""Offset maps between the normalised article text and the cleaned original text.

Normalisation changes the length of the text (diacritics dropped, ZWNJ inserted, spaces fixed, ``...``
becoming ``…``). Every span the app stores anchors to the *normalised* text; the map lets the UI show the
same span in the original.

The map is a compact run-length list, storable as JSON: ``[[norm_len, orig_len], ...]``. Consecutive runs
cover both texts from the start. A run with ``norm_len == orig_len`` maps character by character; a run with
different lengths is a changed block, mapped as a whole (an offset inside it maps to the block's start, or its
end for the end of a span). Adjacent 1:1 runs are merged, so a lightly edited text has a short map.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence

Runs = list[list[int]]

_RESYNC_WINDOW = 24
_RESYNC_MATCH = 3


class RunBuilder:
    """Accumulates ``[norm_len, orig_len]`` runs, merging neighbours where that keeps the meaning."""

    def __init__(self) -> None:
        self.runs: Runs = []

    def add(self, norm_len: int, orig_len: int) -> None:
        if norm_len == 0 and orig_len == 0:
            return
        if self.runs:
            last = self.runs[-1]
            last_linear = last[0] == last[1]
            linear = norm_len == orig_len
            if last_linear and linear:
                last[0] += norm_len
                last[1] += orig_len
                return
            if not last_linear and not linear:
                last[0] += norm_len
                last[1] += orig_len
                return
        self.runs.append([norm_len, orig_len])

    def extend(self, runs: Iterable[Sequence[int]]) -> None:
        for n, o in runs:
            self.add(int(n), int(o))


def identity(length: int) -> Runs:
    """The map of a text that was not changed."""
    return [[length, length]] if length else []


def concat(parts: Iterable[Runs]) -> Runs:
    """The map of texts joined end to end (each part's map in order)."""
    builder = RunBuilder()
    for runs in parts:
        builder.extend(runs)
    return builder.runs


def lengths(runs: Runs) -> tuple[int, int]:
    """(normalised length, original length) covered by the map."""
    return sum(r[0] for r in runs), sum(r[1] for r in runs)


class OffsetMap:
    """Lookup structure over a run list (build once, map many offsets)."""

    def __init__(self, runs: Runs) -> None:
        self.runs = [[int(a), int(b)] for a, b in runs]
        self._norm_starts: list[int] = []
        self._orig_starts: list[int] = []
        n = o = 0
        for a, b in self.runs:
            self._norm_starts.append(n)
            self._orig_starts.append(o)
            n += a
            o += b
        self.norm_length = n
        self.orig_length = o

    def _map(self, x: int, end: bool, src_starts: list[int], dst_starts: list[int], src_i: int) -> int:
        src_total = self.norm_length if src_i == 0 else self.orig_length
        dst_total = self.orig_length if src_i == 0 else self.norm_length
        if x <= 0 or not self.runs:
            return 0 if x <= 0 or not self.runs else min(x, dst_total)
        if x >= src_total:
            return dst_total
        i = bisect_right(src_starts, x) - 1
        # several empty-source runs may share this start; bisect_right picked the last one
        start_src = src_starts[i]
        run = self.runs[i]
        src_len, dst_len = (run[0], run[1]) if src_i == 0 else (run[1], run[0])
        offset = x - start_src
        if src_len == dst_len:
            return dst_starts[i] + offset
        if offset == 0:
            if end:
                return dst_starts[i]
            # an offset at the start of a changed run: walk back over empty-source runs so that a span
            # starting here includes the text that was inserted before it
            while i > 0:
                prev = self.runs[i - 1]
                prev_src = prev[0] if src_i == 0 else prev[1]
                if prev_src != 0:
                    break
                i -= 1
            return dst_starts[i]
        return dst_starts[i] + (dst_len if end else 0)

    def to_original(self, offset: int, *, end: bool = False) -> int:
        """Original offset of a normalised offset (``end=True`` for the end of a span)."""
        return self._map(offset, end, self._norm_starts, self._orig_starts, 0)

    def to_normalized(self, offset: int, *, end: bool = False) -> int:
        """Normalised offset of an original offset (``end=True`` for the end of a span)."""
        return self._map(offset, end, self._orig_starts, self._norm_starts, 1)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        s = self.to_original(start)
        e = self.to_original(end, end=True)
        return s, max(s, e)

    def span_to_normalized(self, start: int, end: int) -> tuple[int, int]:
        s = self.to_normalized(start)
        e = self.to_normalized(end, end=True)
        return s, max(s, e)


def to_original(runs: Runs | OffsetMap, offset: int, *, end: bool = False) -> int:
    m = runs if isinstance(runs, OffsetMap) else OffsetMap(runs)
    return m.to_original(offset, end=end)


def to_normalized(runs: Runs | OffsetMap, offset: int, *, end: bool = False) -> int:
    m = runs if isinstance(runs, OffsetMap) else OffsetMap(runs)
    return m.to_normalized(offset, end=end)


def span_to_original(runs: Runs | OffsetMap, start: int, end: int) -> tuple[int, int]:
    m = runs if isinstance(runs, OffsetMap) else OffsetMap(runs)
    return m.span_to_original(start, end)


def span_to_normalized(runs: Runs | OffsetMap, start: int, end: int) -> tuple[int, int]:
    m = runs if isinstance(runs, OffsetMap) else OffsetMap(runs)
    return m.span_to_normalized(start, end)


def _find_resync(a: str, b: str, i: int, j: int) -> tuple[int, int] | None:
    """Smallest (di, dj) after which a[i+di:] and b[j+dj:] agree again for a few characters."""
    la, lb = len(a), len(b)
    for d in range(1, _RESYNC_WINDOW + 1):
        # prefer substitutions (di == dj), then the most balanced edits
        order = sorted(range(d + 1), key=lambda di: abs(2 * di - d))
        for di in order:
            dj = d - di
            ii, jj = i + di, j + dj
            if ii > la or jj > lb:
                continue
            if ii == la and jj == lb:
                return di, dj
            k = min(_RESYNC_MATCH, la - ii, lb - jj)
            if k == 0:
                continue
            if k < _RESYNC_MATCH and not (ii + k == la and jj + k == lb):
                continue
            if a[ii : ii + k] == b[jj : jj + k]:
                return di, dj
    return None


def align(original: str, normalized: str, key: Callable[[str], str] | None = None) -> Runs:
    """Run-length map from *normalized* to *original*, found by a monotonic character alignment.

    *key* folds both texts before comparing (it must keep their lengths): letter variants, digits and quote
    styles that normalisation rewrites one for one then count as equal, so only real edits become changed
    runs.
    """
    a = key(original) if key else original
    b = key(normalized) if key else normalized
    if len(a) != len(original) or len(b) != len(normalized):
        raise ValueError("align(): the key function must not change the text length")
    builder = RunBuilder()
    i = j = 0
    la, lb = len(a), len(b)
    while i < la and j < lb:
        # fast path: skip equal stretches in blocks
        step = 64
        while step >= 1:
            if i + step <= la and j + step <= lb and a[i : i + step] == b[j : j + step]:
                builder.add(step, step)
                i += step
                j += step
            else:
                step //= 4 if step > 1 else 2
        if i >= la or j >= lb:
            break
        found = _find_resync(a, b, i, j)
        if found is None:
            builder.extend(_difflib_runs(a[i:], b[j:]))
            return builder.runs
        di, dj = found
        builder.add(dj, di)
        i += di
        j += dj
    builder.add(lb - j, la - i)
    return builder.runs


def _difflib_runs(a: str, b: str) -> Runs:
    import difflib

    builder = RunBuilder()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            builder.add(j2 - j1, i2 - i1)
        else:
            builder.add(j2 - j1, i2 - i1)
    return builder.runs
