"""`tarjoman entities show NAME` (one entity across the library) and `tarjoman entities correct …` (the reader's
own corrections: not an entity, another type, an English name, or a new entity), `entities corrections`."""

from __future__ import annotations

import argparse
import json
import sys

SUBCOMMANDS = ("show", "correct", "corrections")


def _show_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tarjoman entities show",
                                description="Every article that mentions an entity, in any spelling or language.")
    p.add_argument("name", help="a Persian, Arabic or English spelling (e.g. «کیم جونگ اون» or 'Kim Jong Un')")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--export", metavar="FILE", help="write every mention to FILE (.csv, .pdf, .html or .md)")
    p.add_argument("--all", action="store_true", help="list every mention (default: the newest 500)")
    return p


def _correct_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tarjoman entities correct",
        description="Correct the entity tagger; the correction applies to every article in the library (they "
                    "are re-tagged) and to articles imported later.")
    p.add_argument("text", help="the word or name as written in the article")
    p.add_argument("--lang", choices=["fa", "ar"], required=True, help="the language it is written in")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--not-entity", action="store_true", help="it is not a person, place or organisation")
    g.add_argument("--type", metavar="TYPE", help="it has this type: person, place or organisation")
    g.add_argument("--english", metavar="NAME", help="use this English name for it")
    g.add_argument("--add", metavar="TYPE", help="mark it as an entity of TYPE wherever it appears")
    g.add_argument("--forget", action="store_true", help="remove your corrections of this form")
    return p


def _corrections_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tarjoman entities corrections", description="List your entity corrections.")
    p.add_argument("--lang", choices=["fa", "ar"])
    p.add_argument("--format", choices=["text", "json"], default="text")
    return p


def run(command: str, rest: list[str]) -> int:
    from reader.cli.common import open_library

    open_library()
    if command == "show":
        return _show(_show_parser().parse_args(rest))
    if command == "correct":
        return _correct(_correct_parser().parse_args(rest))
    return _corrections(_corrections_parser().parse_args(rest))


def _show(args: argparse.Namespace) -> int:
    from reader.app.entity_page import entity_page, export_mentions
    from reader.cli.errors import UserError

    page = entity_page(args.name, limit=None if args.all else 500)
    if page is None:
        raise UserError(f"no article in the library mentions {args.name!r}")
    if args.export:
        n = export_mentions(page, args.export)
        print(f"{n} sentence{'s' if n != 1 else ''} written to {args.export}", file=sys.stderr)
    if args.format == "json":
        json.dump({
            "name": page.name, "total_mentions": page.total_mentions, "type": page.type, "spellings": page.spellings, "articles": page.articles,
            "related": [{"name": n, "type": t, "articles": c} for _k, n, t, c in page.related],
            "mentions": [{"article_id": m.article_id, "title": m.title, "date": m.date, "language": m.language,
                          "sentence": m.sentence_index + 1, "text": m.text, "source": m.source,
                          "translation": m.translation} for m in page.mentions],
        }, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    spell = "; ".join(f"{lang}: " + ", ".join(f"{t} ({c})" for t, c in per[:5]) for lang, per in page.spellings.items())
    print(f"{page.name} · {page.type} · {len(page.articles)} article(s), {page.total_mentions} mention(s)")
    print(f"spellings  {spell}")
    if page.related:
        print("appears with  " + ", ".join(f"{n} ({c})" for _k, n, _t, c in page.related))
    last = None
    for m in page.mentions:
        if m.article_id != last:
            print(f"\n[{m.article_id}] {m.date}  {m.title}")
            last = m.article_id
        left, kw, right = m.context()
        print(f"  {m.sentence_index + 1:>4}  …{left}[{kw}]{right}…")
        if m.translation:
            print(f"        {m.translation}")
    if len(page.mentions) < page.total_mentions:
        print(f"\n… and {page.total_mentions - len(page.mentions)} older mentions (--all lists them)")
    return 0


def _correct(args: argparse.Namespace) -> int:
    from reader.app.entities import affected_articles, correct, forget, retag
    from reader.cli.errors import UserError
    from reader.core.entities.corrections import CorrectionError, make

    if args.forget:
        n = forget(args.lang, args.text)
        probe = make(args.lang, args.text, "reject")
    else:
        action, type_, english = (("reject", "", "") if args.not_entity else ("type", args.type, "") if args.type
                                  else ("english", "", args.english) if args.english else ("add", args.add, ""))
        try:
            probe = correct(args.lang, args.text, action, type_, english)
        except CorrectionError as exc:
            raise UserError(str(exc)) from None
        n = 1
    ids = affected_articles(probe)
    retag(ids)
    print(f"{'Removed' if args.forget else 'Saved'} {n} correction{'s' if n != 1 else ''} of «{probe.text}»; "
          f"re-tagged {len(ids)} article{'s' if len(ids) != 1 else ''}.")
    return 0


def _corrections(args: argparse.Namespace) -> int:
    from reader.app.entities import correction_list

    items = correction_list(args.lang)
    if args.format == "json":
        json.dump(items, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for c in items:
        detail = c["type"] or c["english"]
        print(f"{c['language']}\t{c['action']}\t{c['text']}" + (f"\t{detail}" if detail else ""))
    return 0
