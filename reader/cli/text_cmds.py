"""Text commands: ``import`` articles into the library, ``normalize`` and ``segment`` text on stdout.

``tarjoman import FILE_OR_URL…`` prints ``id<TAB>lang<TAB>N sentences<TAB>title`` per imported file or web
page (with ``(already in the library)`` or ``(updated)`` when the library had it: re-imports never duplicate),
goes on after a bad one (reason on stderr as ``tarjoman: FILE: reason``) and exits 1 when any failed.
``tarjoman normalize [FILE|-]`` normalises (+ZWNJ) keeping the line structure; ``tarjoman segment [FILE|-]``
cleans, normalises and prints one sentence per line with a blank line between paragraphs (the title, when
found, is the first paragraph).
"""

from __future__ import annotations

import argparse
import sys

from reader.cli.common import open_library


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import article files (.txt, .html, .docx) or web pages into the library")
    p.add_argument("files", nargs="+", metavar="FILE_OR_URL", help="a file, or an http(s):// address")
    p.add_argument("--lang", choices=["fa", "ar"], help="the articles' language (default: detect)")
    p.add_argument(
        "--passages",
        action="store_true",
        help="import only the Persian/Arabic passages of a text mostly in another language",
    )
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser(
        "set-language", help="process a library article again as Persian or Arabic (keeps highlights)"
    )
    p.add_argument("article", metavar="ID", type=int, help="the article's id (see `tarjoman list`)")
    p.add_argument("lang", choices=["fa", "ar"])
    p.set_defaults(func=_cmd_set_language)

    p = sub.add_parser("normalize", help="normalise Persian/Arabic text and restore ZWNJ (keeps lines)")
    p.add_argument(
        "file", nargs="?", default="-", metavar="FILE", help="input file, or - for stdin (default)"
    )
    p.add_argument("--lang", choices=["fa", "ar"], help="language of the input (default: detect)")
    p.set_defaults(func=_cmd_normalize)

    p = sub.add_parser("segment", help="clean, normalise and split text into sentences, one per line")
    p.add_argument(
        "file", nargs="?", default="-", metavar="FILE", help="input file, or - for stdin (default)"
    )
    p.add_argument("--lang", choices=["fa", "ar"], help="language of the input (default: detect)")
    p.set_defaults(func=_cmd_segment)


_STATUS = {"new": "", "unchanged": "\t(already in the library)", "updated": "\t(updated)",
           "restored": "\t(already in the library; restored from the trash)"}


def _cmd_import(args: argparse.Namespace) -> int:
    from reader.app.importing import import_file_outcome, import_url
    from reader.cli.failures import library_fault
    from reader.core.web.page import is_url
    from reader.store.db import StoreError

    open_library(write=True)
    failed = 0
    for i, name in enumerate(args.files):
        try:
            if is_url(name):
                outcome = import_url(name, args.lang)
            else:
                outcome = import_file_outcome(name, args.lang, passages=bool(getattr(args, "passages", False)))
        except (ValueError, StoreError) as exc:  # this file: say why, go on with the others
            failed += 1
            where = "" if is_url(name) and str(exc).startswith(name) else f"{name}: "
            print(f"tarjoman: {where}{_one_line(exc)}", file=sys.stderr)
            continue
        except Exception as exc:
            fault = library_fault(exc)
            if fault is not None:  # the library (disk full, damaged, locked…): no later file would fare better
                print(f"tarjoman: {fault}", file=sys.stderr)
                left = len(args.files) - i
                if left > 1:
                    print(f"tarjoman: {left} files not imported, from {name} on.", file=sys.stderr)
                return 1
            failed += 1
            print(f"tarjoman: {name}: could not be imported ({type(exc).__name__}: {_one_line(exc)})",
                  file=sys.stderr)
            continue
        article = outcome.article
        for warning in (article.meta or {}).get("warnings", []):
            print(f"tarjoman: warning: {warning}", file=sys.stderr)
        count = article.sentences.count()
        print(f"{article.id}\t{article.language}\t{count} sentences\t{article.title}{_STATUS[outcome.status]}")
        sys.stdout.flush()
    return 1 if failed else 0


def _cmd_set_language(args: argparse.Namespace) -> int:
    from reader.app.relanguage import relanguage_article
    from reader.cli import UserError
    from reader.store.db import StoreError

    open_library()
    try:
        report = relanguage_article(args.article, args.lang)
    except (ValueError, StoreError) as exc:
        raise UserError(_one_line(exc)) from exc
    print(
        f"{report.article_id}\t{report.language}\t{report.sentences} sentences\t"
        f"{report.annotations_moved} highlights kept, {report.annotations_orphaned} to check"
    )
    return 0


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _read_input(name: str) -> str:
    from reader.cli.errors import UserError
    from reader.core.importers import DocumentError, decode_bytes, read_document

    if name == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
        if not data.strip():
            raise UserError("no input text (stdin is empty)")
        try:
            text, _enc = decode_bytes(data, "standard input")
        except DocumentError as exc:
            raise UserError(str(exc)) from exc
        return text
    try:
        return read_document(name).text
    except DocumentError as exc:
        raise UserError(_one_line(exc)) from exc


def _cmd_normalize(args: argparse.Namespace) -> int:
    from reader.cli.errors import UserError
    from reader.core.text.pipeline import normalize_text

    text = _read_input(args.file)
    trailing_newline = text.endswith("\n")
    try:
        out = normalize_text(text.rstrip("\n") if trailing_newline else text, args.lang)
    except ValueError as exc:
        raise UserError(_one_line(exc)) from exc
    sys.stdout.write(out + "\n")
    return 0


def _cmd_segment(args: argparse.Namespace) -> int:
    from reader.cli.errors import UserError
    from reader.core.text.pipeline import segment_text

    text = _read_input(args.file)
    try:
        paragraphs = segment_text(text, args.lang)
    except ValueError as exc:
        raise UserError(_one_line(exc)) from exc
    sys.stdout.write("\n\n".join("\n".join(p) for p in paragraphs) + "\n")
    return 0
