"""Reading articles from files (.txt in any common encoding, .html/.htm, .docx) and from pasted text.

Every refusal is a :class:`DocumentError` (a ``ValueError``) whose message is one line a user can act on:
missing or empty file, binary data, a file over the size limit (checked from the file's size before anything
is read, so a 50 MB file is refused at once), an unsupported extension, a page without an article, text
without any Persian or Arabic.

Text files: byte-order marks decide first (UTF-8, UTF-16 LE/BE, UTF-32); then strict UTF-8; then the
legacy Arabic code pages (windows-1256 first, ISO-8859-6, DOS 720/864) and charset-normalizer's guess
compete, and the decoding that yields the most Arabic-script letters wins, because a wrong single-byte code
page still decodes without error but into Latin mojibake. UTF-16 without a BOM is recognised from its
NUL-byte pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.text.langid import has_arabic_script

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ""})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
DOCX_EXTENSIONS = frozenset({".docx"})
SUPPORTED = sorted(TEXT_EXTENSIONS - {""} | HTML_EXTENSIONS | DOCX_EXTENSIONS)

_LEGACY_ARABIC = ("windows-1256", "iso-8859-6", "cp720", "cp864")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


class DocumentError(ValueError):
    """A file or pasted text that cannot be imported; the message is one human line."""


@dataclass(frozen=True)
class ImportedDocument:
    """Decoded article text before cleaning, with where it came from."""

    text: str
    title_hint: str
    source: str
    encoding: str
    title: str = (
        ""  # the headline the document itself marks (HTML h1/og:title, a .docx Title/Heading); not in text
    )
    meta: dict[str, Any] = field(
        default_factory=dict
    )  # published, author, site_name, canonical_url, lead, ...
    warnings: tuple[str, ...] = ()  # one human line each (e.g. bytes that were not valid UTF-8)


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def _arabic_share(text: str) -> float:
    letters = len(_LETTER.findall(text))
    return len(_ARABIC_LETTER.findall(text)) / letters if letters else 0.0


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = len(_CONTROL.findall(text))
    return controls > max(2, len(text) // 200)


def _utf16_without_bom(data: bytes) -> str | None:
    """Detect BOM-less UTF-16 by where its NUL bytes sit (Arabic script: high byte 0x06 instead)."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for enc, hi in (("utf-16-le", odd), ("utf-16-be", even)):
        share = sum(1 for b in hi if b in (0x00, 0x06)) / len(hi)
        if share > 0.9:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if not _looks_binary(text):
                return enc
    return None


def decode_bytes(data: bytes, name: str = "the file") -> tuple[str, str]:
    """Decode *data* to text; returns ``(text, encoding)``. Raises DocumentError for binary data."""
    boms = (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    )
    for bom, enc in boms:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(enc.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    f"{name} starts with a {enc} byte-order mark but is not valid {enc}"
                ) from exc
            if _looks_binary(text):
                raise DocumentError(f"{name} is a binary file, not text")
            return text, enc
    if b"\x00" in data:
        enc = _utf16_without_bom(data)
        if enc is None:
            raise DocumentError(f"{name} is a binary file, not text (it contains NUL bytes)")
        return data.decode(enc), enc
    text, enc = _decode_unmarked(data, name)
    return text, enc


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """``(text, bad_sequences)`` when *data* is UTF-8 apart from a few invalid bytes, else None."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if bad and good >= 10 * bad:
        return text, bad
    return None


def decode_with_warnings(data: bytes, name: str = "the file") -> tuple[str, str, tuple[str, ...]]:
    """Like :func:`decode_bytes`, with a warning when bytes had to be replaced: ``(text, encoding, warnings)``.

    A UTF-8 file with a few damaged bytes stays UTF-8 (the bad bytes become U+FFFD) unless a legacy code page
    decodes the whole file clearly better; it is never silently turned into mojibake.
    """
    text, enc = decode_bytes(data, name)
    bad = text.count("\ufffd") - data.count("\ufffd".encode()) if enc == "utf-8" else 0
    if bad <= 0:
        return text, enc, ()
    noun = "byte sequence was" if bad == 1 else "byte sequences were"
    return text, enc, (f"{name}: {bad} invalid UTF-8 {noun} replaced with \ufffd (the rest is UTF-8)",)


def _decode_unmarked(data: bytes, name: str) -> tuple[str, str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise DocumentError(f"{name} is a binary file, not text")
        return text, "utf-8"
    near = _mostly_utf8(data)
    if near is not None and not _looks_binary(near[0]):
        return near[0], "utf-8"
    candidates: list[tuple[float, int, str, str]] = []
    for order, enc in enumerate(_LEGACY_ARABIC):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_arabic_share(text), -order, enc, text))
    guess = _charset_guess(data)
    if guess is not None:
        enc, text = guess
        candidates.append((_arabic_share(text), -len(_LEGACY_ARABIC), enc, text))
    if not candidates:
        raise DocumentError(f"{name} is not text in any encoding Tarjoman knows (binary or damaged)")
    share, _order, enc, text = max(candidates)
    if _looks_binary(text):
        raise DocumentError(f"{name} is a binary file, not text")
    return text, enc


def _charset_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 2 * 1024 * 1024]).best()
    if best is None:
        return None
    try:
        return best.encoding, data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _check_size(path: Path, max_bytes: int) -> int:
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise DocumentError(f"{path}: no such file") from exc
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if not path.is_file():
        raise DocumentError(f"{path} is not a regular file")
    if size > max_bytes:
        raise DocumentError(
            f"{path.name} is {human_size(size)}, over the {human_size(max_bytes)} limit for one article"
        )
    if size == 0:
        raise DocumentError(f"{path.name} is empty")
    return size


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror or exc})") from exc


def _title_from_name(path: Path) -> str:
    stem = path.stem.replace("_", " ").replace("-", " ").strip()
    return stem if has_arabic_script(stem, 2) else ""


def _finish(
    text: str,
    title_hint: str,
    source: str,
    encoding: str,
    name: str,
    *,
    title: str = "",
    meta: dict[str, Any] | None = None,
    warnings: tuple[str, ...] = (),
) -> ImportedDocument:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise DocumentError(f"{name} contains no text")
    if not has_arabic_script(text):
        raise DocumentError(f"{name}: no Persian or Arabic text found")
    return ImportedDocument(
        text=text,
        title_hint=title_hint.strip(),
        source=source,
        encoding=encoding,
        title=title.strip(),
        meta=dict(meta or {}),
        warnings=warnings,
    )


_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)


def decode_html(
    data: bytes, name: str = "the page", header_charset: str = ""
) -> tuple[str, str, tuple[str, ...]]:
    """Decode an HTML page: ``(html, encoding, warnings)``.

    Valid UTF-8 wins over any declaration (a page whose meta claims windows-1256 but is UTF-8 exists; the
    reverse cannot decode as UTF-8). Otherwise the HTTP header's charset, then the meta charset, are used when
    they decode the page into Arabic script; failing that, the bytes are sniffed like a text file.
    """
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(data[:8192])
    tried = [header_charset.strip().lower()] if header_charset.strip() else []
    if declared:
        tried.append(declared.group(1).decode("ascii", "replace").lower())
    for enc in tried:
        if enc in ("utf-8", "utf8"):
            continue  # it is not valid UTF-8 (see above): the declaration lies or a byte is damaged
        try:
            html = data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
        if _arabic_share(html) >= 0.3:
            return html, enc, ()
    return decode_with_warnings(data, name)


def _read_html(path: Path) -> ImportedDocument:
    html, encoding, warnings = decode_html(_read_bytes(path), path.name)
    return from_html(html, source=str(path), encoding=encoding, name=path.name, warnings=warnings)


def from_html(
    html: str,
    source: str = "",
    encoding: str = "utf-8",
    name: str = "the page",
    *,
    warnings: tuple[str, ...] = (),
) -> ImportedDocument:
    """The article of an HTML page: body (menus, comments and related links left out, the lead kept),
    headline (not a kicker, without the site name) and metadata (date, author, site, canonical URL)."""
    from reader.core.html_article import extract, unmarked_lead, visible_paragraphs
    from reader.core.text.boilerplate import fold_line
    from reader.core.text.htmlmeta import is_kicker, page_meta

    text, found = extract(html)
    if not text.strip() or not has_arabic_script(text):
        # trafilatura found no article (short pages): fall back to all visible paragraphs
        text = visible_paragraphs(html)
    if not text.strip():
        raise DocumentError(f"{name}: no article text found in the page")
    page = page_meta(html)
    title = page.title or found.get("title", "")
    if title and not has_arabic_script(title):
        title = ""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    title_key = fold_line(title)
    kicker_key = fold_line(page.kicker)
    # the extracted text opens with the kicker and/or the headline: both are metadata, not body sentences
    while lines[:1] and (
        (title_key and fold_line(lines[0]) == title_key)
        or (kicker_key and fold_line(lines[0]) == kicker_key)
        or (len(lines) > 1 and is_kicker(lines[0]) and title_key and fold_line(lines[1]) == title_key)
    ):
        lines.pop(0)
    meta = page.as_meta()
    lead = page.lead or unmarked_lead(page.after_headline, lines, title)
    lead_key = fold_line(lead)
    if lead_key and not any(lead_key in fold_line(line) for line in lines[:6]):
        lines.insert(0, lead)  # the extractor dropped the standfirst, which often carries the main fact
        meta["lead"] = lead
    for ours, theirs in (
        ("published", "date"),
        ("author", "author"),
        ("site_name", "sitename"),
        ("canonical_url", "url"),
        ("description", "description"),
    ):
        if not meta.get(ours) and found.get(theirs):
            meta[ours] = found[theirs]
    if page.sources.get("title"):
        meta["title_from"] = page.sources["title"]
    if not lines:
        raise DocumentError(f"{name}: no article text found in the page")
    # every extracted line is a block of the page (a paragraph or a heading), never a wrapped line
    return _finish(
        "\n\n".join(lines), title, source, encoding, name, title=title, meta=meta, warnings=warnings
    )


def _read_docx(path: Path) -> ImportedDocument:
    import zipfile
    import zlib

    from lxml.etree import LxmlError

    from reader.core.safeio import DOCX_LIMITS, InputLimitError, check_zip

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - python-docx is a hard dependency
        raise DocumentError("reading .docx needs python-docx, which is not installed") from exc
    try:  # sizes, ratios and member count from the zip directory, before anything is unpacked
        check_zip(path, DOCX_LIMITS, kind=".docx document")
    except InputLimitError as exc:
        raise DocumentError(str(exc)) from exc
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError, zlib.error,
            LxmlError) as exc:  # damaged zip data, malformed or hostile XML (entity bombs, depth > 256)
        raise DocumentError(f"{path.name} is not a valid .docx document") from exc
    paragraphs = [p.text.strip() for p in document.paragraphs]
    meta: dict[str, Any] = {}
    heading = ""
    for k, p in enumerate(document.paragraphs):
        style = (p.style.name if p.style is not None else "") or ""
        if p.text.strip():
            if style == "Title" or style.startswith("Heading"):
                heading = p.text.strip()
                paragraphs[k] = ""  # the headline is the title, not sentence 1 of the body
            break
    title = heading or (document.core_properties.title or "").strip()
    author = (document.core_properties.author or "").strip()
    if author:
        meta["author"] = author
    # every Word paragraph is a paragraph: none is a hard-wrapped line to be joined to the next
    text = "\n\n".join(p for p in paragraphs if p)
    return _finish(
        text, title or _title_from_name(path), str(path), "docx", path.name, title=heading, meta=meta
    )


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportedDocument:
    """Read an article file (.txt in any common encoding, .html/.htm, .docx). Raises DocumentError."""
    path = Path(path)
    ext = path.suffix.lower()
    known = ext in TEXT_EXTENSIONS or ext in HTML_EXTENSIONS or ext in DOCX_EXTENSIONS
    if not known:
        if not path.exists():
            raise DocumentError(f"{path}: no such file")
        raise DocumentError(
            f"{path.name}: unsupported file type '{ext}'; Tarjoman imports {', '.join(SUPPORTED)}"
        )
    _check_size(path, max_bytes)
    if ext in DOCX_EXTENSIONS:
        return _read_docx(path)
    if ext in HTML_EXTENSIONS:
        return _read_html(path)
    data = _read_bytes(path)
    if data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        html, encoding, warnings = decode_html(data, path.name)
        return from_html(html, source=str(path), encoding=encoding, name=path.name, warnings=warnings)
    text, encoding, warnings = decode_with_warnings(data, path.name)
    return _finish(text, _title_from_name(path), str(path), encoding, path.name, warnings=warnings)


def only_passages(doc: ImportedDocument) -> ImportedDocument:
    """The same document reduced to its Persian/Arabic passages (an English page quoting Arabic).

    Raises LanguageError (a ValueError) when it has no passage long enough to read.
    """
    from reader.core.text.passages import script_passages

    found = script_passages(doc.text)
    if not found:
        from reader.core.text.langid import LanguageError

        raise LanguageError("no Persian or Arabic passage of 3 words or more found in this text")
    meta = {**doc.meta, "passages_only": True, "passages": len(found)}
    return ImportedDocument(
        text="\n\n".join(found),
        title_hint=doc.title_hint if has_arabic_script(doc.title_hint, 2) else "",
        source=doc.source,
        encoding=doc.encoding,
        title=doc.title if has_arabic_script(doc.title, 2) else "",
        meta=meta,
        warnings=doc.warnings,
    )


def from_text(text: str, source: str = "paste", *, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportedDocument:
    """Validate pasted text the same way as a file."""
    if text is None or not text.strip():
        raise DocumentError("the pasted text is empty")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise DocumentError(
            f"the pasted text is {human_size(size)}, over the {human_size(max_bytes)} limit for one article"
        )
    if "\x00" in text or _looks_binary(text):
        raise DocumentError("the pasted text contains binary data")
    return _finish(text, "", source, "utf-8", "the pasted text")
