"""How an article's texts are stored: once each, compressed, the later ones as deltas of the earlier.

Codec 1 (``ArticleBody.codec``):
- ``text``: the normalised body, zlib-compressed UTF-8.
- ``original``: the cleaned original, zlib-compressed with the normalised text as preset dictionary — the two
  differ in a few characters, so this costs a few hundred bytes; empty when identical.
- ``raw``: the decoded input, compressed with the original as preset dictionary (what cleaning removed); empty
  when identical to the original.
- ``offset_map``: the run list flattened into unsigned 32-bit integers, zlib-compressed.

Sentences keep only their spans (``Sentence.text`` is ``text[start:end]``).
"""

from __future__ import annotations

import zlib
from array import array
from dataclasses import dataclass, field
from functools import cached_property

from reader.store.base import StoreError, db

CODEC = 1
_LEVEL = 6
_WINDOW = 32768  # zlib uses at most the last 32 KiB of a preset dictionary


def pack_text(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), _LEVEL)


def unpack_text(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8") if blob else ""


def pack_delta(text: str, base: str) -> bytes:
    """*text* compressed against *base* (b"" when they are equal)."""
    if text == base:
        return b""
    comp = zlib.compressobj(_LEVEL, zdict=base.encode("utf-8")[-_WINDOW:] or b"\0")
    return b"\1" + comp.compress(text.encode("utf-8")) + comp.flush()


def unpack_delta(blob: bytes, base: str) -> str:
    if not blob:
        return base
    dec = zlib.decompressobj(zdict=base.encode("utf-8")[-_WINDOW:] or b"\0")
    return (dec.decompress(blob[1:]) + dec.flush()).decode("utf-8")


def pack_runs(runs: list[list[int]]) -> bytes:
    if not runs:
        return b""
    flat = array("I", (int(x) for run in runs for x in run))
    return zlib.compress(flat.tobytes(), _LEVEL)


def unpack_runs(blob: bytes) -> list[list[int]]:
    if not blob:
        return []
    flat = array("I")
    flat.frombytes(zlib.decompress(blob))
    return [[flat[i], flat[i + 1]] for i in range(0, len(flat), 2)]


def pack_body(text: str, original: str, raw: str, runs: list[list[int]]) -> dict[str, bytes | int]:
    """Column values of an ``article_body`` row."""
    original = original or text
    return {
        "codec": CODEC,
        "text": pack_text(text),
        "original": pack_delta(original, text),
        "raw": pack_delta(raw or original, original),
        "offset_map": pack_runs(runs),
    }


@dataclass
class Body:
    """An article's texts, decoded on first use."""

    article_id: int
    text: str
    _original: bytes = field(repr=False, default=b"")
    _raw: bytes = field(repr=False, default=b"")
    _runs: bytes = field(repr=False, default=b"")

    @cached_property
    def original_text(self) -> str:
        return unpack_delta(self._original, self.text)

    @cached_property
    def raw_text(self) -> str:
        return unpack_delta(self._raw, self.original_text)

    @cached_property
    def offset_map(self) -> list[list[int]]:
        return unpack_runs(self._runs)


def _row(article_id: int, columns: str) -> tuple:
    row = db.execute_sql(f"SELECT codec, {columns} FROM article_body WHERE article_id = ?", (article_id,)).fetchone()
    if row is None:
        raise StoreError(f"No article with id {article_id} in the library.")
    if row[0] != CODEC:
        raise StoreError(f"Article {article_id} was stored by a newer Tarjoman (text codec {row[0]}).")
    return row


def load_text(article_id: int) -> str:
    """The normalised text only (what ``Sentence.text`` slices)."""
    return unpack_text(_row(article_id, "text")[1])


def load_body(article_id: int) -> Body:
    _codec, text, original, raw, runs = _row(article_id, "text, original, raw, offset_map")
    return Body(article_id, unpack_text(text), bytes(original), bytes(raw), bytes(runs))
