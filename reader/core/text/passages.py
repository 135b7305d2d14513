"""The Persian/Arabic passages of a text that is mostly in another script (an English page quoting Arabic).

Such a text is refused as a whole («too little Persian or Arabic text»); :func:`script_passages` keeps only
its Arabic-script passages so the user can read those: every paragraph mostly in Arabic script, and inside
the other paragraphs every run of at least :data:`MIN_RUN_WORDS` Arabic-script words (a quotation), each
becoming a paragraph of its own. Latin words, digits and punctuation inside a run stay with it.
"""

from __future__ import annotations

import re

MIN_RUN_WORDS = 3
_PARAGRAPH_SHARE = 0.6
_ARABIC = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc\u200c"
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
# a run of Arabic-script words, allowing digits, punctuation and quotes between them (not Latin words)
_RUN = re.compile(rf"[«\"“(]?[{_ARABIC}]+(?:[\s\d.,:;!?()«»\"“”'%/\-–]*[{_ARABIC}]+)*[.!?؟»\"”)]*")


def _share(text: str) -> float:
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    return arabic / (arabic + latin) if arabic + latin else 0.0


def script_passages(text: str, min_words: int = MIN_RUN_WORDS) -> list[str]:
    """The Arabic-script passages of *text*, in order (paragraphs first, quotations out of other ones)."""
    out: list[str] = []
    for paragraph in re.split(r"\n", text):
        line = " ".join(paragraph.split())
        if not line or not _ARABIC_LETTER.search(line):
            continue
        if _share(line) >= _PARAGRAPH_SHARE:
            out.append(line)
            continue
        for m in _RUN.finditer(line):
            run = m.group(0).strip()
            if len(run.split()) >= min_words:
                out.append(run)
    return out
