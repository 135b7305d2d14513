"""Command line: `tarjoman` opens the app; subcommands run headless.

Each command group lives in its own module exposing ``register(subparsers)``; handlers return an exit code
and raise :class:`UserError` for a one-line, human reason (printed to stderr, exit code 1).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from reader import __version__
from reader.cli.errors import UserError

__all__ = ["UserError", "build_parser", "main"]

COMMAND_MODULES = [
    "reader.cli.library",
    "reader.cli.text_cmds",
    "reader.cli.models_cmds",
    "reader.cli.entities_cmds",
    "reader.cli.export_cmds",
    "reader.cli.maintenance_cmds",
    "reader.cli.feeds_cmds",
    "reader.cli.glossary_cmds",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tarjoman",
        description="Read Persian and Arabic news side by side with an offline English translation. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"tarjoman {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="open the desktop app (default)")
    gui.add_argument("files", nargs="*", help="articles to import and open")
    gui.set_defaults(func=_run_gui)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return parser


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _run_gui(args: argparse.Namespace) -> int:
    if not _has_display():
        from reader.cli.library import print_library

        print("No display found: printing the library instead of opening the window.", file=sys.stderr)
        return print_library(sample_if_empty=True)
    from reader.ui.app import main as gui_main

    return gui_main(list(getattr(args, "files", []) or []))


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    from reader.cli.entity_page_cmds import SUBCOMMANDS
    from reader.cli.entity_page_cmds import run as run_entity_command
    from reader.cli.library import fix_argv

    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) >= 2 and argv[0] == "entities" and argv[1] in SUBCOMMANDS:
        # `entities show|correct|corrections …` have options of their own (`entities FILE_OR_ID` tags an article)
        command, rest = argv[1], argv[2:]
        args = argparse.Namespace(func=lambda _a: run_entity_command(command, rest))
    else:
        args = parser.parse_args(fix_argv(argv))
    if not getattr(args, "func", None):
        args.func = _run_gui
        args.files = []
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"tarjoman: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("tarjoman: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: one line, not a traceback
        from reader.cli.failures import describe_failure

        known = describe_failure(exc)  # data folder, library faults (damaged, read-only, locked, disk full)
        if known is not None:
            print(f"tarjoman: {known}", file=sys.stderr)
            return 1
        if os.environ.get("TARJOMAN_DEBUG"):
            raise
        print(f"tarjoman: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
