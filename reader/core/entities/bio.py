"""BIO label sequences: entity types and the spans a label sequence encodes (used at tagging time and by the
training/evaluation tools in ``tools/ner``)."""

from __future__ import annotations

TYPES = ("PERSON", "LOCATION", "ORGANIZATION", "MISC")
MAIN_TYPES = ("PERSON", "LOCATION", "ORGANIZATION")


def spans(labels: list[str]) -> list[tuple[str, int, int]]:
    """Entity spans (type, first token, end token exclusive) of a BIO label sequence."""
    out: list[tuple[str, int, int]] = []
    start = -1
    typ = ""
    for i, lab in enumerate([*labels, "O"]):
        if lab.startswith("I-") and start >= 0 and lab[2:] == typ:
            continue
        if start >= 0:
            out.append((typ, start, i))
            start = -1
        if lab != "O" and i < len(labels):
            start, typ = i, lab[2:]
    return out


SpanScores = dict[tuple[int, int], float]  # (first token, end token) -> confidence


def write(labels: list[str], start: int, end: int, typ: str) -> None:
    """Label tokens [start, end) as one span of *typ*."""
    labels[start] = "B-" + typ
    for k in range(start + 1, end):
        labels[k] = "I-" + typ


def clear(labels: list[str], start: int, end: int) -> None:
    """Label tokens [start, end) as outside any span."""
    for k in range(start, end):
        labels[k] = "O"
