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
    from reader.app import maintenance
    from reader.store.db import close_db

    close_db()
    return maintenance.library_path()


def _cmd_check(args: argparse.Namespace) -> int:
    from reader.app import maintenance

    path = _library()
    if not path.exists():
        print(f"There is no library yet at {path}.")
        return 0
    problems = maintenance.check()
    if problems:
        raise UserError(f"The library {path} is damaged ({'; '.join(problems[:3])[:200]}); run "
                        "`tarjoman library recover` to keep a copy and rescue what can be read.")
    found = maintenance.list_backups()
    newest = f"newest {found[0].created:%Y-%m-%d %H:%M}" if found else "none yet"
    print(f"The library {path} is healthy (integrity check passed); {len(found)} backups, {newest}.")
    return 0


def _consent(question: str, assume_yes: bool) -> bool:
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        raise UserError(f"{question} Add --yes to confirm (no terminal to ask on).")
    answer = input(f"{question} [y/N] ").strip().lower()
    return answer in ("y", "yes")


def _cmd_recover(args: argparse.Namespace) -> int:
    from reader.app import maintenance

    path = _library()
    if not path.exists():
        raise UserError(f"There is no library at {path} to recover.")
    if args.start_fresh:
        if not _consent(f"Start an empty library at {path}? The current files are kept in "
                        f"{path.parent / 'backups'}.", args.yes):
            print("Nothing changed.")
            return 1
        print(maintenance.recover(start_fresh=True).summary())
        return 0
    if not maintenance.check():
        print(f"The library {path} is healthy; there is nothing to recover.")
        return 0
    print(maintenance.recover().summary())
    return 0


def _cmd_backups(args: argparse.Namespace) -> int:
    from reader.app import maintenance
    from reader.store.backup import KEEP

    _library()
    found = maintenance.list_backups()
    if not found:
        print(f"No backups yet (Tarjoman keeps {KEEP}: one a day, and one before each upgrade).")
        return 0
    for b in found:
        print(b.describe())
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from reader.app import maintenance

    path = _library()
    if not path.exists():
        raise UserError(f"There is no library yet at {path}.")
    print(f"Backed up the library to {maintenance.make_backup()}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from reader.app import maintenance

    _library()
    chosen = maintenance.find_backup(args.backup)
    if chosen is None:
        if args.backup == "latest":
            raise UserError("There are no backups to restore.")
        raise UserError(f"{args.backup}: no such backup; `tarjoman library backups` lists them.")
    kept = maintenance.restore(chosen)
    where = f"; the previous library is kept at {kept}" if kept else ""
    print(f"Restored the library from {chosen.name}{where}.")
    return 0
