"""Score the entity tagger on the test splits, per type, against a gazetteer-only baseline.

    python -m tools.ner.evaluate [--lang fa|ar|all] [--model-dir DIR] [--split NAME ...] [--doc-size N]
                                 [--before FILE] [--save FILE]

Prints, for each test split (our news-style sets in tools/ner/data, then the corpora), precision / recall / F1
of PERSON, LOCATION, ORGANIZATION and their micro average, for the tagger (CRF + lexicon + rules, document
consistency over each article or each N sentences, spans below the hiding confidence dropped) and for the
baseline (longest gazetteer/dictionary matches only), and the F1 of an earlier run ("before", default
tools/ner/scores_before.json: the tagger as it was before issue 14) with the difference. MISC-like types of the
corpora (events, products, nationalities, dates) are left out. Corpora: $TARJOMAN_NER_DATA or ../shared/data/ner.
"""

from __future__ import annotations

import argparse
import json
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


def evaluate_docs(docs: list[list[corpora.Sentence]], m: model_mod.Model, *, use_lexicon: bool = True,
                  hide: float | None = None) -> tuple[dict[str, PRF], dict[str, PRF], float]:
    """(tagger scores, baseline scores, tokens per second of the tagger); each document is tagged as one
    article (document consistency), *hide* overrides the tagger's confidence threshold."""
    from reader.core.entities.confidence import CONFIDENCE_HIDE
    from reader.core.entities.tagger import label_sequences

    sents = [s for d in docs for s in d]
    gold = [[lab for _, lab in s] for s in sents]
    seqs = [(token_norms([t for t, _ in s]), [t for t, _ in s]) for s in sents]
    t0 = time.perf_counter()
    pred: list[list[str]] = []
    k = 0
    for d in docs:
        pred += label_sequences(seqs[k:k + len(d)], m.lang, model=m, use_lexicon=use_lexicon,
                                consistency=len(d) > 1, hide=CONFIDENCE_HIDE if hide is None else hide)
        k += len(d)
    elapsed = time.perf_counter() - t0
    base = [baseline_labels(n, m) for n, _ in seqs]
    ntok = sum(len(n) for n, _ in seqs)
    return score(gold, pred), score(gold, base), ntok / elapsed if elapsed else 0.0


def evaluate_split(sents: list[corpora.Sentence], m: model_mod.Model, *, doc_size: int = 1,
                   use_lexicon: bool = True) -> tuple[dict[str, PRF], dict[str, PRF], float]:
    """:func:`evaluate_docs` with documents of *doc_size* consecutive sentences."""
    docs = [sents[i:i + doc_size] for i in range(0, len(sents), max(1, doc_size))]
    return evaluate_docs(docs, m, use_lexicon=use_lexicon)


def _fmt(p: PRF) -> str:
    return f"{100 * p.precision:5.1f} {100 * p.recall:5.1f} {100 * p.f1:5.1f}"


BEFORE = Path(__file__).resolve().parent / "scores_before.json"


def print_table(name: str, tagger: dict[str, PRF], base: dict[str, PRF], out: TextIO | None = None,
                before: dict[str, list[float]] | None = None) -> None:
    out = out or sys.stdout
    print(f"\n{name}", file=out)
    print(f"  {'type':<13} {'tagger P     R     F1':<22} | {'gazetteer P     R     F1':<24} | gold"
          + (" | before P     R    F1   ΔF1" if before else ""), file=out)
    for t in ("PERSON", "LOCATION", "ORGANIZATION", "ALL"):
        a, b = tagger[t], base[t]
        line = f"  {t:<13} {'':7}{_fmt(a)} | {'':10}{_fmt(b)} | {a.tp + a.fn:4}"
        if before and t in before:
            bp, br, bf = before[t]
            line += f" |  {bp:5.1f} {br:5.1f} {bf:5.1f} {100 * a.f1 - bf:+5.1f}"
        print(line, file=out)


def to_json(results: dict[str, dict[str, dict[str, PRF]]]) -> dict[str, dict[str, list[float]]]:
    """Tagger P/R/F1 (percent) per split and type, as stored by ``--save``."""
    return {name: {t: [round(100 * v.precision, 1), round(100 * v.recall, 1), round(100 * v.f1, 1)]
                   for t, v in r["tagger"].items()} for name, r in results.items()}


def run(langs: list[str], model_dir: Path | None, splits: list[str] | None, doc_size: int,
        data_dir: Path | None, out: TextIO | None = None, before: dict | None = None
        ) -> dict[str, dict[str, dict[str, PRF]]]:
    out = out or sys.stdout
    before = before or {}
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
                docs = corpora.load_docs(name, data_dir, doc_size)
            except FileNotFoundError as exc:
                print(f"\n{name}: skipped ({exc})", file=out)
                continue
            tagger, base, speed = evaluate_docs(docs, m)
            ntok = sum(len(s) for d in docs for s in d)
            unit = "articles" if corpora.SPLITS[name].news else f"documents of {doc_size} sentences"
            print_table(f"{name}  ({ntok} tokens in {len(docs)} {unit}, tagger {speed:,.0f} tokens/s)",
                        tagger, base, out, before.get(name))
            results[name] = {"tagger": tagger, "baseline": base}
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.ner.evaluate", description=__doc__.split("\n")[0])
    ap.add_argument("--lang", choices=["fa", "ar", "all"], default="all")
    ap.add_argument("--model-dir", type=Path, help="directory with {lang}.crfsuite (default: the app's model)")
    ap.add_argument("--split", action="append", help="evaluate only these splits (e.g. arman/test1)")
    ap.add_argument("--doc-size", type=int, default=20,
                    help="tag N consecutive corpus sentences as one document, as the app tags an article "
                         "(document consistency); 1 tags each sentence alone; default 20")
    ap.add_argument("--data", type=Path, help="corpora folder (default: $TARJOMAN_NER_DATA or ../shared/data/ner)")
    ap.add_argument("--before", type=Path, default=BEFORE,
                    help="scores of an earlier run (--save) to compare with (default: tools/ner/scores_before.json)")
    ap.add_argument("--save", type=Path, help="write this run's tagger scores (JSON) to FILE")
    args = ap.parse_args(argv)
    langs = ["fa", "ar"] if args.lang == "all" else [args.lang]
    try:
        before = json.loads(args.before.read_text(encoding="utf-8")) if args.before and args.before.is_file() else {}
        results = run(langs, args.model_dir, args.split, max(1, args.doc_size), args.data, before=before)
    except (FileNotFoundError, model_mod.ModelMissing, KeyError, ValueError) as exc:
        print(f"evaluate: {exc}", file=sys.stderr)
        return 1
    if args.save:
        args.save.write_text(json.dumps(to_json(results), indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
