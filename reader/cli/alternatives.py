"""`tarjoman translate ID --alternatives N --sentence K [--pick R]`: the n best translations of one sentence.

Prints ``rank<TAB>score<TAB>translation`` per alternative (best first; score = mean log-probability per token).
``--pick R`` stores alternative R as the sentence's translation, like the app's Edit translation: it is kept
when the article is translated again. The translate command (reader/cli/models_cmds.py) calls
:func:`add_alternatives_arguments` on its parser and :func:`run_alternatives` when ``--alternatives`` is given.
"""

from __future__ import annotations

import argparse


def add_alternatives_arguments(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("alternatives")
    g.add_argument("--alternatives", type=int, metavar="N",
                   help="print the N best translations of the sentence given with --sentence")
    g.add_argument("--sentence", type=int, metavar="K", help="sentence index, as `tarjoman translate` prints it")
    g.add_argument("--pick", type=int, metavar="R", help="store alternative R as the sentence's translation")


def run_alternatives(args: argparse.Namespace) -> int:
    from reader.app.alternatives import MAX_ALTERNATIVES, article_alternatives, choose_alternative
    from reader.cli import UserError
    from reader.cli.common import resolve_article
    from reader.core.translate import TranslateError
    from reader.store.db import StoreError

    if args.sentence is None:
        raise UserError("--alternatives needs --sentence K (the sentence index `tarjoman translate` prints).")
    if not 1 <= args.alternatives <= MAX_ALTERNATIVES:
        raise UserError(f"--alternatives takes a number from 1 to {MAX_ALTERNATIVES}.")
    if not args.ref or not args.ref.isdigit():
        raise UserError("--alternatives works on a library article: give its ID.")
    article_id = resolve_article(args.ref)
    try:
        alts = article_alternatives(article_id, args.sentence, args.alternatives)
    except (TranslateError, StoreError) as exc:
        raise UserError(str(exc)) from None
    for rank, a in enumerate(alts):
        print(f"{rank}\t{a.score:.3f}\t{a.text}")
    if args.pick is not None:
        if not 0 <= args.pick < len(alts):
            raise UserError(f"--pick takes a rank from 0 to {len(alts) - 1}.")
        choose_alternative(article_id, args.sentence, alts[args.pick].text)
        print(f"sentence {args.sentence} of article {article_id} now reads: {alts[args.pick].text}")
    return 0
