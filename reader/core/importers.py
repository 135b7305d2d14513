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
from dataclasses import dataclass
from pathlib import Path

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
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise DocumentError(f"{name} is a binary file, not text")
        return text, "utf-8"
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


def _finish(text: str, title_hint: str, source: str, encoding: str, name: str) -> ImportedDocument:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise DocumentError(f"{name} contains no text")
    if not has_arabic_script(text):
        raise DocumentError(f"{name}: no Persian or Arabic text found")
    return ImportedDocument(text=text, title_hint=title_hint.strip(), source=source, encoding=encoding)


def _read_html(path: Path) -> ImportedDocument:
    data = _read_bytes(path)
    declared = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", data[:4096], re.IGNORECASE)
    html: str | None = None
    encoding = ""
    if declared:
        try:
            encoding = declared.group(1).decode("ascii").lower()
            html = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            html = None
    if html is None:
        html, encoding = decode_bytes(data, path.name)
    return from_html(html, source=str(path), encoding=encoding, name=path.name)


def from_html(
    html: str, source: str = "", encoding: str = "utf-8", name: str = "the page"
) -> ImportedDocument:
    """The article body of an HTML page (menus, comments and related links left out) and its title."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
        favor_precision=True,
    )
    text = ""
    title = ""
    if doc is not None:
        get = doc.get if isinstance(doc, dict) else lambda key: getattr(doc, key, None)
        text = get("text") or ""
        title = get("title") or ""
    if not text.strip() or not has_arabic_script(text):
        # trafilatura found no article (short pages): fall back to all visible paragraphs
        text = _visible_paragraphs(html)
    if not text.strip():
        raise DocumentError(f"{name}: no article text found in the page")
    if title and not has_arabic_script(title):
        title = ""
    return _finish(text, title, source, encoding, name)


def _visible_paragraphs(html: str) -> str:
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
    title = (document.core_properties.title or "").strip()
    if not title:
        for p in document.paragraphs:
            style = (p.style.name if p.style is not None else "") or ""
            if p.text.strip() and (style == "Title" or style.startswith("Heading")):
                title = p.text.strip()
                break
    text = "\n".join(paragraphs)
    return _finish(text, title or _title_from_name(path), str(path), "docx", path.name)


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
        text, encoding = decode_bytes(data, path.name)
        return from_html(text, source=str(path), encoding=encoding, name=path.name)
    text, encoding = decode_bytes(data, path.name)
    return _finish(text, _title_from_name(path), str(path), encoding, path.name)


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
