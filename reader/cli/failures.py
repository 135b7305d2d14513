"""The one sentence the CLI prints for a failure it knows: data folder, library faults, memory.

Everything here is a fault of the place Tarjoman works in (not of one input file), so a command stops on it.
"""

from __future__ import annotations


def describe_failure(exc: BaseException) -> str | None:
    """A one-line, human message for *exc*, or None when it is not a known kind of failure."""
    from reader.config import ConfigError
    from reader.store.db import StoreError
    from reader.store.faults import explain

    if isinstance(exc, ConfigError | StoreError):
        return " ".join(str(exc).split())
    fault = explain(exc)
    if fault is not None:
        return " ".join(str(fault).split())
    if isinstance(exc, MemoryError):
        return "Tarjoman ran out of memory; close other programs or work on fewer or smaller files at once."
    return None


def library_fault(exc: BaseException) -> str | None:
    """The sentence for a fault of the library itself (a command must stop), or None."""
    from reader.store.db import DiskFull, LibraryDamaged, LibraryLocked, LibraryReadOnly, StoreError
    from reader.store.faults import explain

    if isinstance(exc, LibraryDamaged | LibraryReadOnly | LibraryLocked | DiskFull):
        return " ".join(str(exc).split())
    if isinstance(exc, StoreError):
        return None  # a StoreError raised on purpose (no such article, …) is about the request, not the library
    fault = explain(exc)
    return None if fault is None else " ".join(str(fault).split())
