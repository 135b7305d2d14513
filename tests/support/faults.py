"""Helpers for database-fault tests: run the CLI in-process, damage a library, make a path read-only.

Read-only for real: permission bits when not root; as root (who ignores them) a read-only bind mount. Root
without mount (an unprivileged container) has no real read-only place: those tests skip, saying why.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.hostile import AR, FA


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``tarjoman ARGS`` in this process, as a fresh process would (library closed first)."""
    from reader.cli import main
    from reader.store import close_db

    close_db()
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    close_db()
    return code, out, err


def write_articles(folder: Path, n: int, sentences: int = 40, prefix: str = "article") -> list[Path]:
    """*n* small article files (Persian and Arabic, each distinct: the prefix and number are in the text)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        base = (FA if i % 2 == 0 else AR).strip()
        p = folder / f"{prefix}{i:03d}.txt"
        p.write_text(f"{base} ({prefix} {i})\n" + " ".join([base] * sentences) + f" {prefix} {i}\n",
                     encoding="utf-8")
        out.append(p)
    return out


def digest(path: Path) -> str:
    h = hashlib.sha256()
    for suffix in ("", "-wal"):
        p = Path(str(path) + suffix)
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()


def checkpoint(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def table_leaf_page(path: Path, table: str) -> int:
    """A leaf page of *table* from the middle of it (SQLite's dbstat table), to damage some rows, not all."""
    con = sqlite3.connect(path)
    try:
        leaves = [r[0] for r in con.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (table,))]
    finally:
        con.close()
    assert len(leaves) >= 3, f"{table} has too few pages to damage only some"
    return leaves[len(leaves) // 2]


def corrupt(path: Path, page: int | None = None, size: int = 4096) -> int:
    """Overwrite *size* bytes at a page boundary (the middle page by default) with a fixed junk pattern;
    returns the page number (1-based) that was hit."""
    checkpoint(path)
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    page = page or pages // 2
    with path.open("r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write((b"\xde\xad\xbe\xef" * (size // 4))[:size])
    return page


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def _skip(reason: str) -> None:
    """Root that may not mount (an unprivileged container) cannot be refused a write by permission bits, so
    there is no real read-only place to test; a non-root run (CI) always has one (chmod)."""
    pytest.skip(reason)


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make *path* (a folder or a file) read-only for this process, for real, for the duration."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    bind = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True)
    if bind.returncode != 0:
        _skip(f"cannot make {path} read-only as root without mount ({bind.stderr.decode().strip()})")
    try:
        ro = subprocess.run(["mount", "-o", "remount,bind,ro", str(path)], capture_output=True)
        if ro.returncode != 0:
            _skip(f"cannot remount {path} read-only ({ro.stderr.decode().strip()})")
        yield
    finally:
        subprocess.run(["umount", str(path)], capture_output=True)


@contextlib.contextmanager
def small_tmpfs(path: Path, size: str = "1m") -> Iterator[Path]:
    """A real, tiny file system at *path* (root with mount only; skipped elsewhere)."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("a real size-capped file system needs mount (root); the max_page_count test covers the rest")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"mount tmpfs failed ({done.stderr.decode().strip()})")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)
