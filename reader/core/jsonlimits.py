"""JSON from files we did not write: bounded in size and nesting before Python's parser sees it.

``json.loads`` recurses once per nesting level, so ``[[[[…]]]]`` a few thousand deep raises RecursionError, and a
2 GB file is read whole into memory. :func:`load_bounded` checks the byte size first, then the nesting depth with
the flat scan of :func:`reader.core.safeio.json_depth` (no recursion), and only then parses. Errors are
:class:`JsonLimitError` (a ValueError) with one line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reader.core.safeio import json_depth

DEFAULT_MAX_BYTES = 1024 * 1024
DEFAULT_MAX_DEPTH = 32


class JsonLimitError(ValueError):
    """The JSON text is too large, too deeply nested or not valid JSON; ``str()`` is one line."""


def loads_bounded(data: str | bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, max_depth: int = DEFAULT_MAX_DEPTH,
                  what: str = "the JSON") -> Any:
    """Parse *data* after checking its size and nesting; raises JsonLimitError."""
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > max_bytes:
        raise JsonLimitError(f"{what} is {size / 1024:,.0f} kB, more than the {max_bytes / 1024:,.0f} kB allowed")
    scan = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    if json_depth(scan) > max_depth:
        raise JsonLimitError(f"{what} is nested more than {max_depth} levels deep")
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        return json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise JsonLimitError(f"{what} is not valid JSON ({str(exc).splitlines()[0][:120]})") from None


def load_file_bounded(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES, max_depth: int = DEFAULT_MAX_DEPTH,
                      what: str | None = None) -> Any:
    """Read and parse a JSON file, refusing it by size before reading (raises JsonLimitError or OSError)."""
    path = Path(path)
    label = what or path.name
    size = path.stat().st_size
    if size > max_bytes:
        raise JsonLimitError(f"{label} is {size / 1024:,.0f} kB, more than the {max_bytes / 1024:,.0f} kB allowed")
    with path.open("rb") as fh:
        return loads_bounded(fh.read(max_bytes + 1), max_bytes=max_bytes, max_depth=max_depth, what=label)
