"""Entity-level precision / recall / F1 (exact span and type, CoNLL style) over BIO label sequences."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tools.ner.corpora import MAIN_TYPES, spans


@dataclass(frozen=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]],
          types: Sequence[str] = MAIN_TYPES) -> dict[str, PRF]:
    """Per-type and "ALL" (micro) scores; types outside *types* are ignored on both sides."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    wanted = set(types)
    for g, p in zip(gold, pred, strict=True):
        gs = {s for s in spans(list(g)) if s[0] in wanted}
        ps = {s for s in spans(list(p)) if s[0] in wanted}
        for s in gs & ps:
            tp[s[0]] += 1
        for s in ps - gs:
            fp[s[0]] += 1
        for s in gs - ps:
            fn[s[0]] += 1
    out = {t: PRF(tp[t], fp[t], fn[t]) for t in types}
    out["ALL"] = PRF(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return out
