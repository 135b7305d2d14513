"""Checking a library and rescuing what can be read from a damaged one (``tarjoman library check|recover``).

Recovery never touches the damaged file's bytes: its files (with -wal/-shm) are first copied into
``backups/damaged-<time>/``, then a fresh library with the current schema is built beside it and every
table is copied row by row from a working copy, stepping over unreadable pages (rows are read in rowid
order; where a read fails, the scan jumps ahead until it reads again). Rows whose parent did not survive are
dropped, the search index is rebuilt from the rescued text, and the rebuilt file takes the library's place.
Starting empty happens only when asked (``start_fresh``), and even then the old files are kept.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from peewee import SqliteDatabase

from reader.store.base import StoreError

_SKIP = ("sqlite_", "search_")  # internal tables and the full-text index (rebuilt, not copied)


@dataclass
class RecoveryReport:
    kept: Path  # where the damaged files were copied, untouched
    rows: dict[str, tuple[int, int]] = field(default_factory=dict)  # table -> (rescued, before damage if known)
    unreadable: dict[str, int] = field(default_factory=dict)  # table -> places a read failed
    fresh: bool = False
    expected_sentences: int = 0  # what the rescued articles' own counts said, when known

    def summary(self) -> str:
        if self.fresh:
            return f"Started an empty library; the old files are kept in {self.kept}."
        arts = self.rows.get("article", (0, 0))[0]
        sents = self.rows.get("sentence", (0, 0))[0]
        bad = sum(self.unreadable.values())
        of = f" of {self.expected_sentences:,}" if self.expected_sentences > sents else ""
        text = f"Recovered {arts:,} articles and {sents:,}{of} sentences"
        text += f" ({bad} unreadable spot{'s' if bad > 1 else ''} skipped)" if bad else " (nothing was unreadable)"
        return text + f"; the damaged files are kept in {self.kept}."


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that also works in a read-only folder (where the WAL index cannot be made)."""
    uri = Path(path).resolve().as_uri()
    try:
        con = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc):
            raise
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)


def check_library(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` of the library at *path*, read-only: [] when healthy, else the problems.
    A file that cannot be opened at all raises the one-line StoreError of :func:`faults.explain`."""
    from reader.store.faults import classify, explain

    try:
        con = open_read_only(path)
        try:
            rows = [str(r[0]) for r in con.execute("PRAGMA integrity_check(20)").fetchall()]
        finally:
            con.close()
    except sqlite3.Error as exc:
        if classify(exc)[0] == "corrupt":
            return [str(exc)]
        raise explain(exc, path, opening=True) or StoreError(str(exc)) from exc
    return [] if rows == ["ok"] else rows


def _copy_files(db_path: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(db_path) + suffix)
        if p.exists():
            shutil.copy2(p, folder / p.name)


def _kept_copy(db_path: Path) -> Path:
    from reader.store.backup import _now, backup_dir

    folder = backup_dir(db_path) / f"damaged-{_now():%Y%m%d-%H%M%S}"
    n = 1
    while folder.exists():
        folder = backup_dir(db_path) / f"damaged-{_now():%Y%m%d-%H%M%S}-{n}"
        n += 1
    _copy_files(db_path, folder)
    return folder


def _remove(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f'PRAGMA table_info("{table}")').fetchall()]


def _scan(src: sqlite3.Connection, table: str, cols: list[str], bad: list[int]) -> Iterator[tuple]:
    """Rows of *table* in rowid order, stepping over what cannot be read (each unreadable stretch counted in
    *bad*). After a failed read the scan goes one row at a time; where the next row itself cannot be read, it
    finds the first readable row after it (doubling a jump, then halving it back)."""
    select = ", ".join(f'"{c}"' for c in cols)
    try:
        top = src.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0]
    except sqlite3.Error:
        top = None
    if top is None:  # empty, unreadable root, or a WITHOUT ROWID table: read straight through until it fails
        try:
            for row in src.execute(f'SELECT {select} FROM "{table}"'):
                yield row
        except sqlite3.Error:
            bad.append(1)
        return
    sql = f'SELECT rowid, {select} FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT ?'

    def first_after(after: int) -> tuple | None:
        """The first readable row with rowid > *after* + a jump, searching the smallest jump that reads."""
        fail, step = 0, 1
        while True:
            if after + step > top:
                return None
            try:
                row = src.execute(sql, (after + step, 1)).fetchone()
                break
            except sqlite3.Error:
                fail, step = step, step * 2
        while step - fail > 1:  # row read at *step*, not at *fail*: the smallest jump that reads
            mid = (fail + step) // 2
            try:
                found = src.execute(sql, (after + mid, 1)).fetchone()
            except sqlite3.Error:
                fail = mid
                continue
            step, row = mid, found
        return row

    last, careful = -(2**63), 0
    while last < top:
        try:
            rows = src.execute(sql, (last, 1 if careful else 200)).fetchall()
        except sqlite3.Error:
            if not careful:  # somewhere in the next 200: go one by one for a while
                careful = 400
                continue
            bad.append(1)  # the very next row cannot be read
            row = first_after(last)
            if row is None:
                return
            rows = [row]
        if not rows:
            return
        for row in rows:
            yield row[1:]
        last = rows[-1][0]
        careful = max(0, careful - len(rows))


def _rebuild_index(con: sqlite3.Connection) -> None:
    """The search index of the compact schema, from the rescued texts (titles, source sentences sliced from
    the article bodies, translations, notes and tags). Articles whose body did not survive are dropped."""
    import json

    from reader.store import search
    from reader.store.compact import unpack_text

    con.execute("INSERT INTO search_text(search_text) VALUES ('delete-all')")
    con.execute("DELETE FROM search_note")
    con.execute("DELETE FROM article WHERE id NOT IN (SELECT article_id FROM article_body)")
    for aid, title, blob in con.execute(
            "SELECT a.id, a.title, b.text FROM article a JOIN article_body b ON b.article_id = a.id").fetchall():
        try:
            text = unpack_text(blob)
        except Exception:  # a body that does not decompress: the article cannot be shown
            con.execute("DELETE FROM article WHERE id = ?", (aid,))
            continue
        sents = con.execute('SELECT "index", start, "end", translation FROM sentence WHERE article_id = ? '
                            'ORDER BY "index"', (aid,)).fetchall()
        search.add([(search.rowid(aid, 0, search.TITLE), title)], con)
        search.add([(search.rowid(aid, 0, search.SOURCE), search.source_document(text[a:b] for _i, a, b, _t in sents))],
                   con)
        search.add(((search.rowid(aid, i, search.TARGET), tr) for i, _a, _b, tr in sents if tr), con)
        con.execute("UPDATE article SET n_sentences = ?, n_translated = ? WHERE id = ?",
                    (len(sents), sum(1 for *_x, tr in sents if tr is not None), aid))
    for nid, note, tags in con.execute("SELECT id, note, tags FROM annotation WHERE deleted = 0").fetchall():
        try:
            tag_list = json.loads(tags or "[]")
        except ValueError:
            tag_list = []
        search.set_note(nid, f"{note or ''} {' '.join('#' + str(t) for t in tag_list)}".strip(), con)


def _drop_orphans(con: sqlite3.Connection) -> None:
    for _ in range(10):
        problems = con.execute("PRAGMA foreign_key_check").fetchall()
        if not problems:
            return
        for table, rowid, _parent, _fk in problems:
            con.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))


def recover_library(db_path: Path, *, start_fresh: bool = False) -> RecoveryReport:
    """Rebuild the (closed) library at *db_path* from what can be read; see the module docstring."""
    from reader.store import migrations

    db_path = Path(db_path)
    if not db_path.exists():
        raise StoreError(f"There is no library at {db_path} to recover.")
    kept = _kept_copy(db_path)
    if start_fresh:
        _remove(db_path)
        return RecoveryReport(kept=kept, fresh=True)
    report = RecoveryReport(kept=kept)
    work = Path(tempfile.mkdtemp(prefix="tarjoman-recover-"))
    rebuilt = db_path.with_name(db_path.name + ".recovered")
    try:
        _copy_files(db_path, work)
        try:
            src = sqlite3.connect(work / db_path.name)
            version = int(src.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.Error as exc:
            raise StoreError(f"Nothing can be read from {db_path} ({exc}); its files are kept in {kept}. "
                             "Run `tarjoman library recover --start-fresh` to begin an empty library.") from exc
        if version > migrations.SCHEMA_VERSION:
            raise StoreError(migrations.newer_message(version))
        for p in (rebuilt, Path(str(rebuilt) + "-wal"), Path(str(rebuilt) + "-shm")):
            p.unlink(missing_ok=True)
        target = SqliteDatabase(str(rebuilt), pragmas={"foreign_keys": 0})
        target.connect()
        try:
            # the damaged file's own schema first: its rows copy as they are; newer migrations run after
            for number in range(1, version + 1):
                with target.atomic():
                    migrations.MIGRATIONS[number - 1](target)
                    target.execute_sql(f"PRAGMA user_version = {number}")
            dst = target.connection()
            tables = [r[0] for r in dst.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                      if not r[0].startswith(_SKIP)]
            try:
                old_tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            except sqlite3.Error:
                old_tables = set(tables)
            for table in tables:
                if table not in old_tables:
                    continue
                try:
                    cols = [c for c in _columns(dst, table) if c in set(_columns(src, table))]
                except sqlite3.Error:
                    report.unreadable[table] = 1
                    continue
                bad: list[int] = []
                names = ", ".join(f'"{c}"' for c in cols)
                sql = f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in cols)})'
                count = 0
                with target.atomic():
                    for row in _scan(src, table, cols, bad):
                        dst.execute(sql, row)
                        count += 1
                report.rows[table] = (count, count)
                if bad:
                    report.unreadable[table] = len(bad)
            with target.atomic():
                _drop_orphans(dst)
                if version >= migrations.COMPACT_VERSION:  # older schemas: the compaction migration indexes
                    expected = dst.execute("SELECT sum(n_sentences) FROM article").fetchone()[0]
                    _rebuild_index(dst)
                    if expected:
                        report.expected_sentences = int(expected)
                    _drop_orphans(dst)
            migrations.migrate(target)
            for table in report.rows:
                n = dst.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                report.rows[table] = (n, report.rows[table][1])
            dst.execute("PRAGMA journal_mode = WAL")
        finally:
            target.close()
            src.close()
        _remove(db_path)  # its bytes are in *kept*
        rebuilt.replace(db_path)
        for suffix in ("-wal", "-shm"):
            extra = Path(str(rebuilt) + suffix)
            if extra.exists():
                extra.replace(Path(str(db_path) + suffix))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        for p in (rebuilt, Path(str(rebuilt) + "-wal"), Path(str(rebuilt) + "-shm")):
            p.unlink(missing_ok=True)
    return report
