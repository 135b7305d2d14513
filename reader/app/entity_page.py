"""One entity across the library: every article and sentence that mentions it, in any spelling or language.

``entity_page(name)`` accepts a Persian, Arabic or English spelling (or a stored canonical key), merges the
spellings the library knows for it (کیم جونگ اون / كيم جونغ أون / Kim Jong Un share an English canonical name or
English projection), and returns its mentions sorted by publication date with the sentence in both languages
(key word in context), its spellings per language, and the entities that appear with it most often.
``mentions_csv`` and ``mentions_document`` export them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace

from reader.store.entities import cooccurring, linked_keys, mention_rows, mention_summary, sentence_texts


@dataclass(frozen=True)
class Mention:
    article_id: int
    title: str
    language: str
    date: str  # ISO publication date when known, else the date as printed, else the import date
    sentence_index: int
    source: str  # the sentence
    translation: str
    start: int  # entity offsets inside the sentence
    end: int
    text: str

    def context(self, width: int = 40) -> tuple[str, str, str]:
        """Key word in context: (left, keyword, right), each side at most *width* characters."""
        left = self.source[max(0, self.start - width):self.start]
        right = self.source[self.end:self.end + width]
        return left, self.source[self.start:self.end], right


@dataclass
class EntityPage:
    name: str  # the display name: English when known, else the most frequent spelling
    type: str
    keys: list[str]
    spellings: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # language -> (spelling, count)
    mentions: list[Mention] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)  # by publication date, newest first
    related: list[tuple[str, str, str, int]] = field(default_factory=list)  # (key, name, type, articles)
    total_mentions: int = 0  # all mentions (``mentions`` may hold only the newest)


def _keys_for(name: str) -> set[str]:
    from reader.core.entities import lexicon
    from reader.core.entities.text import canonical as fold

    keys = {name.strip(), fold(name)} - {""}
    for lang in ("fa", "ar"):
        entry = lexicon.get(lang).lookup(name) if name.strip() else None
        if entry is not None:
            keys.add(entry.en)
    return keys


def _mentions(keys: list[str], limit: int | None) -> list[Mention]:
    rows = mention_rows(keys, limit=limit)
    texts = sentence_texts((r["a_id"], r["s_start"], r["s_end"]) for r in rows)
    return [Mention(
        article_id=r["a_id"], title=r["title"] or "(untitled)", language=r["language"], date=str(r["date"])[:10],
        sentence_index=r["index"], source=texts[(r["a_id"], r["s_start"], r["s_end"])],
        translation=r["translation"] or "", start=r["start"] - r["s_start"], end=r["end"] - r["s_start"],
        text=r["text"]) for r in rows]


def entity_page(name: str, *, limit: int | None = 500) -> EntityPage | None:
    """The page of the entity called *name*, or None when the library has no mention of it. Counts, spellings
    and articles cover every mention; ``mentions`` holds the newest *limit* (None: all) with their sentences."""
    keys = linked_keys(_keys_for(name))
    if not keys:
        return None
    ordered = sorted(keys)
    summary = mention_summary(ordered)
    if not summary["mentions"]:
        return None
    mentions = _mentions(ordered, limit)
    spellings = {lang: sorted(per.items(), key=lambda tc: -tc[1]) for lang, per in summary["spellings"].items()}
    english = summary["english"]
    if english:
        spellings["en"] = sorted(english.items(), key=lambda tc: -tc[1])
    types = summary["types"]
    display = max(english, key=english.get) if english else max(
        ((t, c) for per in spellings.values() for t, c in per), key=lambda tc: tc[1])[0]
    return EntityPage(name=display, type=max(types, key=types.get), keys=ordered, spellings=spellings,
                      mentions=mentions, articles=summary["articles"], related=cooccurring(ordered),
                      total_mentions=summary["mentions"])


def mentions_csv(page: EntityPage) -> str:
    """The mentions as CSV (UTF-8 text): date, article, title, sentence number, entity, source, English."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["date", "article_id", "title", "language", "sentence", "entity", "source", "english"])
    for m in page.mentions:
        w.writerow([m.date, m.article_id, m.title, m.language, m.sentence_index + 1, m.text, m.source,
                    m.translation])
    return out.getvalue()


def export_mentions(page: EntityPage, path: str, fmt: str | None = None) -> int:
    """Write the mentions to *path*: ``.csv`` as a table, ``.pdf``/``.html``/``.md`` as the bilingual export of
    just the sentences that mention the entity (one section per article, newest first). Returns rows written."""
    from pathlib import Path

    from reader.app.exporting import build_document
    from reader.core.export import export_documents

    fmt = fmt or Path(path).suffix.lower().lstrip(".")
    if len(page.mentions) < page.total_mentions:  # the page shows the newest; an export holds them all
        page = replace(page, mentions=_mentions(page.keys, None))
    if fmt == "csv":
        Path(path).write_text(mentions_csv(page), encoding="utf-8")
        return len(page.mentions)
    wanted: dict[int, set[int]] = {}
    for m in page.mentions:
        wanted.setdefault(m.article_id, set()).add(m.sentence_index)
    docs = []
    for article_id in page.articles:
        doc = build_document(article_id)
        rows = tuple(r for r in doc.rows if r.index in wanted[article_id])
        docs.append(replace(doc, rows=rows, title=f"{page.name} — {doc.title}"))
    export_documents(docs, path, None if fmt in ("pdf", "html", "md") else fmt)
    return sum(len(d.rows) for d in docs)
