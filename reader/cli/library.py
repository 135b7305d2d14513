"""Library commands: list, show, search, delete, tag, mark — and the headless fallback of `make run`."""

from __future__ import annotations

import argparse
import sys

from reader.cli.common import open_library

SORTS = ["published", "created", "updated", "title", "language", "site"]
STATES = ["translated", "partly", "untranslated", "read", "unread"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list the articles in the library")
    p.add_argument("--lang", choices=["fa", "ar"], help="only this language")
    p.add_argument("--tag", help="only articles with this tag")
    p.add_argument("--site", help="only articles from this site, agency or feed")
    p.add_argument("--state", choices=STATES, help="only translated / partly / untranslated / read / unread ones")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="published on or after this date")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="published on or before this date")
    p.add_argument("--sort", choices=SORTS, default="published",
                   help="publication date (default), import date, last change, title, language or site")
    p.add_argument("--calendar", choices=["gregorian", "jalali", "hijri"],
                   help="show dates in this calendar (default: the app's setting)")
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser("show", help="show an article's numbered sentences (and translations)")
    p.add_argument("id", type=int)
    p.add_argument("--original", action="store_true", help="print the original (un-normalised) text")
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("search", help="search titles, sentences, translations and notes in both languages")
    p.add_argument("query", nargs="+", help="words to find (a query may start with '-')")
    p.set_defaults(func=_cmd_search)

    p = sub.add_parser("delete", help="delete an article from the library")
    p.add_argument("id", type=int)
    p.set_defaults(func=_cmd_delete)

    p = sub.add_parser("tag", help="tag articles (collections): add, remove, rename, delete, list")
    tags = p.add_subparsers(dest="tag_command", metavar="ACTION", required=True)
    t = tags.add_parser("add", help="add a tag to articles")
    t.add_argument("tag")
    t.add_argument("ids", type=int, nargs="+")
    t = tags.add_parser("remove", help="remove a tag from articles")
    t.add_argument("tag")
    t.add_argument("ids", type=int, nargs="+")
    t = tags.add_parser("rename", help="rename a tag (onto an existing one: merge them)")
    t.add_argument("old")
    t.add_argument("new")
    t = tags.add_parser("delete", help="delete a tag (the articles stay)")
    t.add_argument("tag")
    tags.add_parser("list", help="list tags with their article counts")
    p.set_defaults(func=_cmd_tag)

    p = sub.add_parser("mark", help="mark articles read or unread")
    p.add_argument("state", choices=["read", "unread"])
    p.add_argument("ids", type=int, nargs="+")
    p.set_defaults(func=_cmd_mark)


def fix_argv(argv: list[str]) -> list[str]:
    """`tarjoman search -قم`: a query that starts with '-' is a query, not an option."""
    if len(argv) > 1 and argv[0] == "search" and argv[1].startswith("-") and argv[1] not in ("-h", "--help", "--"):
        return [argv[0], "--", *argv[1:]]
    return argv


def print_library(sample_if_empty: bool = False) -> int:
    open_library()
    if sample_if_empty:
        from reader.app.samples import import_samples_if_empty

        import_samples_if_empty()
    return _cmd_list(argparse.Namespace(lang=None))


def _cmd_list(args: argparse.Namespace) -> int:
    from reader.core.dates import display
    from reader.store import library

    open_library()
    calendar = getattr(args, "calendar", None)
    if calendar is None:
        from reader.settings import Settings

        calendar = Settings.load().calendar
    filters = library.Filters(language=args.lang, tag=getattr(args, "tag", None), site=getattr(args, "site", None),
                              state=getattr(args, "state", None), since=getattr(args, "since", None),
                              until=getattr(args, "until", None))
    rows = library.rows(filters, sort=getattr(args, "sort", None) or "published")
    if not rows:
        if filters == library.Filters():
            print("The library is empty. Import an article with: tarjoman import FILE")
        else:
            print("No article matches these filters.", file=sys.stderr)
        return 0
    out = []
    for r in rows:
        state = "translated" if r.state == "translated" else f"{r.done}/{r.total} translated"
        date = display(r.published, r.date, calendar) or "-"
        tags = ",".join(r.tags) or "-"
        out.append(f"{r.id}\t{r.language}\t{r.total} sentences\t{state}\t{'read' if r.read else 'unread'}\t"
                   f"{date}\t{r.site or '-'}\t{tags}\t{r.title}" + (f"\t{r.title_en}" if r.title_en else ""))
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from reader.store import repo

    open_library()
    a = repo.get_article(args.id)
    print(f"# {a.title}")
    if a.title_en:
        print(f"# {a.title_en}")
    print(f"language: {a.language}  date: {a.date or '-'}  published: {a.published or '-'}  "
          f"source: {a.source or '-'}")
    for key, value in (a.meta or {}).items():
        if isinstance(value, str | int | float) and value != "":
            print(f"{key}: {value}")
    print()
    if args.original:
        print(a.original_text)
        return 0
    last_par = None
    for s in repo.sentences(a):
        if last_par is not None and s.paragraph != last_par:
            print()
        last_par = s.paragraph
        print(f"{s.index + 1}\t{s.text}")
        if s.translation is not None:
            print(f"\t{s.translation}")
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    from reader.cli.errors import UserError
    from reader.store import repo
    from reader.store.search import QueryError

    open_library()
    try:
        hits = repo.search(" ".join(args.query))
    except QueryError as exc:
        raise UserError(str(exc)) from None
    if not hits:
        print("no matches", file=sys.stderr)
        return 1
    for h in hits:
        number = h.sentence + 1 if h.sentence is not None else "-"
        print(f"{h.article_id}\t{h.kind}\t{number}\t{h.text}")
    return 0


def _cmd_delete(args: argparse.Namespace) -> int:
    from reader.store import repo

    open_library(write=True)
    a = repo.get_article(args.id)
    repo.delete_article(a.id)
    print(f"deleted {a.id}\t{a.title}")
    return 0


def _cmd_tag(args: argparse.Namespace) -> int:
    from reader.store import library

    open_library()
    action = args.tag_command
    if action == "add":
        n = library.add_tag(args.ids, args.tag)
        print(f"tagged {n} article{'s' if n != 1 else ''} with {library.clean_tag(args.tag)}")
    elif action == "remove":
        n = library.remove_tag(args.ids, args.tag)
        print(f"removed {library.clean_tag(args.tag)} from {n} article{'s' if n != 1 else ''}")
    elif action == "rename":
        library.rename_tag(args.old, args.new)
        print(f"renamed {library.clean_tag(args.old)} to {library.clean_tag(args.new)}")
    elif action == "delete":
        library.delete_tag(args.tag)
        print(f"deleted tag {library.clean_tag(args.tag)}")
    else:
        tags = library.all_tags()
        if not tags:
            print("No tags yet. Tag articles with: tarjoman tag add TAG ID...")
        for name, count in tags:
            print(f"{name}\t{count}")
    return 0


def _cmd_mark(args: argparse.Namespace) -> int:
    from reader.store import library

    open_library()
    library.mark_read(args.ids, read=args.state == "read")
    print(f"marked {len(args.ids)} article{'s' if len(args.ids) != 1 else ''} {args.state}")
    return 0
