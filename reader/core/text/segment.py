"""Sentence segmentation for Persian and Arabic news text, with character spans.

Choices (a reviewer should know them):

- Sentences end at ``.`` ``!`` ``?`` ``؟`` ``…`` (and clusters such as ``؟!`` or ``...``), together with any
  closing quotes or brackets right after them (``.»`` ``."`` ``؟)``). ``؛`` and ``:`` do NOT end a
  sentence; only a sentence longer than 400 characters is split after ``؛`` (for translation quality), and
  only when both parts are at least 40 characters long.
- A terminator ends a sentence only when whitespace or the end of the paragraph follows, so decimals (3.5,
  ۳٫۵, ٣.٥), dates written 2024.06.18, URLs and abbreviations written without spaces (ج.ا.ا) never split. One
  exception: ``.``/``؟``/``!`` glued to the next Arabic-script word (``البلدين.وقال``), a common typo, splits
  when the words on both sides are at least two letters long.
- A single letter (or a chain of letters and dots) before the dot is an initial or abbreviation: ``د.`` ``م.``
  ``أندريه ر. بيلوسوف`` ``ج.ا.ا.`` ``U.S.`` do not end a sentence. Exception, in Arabic (or an unknown
  language) only: an era marker (``م.`` ``هـ.`` ``ق.م.`` ...) right after a number («عام 2024 م.») ends the
  sentence, because Arabic sentences often end on a date and writers put that dot where the sentence ends
  (mid-sentence they write «2024م،»). Persian sentences end on a verb, so «۱۳۵۷ ه.ش.» never ends one.
- A number followed by a dot at the start of a sentence is list numbering («1. ...»), not a sentence.
- ``!``, ``؟`` and ``…`` followed by a comma-like mark or by a word that continues the clause (را، که، و، است،
  أو) do not end the sentence («گفت: «نه!» و رفت»), nor does a quoted question or exclamation followed by a
  reporting verb («آیا …؟» گفت، "…؟" قال), nor an ellipsis inside an open quotation. Otherwise sentences inside
  quotes are split like any other.
- A double dot ``..`` is a pause, not a sentence end (informal writing uses it between clauses); ``...`` and
  ``…`` are ellipses and end a sentence unless a continuation follows as above or a conjunction precedes.
- A "sentence" without any letter or digit (the second dot of «البلاد. .») joins the sentence before it.
- A paragraph without final punctuation (a headline, a short line) is one sentence. Paragraphs never merge.

Spans are ``[start, end)`` offsets into the text given, stripped of surrounding whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.core.types import SentenceSpan

_TERMINATORS = re.compile(r"(?:[.!?؟…]+)(?P<closers>[»\"”’')\]}]*)")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_NUMBER = re.compile(r"^[\d۰-۹٠-٩]+([.,٫٬/][\d۰-۹٠-٩]+)*$")
_ERA = frozenset({"م", "هـ", "ه", "ش", "ق", "ق.م", "ه.ش", "ه.ق", "ه‍.ش", "ه‍.ق", "ب.م", "ق.ه"})
_LATIN_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr vs etc e.g i.e u.s u.k u.n no fig inc ltd co corp gen col lt sgt rev".split()
)
_CONTINUATION = frozenset("را که و یا است هستند بود و أو او ثم".split())
_CLAUSE_PUNCT = "،,؛;:"
# A quoted question or exclamation followed by a reporting verb is inside the sentence: «آیا …؟» گفت
_REPORTING = frozenset(
    "گفت گفتند افزود افزودند پرسید پرسیدند نوشت نوشتند پاسخ داد می‌گوید می‌پرسد خواند"
    " قال قالت أضاف أضافت تساءل تساءلت سأل سألت كتب كتبت ردد هتف هتفوا".split()
)
LONG_SENTENCE = 400
_SEMICOLON = re.compile(r"[؛;](?=\s)")
_PARAGRAPH = re.compile(r"[^\n]+")
_WORDISH = re.compile(r"[^\W_]")


def _token_before(text: str, pos: int) -> str:
    """The whitespace-delimited token ending at *pos* (without opening quotes/brackets)."""
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:pos].lstrip("«\"“‘'([{")


def _token_before_that(text: str, pos: int) -> str:
    """The token before the token ending at *pos*."""
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return _token_before(text, start)


def _next_word(text: str, pos: int) -> str:
    m = re.compile(r"\s*(\S+)").match(text, pos)
    return m.group(1) if m else ""


def _is_abbreviation(token: str, text: str, dot: int, language: str) -> bool:
    """Is the dot at *dot* (ending *token*) part of an abbreviation or initial rather than a full stop?"""
    core = token.rstrip(".")
    if not core:
        return False
    if core.lower() in _LATIN_ABBREVIATIONS:
        return True
    parts = core.split(".")
    if not all(
        1 <= len(p.replace("\u0640", "")) <= 2 and all(_LETTER.match(c) or c == "\u0640" for c in p)
        for p in parts
    ):
        return False
    if len(parts) == 1 and len(core.replace("\u0640", "")) == 2 and core not in _ERA:
        return False  # a two-letter word such as «قال له.» ends a sentence
    if sum(len(p) for p in parts) > 8:
        return False
    if core in _ERA and language != "fa" and _NUMBER.match(_token_before_that(text, dot)):
        return False  # «عام 2024 م.» ends an Arabic sentence
    return True


def _inside_quote(text: str, start: int, pos: int) -> bool:
    """Is *pos* inside a quotation opened since *start* and not yet closed?"""
    before = text[start:pos]
    return before.count("«") > before.count("»") or before.count('"') % 2 == 1 or (
        before.count("“") > before.count("”")
    )


def _boundaries(text: str, language: str) -> Iterator[int]:
    """Offsets (in *text*) just after each sentence end."""
    sentence_start = 0
    for m in _TERMINATORS.finditer(text):
        end = m.end()
        after = text[end : end + 1]
        term = m.group(0)[: len(m.group(0)) - len(m.group("closers"))]
        glued = False
        if after and not after.isspace():
            # glued to the next word: only split obvious typos between Arabic-script words
            if term in {".", "؟", "!"} and not m.group("closers") and _ARABIC_LETTER.match(after):
                before = _token_before(text, m.start())
                nxt = re.match(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]+", text[end:])
                if (
                    len(before) >= 2
                    and all(_ARABIC_LETTER.match(c) for c in before[-2:])
                    and "." not in before
                    and nxt
                    and len(nxt.group(0)) >= 2
                    and "." not in text[end : end + nxt.end() + 1]
                ):
                    glued = True
            if not glued:
                continue
        if term == "..":
            continue  # «..» is a pause inside a sentence in informal Arabic and Persian writing
        if term == ".":
            token = _token_before(text, m.start())
            if _is_abbreviation(token, text, m.start(), language):
                continue
            first_token = not text[sentence_start : m.start() - len(token)].strip()
            if first_token and _NUMBER.match(token):
                continue  # list numbering «1. ...»
        elif not glued:
            nxt_word = _next_word(text, end)
            if nxt_word[:1] in _CLAUSE_PUNCT or nxt_word.strip('«"“') in _CONTINUATION:
                continue
            if nxt_word[:1].isascii() and nxt_word[:1].islower():
                continue
            if m.group("closers") and nxt_word in _REPORTING:
                continue  # «آیا سهمیه‌ها کاهش می‌یابد؟» گفت …
            if ("…" in term or term.startswith("..")) and _inside_quote(text, sentence_start, m.start()):
                continue  # "لن نقبل ... ولن نتخلى": a pause inside a quotation
            if "…" in term or term.startswith(".."):
                prev = _token_before(text, m.start())
                if prev in {"و", "یا", "أو", "او"}:
                    continue
        yield end
        sentence_start = end


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= LONG_SENTENCE:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    cur = start
    for m in _SEMICOLON.finditer(text, start, end):
        cut = m.end()
        if cut - cur >= 40 and end - cut >= 40:
            pieces.append((cur, cut))
            cur = cut
    pieces.append((cur, end))
    return [_strip_span(text, s, e) for s, e in pieces]


def sentence_spans(text: str, language: str = "") -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in one paragraph (or any text without paragraph structure)."""
    spans: list[tuple[int, int]] = []
    cur = 0
    for cut in [*_boundaries(text, language), len(text)]:
        s, e = _strip_span(text, cur, cut)
        if e > s:
            if spans and not _WORDISH.search(text, s, e):
                spans[-1] = (spans[-1][0], e)  # a stray «.» or «!!» belongs to the sentence before it
            else:
                spans.extend(_split_long(text, s, e))
        cur = cut
    return spans


def split_sentences(text: str, language: str = "") -> list[str]:
    """Sentences of one paragraph, as strings."""
    return [text[s:e] for s, e in sentence_spans(text, language)]


def segment(text: str, language: str = "") -> list[SentenceSpan]:
    """Sentences of a whole article text whose paragraphs are separated by newlines (blank lines allowed)."""
    result: list[SentenceSpan] = []
    paragraph = 0
    for m in _PARAGRAPH.finditer(text):
        base = m.start()
        para = m.group(0)
        spans = sentence_spans(para, language)
        for s, e in spans:
            result.append(
                SentenceSpan(
                    index=len(result), start=base + s, end=base + e, text=para[s:e], paragraph=paragraph
                )
            )
        if spans:
            paragraph += 1
    return result
