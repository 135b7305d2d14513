"""The bundled sample library: imported into an empty library on first start."""

from __future__ import annotations

from reader import resources
from reader.store.models import Article


def import_samples_if_empty() -> int:
    """Import resources/samples/* into an empty library. Returns how many were imported."""
    if Article.select().exists():
        return 0
    from reader.app.importing import import_file

    n = 0
    for path in resources.samples():
        import_file(path)
        n += 1
    return n
