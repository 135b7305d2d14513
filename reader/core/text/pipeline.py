"""The text pipeline: raw article text → :class:`reader.core.types.ProcessedText`.

``process`` runs clean → detect language → normalise (+ZWNJ restoration for Persian) → segment, and keeps the
cleaned original text with an offset map (normalised → original) so every span can be shown in the original.
hazm and camel-tools load lazily on first use and stay cached (see :mod:`reader.core.text.backends`).
"""

from __future__ import annotations

from reader.core.text import langid
from reader.core.text.clean import Cleaned, clean
from reader.core.text.normalize import normalize_line, normalize_paragraphs
from reader.core.text.normalize import normalize_text as _normalize_lines
from reader.core.text.segment import segment, split_sentences
from reader.core.types import ProcessedText

_TITLE_FALLBACK_CHARS = 90


class EmptyTextError(ValueError):
    """Nothing readable is left once site chrome and metadata are removed."""


def _language(text: str, language: str | None) -> str:
    return langid.check_language(language) if language else langid.detect(text)


def _fallback_title(sentence: str) -> str:
    if len(sentence) <= _TITLE_FALLBACK_CHARS:
        return sentence
    cut = sentence.rfind(" ", 0, _TITLE_FALLBACK_CHARS)
    return sentence[: cut if cut > 20 else _TITLE_FALLBACK_CHARS].rstrip(" ،,؛") + "…"


def _cleaned(raw: str) -> Cleaned:
    if raw.strip() and not langid.has_arabic_script(raw):
        langid.detect(raw)  # raises LanguageError: "no Persian or Arabic text found ..."
    cleaned = clean(raw)
    if not cleaned.paragraphs and not cleaned.title:
        raise EmptyTextError("no article text found (the input is empty or only site navigation)")
    if not cleaned.paragraphs:  # a one-line input: its only line is the body, not a title
        cleaned.paragraphs = [cleaned.title]
        cleaned.title = ""
    return cleaned


def process(
    raw: str, language: str | None = None, source: str = "", *, title_hint: str = ""
) -> ProcessedText:
    """Clean, identify, normalise and segment one article.

    *language* ("fa"/"ar") skips detection; *title_hint* (an HTML title, a file name) is used when the text
    has no title line of its own. Raises ``LanguageError``/``EmptyTextError`` (both ``ValueError``) with a
    one-line reason.
    """
    cleaned = _cleaned(raw)
    lang = _language("\n".join([cleaned.title, *cleaned.paragraphs]), language)
    originals, normalised, runs = normalize_paragraphs(cleaned.paragraphs, lang)
    if not normalised:
        raise EmptyTextError("no article text found after normalisation")
    text = "\n\n".join(normalised)
    sentences = tuple(segment(text, lang))
    meta = dict(cleaned.meta)
    if source:
        meta["source"] = source
    if cleaned.title:
        title = normalize_line(cleaned.title, lang)
        meta["title_source"] = "heading"
        meta["original_title"] = cleaned.title
    elif title_hint.strip():
        title = normalize_line(" ".join(title_hint.split()), lang)
        meta["title_source"] = "hint"
    else:
        title = _fallback_title(sentences[0].text) if sentences else ""
        meta["title_source"] = "first sentence"
    return ProcessedText(
        language=lang,
        title=title,
        date=cleaned.date,
        meta=meta,
        original_text="\n\n".join(originals),
        text=text,
        offset_map=runs,
        sentences=sentences,
    )


def normalize_text(text: str, language: str | None = None) -> str:
    """Normalise (+ restore ZWNJ) keeping the line structure: line n of the output is line n of the input.

    The language is detected over the whole input unless given.
    """
    lang = _language(text, language)
    return _normalize_lines(text, lang)


def segment_text(text: str, language: str | None = None) -> list[list[str]]:
    """Clean + normalise + segment: paragraphs of sentences (a title, when found, is the first paragraph)."""
    cleaned = _cleaned(text)
    lang = _language("\n".join([cleaned.title, *cleaned.paragraphs]), language)
    paragraphs = ([cleaned.title] if cleaned.title else []) + cleaned.paragraphs
    _originals, normalised, _runs = normalize_paragraphs(paragraphs, lang)
    return [sents for para in normalised if (sents := split_sentences(para, lang))]


def warm_up(language: str = "fa") -> None:
    """Build the cached normalisers now (e.g. in a background thread while the window opens)."""
    normalize_line("گرم کردن" if language == "fa" else "تهيئة", language)
