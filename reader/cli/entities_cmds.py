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
a file that is not in the library is tagged in memory and nothing is stored."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("entities", help="list an article's named entities (people, places, organisations)",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("article", metavar="FILE_OR_ID", help="article id, or a file (not imported)")
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


def _file_entities(ref: str) -> tuple[int | None, dict]:
    """(library article id, None) when the file's article is in the library already; otherwise
    (None, its entities tagged in memory). Nothing is imported."""
    from reader.cli import UserError
    from reader.core.entities import tag_sentences
    from reader.core.fingerprint import content_hash
    from reader.core.importers import read_document
    from reader.core.text.pipeline import process
    from reader.store.dedupe import by_hash

    try:
        doc = read_document(ref)
        processed = process(doc.text, None, doc.source, title_hint=doc.title_hint)
    except ValueError as exc:  # bad input file: the importers' one-line reasons
        raise UserError(f"{ref}: {exc}") from None
    existing = by_hash(content_hash(processed.text))
    if existing is not None:
        return existing.id, {}
    tagged = tag_sentences([s.text for s in processed.sentences], processed.language)
    return None, {s.index: list(ents) for s, ents in zip(processed.sentences, tagged, strict=True)}


def _cmd_entities(args: argparse.Namespace) -> int:
    from pathlib import Path

    from reader.cli import UserError
    from reader.cli.common import open_library
    from reader.core.entities.model import ModelMissing
    from reader.store import repo
    from reader.store.entities import tag_article

    open_library()
    ref = args.article
    try:
        if ref.isdigit():
            article_id: int | None = repo.get_article(int(ref)).id
            per_sentence: dict = {}
        elif Path(ref).is_file():
            article_id, per_sentence = _file_entities(ref)
        else:
            raise UserError(f"{ref}: no such file or article id")
        if article_id is not None:
            article = repo.get_article(article_id)
            if article.language not in ("fa", "ar"):
                raise UserError(f"article {article_id} is in {article.language!r}; entities need Persian or Arabic")
            per_sentence = tag_article(article_id, save=not args.no_save)
    except ModelMissing as exc:
        raise UserError(str(exc)) from exc
    records = _records(per_sentence)
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print("\t".join(FIELDS))
        for r in records:
            print("\t".join("" if r[f] is None else str(r[f]).replace("\t", " ") for f in FIELDS))
    return 0
