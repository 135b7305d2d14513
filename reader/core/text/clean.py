"""Cleaning a scraped or pasted news article into title, date, metadata and body paragraphs.

Steps, in order:

1. split into stripped lines (any newline convention; BOM, NBSP and stray zero-width marks at line ends go);
2. drop site chrome (:mod:`reader.core.text.boilerplate`), cutting everything after an end marker
   («انتهای پیام»); move date lines, news codes («کد خبر: ۴۷۳۲۹۸۰») and «منبع:» lines into ``meta``;
   a dropped line counts as a paragraph break;
3. rejoin hard-wrapped lines. Whether the document is hard-wrapped is decided once, for the whole text
   (several long lines breaking without punctuation at about the same width); only then are long
   unpunctuated lines joined to the next. In any document a line that ends on a comma or a function word, or
   whose next line starts with a word that cannot open a sentence, is joined; headlines and sub-heads on
   their own lines stay separate sentences;
4. the first paragraph becomes the title when it looks like one (short, no final full stop); later copies of
   the title are dropped; a kicker line ending in a colon above it goes to ``meta["kicker"]``;
5. an agency/place dateline opening the first paragraphs («خبرگزاری میزان - ») moves to ``meta``.

Every removed line is recorded in ``meta["removed"]`` as ``{"reason", "text"}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reader.core.text import boilerplate, newsmeta
from reader.core.text.boilerplate import fold_line
from reader.core.text.htmlmeta import is_kicker

_STRIP = (
    " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u200b\u200c\u200d\u200e\u200f\u202f\u205f\u3000\ufeff\u061c"
)
_FINAL = ".!?؟…"
_CLOSERS = " »\"”’'):]}*\u200f\u200e"
_JOIN_END_PUNCT = "،,؛;-–—(«“"
_TITLE_MAX_CHARS = 160
_TITLE_MAX_WORDS = 25

_FA_NO_END = frozenset(
    "و از به در با برای که را این آن یک تا بر یا اما ولی چون اگر بین درباره روی زیر مانند مثل همچنین های ها"
    " نیز هم سوی طی پس پیش میان".split()
)
_AR_NO_END = frozenset(
    "و في من إلى الى على عن مع بين أن إن ان أو او ثم قد لا لم لن ما التي الذي الذين اللذين اللتين هذا هذه ذلك"
    " تلك حيث بعد قبل عند منذ حتى لدى خلال نحو ضد عبر كل بعض غير أي إذا اذا لكن بل كما وفي ومن فيما بينما لأن"
    " كي كان كانت ولا وقد إلا الا ومع وعلى وإلى بأن وأن".split()
)
_NO_START = frozenset(
    "را است اند شد شده بود بودند کرد کردند کرده کند کنند می‌شود می‌کند شود باشد هستند که و".split()
)
_AR_SENTENCE_VERBS = frozenset(
    (
        "قال أضاف اضاف أكد اكد أعلن اعلن أشار اشار ذكر تابع نقل أوضح اوضح شدد لفت اتهم كان كانت أفاد افاد"
        " أفادت افادت قالت أضافت اضافت أكدت اكدت أعلنت اعلنت أشارت اشارت ذكرت نقلت أوضحت اوضحت اتهمت"
        " دعا دعت طالب طالبت يأتي تأتي يذكر تجدر"
    ).split()
)
_WORD = re.compile(r"[^\s«»\"“”()\[\]]+")
_SITE_SUFFIX = re.compile(r"^(.*\S)\s+[-–—|]\s+(\S.{0,40})$")


@dataclass
class Cleaned:
    """Result of :func:`clean`: body paragraphs (single lines, not normalised) plus what was taken out."""

    title: str
    date: str
    paragraphs: list[str]
    meta: dict[str, Any] = field(default_factory=dict)


def split_lines(raw: str) -> list[str]:
    """Lines of *raw*, stripped, with every newline convention handled."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\ufeff", "").replace("\x0c", "\n").replace("\x0b", "\n")
    return [line.strip(_STRIP) for line in text.split("\n")]


def ends_final(line: str) -> bool:
    """Does the line end a sentence (final punctuation, possibly followed by closing quotes/brackets)?"""
    s = line.rstrip(_CLOSERS)
    return bool(s) and s[-1] in _FINAL


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _first_word(line: str) -> str:
    w = _words(line)
    return w[0] if w else ""


def _last_word(line: str) -> str:
    w = _words(line)
    return w[-1].rstrip(_CLOSERS) if w else ""


def _starts_with_clause(line: str) -> bool:
    """Arabic line opening with conjunction + verb (واتهمت، وقال، فأعلن): a sentence, not a headline."""
    w = _first_word(line)
    if len(w) < 4 or w[0] not in "وف":
        return False
    rest = w[1:]
    # a feminine perfect verb after the conjunction (ورحبت، وأعلنت) or a conjunction + article (والحكومة)
    return rest in _AR_SENTENCE_VERBS or rest.startswith("ال") or (rest.endswith("ت") and 3 <= len(rest) <= 6)


@dataclass
class _WrapInfo:
    wrapped: bool
    width: int


_WRAP_MIN_WORDS = 8
_WRAP_MIN_LINES = 2
_WRAP_SPREAD_FEW = 0.1  # two or three wrapped lines must be almost equally long ...
_WRAP_SPREAD_MANY = 0.25  # ... four or more within a quarter of their median (IQR / median)
_WRAP_SLACK = 0.03  # a wrapped line may stop this much short of the widest one
_WRAP_MIN_FORCED = 0.5


def _wrap_info(blocks: list[list[str]]) -> _WrapInfo:
    """Is the document hard-wrapped at a fixed width? Decided once, before any line is rejoined.

    Evidence: two or more long lines (8+ words) that break without final punctuation, are about as long as
    each other — a fixed width — and mostly could not have taken the next line's first word (the break was
    forced mid-phrase). Text with one paragraph per line (a web page, a pasted article) has unpunctuated lines
    only as headlines (short) or as paragraphs of every length, with room to spare.
    """
    pairs = [
        (line, nxt)
        for block in blocks
        for line, nxt in zip(block, block[1:], strict=False)
        if len(_words(line)) >= _WRAP_MIN_WORDS and not ends_final(line)
    ]
    open_lines = sorted(len(line) for line, _nxt in pairs)
    if len(open_lines) < _WRAP_MIN_LINES:
        return _WrapInfo(False, 0)
    if len(open_lines) >= 4:
        top = open_lines[len(open_lines) // 4 :]  # the lines that reach the width (others end paragraphs)
        median = top[len(top) // 2]
        spread = (top[(3 * len(top)) // 4] - top[len(top) // 4]) / max(median, 1)
        limit = _WRAP_SPREAD_MANY
    else:
        spread = (open_lines[-1] - open_lines[0]) / max(open_lines[-1], 1)
        limit = _WRAP_SPREAD_FEW
    if spread > limit:
        return _WrapInfo(False, 0)
    # breaks mid-phrase: mostly the next line's first word would not have fit on the line (the wrap forced
    # the break); paragraphs without full stops that happen to be alike in length leave room to spare
    width = open_lines[-1]
    slack = max(2.0, _WRAP_SLACK * width)
    forced = sum(1 for line, nxt in pairs if len(line) + 1 + len(_first_word(nxt)) > width - slack)
    if forced < _WRAP_MIN_FORCED * len(pairs):
        return _WrapInfo(False, 0)
    return _WrapInfo(True, width)


def should_join(line: str, nxt: str, *, first: bool, wrap: _WrapInfo) -> bool:
    """Is *line* cut mid-sentence, so that *nxt* continues it?

    In any document: a line ending in a comma/semicolon/dash or on a word that cannot end a sentence (و، في،
    که، از), or a next line that cannot start one (را، است، a comma) is cut. Only in a hard-wrapped document:
    an unpunctuated line too full to take the next line's first word continues (the wrap forced the break).
    A headline or sub-head on its own line in an unwrapped document never joins the sentence after it.
    """
    if ends_final(line) or line.rstrip(_CLOSERS).endswith(":"):
        return False
    stripped = line.rstrip()
    if stripped and stripped[-1] in _JOIN_END_PUNCT:
        return True
    last = _last_word(line)
    if last in _FA_NO_END or last in _AR_NO_END:
        return True
    if nxt[:1] in "،,؛;:)]}»”.":
        return True
    first_next = _first_word(nxt)
    if first_next in _NO_START and (wrap.wrapped or first_next != "و"):
        return True
    if not wrap.wrapped:
        return False
    # hard-wrapped: the break was forced when the next line's first word would not have fit on this line;
    # a line that had room for it ends its paragraph (or is a headline)
    if _starts_with_clause(line) and len(_words(line)) <= 4:
        return True  # «ورحبت الجمعيات» / «بالجسر الجديد…»: a clause cut after its verb, not a headline
    if len(line) + 1 + len(first_next) <= wrap.width - max(2.0, _WRAP_SLACK * wrap.width):
        return False
    return len(_words(line)) >= 3 or _starts_with_clause(line)


def _related_links(lines: list[str], start: int) -> list[int]:
    """Indexes of the headline-like lines (3-20 words, no final punctuation) right after a related-news header;
    blank lines between them are allowed."""
    found: list[int] = []
    for k in range(start, len(lines)):
        line = lines[k]
        if not line:
            continue
        if ends_final(line) or not 3 <= len(_words(line)) <= 20 or boilerplate.classify(line) is not None:
            break
        found.append(k)
    return found


def _looks_like_title(paragraph: str) -> bool:
    if len(paragraph) > _TITLE_MAX_CHARS or len(_words(paragraph)) > _TITLE_MAX_WORDS:
        return False
    s = paragraph.rstrip(_CLOSERS)
    return bool(s) and s[-1] not in ".:،,؛;"


def clean(raw: str, *, detect_title: bool = True) -> Cleaned:
    """Split *raw* article text into title, date, metadata and body paragraphs (see the module doc).

    *detect_title* False: the caller knows the headline (an HTML page's h1, a .docx Heading), so the first
    paragraph stays body text.
    """
    meta: dict[str, Any] = {}
    removed: list[dict[str, str]] = []
    date = ""

    def drop(reason: str, text: str) -> None:
        removed.append({"reason": reason, "text": text})

    # 1-2: classify lines; blocks are runs of content lines between blank or dropped lines
    blocks: list[list[str]] = [[]]
    lines = split_lines(raw)
    seen_content = False
    skip: set[int] = set()
    for idx, line in enumerate(lines):
        if not line:
            blocks.append([])
            continue
        if idx in skip:
            continue
        verdict = boilerplate.classify(line)
        if verdict is not None and seen_content and boilerplate.is_related_header(line):
            links = _related_links(lines, idx + 1)
            if len(links) >= 2:  # a list of other stories' headlines under the header
                for k in links:
                    drop("related link", lines[k])
                skip.update(links)
        if verdict is not None:
            kind, _why = verdict
            if kind is boilerplate.Kind.END and seen_content:
                drop("end marker", line)
                for rest in lines[idx + 1 :]:
                    if rest:
                        drop("after end marker", rest)
                break
            drop("boilerplate", line)
            blocks.append([])
            continue
        code = newsmeta.find_news_code(line)
        if code is not None and (not code[1] or newsmeta.is_date_line(code[1]) or len(code[1].split()) <= 3):
            meta.setdefault("news_code", code[0])
            drop("news code", line)
            if code[1] and newsmeta.is_date_line(code[1]) and not date:
                date = code[1]
            blocks.append([])
            continue
        if newsmeta.is_date_line(line):
            if not date:
                date = line
            drop("date", line)
            blocks.append([])
            continue
        src = newsmeta.source_line(line)
        if src is not None:
            meta.setdefault(src[0], src[1])
            drop(src[0], line)
            blocks.append([])
            continue
        blocks[-1].append(line)
        seen_content = True
    blocks = [b for b in blocks if b]
    # a copy of the first line later on is the page repeating its title: drop it before joining lines
    if blocks:
        first_key = fold_line(blocks[0][0])
        pruned: list[list[str]] = []
        for b_index, block in enumerate(blocks):
            pruned.append([])
            for k, line in enumerate(block):
                if (b_index or k) and fold_line(line) == first_key:
                    drop("repeated title", line)
                    pruned.append([])
                else:
                    pruned[-1].append(line)
        blocks = [b for b in pruned if b]

    # 3: rejoin wrapped lines
    wrap = _wrap_info(blocks)
    if wrap.wrapped:
        meta["hard_wrapped"] = True
    paragraphs: list[str] = []
    joined_lines = 0
    for b_index, block in enumerate(blocks):
        current = block[0]
        for k, (line, nxt) in enumerate(zip(block, block[1:], strict=False)):
            first = b_index == 0 and k == 0
            if should_join(line, nxt, first=first, wrap=wrap):  # the physical line: its width matters
                current = current + " " + nxt
                joined_lines += 1
            else:
                paragraphs.append(current)
                current = nxt
        paragraphs.append(current)
    if joined_lines:
        meta["joined_lines"] = joined_lines

    # 4: title
    title = ""
    if detect_title and len(paragraphs) > 2 and is_kicker(paragraphs[0]) and _looks_like_title(paragraphs[1]):
        meta["kicker"] = paragraphs.pop(0)  # «رییس سازمان بورس اعلام کرد:» introduces the headline below it
    if detect_title and len(paragraphs) > 1 and _looks_like_title(paragraphs[0]):
        title = paragraphs.pop(0)
        site = _SITE_SUFFIX.match(title)
        if site and newsmeta.is_agency(site.group(2)) and len(site.group(2).split()) <= 3:
            meta["site_name"] = site.group(2)  # «… - اليوم السابع»: the page title's site name
            title = site.group(1)
        key = fold_line(title)
        kept = []
        for p in paragraphs:
            if fold_line(p) == key:
                drop("repeated title", p)
            else:
                kept.append(p)
        paragraphs = kept

    # 5: dateline / agency (a paragraph that is only a byline goes whole: «المدينة نيوز :-», «--(بترا)»)
    for i, p in enumerate(paragraphs[:3]):
        agency = newsmeta.byline_only(p)
        if agency is not None and len(paragraphs) > 1:
            meta["agency"] = agency.strip("()")
            drop("byline", p)
            paragraphs.pop(i)
            break
    for i, p in enumerate(paragraphs[:3]):
        split = newsmeta.split_dateline(p)
        if split is not None:
            prefix, rest = split
            meta["dateline"] = prefix
            if newsmeta.is_agency(prefix):
                meta["agency"] = prefix
            drop("dateline", prefix)
            paragraphs[i] = rest
            break
    if "agency" not in meta:
        for p in paragraphs[:3]:
            agency = newsmeta.reported_agency(p)
            if agency:
                meta["agency"] = agency
                break

    if date:
        meta["date"] = date
        iso = newsmeta.iso_date(date)
        if iso:
            meta["date_iso"] = iso
    if removed:
        meta["removed"] = removed
    return Cleaned(title=title, date=date, paragraphs=[p for p in paragraphs if p], meta=meta)
