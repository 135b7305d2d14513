"""`tarjoman library check|recover|backups|backup|restore`: the library's health, rescue and backups.

These commands work on the library file without opening it the usual way, so they run when it is damaged:
``check`` runs SQLite's full integrity check; ``recover`` keeps a copy of the damaged files and rebuilds what
can be read (``--start-fresh``, with consent, begins an empty library instead, still keeping the old files);
``backups`` lists the automatic copies; ``backup`` makes one now; ``restore`` puts one back, keeping the
current library first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("library", help="check, recover, back up or restore the library database")
    lib = p.add_subparsers(dest="library_command", metavar="ACTION", required=True)
    c = lib.add_parser("check", help="run a full integrity check of the library")
    c.set_defaults(func=_cmd_check)
    c = lib.add_parser("recover", help="keep a copy of a damaged library and rebuild what can be read")
    c.add_argument("--start-fresh", action="store_true",
                   help="begin an empty library instead (the old files are kept in backups/)")
    c.add_argument("--yes", action="store_true", help="do not ask before starting fresh")
    c.set_defaults(func=_cmd_recover)
    c = lib.add_parser("backups", help="list the automatic backups")
    c.set_defaults(func=_cmd_backups)
    c = lib.add_parser("backup", help="make a backup now")
    c.set_defaults(func=_cmd_backup)
    c = lib.add_parser("restore", help="replace the library with a backup (the current one is kept first)")
    c.add_argument("backup", help="a name from `tarjoman library backups`, a path, or 'latest'")
    c.set_defaults(func=_cmd_restore)


def _library() -> Path:
    from reader import config
    from reader.store.db import close_db

    close_db()
    return config.paths().database


def _cmd_check(args: argparse.Namespace) -> int:
    from reader.store.backup import list_backups
    from reader.store.recover import check_library

    path = _library()
    if not path.exists():
        print(f"There is no library yet at {path}.")
        return 0
    problems = check_library(path)
    if problems:
        raise UserError(f"The library {path} is damaged ({'; '.join(problems[:3])[:200]}); run "
                        "`tarjoman library recover` to keep a copy and rescue what can be read.")
    backups = list_backups(path)
    newest = f"newest {backups[0].created:%Y-%m-%d %H:%M}" if backups else "none yet"
    print(f"The library {path} is healthy (integrity check passed); {len(backups)} backups, {newest}.")
    return 0


def _consent(question: str, assume_yes: bool) -> bool:
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        raise UserError(f"{question} Add --yes to confirm (no terminal to ask on).")
    answer = input(f"{question} [y/N] ").strip().lower()
    return answer in ("y", "yes")


def _cmd_recover(args: argparse.Namespace) -> int:
    from reader.store.recover import check_library, recover_library

    path = _library()
    if not path.exists():
        raise UserError(f"There is no library at {path} to recover.")
    if args.start_fresh:
        if not _consent(f"Start an empty library at {path}? The current files are kept in "
                        f"{path.parent / 'backups'}.", args.yes):
            print("Nothing changed.")
            return 1
        print(recover_library(path, start_fresh=True).summary())
        return 0
    if not check_library(path):
        print(f"The library {path} is healthy; there is nothing to recover.")
        return 0
    report = recover_library(path)
    print(report.summary())
    return 0


def _cmd_backups(args: argparse.Namespace) -> int:
    from reader.store.backup import KEEP, list_backups

    backups = list_backups(_library())
    if not backups:
        print(f"No backups yet (Tarjoman keeps {KEEP}: one a day, and one before each upgrade).")
        return 0
    for b in backups:
        print(b.describe())
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    import sqlite3

    from reader.store.backup import make_backup

    path = _library()
    if not path.exists():
        raise UserError(f"There is no library yet at {path}.")
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dest = make_backup(con, path, reason="manual")
    finally:
        con.close()
    print(f"Backed up the library to {dest}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from reader.store.backup import backup_dir, list_backups, restore_backup

    path = _library()
    backups = list_backups(path)
    if args.backup == "latest":
        if not backups:
            raise UserError("There are no backups to restore.")
        chosen = backups[0].path
    else:
        chosen = Path(args.backup)
        if not chosen.exists():
            chosen = backup_dir(path) / args.backup
        if not chosen.exists():
            raise UserError(f"{args.backup}: no such backup; `tarjoman library backups` lists them.")
    kept = restore_backup(path, chosen)
    where = f"; the previous library is kept at {kept}" if kept else ""
    print(f"Restored the library from {chosen.name}{where}.")
    return 0
