"""Helpers shared by the CLI command modules."""

from __future__ import annotations

from reader import config
from reader.cli.errors import UserError
from reader.store.db import db, init_db


def open_library(*, write: bool = False) -> None:
    """Open (create) the library database under TARJOMAN_HOME, once per process.

    A library that can only be read is opened read-only: a command that will *write* stops at once with the
    reason (LibraryReadOnly); any other says so once on stderr and goes on reading."""
    from reader.store.db import STATE, LibraryReadOnly

    if db.obj is None or db.obj.is_closed():
        init_db(config.paths().database)
        if STATE.read_only and write:
            raise LibraryReadOnly(STATE.read_only)
        if STATE.notice:
            import sys

            print(f"tarjoman: {STATE.notice}", file=sys.stderr)
    elif STATE.read_only and write:
        raise LibraryReadOnly(STATE.read_only)
    if not STATE.read_only:
        from reader.app.dates import backfill_published

        backfill_published()  # printed dates of articles stored before they could be read (one light query)


def resolve_article(ref: str) -> int:
    """An article id, or a file path (imported first). Returns the article id."""
    open_library()
    if ref.isdigit():
        from reader.store import repo

        return repo.get_article(int(ref)).id
    from pathlib import Path

    p = Path(ref)
    if not p.is_file():
        raise UserError(f"{ref}: no such file or article id")
    from reader.app.importing import import_file

    try:
        return import_file(p).id
    except ValueError as exc:  # bad input file: the importers' one-line reasons
        raise UserError(f"{ref}: {exc}") from None
