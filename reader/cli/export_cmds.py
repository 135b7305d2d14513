"""Export and annotation commands.

``tarjoman export FILE_OR_ID… -o OUT [--format pdf|md|html] [--layout columns|interleaved] [--sentences A-B]``
translates what is untranslated first (when a model, or the shipped cache, can), then writes one file.
``tarjoman annotations list|add|edit|delete|restore|export|import`` manage highlights and notes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.common import open_library, resolve_article

if TYPE_CHECKING:
    from reader.core.jobs import Progress
    from reader.store.annotations import AnnotationRecord


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export articles as a bilingual PDF, Markdown or HTML file")
    p.add_argument("refs", nargs="+", metavar="FILE_OR_ID", help="library ids or article files (imported first)")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="file to write (.pdf, .md or .html)")
    p.add_argument("--format", choices=["pdf", "md", "html"], help="default: from OUT's suffix")
    p.add_argument("--layout", choices=["columns", "interleaved"], default="columns",
                   help="columns: English left, source right (default); interleaved: sentence under sentence")
    p.add_argument("--sentences", metavar="A-B", help="only sentences A to B (1-based; one article)")
    p.add_argument("--no-translate", action="store_true", help="export as is, without translating first")
    p.add_argument("--no-entities", action="store_true", help="do not colour named entities")
    p.add_argument("--no-annotations", action="store_true", help="leave out highlights and notes")
    p.add_argument("--paragraph-bookmarks", action="store_true", help="PDF: a bookmark per paragraph too")
    p.add_argument("--page-size", choices=["A4", "Letter"], default="A4")
    p.add_argument("--title", default="", help="document title when exporting several articles")
    p.set_defaults(func=_cmd_export)

    a = sub.add_parser("annotations", help="list, add, edit, delete, export or import highlights and notes")
    asub = a.add_subparsers(dest="annotations_command", metavar="ACTION")
    a.set_defaults(func=_cmd_list, article=None, tag=None, search=None, deleted=False)

    q = asub.add_parser("list", help="list annotations (of one article, with a tag, matching a text)")
    q.add_argument("article", nargs="?", type=int, metavar="ID")
    q.add_argument("--tag")
    q.add_argument("--search", metavar="TEXT", help="text in the note, quote or tags")
    q.add_argument("--deleted", action="store_true", help="include deleted ones")
    q.set_defaults(func=_cmd_list)

    q = asub.add_parser("add", help="highlight a quote in a sentence")
    q.add_argument("article", type=int, metavar="ID")
    q.add_argument("sentence", type=int, metavar="SENTENCE", help="sentence number (1-based, as `show` prints)")
    q.add_argument("--quote", required=True, help="the exact text to highlight")
    q.add_argument("--side", choices=["source", "target"], default="source", help="target = the English")
    q.add_argument("--occurrence", type=int, default=1, help="which occurrence of the quote (default 1)")
    q.add_argument("--note", default="")
    q.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    q.add_argument("--color", default=None, help="#rrggbb (default yellow)")
    q.set_defaults(func=_cmd_add)

    q = asub.add_parser("edit", help="change an annotation's note, tags or colour")
    q.add_argument("id", type=int)
    q.add_argument("--note")
    q.add_argument("--tags", help="comma-separated; replaces the tags")
    q.add_argument("--color")
    q.set_defaults(func=_cmd_edit)

    for name, helptext in (("delete", "delete an annotation (restorable)"), ("restore", "undo a delete")):
        q = asub.add_parser(name, help=helptext)
        q.add_argument("id", type=int)
        q.set_defaults(func=_cmd_delete if name == "delete" else _cmd_restore)

    q = asub.add_parser("export", help="write annotations as JSON")
    q.add_argument("articles", nargs="*", type=int, metavar="ID", help="default: every annotated article")
    q.add_argument("-o", "--output", required=True, metavar="FILE.json")
    q.set_defaults(func=_cmd_ann_export)

    q = asub.add_parser("import", help="add annotations from a JSON file (duplicates are skipped)")
    q.add_argument("file", metavar="FILE.json")
    q.set_defaults(func=_cmd_ann_import)


def _user_error(message: str) -> Exception:
    from reader.cli.errors import UserError

    return UserError(message)


def parse_range(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    m = re.fullmatch(r"\s*(\d+)\s*(?:[-–:]\s*(\d+)\s*)?", text)
    if not m:
        raise _user_error(f"--sentences wants A-B (e.g. 3-10), not {text!r}")
    first = int(m.group(1))
    last = int(m.group(2) or first)
    return first, last




def translate_if_needed(article_id: int, progress: Progress | None = None) -> str | None:
    """Translate the article's untranslated sentences when a model (or the shipped cache) can.

    Returns None when the article is (now) fully translated, else a one-line note saying why not.
    """
    from reader.store import repo

    done, total = repo.translation_progress(article_id)
    if total == 0 or done == total:
        return None
    article = repo.get_article(article_id)
    try:
        from reader.app.translate import translate_article
    except ImportError:
        return f"article {article_id}: no translation engine in this installation; exporting the source only"
    from reader.core.jobs import Cancelled

    try:
        from reader.core.translate.errors import TranslateError
    except ImportError:  # pragma: no cover - the engine package is incomplete
        TranslateError = RuntimeError  # type: ignore[misc,assignment]  # noqa: N806
    try:
        results = translate_article(article_id, progress=progress)
    except TranslateError as exc:
        first = str(exc).split(". ")[0].rstrip(".")
        return (f"article {article_id} ({article.language}): {first}; exporting with empty translation cells "
                f"for the {total - done} untranslated sentences")
    except Cancelled:
        raise KeyboardInterrupt from None
    from reader.store.annotations import reanchor

    reanchor(article_id, [r.index for r in results])
    return None


class _Progress:
    """`label: done/total` on stderr when it is a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.tty = sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if self.tty:
            print(f"\r{self.label}: {done}/{total}", end="", file=sys.stderr, flush=True)
            self.shown = True

    def end(self) -> None:
        if self.shown:
            print(file=sys.stderr)
            self.shown = False


def _cmd_export(args: argparse.Namespace) -> int:
    from reader.app.exporting import export_articles
    from reader.core.export import ExportOptions, format_for_path

    fmt = args.format or format_for_path(args.output)
    if fmt is None:
        raise _user_error(f"cannot tell the format from {args.output!r}: use .pdf, .md or .html, or --format")
    sentence_range = parse_range(args.sentences)
    if sentence_range is not None and len(args.refs) != 1:
        raise _user_error("--sentences works with exactly one article")
    ids = [resolve_article(r) for r in args.refs]
    if not args.no_translate:
        for aid in ids:
            bar = _Progress(f"translating article {aid}")
            note = translate_if_needed(aid, bar)
            bar.end()
            if note:
                print(f"tarjoman: note: {note}", file=sys.stderr)
    options = ExportOptions(
        layout=args.layout, entities=not args.no_entities, annotations=not args.no_annotations,
        paragraph_bookmarks=args.paragraph_bookmarks, page_size=args.page_size, title=args.title,
    )
    bar = _Progress(f"exporting {fmt}")
    try:
        result = export_articles(ids, args.output, fmt, options, sentence_range, progress=bar)
    except (OSError, ValueError) as exc:
        raise _user_error(f"could not write {args.output}: {exc}") from None
    finally:
        bar.end()
    pages = f", {result.pages} pages" if result.pages else ""
    print(f"wrote {result.path} ({fmt}, {result.documents} article{'s' if result.documents != 1 else ''}, "
          f"{result.rows} sentences{pages})")
    return 0


# ---- annotations ----------------------------------------------------------------------------------------


def _print_record(r: AnnotationRecord) -> None:
    tags = " ".join("#" + t for t in r.tags)
    state = " [deleted]" if r.deleted else (" [orphaned]" if r.orphaned else "")
    quote = " ".join(r.quote.split())
    note = " ".join(r.note.split())
    print(f"{r.id}\t{r.article_id}\t{r.sentence_index + 1}\t{r.side}\t{r.color}\t{quote}\t{note}\t{tags}{state}")


def _cmd_list(args: argparse.Namespace) -> int:
    from reader.store import annotations as ann

    open_library()
    if args.article is not None:
        from reader.store import repo

        repo.get_article(args.article)
    rows = ann.list_annotations(args.article, tag=args.tag, text=args.search, include_deleted=args.deleted)
    if not rows:
        print("no annotations", file=sys.stderr)
        return 0
    for r in rows:
        _print_record(r)
    return 0


def _cmd_add(args: argparse.Namespace) -> int:
    from reader.store import annotations as ann

    open_library()
    r = ann.create_from_quote(args.article, args.sentence - 1, args.side, args.quote, occurrence=args.occurrence,
                              color=args.color, note=args.note, tags=args.tag)
    _print_record(r)
    return 0


def _cmd_edit(args: argparse.Namespace) -> int:
    from reader.store import annotations as ann

    open_library()
    if args.note is None and args.tags is None and args.color is None:
        raise _user_error("nothing to change: give --note, --tags or --color")
    _print_record(ann.update(args.id, note=args.note, tags=args.tags, color=args.color))
    return 0


def _cmd_delete(args: argparse.Namespace) -> int:
    from reader.store import annotations as ann

    open_library()
    _print_record(ann.delete(args.id))
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from reader.store import annotations as ann

    open_library()
    _print_record(ann.restore(args.id))
    return 0


def _cmd_ann_export(args: argparse.Namespace) -> int:
    from reader.core.export.markdown import write_text_atomic
    from reader.store.annotations_io import export_annotations

    open_library()
    data = export_annotations(args.articles or None)
    n = sum(len(a["annotations"]) for a in data["articles"])
    try:
        write_text_atomic(Path(args.output), json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    except OSError as exc:
        raise _user_error(f"could not write {args.output}: {exc.strerror or exc}") from None
    print(f"wrote {n} annotations of {len(data['articles'])} articles to {args.output}")
    return 0


def _cmd_ann_import(args: argparse.Namespace) -> int:
    from reader.store.annotations_io import import_annotations

    open_library()
    from reader.core.safeio import InputLimitError, load_json

    try:  # size and nesting depth are checked before parsing
        data = load_json(Path(args.file), name=args.file)
    except InputLimitError as exc:
        raise _user_error(str(exc)) from None
    rep = import_annotations(data)
    print(f"added {rep.added}, skipped {rep.duplicates} duplicates"
          + (f", {rep.orphaned} orphaned (quote not found)" if rep.orphaned else "")
          + (f", {rep.unmatched_articles} articles not in this library" if rep.unmatched_articles else "")
          + (f", {rep.invalid} invalid entries" if rep.invalid else ""))
    return 0
