"""Decode a web page's bytes: the charset the server and the page declare, checked against the bytes.

Declarations lie: a page says ``windows-1256`` in its ``<meta>`` but was re-saved as UTF-8, a server sends
``charset=iso-8859-1`` for an Arabic page in windows-1256. So every declaration must prove itself: bytes that
are valid UTF-8 (with non-ASCII in them) are UTF-8 whatever is declared; a declared charset must decode the
bytes strictly and give Arabic-script text where the sniffer (:func:`reader.core.importers.decode_bytes`:
BOMs, UTF-8, the legacy Arabic code pages, charset-normalizer) finds Arabic script; otherwise the sniffer wins.
"""

from __future__ import annotations

import codecs
import re

_META = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.IGNORECASE)
_ARABIC = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")
_TAG = re.compile(r"<[^>]*>|&\w+;")


def declared_charsets(data: bytes, header_charset: str = "") -> list[str]:
    """Charsets claimed for *data*: the HTTP header's first, then the ``<meta>``/XML declaration's."""
    found = [header_charset] if header_charset else []
    head = data[:8192]
    for rx in (_XML_DECL, _META):
        m = rx.search(head)
        if m:
            found.append(m.group(1).decode("ascii", "replace"))
    out: list[str] = []
    for name in found:
        try:
            canonical = codecs.lookup(name.strip().lower()).name
        except LookupError:
            continue
        if canonical not in out:
            out.append(canonical)
    return out


def _arabic_share(text: str) -> float:
    visible = _TAG.sub(" ", text)
    letters = len(_LETTER.findall(visible))
    return len(_ARABIC.findall(visible)) / letters if letters else 0.0


def decode_page(data: bytes, header_charset: str = "", name: str = "the page") -> tuple[str, str]:
    """(text, encoding) of an HTML or XML page. Raises DocumentError for binary data."""
    from reader.core.importers import decode_bytes

    declared = declared_charsets(data, header_charset)
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_bytes(data, name)  # a byte-order mark outranks every declaration
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:  # valid UTF-8 with non-ASCII bytes is UTF-8 (a declared single-byte charset is then a lie)
        if not data.isascii() or not declared or declared[0] in ("utf-8", "ascii"):
            return text, "utf-8"
    sniffed: tuple[str, str] | None = None
    for enc in declared:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if enc.startswith("utf-16") or enc.startswith("utf-32"):
            continue  # a page that really is UTF-16 has a BOM; a meta tag readable as ASCII cannot be
        if sniffed is None:
            sniffed = decode_bytes(data, name)
        if _arabic_share(text) + 0.05 >= _arabic_share(sniffed[0]):
            return text, enc
    return sniffed if sniffed is not None else decode_bytes(data, name)
