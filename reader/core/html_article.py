"""The article text of a news page, for :func:`reader.core.importers.from_html`.

:func:`extract` runs trafilatura (menus, comments and related links left out) with the page's ZWNJs kept:
trafilatura drops every character ``str.isprintable()`` rejects, U+200C among them, so ZWNJ (also written as
an entity) travels through it as a printable stand-in no news page uses and is put back afterwards.
:func:`unmarked_lead` finds a standfirst the extractor dropped; :func:`visible_paragraphs` is the fallback
for short pages the extractor finds no article in.
"""

from __future__ import annotations

import re

from reader.core.text import newsmeta
from reader.core.text.boilerplate import classify, fold_line
from reader.core.text.htmlmeta import is_kicker
from reader.core.text.langid import has_arabic_script

_ZWNJ = "\u200c"
_STANDINS = ("\ua66e", "\ua66d", "\U0001d1f0", "\u2e4e")
_ZWNJ_ENTITY = re.compile(r"&(?:zwnj|#8204|#x200[cC]);")  # sites often write ZWNJ as an entity


def extract(html: str) -> tuple[str, dict[str, str]]:
    """trafilatura's article text (lines = blocks) and its metadata, with the page's ZWNJs kept."""
    import trafilatura

    standin = next((c for c in _STANDINS if c not in html), "")
    protected = _ZWNJ_ENTITY.sub(standin, html.replace(_ZWNJ, standin)) if standin else html
    doc = trafilatura.bare_extraction(
        protected,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
        favor_precision=True,
    )
    if doc is None:
        return "", {}
    get = doc.get if isinstance(doc, dict) else lambda key: getattr(doc, key, None)
    fields = {
        k: str(get(k) or "") for k in ("text", "title", "date", "author", "sitename", "url", "description")
    }
    if standin:
        fields = {k: v.replace(standin, _ZWNJ) for k, v in fields.items()}
    return fields.pop("text"), fields


def unmarked_lead(after_headline: list[str], lines: list[str], title: str) -> str:
    """A standfirst without a class we know: the first sentence-like block between the headline and the first
    paragraph the extractor kept, when the extractor left it out."""
    body = [fold_line(line) for line in lines[:8]]
    for block in after_headline:
        key = fold_line(block)
        if not key or any(key == b or (len(key) > 30 and key in b) for b in body):
            return ""  # reached the body: nothing was dropped before it
        words = len(block.split())
        if (
            40 <= len(block) <= 700
            and words >= 8
            and has_arabic_script(block, 20)
            and not newsmeta.is_date_line(block)
            and not is_kicker(block)
            and classify(block) is None
            and fold_line(block) != fold_line(title)
        ):
            return block
    return ""


def visible_paragraphs(html: str) -> str:
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types for junk; the caller reports "no article text"
        return ""
    for bad in tree.xpath("//script|//style|//nav|//header|//footer|//form|//aside|//noscript"):
        bad.drop_tree()
    blocks = tree.xpath("//h1|//h2|//h3|//p|//li|//blockquote")
    lines = [" ".join(b.text_content().split()) for b in blocks]
    return "\n".join(line for line in lines if line)
