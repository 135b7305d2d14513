"""Quality measures of the text pipeline on the news fixtures in tests/fixtures/news (our own writing).

- ZWNJ restoration: the gold Persian articles with every ZWNJ removed (or replaced by a space) go through
  normalisation; a ZWNJ is right when it sits between the same two letters as in the gold text. Letters are
  compared after folding (ي/ی, ك/ک, digits), so normalisation's other rewrites do not count.
- Sentence boundaries: each gold article is joined back into raw text (sentences of a paragraph joined by a
  space, paragraphs — headlines included — by a single newline) and segmented; a boundary is right when it
  falls after the same letter as a gold sentence end.
- Language id: Persian articles rewritten with Arabic ي/ك, short posts and mixed pages from langid.tsv.
- HTML pages: each gold article inside a page with menus, share bar, related links and comments.

Used by tests (thresholds) and by bench/bench_pipeline.py (numbers).
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "news"
ZWNJ = "\u200c"
_FOLD = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ۀ": "ه",
        "ة": "ه",
        "«": '"',
        "»": '"',
        "٫": ".",
        "٬": ",",
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(0x0660 + i): str(i) for i in range(10)},
    }
)
_SKIP = re.compile(r"[\s\u200c\u200d\u200e\u200f]")


@dataclass
class Article:
    name: str
    language: str
    paragraphs: list[list[str]]  # sentences per paragraph; a one-sentence paragraph may be a headline

    @property
    def raw(self) -> str:
        """Paragraphs on their own lines (no blank lines): the hard case for headlines.

        A gold sentence without final punctuation ends its line, as on a page whose paragraphs carry no full
        stop (nothing else could mark its end).
        """
        return "\n".join(line for para in self.paragraphs for line in _lines(para))

    @property
    def text(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.paragraphs)


def _lines(paragraph: list[str]) -> list[str]:
    """A gold paragraph as a page prints it: a sentence without final punctuation ends its line/<p>."""
    lines = []
    line = ""
    for sentence in paragraph:
        line = f"{line} {sentence}" if line else sentence
        if sentence.rstrip("»\"”')")[-1:] not in ".!?؟…":
            lines.append(line)
            line = ""
    if line:
        lines.append(line)
    return lines


def load_articles(language: str | None = None) -> list[Article]:
    out = []
    for path in sorted(FIXTURES.glob("*.txt")):
        lang = path.name[:2]
        if language and lang != language:
            continue
        paragraphs = [
            [line.strip() for line in block.splitlines() if line.strip()]
            for block in path.read_text(encoding="utf-8").split("\n\n")
        ]
        out.append(Article(path.stem, lang, [p for p in paragraphs if p]))
    return out


def load_langid() -> list[tuple[str, str, str]]:
    rows = []
    for line in (FIXTURES / "langid.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            lang, kind, text = line.split("\t", 2)
            rows.append((lang, kind, text))
    return rows


def _letters(text: str) -> tuple[str, list[int]]:
    """Folded letters of *text* without spaces/ZWNJ, and for each the index in *text*."""
    keep: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if not _SKIP.match(ch):
            keep.append(ch.translate(_FOLD))
            where.append(i)
    return "".join(keep), where


def _marks(text: str, mark: str) -> tuple[str, set[int]]:
    """Folded letters and the letter positions that *mark* (ZWNJ) stands before."""
    letters: list[str] = []
    marks: set[int] = set()
    for ch in text:
        if ch == mark:
            marks.add(len(letters))
        elif not _SKIP.match(ch):
            letters.append(ch.translate(_FOLD))
    return "".join(letters), marks


def _map_positions(src: str, dst: str, positions: set[int]) -> set[int]:
    """Map letter positions of *src* onto *dst* (equal blocks only)."""
    if src == dst:
        return set(positions)
    out: set[int] = set()
    sm = difflib.SequenceMatcher(None, src, dst, autojunk=False)
    for a, b, size in sm.get_matching_blocks():
        for p in positions:
            if a <= p <= a + size and size:
                out.add(b + (p - a))
    return out


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set[int], pred: set[int]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)


def zwnj_scores(mode: str = "removed") -> PRF:
    """ZWNJ restoration on the Persian gold articles with ZWNJ *removed* (glued) or *spaced* (a space)."""
    from reader.core.text.normalize import normalize_text

    score = PRF()
    for art in load_articles("fa"):
        gold_text = art.text
        damaged = gold_text.replace(ZWNJ, "" if mode == "removed" else " ")
        out = normalize_text(damaged, "fa")
        gold_letters, gold = _marks(gold_text, ZWNJ)
        out_letters, pred = _marks(out, ZWNJ)
        score.add(_map_positions(gold_letters, out_letters, gold), pred)
    return score


def zwnj_kept_share() -> float:
    """Share of the gold ZWNJs still there when the text already carries them (pages that keep ZWNJ)."""
    return zwnj_on_carrying_text()[0]


def zwnj_on_carrying_text() -> tuple[float, int]:
    """``(share of the page's ZWNJs kept, ZWNJs added)`` when the text already carries its ZWNJs."""
    from reader.core.text.normalize import normalize_text

    kept = total = added = 0
    for art in load_articles("fa"):
        gold_letters, gold = _marks(art.text, ZWNJ)
        out_letters, pred = _marks(normalize_text(art.text, "fa"), ZWNJ)
        mapped = _map_positions(gold_letters, out_letters, gold)
        total += len(gold)
        kept += len(mapped & pred)
        added += len(pred - mapped)
    return (kept / total if total else 1.0), added


def wrapped(raw: str, width: int = 72) -> str:
    """*raw* hard-wrapped at *width* columns, as e-mailed or PDF-copied text is (short lines stay whole)."""
    import textwrap

    return "\n".join("\n".join(textwrap.wrap(line, width)) or line for line in raw.split("\n"))


def sentence_scores(language: str, *, wrap: bool = False) -> PRF:
    """Sentence boundaries on the gold articles of *language*, headlines on their own lines (*wrap*: and the
    body hard-wrapped at 72 columns)."""
    from reader.core.text.pipeline import segment_text

    score = PRF()
    for art in load_articles(language):
        gold_letters, gold = _boundaries([s for p in art.paragraphs for s in p])
        raw = wrapped(art.raw) if wrap else art.raw
        predicted = [s for p in segment_text(raw, language) for s in p]
        pred_letters, pred = _boundaries(predicted)
        score.add(_map_positions(gold_letters, pred_letters, gold), pred)
    return score


def _boundaries(sentences: list[str]) -> tuple[str, set[int]]:
    letters = ""
    ends: set[int] = set()
    for s in sentences:
        letters += _letters(s)[0]
        ends.add(len(letters))
    return letters, ends


def arabic_letters(text: str) -> str:
    """Persian as an old archive or an Arabic keyboard writes it: ی → ي, ک → ك."""
    return text.replace("ی", "ي").replace("ک", "ك")


def langid_cases() -> list[tuple[str, str, str]]:
    """``(kind, expected, text)``: Persian in Arabic letters (each gold paragraph), short posts, mixed pages."""
    cases = []
    for art in load_articles("fa"):
        for k, p in enumerate(art.paragraphs):
            text = " ".join(p)
            if len(text) > 40:
                written = arabic_letters(text)
                if k % 2:  # older archives write a final ye as alef maqsura: «براى»، «مى»
                    written = re.sub("ي(?=[\\s.،؛:!؟»]|$)", "ى", written)
                cases.append(("fa-arabic-letters", "fa", written))
    for lang, kind, text in load_langid():
        cases.append((kind, lang, text))
    return cases


_PAGE = """<!doctype html>
<html lang="{lang}" dir="rtl"><head><meta charset="utf-8">
<title>{title} - {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta name="description" content="{lead}">
<link rel="canonical" href="https://news.example.org/{lang}/{name}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{title}", "datePublished": "2024-06-18T09:15:00+03:30", "author": {{"@type": "Person",
"name": "{author}"}}, "publisher": {{"@type": "Organization", "name": "{site}"}}}}</script>
</head><body>
<header><nav><ul><li><a href="/">{home}</a></li><li><a href="/p">{politics}</a></li>
<li><a href="/e">{economy}</a></li></ul></nav></header>
<main><article>
<div class="kicker">{kicker}</div>
<h1>{title}</h1>
<div class="meta"><span class="date">{date}</span> <span class="author">{author}</span></div>
<p class="lead">{lead}</p>
{body}
<div class="share"><a>Facebook</a> <a>Twitter</a> <a>WhatsApp</a> <a>Telegram</a></div>
<div class="tags">{tags}</div>
</article>
<aside class="related"><h3>{related}</h3><ul>{related_items}</ul></aside>
<section class="comments"><h3>{comments}</h3><form><textarea></textarea><button>{send}</button></form></section>
</main><footer><p>{copyright}</p></footer></body></html>
"""
_CHROME = {
    "fa": dict(
        site="خبرگزاری نمونه",
        home="صفحه اصلی",
        politics="سیاسی",
        economy="اقتصادی",
        kicker="گزارش ویژه:",
        author="مریم احمدی",
        date="۲۹ خرداد ۱۴۰۳ - ۰۹:۱۵",
        tags="#اقتصاد #بورس",
        related="اخبار مرتبط",
        comments="ارسال نظر",
        send="ارسال",
        copyright="کلیه حقوق این سایت محفوظ است.",
    ),
    "ar": dict(
        site="الوكالة النموذجية",
        home="الرئيسية",
        politics="سياسة",
        economy="اقتصاد",
        kicker="تقرير خاص:",
        author="سارة يوسف",
        date="الثلاثاء 18 يونيو 2024",
        tags="#اقتصاد #أخبار",
        related="أخبار ذات صلة",
        comments="التعليقات",
        send="إرسال",
        copyright="جميع الحقوق محفوظة للوكالة.",
    ),
}


def html_sentence_scores(language: str) -> PRF:
    """Sentence boundaries after importing each gold article as a news page (title excluded)."""
    from reader.core.importers import from_html
    from reader.core.text.pipeline import process_document

    score = PRF()
    for art in load_articles(language):
        p = process_document(from_html(html_page(art)))
        gold_letters, gold = _boundaries([s for para in art.paragraphs[1:] for s in para])
        pred_letters, pred = _boundaries([s.text for s in p.sentences])
        score.add(_map_positions(gold_letters, pred_letters, gold), pred)
    return score


def html_page(art: Article) -> str:
    """A news page around *art*: its first paragraph is the <h1>, the first line of its second the lead, the rest
    the body (one <p> per printed line, sub-heads as <h2>)."""
    chrome = _CHROME[art.language]
    title = " ".join(art.paragraphs[0])
    lead, *rest = _lines(art.paragraphs[1])
    body = "\n".join(
        [f"<p>{html.escape(line)}</p>" for line in rest]
        + [
            f"<h2>{html.escape(p[0])}</h2>"
            if len(p) == 1 and p[0][-1] not in '.!?؟»"'
            else "\n".join(f"<p>{html.escape(line)}</p>" for line in _lines(p))
            for p in art.paragraphs[2:]
        ]
    )
    related = "".join(f"<li><a href='/r{i}'>{html.escape(title[:30])} {i}</a></li>" for i in range(5))
    return _PAGE.format(
        lang=art.language,
        name=art.name,
        title=html.escape(title),
        lead=html.escape(lead),
        body=body,
        related_items=related,
        **chrome,
    )
