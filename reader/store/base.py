"""The two names every store module shares: the peewee ``DatabaseProxy`` and :class:`StoreError`.

Kept apart from ``db.py`` (which opens databases and runs migrations) so that ``models`` can bind to the proxy
without importing the migration machinery that imports ``models`` (no import cycle).
"""

from __future__ import annotations

from peewee import DatabaseProxy

db = DatabaseProxy()


class StoreError(Exception):
    """A human-readable problem with the library database (locked, damaged, newer than this app)."""
