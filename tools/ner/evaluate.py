"""Score the entity tagger on the test splits, per type, against a gazetteer-only baseline.

    python -m tools.ner.evaluate [--lang fa|ar|all] [--model-dir DIR] [--split NAME ...]

Prints, for each test split, precision / recall / F1 of PERSON, LOCATION, ORGANIZATION and their micro
average, for the tagger (CRF + lexicon rules, each sentence tagged on its own) and for the baseline (longest
gazetteer/dictionary matches only). MISC-like types of the corpora (events, products, nationalities, dates)
are left out of the scores. The corpora are read from $TARJOMAN_NER_DATA or ../shared/data/ner.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from reader.core.entities import model as model_mod
from reader.core.entities.features import gazetteer_labels
from reader.core.entities.text import norm
from tools.ner import corpora
from tools.ner.metrics import PRF, score


def token_norms(tokens: list[str]) -> list[str]:
    """Corpus tokens as the tagger sees them (PEYMA writes ZWNJ as a space inside a token)."""
    return [norm(t).replace(" ", "") for t in tokens]


def baseline_labels(norms: list[str], m: model_mod.Model) -> list[str]:
    return [lab or "O" for lab in gazetteer_labels(norms, m.lex)]


def evaluate_split(sents: list[corpora.Sentence], m: model_mod.Model, *, doc_size: int = 1,
                   use_lexicon: bool = True) -> tuple[dict[str, PRF], dict[str, PRF], float]:
    """(tagger scores, baseline scores, tokens per second of the tagger)."""
    from reader.core.entities.tagger import label_sequences

    gold = [[lab for _, lab in s] for s in sents]
    seqs = [(token_norms([t for t, _ in s]), [t for t, _ in s]) for s in sents]
    t0 = time.perf_counter()
    pred: list[list[str]] = []
    for i in range(0, len(seqs), doc_size):
        pred += label_sequences(seqs[i:i + doc_size], m.lang, model=m, use_lexicon=use_lexicon,
                                consistency=doc_size > 1)
    elapsed = time.perf_counter() - t0
    base = [baseline_labels(n, m) for n, _ in seqs]
    ntok = sum(len(n) for n, _ in seqs)
    return score(gold, pred), score(gold, base), ntok / elapsed if elapsed else 0.0


def _fmt(p: PRF) -> str:
    return f"{100 * p.precision:5.1f} {100 * p.recall:5.1f} {100 * p.f1:5.1f}"


def print_table(name: str, tagger: dict[str, PRF], base: dict[str, PRF], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    print(f"\n{name}", file=out)
    print(f"  {'type':<13} {'tagger P     R     F1':<22} | {'gazetteer P     R     F1':<24} | gold", file=out)
    for t in ("PERSON", "LOCATION", "ORGANIZATION", "ALL"):
        a, b = tagger[t], base[t]
        print(f"  {t:<13} {'':7}{_fmt(a)} | {'':10}{_fmt(b)} | {a.tp + a.fn}", file=out)


def run(langs: list[str], model_dir: Path | None, splits: list[str] | None, doc_size: int,
        data_dir: Path | None, out: TextIO | None = None) -> dict[str, dict[str, dict[str, PRF]]]:
    out = out or sys.stdout
    results: dict[str, dict[str, dict[str, PRF]]] = {}
    for lang in langs:
        path = (model_dir / f"{lang}.crfsuite") if model_dir else None
        m = model_mod.get(lang, path)
        card = m.card
        print(f"== {lang}: model {m.path} (trained on {', '.join(card.get('train', ['?']))})", file=out)
        names = splits or corpora.TEST_SPLITS[lang]
        for name in names:
            if corpora.SPLITS[name].lang != lang:
                continue
            trained = card.get("train", [])
            if name in trained or any(name in corpora.OVERLAPS.get(t, ()) for t in trained):
                print(f"\n{name}: skipped (the model was trained on it or on text it contains)", file=out)
                continue
            try:
                sents = corpora.load(name, data_dir)
            except FileNotFoundError as exc:
                print(f"\n{name}: skipped ({exc})", file=out)
                continue
            tagger, base, speed = evaluate_split(sents, m, doc_size=doc_size)
            print_table(f"{name}  ({sum(len(s) for s in sents)} tokens, tagger {speed:,.0f} tokens/s)",
                        tagger, base, out)
            results[name] = {"tagger": tagger, "baseline": base}
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.ner.evaluate", description=__doc__.split("\n")[0])
    ap.add_argument("--lang", choices=["fa", "ar", "all"], default="all")
    ap.add_argument("--model-dir", type=Path, help="directory with {lang}.crfsuite (default: the app's model)")
    ap.add_argument("--split", action="append", help="evaluate only these splits (e.g. arman/test1)")
    ap.add_argument("--doc-size", type=int, default=1,
                    help="tag N consecutive sentences as one document (document consistency rule); default 1")
    ap.add_argument("--data", type=Path, help="corpora folder (default: $TARJOMAN_NER_DATA or ../shared/data/ner)")
    args = ap.parse_args(argv)
    langs = ["fa", "ar"] if args.lang == "all" else [args.lang]
    try:
        run(langs, args.model_dir, args.split, max(1, args.doc_size), args.data)
    except (FileNotFoundError, model_mod.ModelMissing, KeyError) as exc:
        print(f"evaluate: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
