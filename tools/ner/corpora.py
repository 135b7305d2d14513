"""Readers for the annotated NER corpora (ANERcorp, ArmanPersoNERCorpus, PEYMA, ParsTwiNER) and their splits.

Every corpus is mapped onto one tag set, BIO with PERSON / LOCATION / ORGANIZATION / MISC. Which corpus may
train a *shipped* model is decided here too (:data:`SHIPPABLE`): only data whose licence allows redistribution
(ANERcorp: CC BY-SA 4.0, ParsTwiNER: MIT). Arman and PEYMA are research-only: evaluation and user-trained models.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reader.core.entities.bio import MAIN_TYPES, TYPES, spans

__all__ = ["MAIN_TYPES", "SPLITS", "TYPES", "Sentence", "load", "spans"]

Sentence = list[tuple[str, str]]  # (token, BIO label with our type names)

_TYPE_MAP = {
    "PER": "PERSON", "PERS": "PERSON", "PERSON": "PERSON",
    "LOC": "LOCATION", "LOCATION": "LOCATION", "GPE": "LOCATION",
    "ORG": "ORGANIZATION", "ORGANIZATION": "ORGANIZATION",
    "MISC": "MISC", "NAT": "MISC", "POG": "MISC", "EVE": "MISC", "EVENT": "MISC", "PRO": "MISC", "FAC": "MISC",
}  # anything else (PEYMA's DAT, TIM, MON, PCT) becomes O


def default_data_dir() -> Path:
    """Where the corpora live: $TARJOMAN_NER_DATA, else ../shared/data/ner beside the checkout."""
    env = os.environ.get("TARJOMAN_NER_DATA")
    if env:
        return Path(env)
    root = Path(__file__).resolve().parents[2]  # the checkout (tools/ner/corpora.py)
    for base in (root.parent, root.parent.parent):  # a clone beside shared/, or a worktree one level deeper
        if (base / "shared" / "data" / "ner").is_dir():
            return base / "shared" / "data" / "ner"
    return root.parent / "shared" / "data" / "ner"


@dataclass(frozen=True)
class Split:
    """One file of one corpus."""

    name: str  # e.g. "parstwiner/test"
    lang: str
    path: str  # relative to the data dir
    shippable: bool  # licence allows shipping a model trained on it
    news: bool = False  # one of our own news-style sets (tools/ner/data, marked-up articles)


SPLITS: dict[str, Split] = {
    s.name: s
    for s in (
        Split("parstwiner/train", "fa", "parstwiner/train.txt", True),
        Split("parstwiner/dev", "fa", "parstwiner/dev.txt", True),
        Split("parstwiner/test", "fa", "parstwiner/test.txt", True),
        Split("anercorp/train", "ar", "anercorp/ANERCorp_approxCamelSplit_train.txt", True),
        Split("anercorp/test", "ar", "anercorp/ANERCorp_approxCamelSplit_test.txt", True),
        Split("arman/train1", "fa", "arman/train_fold1.txt", False),
        Split("arman/test1", "fa", "arman/test_fold1.txt", False),
        Split("arman/train2", "fa", "arman/train_fold2.txt", False),
        Split("arman/test2", "fa", "arman/test_fold2.txt", False),
        Split("arman/train3", "fa", "arman/train_fold3.txt", False),
        Split("arman/test3", "fa", "arman/test_fold3.txt", False),
        Split("peyma/train", "fa", "peyma/train.txt", False),
        Split("peyma/dev", "fa", "peyma/dev.txt", False),
        Split("news/fa", "fa", "news_fa.txt", True, news=True),
        Split("news/ar", "ar", "news_ar.txt", True, news=True),
    )
}

# Arman's three folds each split the whole corpus: a fold's train part contains the other folds' test parts.
OVERLAPS: dict[str, set[str]] = {
    f"arman/train{k}": {f"arman/test{j}" for j in (1, 2, 3) if j != k} for k in (1, 2, 3)
}

# Training recipes: which splits train which model, and which splits evaluate it.
RECIPES: dict[str, dict[str, list[str]]] = {
    "fa": {"train": ["parstwiner/train", "parstwiner/dev"], "test": ["parstwiner/test"]},
    "ar": {"train": ["anercorp/train"], "test": ["anercorp/test"]},
    "fa-research": {"train": ["arman/train1", "peyma/train"], "test": ["arman/test1", "peyma/dev"]},
}
# Test splits the evaluation script scores each language on.
TEST_SPLITS: dict[str, list[str]] = {
    "fa": ["news/fa", "peyma/dev", "arman/test1", "arman/test2", "arman/test3", "parstwiner/test"],
    "ar": ["news/ar", "anercorp/test"],
}


def map_label(tag: str) -> str:
    """A corpus tag (``B-PERS``, ``I_ORG``, ``b-loc``, ``O``) as our BIO label."""
    tag = tag.strip()
    if not tag or tag.upper() == "O" or len(tag) < 3 or tag[1] not in "-_":
        return "O"
    prefix, name = tag[0].upper(), tag[2:].upper()
    mapped = _TYPE_MAP.get(name)
    if mapped is None or prefix not in "BI":
        return "O"
    return f"{prefix}-{mapped}"


def _split_line(line: str) -> tuple[str, str] | None:
    if "\t" in line:
        tok, _, tag = line.rpartition("\t")
    elif "|" in line[1:] and line.rsplit("|", 1)[1].strip() and " " not in line.rsplit("|", 1)[1]:
        tok, _, tag = line.rpartition("|")
    else:
        parts = line.rsplit(None, 1)
        if len(parts) != 2:
            return None
        tok, tag = parts
    tok = tok.strip()
    if not tok:
        return None
    return tok, tag


def repair_bio(labels: list[str]) -> list[str]:
    """IOB1 → IOB2: an I- that does not continue an entity of its type becomes B-."""
    out: list[str] = []
    prev = "O"
    for lab in labels:
        if lab.startswith("I-") and (prev == "O" or prev[2:] != lab[2:]):
            lab = "B-" + lab[2:]
        out.append(lab)
        prev = lab
    return out


def read_file(path: Path | str, max_len: int = 250) -> list[Sentence]:
    """Sentences of a corpus file (blank line = sentence break; overlong runs are cut at final punctuation)."""
    sents: list[Sentence] = []
    cur: Sentence = []

    def flush() -> None:
        if cur:
            labels = repair_bio([lab for _, lab in cur])
            sents.append([(t, lab) for (t, _), lab in zip(cur, labels, strict=True)])
            cur.clear()

    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                flush()
                continue
            item = _split_line(line)
            if item is None:
                continue
            tok, tag = item
            cur.append((tok, map_label(tag)))
            if len(cur) >= max_len and tok in {".", "!", "?", "؟"}:
                flush()
    flush()
    return sents


def load_docs(split: str, data_dir: Path | None = None, doc_size: int = 1) -> list[list[Sentence]]:
    """A split as documents: our news-style sets by article, the corpora by *doc_size* consecutive sentences
    (the corpora keep no article boundaries)."""
    if split in SPLITS and SPLITS[split].news:
        from tools.ner.newsset import DATA_DIR, read_docs

        return read_docs(DATA_DIR / SPLITS[split].path)
    sents = load(split, data_dir)
    return [sents[i:i + doc_size] for i in range(0, len(sents), max(1, doc_size))]


def load(split: str, data_dir: Path | None = None) -> list[Sentence]:
    """Sentences of a named split (see :data:`SPLITS`)."""
    if split not in SPLITS:
        raise KeyError(f"unknown corpus split {split!r}; known: {', '.join(SPLITS)}")
    if SPLITS[split].news:
        return [s for doc in load_docs(split) for s in doc]
    base = data_dir or default_data_dir()
    path = base / SPLITS[split].path
    if not path.is_file():
        raise FileNotFoundError(f"corpus file {path} is missing (set TARJOMAN_NER_DATA to the corpora folder)")
    return read_file(path)
