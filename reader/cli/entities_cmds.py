"""`tarjoman entities FILE_OR_ID`: tag an article's named entities (and their English forms) headlessly."""

from __future__ import annotations

import argparse
import json
import sys

FIELDS = ("sentence", "type", "text", "start", "end", "english")

HELP = """\
Find the people, places and organisations of an article, with their English form where the article has
been translated. FILE_OR_ID is an article id from `tarjoman list`, or a file (read, not imported: when the
library already holds the same article its translations and saved entities are used).

Output: one record per entity with
  sentence  the sentence number, as `tarjoman show` prints it (1 = first sentence)
  type      PERSON, LOCATION or ORGANIZATION
  text      the entity as written in the sentence
  start,end character offsets of the entity in that sentence's text (not in the whole article)
  english   its English form in the sentence's translation (null / empty when not translated or not found)
The entities of a library article are saved to the library as well (the reader's entity panel shows them);
a file that is not in the library is tagged in memory and nothing is stored.

  tarjoman entities show NAME [--format json] [--export FILE.csv|.pdf]   one entity across the library
  tarjoman entities correct TEXT --lang fa|ar (--not-entity | --type T | --english NAME | --add T | --forget)
  tarjoman entities corrections [--lang fa|ar] [--format json]            your corrections"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("entities", help="list an article's named entities (people, places, organisations)",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("article", metavar="FILE_OR_ID",
                   help="article id, or a file (read, not imported); or one of: show NAME, correct TEXT …, corrections")
    p.add_argument("--format", choices=["json", "tsv"], default="json",
                   help="json: a list of objects (default); tsv: a header line then one entity per line")
    p.add_argument("--no-save", action="store_true", help="do not store the entities in the library")
    p.set_defaults(func=_cmd_entities)


def _records(per_sentence: dict) -> list[dict]:
    out = []
    for index in sorted(per_sentence):
        for e in per_sentence[index]:
            out.append({"sentence": index + 1, "type": e.type, "text": e.text, "start": e.start, "end": e.end,
                        "english": e.english})
    return out


def _cmd_entities(args: argparse.Namespace) -> int:
    from pathlib import Path

    from reader.app.entities import tag_article, tag_file
    from reader.cli.common import open_library
    from reader.cli.errors import UserError
    from reader.core.entities.model import ModelMissing
    from reader.store import repo

    open_library()
    ref = args.article
    try:
        if ref.isdigit():
            article = repo.get_article(int(ref))
            if article.language not in ("fa", "ar"):
                raise UserError(f"article {article.id} is in {article.language!r}; entities need Persian or Arabic")
            per_sentence = tag_article(article.id, save=False)
        elif Path(ref).is_file():  # a file is tagged as it is, never imported into the library
            try:
                found, per_sentence = tag_file(ref, save=False)
            except ValueError as exc:  # bad input file: the importers' one-line reasons
                raise UserError(f"{ref}: {exc}") from None
            article = repo.get_article(found) if found is not None else None  # the library's copy, if any
        else:
            raise UserError(f"{ref}: no such file or article id")
    except ModelMissing as exc:
        raise UserError(str(exc)) from exc
    if article is not None:
        from reader.app.entities import save_tagged
        from reader.app.glossary import plan_names, save_names

        plan = plan_names(article.id, per_sentence)  # one English spelling per name across the article
        per_sentence = plan.entities
        if not args.no_save:
            save_names(article.id, plan)
            save_tagged(article.id, per_sentence)
    records = _records(per_sentence)
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print("\t".join(FIELDS))
        for r in records:
            print("\t".join("" if r[f] is None else str(r[f]).replace("\t", " ") for f in FIELDS))
    return 0
