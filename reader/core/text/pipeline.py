"""The text pipeline: raw article text → :class:`reader.core.types.ProcessedText`.

``process`` runs clean → detect language → normalise (+ZWNJ restoration for Persian, decided once per document:
a text that carries its own ZWNJs keeps its spelling) → segment, and keeps the cleaned original text with an
offset map (normalised → original) so every span can be shown in the original. ``process_document`` does the
same for an imported document, keeping its headline and metadata (``published`` ISO, ``published_original``,
``author``, ``site_name``, ``canonical_url``, ``description``, ``lead``) in the result's meta; ``reprocess``
runs it again under a language the user chose. hazm and camel-tools load lazily on first use and stay cached
(see :mod:`reader.core.text.backends`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.core.text import langid
from reader.core.text.clean import Cleaned, clean
from reader.core.text.normalize import carries_zwnj, normalize_line, normalize_paragraphs
from reader.core.text.normalize import normalize_text as _normalize_lines
from reader.core.text.segment import segment, split_sentences
from reader.core.types import ProcessedText

if TYPE_CHECKING:
    from reader.core.importers import ImportedDocument

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


def _cleaned(raw: str, *, detect_title: bool = True) -> Cleaned:
    if raw.strip() and not langid.has_arabic_script(raw):
        langid.detect(raw)  # raises LanguageError: "no Persian or Arabic text found ..."
    cleaned = clean(raw, detect_title=detect_title)
    if not cleaned.paragraphs and not cleaned.title:
        raise EmptyTextError("no article text found (the input is empty or only site navigation)")
    if not cleaned.paragraphs:  # a one-line input: its only line is the body, not a title
        cleaned.paragraphs = [cleaned.title]
        cleaned.title = ""
    return cleaned


def process(
    raw: str,
    language: str | None = None,
    source: str = "",
    *,
    title_hint: str = "",
    title: str = "",
    meta: dict[str, Any] | None = None,
    detect_title: bool | None = None,
) -> ProcessedText:
    """Clean, identify, normalise and segment one article.

    *language* ("fa"/"ar") skips detection; *title* is a headline the document marks itself (kept out of the
    body); *title_hint* (a file name) is used when the text has no title line of its own; *meta* (published,
    author, site_name, ...) is kept in the result's meta. Raises ``LanguageError``/``EmptyTextError`` (both
    ``ValueError``) with a one-line reason.
    """
    if detect_title is None:
        detect_title = not title.strip()
    cleaned = _cleaned(raw, detect_title=detect_title)
    lang = _language("\n".join([title or cleaned.title, *cleaned.paragraphs]), language)
    restore = lang == "fa" and not carries_zwnj("\n".join([title, cleaned.title, *cleaned.paragraphs]))
    originals, normalised, runs = normalize_paragraphs(cleaned.paragraphs, lang, restore=restore)
    if not normalised:
        raise EmptyTextError("no article text found after normalisation")
    text = "\n\n".join(normalised)
    sentences = tuple(segment(text, lang))
    out_meta: dict[str, Any] = dict(cleaned.meta)
    for key, value in (meta or {}).items():
        if value not in (None, "", [], {}):
            out_meta[key] = value
    if source:
        out_meta["source"] = source
    if lang == "fa":
        out_meta["zwnj"] = "restored" if restore else "kept"
    heading = " ".join(title.split()) or cleaned.title
    if heading:
        out_title = normalize_line(heading, lang, restore=restore)
        out_meta["title_source"] = "document" if title.strip() else "heading"
        out_meta["original_title"] = heading
    elif title_hint.strip():
        out_title = normalize_line(" ".join(title_hint.split()), lang, restore=restore)
        out_meta["title_source"] = "hint"
    else:
        out_title = _fallback_title(sentences[0].text) if sentences else ""
        out_meta["title_source"] = "first sentence"
    if cleaned.date and "published_original" not in out_meta:
        out_meta["published_original"] = cleaned.date
    if "published" not in out_meta and out_meta.get("date_iso"):
        out_meta["published"] = out_meta["date_iso"]
    date = out_meta.get("published_original") or out_meta.get("published") or cleaned.date
    return ProcessedText(
        language=lang,
        title=out_title,
        date=str(date),
        meta=out_meta,
        original_text="\n\n".join(originals),
        text=text,
        offset_map=runs,
        sentences=sentences,
    )


def process_document(doc: ImportedDocument, language: str | None = None) -> ProcessedText:
    """:func:`process` for an imported document: its headline, metadata and import warnings are kept."""
    meta = dict(doc.meta)
    if doc.warnings:
        meta["warnings"] = list(doc.warnings)
    if doc.encoding and doc.encoding not in ("utf-8", "docx"):
        meta["encoding"] = doc.encoding
    return process(
        doc.text,
        language,
        doc.source,
        title_hint=doc.title_hint,
        title=doc.title,
        meta=meta,
        detect_title=False if meta.get("passages_only") else None,  # passages are all body text
    )


def reprocess(
    raw: str, language: str, meta: dict[str, Any] | None = None, *, title: str = ""
) -> ProcessedText:
    """Process an article's raw text again under another language (the user's override).

    The document's own metadata (*meta*: published, author, lead, ...) is carried over; what the text pipeline
    derives (removed lines, ZWNJ mode, title source) is recomputed.
    """
    derived = {
        "removed",
        "zwnj",
        "title_source",
        "original_title",
        "joined_lines",
        "hard_wrapped",
        "source",
        "date",
        "date_iso",
        "dateline",
        "agency",
        "news_code",
    }
    kept = {k: v for k, v in (meta or {}).items() if k not in derived}
    kept["language_override"] = language
    passages = bool(kept.get("passages_only"))
    return process(
        raw,
        language,
        str((meta or {}).get("source", "")),
        title=title,
        meta=kept,
        detect_title=False if passages else None,
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
