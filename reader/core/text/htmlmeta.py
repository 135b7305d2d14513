"""Metadata of a news page from its HTML: headline, kicker, lead, date, author, site name, canonical URL.

Sources, in the order sites fill them: OpenGraph/Twitter and article meta tags, JSON-LD (``NewsArticle`` and
kin, also inside ``@graph``), ``<link rel=canonical>``, ``<time>``, and the elements sites mark by class
(``lead``, ``summary``, ``subtitle``, ``kicker``, ``rotitr``, ``date``...).

The headline is the one ``<h1>``, ``og:title``, JSON-LD ``headline`` and ``<title>`` agree on, with the site
name cut from ``<title>``/``og:title`` («… - اليوم السابع», «خبرگزاری نمونه | …»). A short line ending in a
colon («رییس سازمان بورس اعلام کرد:») is a kicker, never the headline.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from reader.core.text import newsmeta
from reader.core.text.boilerplate import fold_line

_SEPARATORS = re.compile(r"\s+[-–—|:«»•·/]{1,2}\s+|\s*[|]\s*")
_ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenewsarticle",
        "blogposting",
        "analysisnewsarticle",
        "webpage",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "report",
        "liveblogposting",
    }
)
_LEAD_CLASS = re.compile(
    r"(?:^|[\s_-])(lead|lede|summary|subtitle|sub-title|standfirst|intro|introtext|teaser|excerpt|abstract"
    r"|description|news-lead|article-lead|brief|sapo|chapeau|subhead)(?:$|[\s_-])",
    re.IGNORECASE,
)
_KICKER_CLASS = re.compile(
    r"(?:^|[\s_-])(kicker|rotitr|rutitr|overtitle|supertitle|pretitle|surtitle|uptitle|top-title|roo-titr)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)
_DATE_CLASS = re.compile(r"date|time|publish|posted|created|تاریخ", re.IGNORECASE)
_LEAD_MAX_CHARS = 700


@dataclass
class PageMeta:
    """What a page says about its article (empty strings where it says nothing)."""

    title: str = ""
    kicker: str = ""
    lead: str = ""
    published: str = ""  # ISO 8601 (date or date-time as the page gives it)
    published_original: str = ""  # as printed on the page (Jalali, Hijri, Arabic month names)
    modified: str = ""
    author: str = ""
    site_name: str = ""
    canonical_url: str = ""
    description: str = ""
    sources: dict[str, str] = field(default_factory=dict)  # which source gave the title
    after_headline: list[str] = field(default_factory=list)  # text blocks after the <h1>, in page order

    def as_meta(self) -> dict[str, str]:
        """The keys an article's meta keeps (only those with a value)."""
        keys = (
            "published",
            "published_original",
            "author",
            "site_name",
            "canonical_url",
            "description",
            "lead",
            "kicker",
        )
        return {k: getattr(self, k) for k in keys if getattr(self, k)}


def _text(el: Any) -> str:
    return " ".join((el.text_content() or "").split())


def _meta_content(tree: Any, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            for el in tree.xpath(f"//meta[@{attr}=$n]", n=name):
                content = " ".join((el.get("content") or "").split())
                if content:
                    return content
    return ""


def _jsonld_objects(tree: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def walk(obj: Any) -> None:
        if isinstance(obj, list):
            for item in obj:
                walk(item)
        elif isinstance(obj, dict):
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
                found.append(obj)
            if "@graph" in obj:
                walk(obj["@graph"])

    for script in tree.xpath("//script[@type='application/ld+json']"):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            walk(json.loads(raw, strict=False))
        except (ValueError, RecursionError):
            continue
    # a NewsArticle beats a WebPage
    found.sort(key=lambda o: str(o.get("@type")).lower() == "webpage")
    return found


def _str(value: Any) -> str:
    """A JSON-LD value as text: a string, the first string of a list, or the ``@value``/``@id`` of an object."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, dict))), "")
    if isinstance(value, dict):
        value = value.get("@value") or value.get("@id") or ""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _name_of(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return str(value.get("name") or "").strip()
    if isinstance(value, list):
        names = [_name_of(v) for v in value]
        return "، ".join(n for n in names if n)
    return ""


def _is_site(part: str, names: set[str]) -> bool:
    key = fold_line(part)
    return bool(key) and (key in names or any(n and n in key and len(part) < 40 for n in names))


def strip_site_name(title: str, site_names: list[str]) -> str:
    """«… - اليوم السابع» → «…»: drop the leading/trailing parts of a title that are the site's name (or,
    with no known name, a short trailing part that looks like one); separators inside the headline stay."""
    title = " ".join(title.split())
    pieces = _SEPARATORS.split(title)
    seps = _SEPARATORS.findall(title)
    if len(pieces) < 2:
        return title
    names = {fold_line(n) for n in site_names if n}
    lo, hi = 0, len(pieces)
    while hi - lo > 1 and _is_site(pieces[hi - 1], names):
        hi -= 1
    while hi - lo > 1 and _is_site(pieces[lo], names):
        lo += 1
    if (lo, hi) == (0, len(pieces)):
        # no known site name: a short last part (or a short first part before a long rest) is the site
        if len(pieces[-1].split()) <= 4 and len(pieces[-1]) < len(" ".join(pieces[:-1])):
            hi -= 1
        elif len(pieces[0].split()) <= 3 and len(pieces) == 2 and len(pieces[1].split()) >= 5:
            lo += 1
    out = pieces[lo]
    for k in range(lo + 1, hi):
        out += seps[k - 1] + pieces[k]
    return out.strip()


def is_kicker(line: str) -> bool:
    """A short line ending in a colon introduces the headline; it is not the headline."""
    s = line.strip().rstrip(' »"”')
    return bool(s) and s[-1] in ":：" and len(s.split()) <= 12


def _agree(a: str, b: str) -> bool:
    fa, fb = fold_line(a), fold_line(b)
    if not fa or not fb:
        return False
    return fa == fb or (len(fa) > 15 and fa in fb) or (len(fb) > 15 and fb in fa)


def choose_title(candidates: dict[str, str]) -> tuple[str, str]:
    """``(title, source)`` from ``{"h1": …, "og": …, "jsonld": …, "title": …}`` (already without site names)."""
    usable = {k: v for k, v in candidates.items() if v and not is_kicker(v)}
    if not usable:
        return "", ""
    order = ["h1", "jsonld", "og", "title"]
    best, best_votes = "", -1
    for key in order:
        value = usable.get(key)
        if not value:
            continue
        votes = sum(1 for other, v in usable.items() if other != key and _agree(value, v))
        if votes > best_votes:
            best, best_votes = key, votes
    return usable[best], best


def _first_by_class(root: Any, rx: re.Pattern[str], tags: str = "*") -> list[Any]:
    """Elements (of the given ``a|b`` tags, in document order) whose class or id matches *rx*."""
    test = "" if tags == "*" else "[" + " or ".join(f"self::{t}" for t in tags.split("|")) + "]"
    out = []
    for el in root.xpath(f"//*{test}[@class or @id]"):
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if rx.search(names):
            out.append(el)
    return out


def _original_date(tree: Any, published: str) -> str:
    for el in tree.xpath("//time"):
        text = _text(el)
        if text and any(c.isdigit() for c in newsmeta.digits_to_ascii(text)) and text != published:
            return text
    for el in _first_by_class(tree, _DATE_CLASS, "span|div|p|time|li|small"):
        text = _text(el)
        if 4 <= len(text) <= 80 and newsmeta.is_date_line(text):
            return text
        for label in ("تاریخ انتشار:", "تاریخ انتشار", "تاريخ النشر:", "نشر في", "نشر بتاريخ"):
            if text.startswith(label) and newsmeta.is_date_line(text[len(label) :].strip(" :")):
                return text[len(label) :].strip(" :")
    return ""


def page_meta(html: str) -> PageMeta:
    """Read the metadata of one page; never raises (an unreadable page gives an empty PageMeta)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types for junk
        return PageMeta()
    for bad in tree.xpath("//nav|//footer|//aside|//form|//noscript"):
        bad.drop_tree()
    ld = _jsonld_objects(tree)
    first = ld[0] if ld else {}
    site = _meta_content(tree, "og:site_name", "application-name", "twitter:site") or _name_of(
        first.get("publisher")
    )
    site = site.lstrip("@")
    html_title = " ".join((tree.findtext(".//title") or "").split())
    og = _meta_content(tree, "og:title", "twitter:title")
    h1s = [t for el in tree.xpath("//h1") if (t := _text(el))]
    names = [site] if site else []
    candidates = {
        "h1": h1s[0] if h1s else "",
        "og": strip_site_name(og, names) if og else "",
        "jsonld": _str(first.get("headline")) or _str(first.get("name")),
        "title": strip_site_name(html_title, names) if html_title else "",
    }
    if len(h1s) > 1:  # a logo <h1> and the headline <h1>: take the one the other sources agree with
        for h in h1s:
            if any(_agree(h, v) for k, v in candidates.items() if k != "h1" and v):
                candidates["h1"] = h
                break
    title, source = choose_title(candidates)
    published = _meta_content(
        tree,
        "article:published_time",
        "datePublished",
        "pubdate",
        "publishdate",
        "date",
        "dc.date",
        "DC.date.issued",
        "sailthru.date",
        "og:published_time",
    ) or _str(first.get("datePublished"))
    if not published:
        times = [el.get("datetime") for el in tree.xpath("//time[@datetime]") if el.get("datetime")]
        published = times[0] if times else ""
    original = _original_date(tree, published)
    if not published and original:
        published = newsmeta.iso_date(original) or ""
    author = _meta_content(tree, "author", "article:author", "dc.creator", "byl") or _name_of(
        first.get("author")
    )
    if author.startswith("http"):
        author = _name_of(first.get("author")) or ""
    canonical = ""
    for el in tree.xpath("//link[@rel='canonical']"):
        canonical = (el.get("href") or "").strip()
        if canonical:
            break
    canonical = canonical or _meta_content(tree, "og:url") or _str(first.get("url"))
    description = _meta_content(tree, "description", "og:description", "twitter:description") or _str(
        first.get("description")
    )
    kicker = ""
    for el in _first_by_class(tree, _KICKER_CLASS):
        kicker = _text(el)
        if kicker:
            break
    if not kicker:
        for el in tree.xpath("//h1/preceding-sibling::*[1]|//h1/parent::*/preceding-sibling::*[1]"):
            t = _text(el)
            if t and is_kicker(t):
                kicker = t
                break
    headline_el = next((el for el in tree.xpath("//h1") if _agree(_text(el), title)), None)
    lead = ""
    for el in _first_by_class(tree, _LEAD_CLASS, "p|div|h2|h3|h4|span|section|strong"):
        if el.xpath("ancestor-or-self::a|ancestor::li|ancestor::figure|.//a"):
            continue  # a teaser of another story, a list item, a caption
        if headline_el is not None and _before(el, headline_el):
            continue  # leads follow their headline; a "summary" above it belongs to something else
        t = _text(el)
        if 40 <= len(t) <= _LEAD_MAX_CHARS and not _agree(t, title):
            lead = t
            break
    return PageMeta(
        title=title,
        kicker=kicker if kicker != title else "",
        lead=lead,
        published=published.strip(),
        published_original=original,
        modified=_meta_content(tree, "article:modified_time", "dateModified")
        or _str(first.get("dateModified")),
        author=author.strip(),
        site_name=site.strip(),
        canonical_url=canonical,
        description=description,
        sources={"title": source},
        after_headline=_blocks_after(tree, headline_el),
    )


_BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "div", "section", "strong", "span", "blockquote"}
_BLOCK_CHILDREN = "p|div|section|h2|h3|h4|ul|ol|table|article"


def _before(el: Any, other: Any) -> bool:
    """Does *el* come before *other* in document order?"""
    for node in el.getroottree().iter():
        if node is el:
            return True
        if node is other:
            return False
    return False


def _blocks_after(tree: Any, headline: Any, limit: int = 12) -> list[str]:
    """Texts of the innermost text blocks after *headline* (not links, list items or captions)."""
    if headline is None:
        return []
    out: list[str] = []
    seen = False
    for node in tree.iter():
        if node is headline:
            seen = True
            continue
        if not seen or not isinstance(node.tag, str) or node.tag not in _BLOCKS:
            continue
        if node.xpath(f"./{_BLOCK_CHILDREN.replace('|', '|./')}"):
            continue  # not innermost: its children come next
        if node.xpath("ancestor::a|ancestor::li|ancestor::figure|ancestor::figcaption|.//a"):
            continue
        if headline in node.iterancestors():
            continue
        t = _text(node)
        if t:
            out.append(t)
            if len(out) >= limit:
                break
    return out
