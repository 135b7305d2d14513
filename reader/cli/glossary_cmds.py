"""`tarjoman glossary add|list|remove|import|export|apply`: the user glossary (source term → English).

Terms are per language (fa, ar). Translations pick up a changed glossary the next time an article is
translated or opened in the app; ``glossary apply`` re-applies it to every translated article at once, from the
cached model output (nothing is decoded again).
"""

from __future__ import annotations

import argparse
import sys

_FA_ONLY = set("پچژگ")
_AR_ONLY = set("ةيكىأإؤئ")


def register(sub: argparse._SubParsersAction) -> None:
    g = sub.add_parser("glossary", help="terms a translation must use (source term → English)")
    gsub = g.add_subparsers(dest="glossary_command", metavar="ACTION", required=True)
    p = gsub.add_parser("add", help="add a term, or change the English of one already there")
    p.add_argument("source", help="the Persian or Arabic term")
    p.add_argument("english", help="the English the translation must use")
    p.add_argument("--lang", choices=["fa", "ar"], help="language of the term (guessed from its letters)")
    p.add_argument("--note", default="")
    p.set_defaults(func=_cmd_add)
    p = gsub.add_parser("list", help="print the terms: language, term, English, note")
    p.add_argument("--lang", choices=["fa", "ar"])
    p.set_defaults(func=_cmd_list)
    p = gsub.add_parser("remove", help="remove a term (any spelling of it)")
    p.add_argument("source")
    p.add_argument("--lang", choices=["fa", "ar"])
    p.set_defaults(func=_cmd_remove)
    p = gsub.add_parser("import", help="add the terms of a .csv (source,english,language,note) or .tbx file")
    p.add_argument("file")
    p.add_argument("--lang", choices=["fa", "ar"], help="language of CSV rows that do not name one")
    p.set_defaults(func=_cmd_import)
    p = gsub.add_parser("export", help="write the glossary to a .csv or .tbx file")
    p.add_argument("file")
    p.add_argument("--lang", choices=["fa", "ar"])
    p.set_defaults(func=_cmd_export)
    p = gsub.add_parser("apply", help="re-apply the glossary to every translated article (no re-translation)")
    p.add_argument("--lang", choices=["fa", "ar"])
    p.set_defaults(func=_cmd_apply)


def _guess_language(term: str, given: str | None) -> str:
    from reader.cli import UserError

    if given:
        return given
    letters = set(term)
    if letters & _FA_ONLY and not letters & _AR_ONLY:
        return "fa"
    if letters & _AR_ONLY and not letters & _FA_ONLY:
        return "ar"
    raise UserError(f"Cannot tell whether «{term}» is Persian or Arabic: add --lang fa or --lang ar.")


def _store_error(exc: Exception) -> Exception:
    from reader.cli import UserError

    return UserError(str(exc))


def _cmd_add(args: argparse.Namespace) -> int:
    from reader.app import glossary
    from reader.cli.common import open_library
    from reader.store.db import StoreError

    open_library()
    try:
        term = glossary.add_term(args.source, args.english, _guess_language(args.source, args.lang), args.note)
    except StoreError as exc:
        raise _store_error(exc) from None
    print(f"{term.language}\t{term.source}\t{term.english}")
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    from reader.app import glossary
    from reader.cli.common import open_library

    open_library()
    for t in glossary.terms(args.lang):
        print("\t".join((t.language, t.source, t.english, t.note)))
    return 0


def _cmd_remove(args: argparse.Namespace) -> int:
    from reader.app import glossary
    from reader.cli.common import open_library
    from reader.store.db import StoreError

    open_library()
    try:
        glossary.remove_term(args.source, args.lang)
    except StoreError as exc:
        raise _store_error(exc) from None
    print(f"removed «{args.source}»")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from reader.app import glossary
    from reader.cli.common import open_library
    from reader.core.glossary.files import GlossaryFileError, read_file
    from reader.store.db import StoreError

    open_library()
    try:
        found = read_file(Path(args.file), args.lang)
        added, updated = glossary.add_terms(found.terms)
    except (GlossaryFileError, StoreError) as exc:
        raise _store_error(exc) from None
    for line in found.skipped:
        print(f"skipped: {line}", file=sys.stderr)
    print(f"{added} terms added, {updated} updated, {len(found.skipped)} skipped")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from reader.app import glossary
    from reader.cli.common import open_library
    from reader.core.glossary.files import write_file

    open_library()
    terms = glossary.terms(args.lang)
    try:
        write_file(Path(args.file), terms)
    except OSError as exc:
        raise _store_error(OSError(f"Cannot write {args.file}: {exc.strerror or exc}.")) from None
    print(f"{len(terms)} terms written to {args.file}")
    return 0


def _cmd_apply(args: argparse.Namespace) -> int:
    from reader.app.translate import reapply_glossary
    from reader.cli.common import open_library

    open_library()
    done = [aid for lang in ([args.lang] if args.lang else ["fa", "ar"]) for aid in reapply_glossary(lang)]
    print(f"glossary applied to {len(done)} articles" + (f": {' '.join(map(str, done))}" if done else ""))
    return 0
