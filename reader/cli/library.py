"""Library commands: list, show, search, delete — and the headless fallback of `make run`."""

from __future__ import annotations

import argparse
import sys

from reader.cli.common import open_library


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list the articles in the library")
    p.add_argument("--lang", choices=["fa", "ar"], help="only this language")
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser("show", help="show an article's numbered sentences (and translations)")
    p.add_argument("id", type=int)
    p.add_argument("--original", action="store_true", help="print the original (un-normalised) text")
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("search", help="search titles, sentences, translations and notes in both languages")
    p.add_argument("query")
    p.set_defaults(func=_cmd_search)

    p = sub.add_parser("delete", help="delete an article from the library")
    p.add_argument("id", type=int)
    p.set_defaults(func=_cmd_delete)


def print_library(sample_if_empty: bool = False) -> int:
    open_library()
    if sample_if_empty:
        from reader.app.samples import import_samples_if_empty

        import_samples_if_empty()
    return _cmd_list(argparse.Namespace(lang=None))


def _cmd_list(args: argparse.Namespace) -> int:
    from reader.store import repo

    open_library()
    progress = repo.progress_by_article()
    articles = repo.list_articles(language=args.lang)
    if not articles:
        print("The library is empty. Import an article with: tarjoman import FILE")
        return 0
    for a in articles:
        done, total = progress.get(a.id, (0, 0))
        state = "translated" if total and done == total else f"{done}/{total} translated"
        english = f"\t{a.title_en}" if a.title_en else ""  # the translated headline, when there is one
        print(f"{a.id}\t{a.language}\t{total} sentences\t{state}\t{a.date or '-'}\t{a.title}{english}")
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from reader.store import repo

    open_library()
    a = repo.get_article(args.id)
    print(f"# {a.title}")
    if a.title_en:
        print(f"# {a.title_en}")
    print(f"language: {a.language}  date: {a.date or '-'}  source: {a.source or '-'}")
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
    from reader.store import repo
    from reader.store.search import hit_text

    open_library()
    hits = repo.search(args.query)
    if not hits:
        print("no matches", file=sys.stderr)
        return 1
    for h in hits:
        found = hit_text(h)
        if found is None and h.kind in ("source", "target"):
            continue
        number, text = found or (None, "")
        print(f"{h.article_id}\t{h.kind}\t{number if number is not None else '-'}\t{text}")
    return 0


def _cmd_delete(args: argparse.Namespace) -> int:
    from reader.store import repo

    open_library()
    a = repo.get_article(args.id)
    repo.delete_article(a.id)
    print(f"deleted {a.id}\t{a.title}")
    return 0
