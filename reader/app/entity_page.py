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
from dataclasses import dataclass, field

from reader.store.entities import cooccurring, mention_rows


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
    related: list[tuple[str, str, int]] = field(default_factory=list)  # (name, type, articles)


def _keys_for(name: str) -> set[str]:
    from reader.core.entities import lexicon
    from reader.core.entities.text import canonical as fold

    keys = {name.strip(), fold(name)} - {""}
    for lang in ("fa", "ar"):
        entry = lexicon.get(lang).lookup(name) if name.strip() else None
        if entry is not None:
            keys.add(entry.en)
    return keys


def _date(row: dict) -> str:
    meta = row.get("meta") or {}
    if isinstance(meta, str):
        import json

        try:
            meta = json.loads(meta)
        except ValueError:
            meta = {}
    published = meta.get("published") if isinstance(meta, dict) else None
    if published:
        return str(published)[:10]
    created = row.get("created")
    return str(created)[:10] if created else ""


def entity_page(name: str, *, limit: int = 5000) -> EntityPage | None:
    """The page of the entity called *name*, or None when the library has no mention of it."""
    keys = _keys_for(name)
    rows = mention_rows(keys, limit=limit)
    if not rows:
        return None
    # one hop: spellings found through their English name bring their own canonical keys along
    more = {r["canonical"] for r in rows} | {r["english"] for r in rows if r["english"]}
    if more - keys:
        keys |= more
        rows = mention_rows(keys, limit=limit)
    spellings: dict[str, dict[str, int]] = {}
    types: dict[str, int] = {}
    english: dict[str, int] = {}
    mentions = []
    for r in rows:
        spellings.setdefault(r["language"], {}).setdefault(r["text"], 0)
        spellings[r["language"]][r["text"]] += 1
        types[r["type"]] = types.get(r["type"], 0) + 1
        for name in (r["english"], r["canonical"]):
            if name and name.isascii() and any(ch.isalpha() for ch in name):  # an English name
                english[name] = english.get(name, 0) + 1
                break
        s_start = r["s_start"]
        mentions.append(Mention(
            article_id=r["a_id"], title=r["title"] or "(untitled)", language=r["language"], date=_date(r),
            sentence_index=r["index"], source=r["s_text"], translation=r["translation"] or "",
            start=r["start"] - s_start, end=r["end"] - s_start, text=r["text"],
        ))
    mentions.sort(key=lambda m: (m.article_id, m.sentence_index))
    mentions.sort(key=lambda m: m.date, reverse=True)  # stable: newest first, reading order within an article
    articles = list(dict.fromkeys(m.article_id for m in mentions))
    if english:
        spellings.setdefault("en", {}).update(english)
    display = max(english, key=english.get) if english else max(
        ((t, c) for per in spellings.values() for t, c in per.items()), key=lambda tc: tc[1])[0]
    return EntityPage(
        name=display, type=max(types, key=types.get), keys=sorted(keys),
        spellings={lang: sorted(per.items(), key=lambda tc: -tc[1]) for lang, per in spellings.items()},
        mentions=mentions, articles=articles,
        related=cooccurring(articles, keys | set(english)),
    )


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
    from dataclasses import replace
    from pathlib import Path

    from reader.app.exporting import build_document
    from reader.core.export import export_documents

    fmt = fmt or Path(path).suffix.lower().lstrip(".")
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
