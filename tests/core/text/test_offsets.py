"""Offset maps: run-length encoding, both mapping directions, spans, and alignment of real edits."""

from __future__ import annotations

import json
import random

from reader.core.text import offsets
from reader.core.text.normalize import alignment_key
from reader.core.text.offsets import OffsetMap, RunBuilder, align


def test_builder_merges_linear_runs() -> None:
    b = RunBuilder()
    b.add(3, 3)
    b.add(2, 2)
    b.add(1, 0)
    b.add(0, 2)
    b.add(4, 4)
    assert b.runs == [[5, 5], [1, 2], [4, 4]]


def test_identity_and_json_roundtrip() -> None:
    runs = offsets.identity(10)
    assert runs == [[10, 10]]
    assert json.loads(json.dumps(runs)) == runs
    m = OffsetMap(runs)
    assert [m.to_original(i) for i in range(11)] == list(range(11))
    assert offsets.identity(0) == []


def test_insertion_and_deletion() -> None:
    original = "abc def"
    normalized = "abc\u200cXdef"  # space -> ZWNJ + inserted X
    runs = align(original, normalized)
    m = OffsetMap(runs)
    assert (m.norm_length, m.orig_length) == (len(normalized), len(original))
    # "def" maps onto "def"
    s, e = m.span_to_original(normalized.index("def"), len(normalized))
    assert original[s:e] == "def"
    # "abc" maps onto "abc"
    assert m.span_to_original(0, 3) == (0, 3)
    # and back
    assert m.span_to_normalized(4, 7) == (normalized.index("def"), len(normalized))


def test_changed_block_maps_to_whole_block() -> None:
    original = "x...y"
    normalized = "x …y"
    m = OffsetMap(align(original, normalized))
    s, e = m.span_to_original(1, 3)  # " …"
    assert original[s:e] == "..."


def test_module_functions_accept_plain_runs() -> None:
    runs = [[2, 2], [1, 3], [2, 2]]
    assert offsets.to_original(runs, 3) == 5
    assert offsets.to_normalized(runs, 5) == 3
    assert offsets.span_to_original(runs, 0, 5) == (0, 7)
    assert offsets.span_to_normalized(runs, 0, 7) == (0, 5)
    assert offsets.lengths(runs) == (5, 7)


def test_concat() -> None:
    assert offsets.concat([[[3, 3]], [[2, 2]], [[1, 0]]]) == [[5, 5], [1, 0]]


def test_out_of_range_offsets_clamp() -> None:
    m = OffsetMap([[4, 6]])
    assert m.to_original(-3) == 0
    assert m.to_original(99) == 6
    assert m.to_normalized(99) == 4
    assert OffsetMap([]).to_original(5) == 0


def test_align_random_edits_keeps_unchanged_words() -> None:
    rng = random.Random(7)
    words = ["کتاب", "روسیه", "کره", "شمالی", "سفر", "سال", "دیدار", "همکاری"]
    for _ in range(30):
        orig_words = [rng.choice(words) for _ in range(40)]
        original = " ".join(orig_words)
        norm_words = []
        for w in orig_words:
            r = rng.random()
            if r < 0.1:
                w = w + "\u064b"  # a diacritic the normaliser would have dropped (here: added)
            elif r < 0.2:
                w = w.replace("ی", "ي")  # a letter variant (same length), folded by the normaliser's key
            norm_words.append(w)
        normalized = "  ".join(norm_words)  # every space doubled
        m = OffsetMap(align(original, normalized, key=alignment_key))
        assert (m.norm_length, m.orig_length) == (len(normalized), len(original))
        pos = 0
        for ow, nw in zip(orig_words, norm_words, strict=True):
            start = normalized.index(nw, pos)
            s, e = m.span_to_original(start, start + len(nw))
            assert original[s:e].strip() == ow
            pos = start + len(nw)


def test_align_long_texts_fast_path() -> None:
    original = "سلام دنیا. " * 2000
    normalized = original.replace("دنیا", "دنیا\u200c")
    m = OffsetMap(align(original, normalized))
    assert m.norm_length == len(normalized)
    last = normalized.rindex("سلام")
    s, e = m.span_to_original(last, last + 4)
    assert original[s:e] == "سلام"


def test_align_rejects_length_changing_key() -> None:
    import pytest

    with pytest.raises(ValueError):
        align("abc", "abd", key=lambda t: t + "x")
