"""Bounded reading of untrusted input: zip archives (.docx, packages) and JSON files.

Everything here decides from sizes and structure *before* the expensive work starts, so a hostile file is
refused in milliseconds and with bounded memory:

- :func:`check_zip` reads only the zip's central directory and refuses an archive whose members would
  unpack past a total or per-member size, whose compression ratio is that of a zip bomb, or that holds too
  many members. Python's :mod:`zipfile` never yields more bytes for a member than the directory declares
  (and fails the CRC check if the data disagrees), so the declared sizes are a real bound on what a reader
  built on :mod:`zipfile` (python-docx, the package installer) will get.
- :func:`load_json` / :func:`loads_json` refuse a file over a byte cap and a document nested deeper than a
  depth cap (measured by a linear scan before :mod:`json` recurses), and turn every parse failure into one
  sentence.

Every refusal is an :class:`InputLimitError` (a ``ValueError``) whose message is one line naming the file.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

MB = 1024 * 1024


class InputLimitError(ValueError):
    """Input refused by a size, ratio, count or depth limit (or unreadable); the message is one line."""


def human_bytes(n: float) -> str:
    """``1.5 GB``, ``20.0 MB``, ``3.2 KB``, ``12 bytes``."""
    for unit, size in (("GB", 1024**3), ("MB", MB), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{int(n)} bytes"


# --- zip -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ZipLimits:
    """What one zip-based input may unpack to."""

    max_total_bytes: int = 256 * MB  # all members together, uncompressed
    max_member_bytes: int = 64 * MB  # any one member, uncompressed
    max_members: int = 5000
    max_ratio: float = 200.0  # uncompressed / compressed, for members bigger than ratio_floor
    ratio_floor: int = 1 * MB  # small members may compress as well as they like


#: A .docx: a news article's document.xml is kilobytes; even a book stays far below these.
DOCX_LIMITS = ZipLimits()


@dataclass(frozen=True)
class ZipSummary:
    """The central directory of an accepted archive."""

    members: tuple[zipfile.ZipInfo, ...]
    total_bytes: int


def check_zip(path: str | Path, limits: ZipLimits = DOCX_LIMITS, *, kind: str = "archive") -> ZipSummary:
    """Check *path*'s zip directory against *limits* without unpacking anything.

    Raises InputLimitError (``"<name> is not a valid <kind> …"`` or ``"<name> was refused: …"``).
    """
    path = Path(path)
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise InputLimitError(f"{name} is not a valid {kind} (damaged or not a zip archive)") from exc
    except OSError as exc:
        raise InputLimitError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    return check_members(infos, limits, name=name)


def check_members(infos: list[zipfile.ZipInfo], limits: ZipLimits, *, name: str) -> ZipSummary:
    """The limits of :func:`check_zip` applied to an already-open archive's ``infolist()``."""
    if len(infos) > limits.max_members:
        raise InputLimitError(
            f"{name} was refused: it holds {len(infos):,} files (the limit is {limits.max_members:,})"
        )
    total = 0
    for info in infos:
        size = info.file_size
        if size > limits.max_member_bytes:
            raise InputLimitError(
                f"{name} was refused: {info.filename} would unpack to {human_bytes(size)} "
                f"(the limit is {human_bytes(limits.max_member_bytes)} per file)"
            )
        if size > limits.ratio_floor:
            ratio = size / max(1, info.compress_size)
            if ratio > limits.max_ratio:
                raise InputLimitError(
                    f"{name} was refused: {info.filename} expands {ratio:,.0f} times "
                    f"({human_bytes(info.compress_size)} → {human_bytes(size)}), like a zip bomb"
                )
        total += size
        if total > limits.max_total_bytes:
            raise InputLimitError(
                f"{name} was refused: it would unpack to more than {human_bytes(limits.max_total_bytes)}"
            )
    return ZipSummary(tuple(infos), total)


# --- JSON ----------------------------------------------------------------------------------------------------
DEFAULT_JSON_BYTES = 64 * MB
DEFAULT_JSON_DEPTH = 64

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_depth(text: str) -> int:
    """How deeply *text*'s arrays and objects nest (brackets inside strings ignored); linear, no recursion."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if not brackets:
        return 0
    return max(0, max(accumulate(_STEP[c] for c in brackets)))


def loads_json(
    text: str | bytes, *, name: str = "the file", max_bytes: int = DEFAULT_JSON_BYTES,
    max_depth: int = DEFAULT_JSON_DEPTH,
) -> Any:
    """Parse JSON *text* within the byte and depth caps. Raises InputLimitError with one line naming *name*."""
    size = len(text)
    if size > max_bytes:
        raise InputLimitError(
            f"{name} is {human_bytes(size)}, over the {human_bytes(max_bytes)} limit for a JSON file"
        )
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputLimitError(f"{name} is not UTF-8 text, so it is not a JSON file Tarjoman reads") from exc
    depth = json_depth(text)
    if depth > max_depth:
        raise InputLimitError(
            f"{name} nests {depth:,} levels deep (the limit is {max_depth}); it is not a file Tarjoman wrote"
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputLimitError(f"{name} is not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    except RecursionError as exc:  # belt and braces: the depth scan should have refused it
        raise InputLimitError(f"{name} nests too deeply to read") from exc


def load_json(
    path: str | Path, *, max_bytes: int = DEFAULT_JSON_BYTES, max_depth: int = DEFAULT_JSON_DEPTH,
    name: str | None = None,
) -> Any:
    """Read and parse a JSON file within the caps; the size is checked from the file system before reading."""
    path = Path(path)
    label = name or path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise InputLimitError(f"{label}: no such file") from exc
    except OSError as exc:
        raise InputLimitError(f"{label}: cannot be read ({exc.strerror or exc})") from exc
    if not path.is_file():
        raise InputLimitError(f"{label} is not a regular file")
    if size > max_bytes:
        raise InputLimitError(
            f"{label} is {human_bytes(size)}, over the {human_bytes(max_bytes)} limit for a JSON file"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputLimitError(f"{label}: cannot be read ({exc.strerror or exc})") from exc
    return loads_json(data, name=label, max_bytes=max_bytes, max_depth=max_depth)


def read_member_bounded(zf: zipfile.ZipFile, member: str, max_bytes: int, *, name: str) -> bytes:
    """One zip member's bytes, refusing (before reading) one that declares more than *max_bytes*."""
    try:
        info = zf.getinfo(member)
    except KeyError as exc:
        raise InputLimitError(f"{name}: {member} is missing") from exc
    if info.file_size > max_bytes:
        raise InputLimitError(
            f"{name} was refused: {member} is {human_bytes(info.file_size)} "
            f"(the limit is {human_bytes(max_bytes)})"
        )
    with zf.open(info) as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # unreachable with zipfile's own bound, kept for other readers
        raise InputLimitError(f"{name} was refused: {member} is over {human_bytes(max_bytes)}")
    return data
