"""The news-style evaluation sets written for Tarjoman (``tools/ner/data/news_{fa,ar}.txt``).

Format: one sentence per line, ``[PER …]``, ``[LOC …]``, ``[ORG …]`` around entities, a line starting with
``##`` begins a new article, other lines starting with ``#`` are comments. Sentences are tokenised by the
tagger's own tokenizer, so token labels line up with what the tagger sees; an entity must cover whole tokens.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.core.entities.text import tokenize

DATA_DIR = Path(__file__).resolve().parent / "data"
_MARK = re.compile(r"\[(PER|LOC|ORG) ([^\]]+)\]")
_TYPES = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION"}

Sentence = list[tuple[str, str]]


def parse_line(line: str) -> tuple[str, list[tuple[str, int, int]]]:
    """Plain text of a marked-up sentence and its entities (type, start, end) in character offsets."""
    text = ""
    ents: list[tuple[str, int, int]] = []
    pos = 0
    for m in _MARK.finditer(line):
        text += line[pos:m.start()]
        start = len(text)
        text += m.group(2)
        ents.append((_TYPES[m.group(1)], start, len(text)))
        pos = m.end()
    text += line[pos:]
    if "[" in text or "]" in text:
        raise ValueError(f"unbalanced entity mark-up in: {line}")
    return text, ents


def to_tokens(line: str) -> Sentence:
    """(token, BIO label) pairs of one marked-up sentence."""
    text, ents = parse_line(line)
    out: Sentence = []
    for tok in tokenize(text):
        label = "O"
        for typ, s, e in ents:
            if s <= tok.start and tok.end <= e:
                label = ("B-" if tok.start == s or text[s:tok.start].strip() == "" else "I-") + typ
            elif tok.start < e and s < tok.end:
                raise ValueError(f"entity {text[s:e]!r} does not cover whole tokens in: {line}")
        out.append((tok.text, label))
    return out


def read_docs(path: Path | str) -> list[list[Sentence]]:
    """Articles (lists of sentences) of a news-style set."""
    docs: list[list[Sentence]] = []
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("##") or (not docs and line and not line.startswith("#")):
            docs.append([])
        if not line or line.startswith("#"):
            continue
        docs[-1].append(to_tokens(line))
    return [d for d in docs if d]
