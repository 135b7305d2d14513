"""Hostile import files, built on the fly: zip bombs, broken .docx, binary data, lying charsets, huge files.

Zip bombs are genuine (the sizes in the directory are true and the CRCs match), yet cost milliseconds to
build: a raw deflate block ending in a full flush is self-contained and byte-aligned, so N copies of one
compressed megabyte followed by a final empty block form a valid stream that inflates to N megabytes.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

FA = "وزیر اقتصاد گفت که قیمت‌ها در ماه آینده پایین می‌آید. او افزود که دولت بازار را زیر نظر دارد.\n"
AR = "قال وزير الاقتصاد إن الأسعار ستنخفض في الشهر المقبل. وأضاف أن الحكومة تراقب الأسواق عن كثب.\n"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def document_xml(paragraphs: list[str], *, prolog: str = "", body_prefix: str = "") -> str:
    paras = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<w:document xmlns:w="{_W}"><w:body>{body_prefix}{paras}</w:body></w:document>')


def docx_bytes(document: str | bytes, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx (content types, relationships, document.xml) that python-docx opens."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def good_docx(text: str = FA) -> bytes:
    return docx_bytes(document_xml(text.strip().split("\n")))


# --- genuine zip bombs, cheaply ------------------------------------------------------------------------------
def _repeated_deflate(chunk: bytes, times: int) -> tuple[bytes, int, int]:
    """(raw deflate stream, crc32, uncompressed size) of *chunk* repeated *times*."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    return block * times + final, crc, len(chunk) * times


def write_raw_zip(path: Path, members: list[tuple[str, bytes, int, int, int]]) -> Path:
    """Write a zip from (name, data, crc, uncompressed size, method) members, *data* already compressed."""
    out = io.BytesIO()
    central = []
    for name, data, crc, size, method in members:
        offset = out.tell()
        raw = name.encode("utf-8")
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, method, 0, 0x21, crc, len(data), size,
                              len(raw), 0))
        out.write(raw)
        out.write(data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, method, 0, 0x21, crc,
                                   len(data), size, len(raw), 0, 0, 0, 0, 0, offset) + raw)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start,
                          start, 0))
    path.write_bytes(out.getvalue())
    return path


def _stored(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    return name, data, zlib.crc32(data), len(data), zipfile.ZIP_STORED


def bomb_docx(path: Path, megabytes: int = 1024) -> Path:
    """A .docx whose document.xml inflates to *megabytes* MB of spaces (about 1 MB on disk per GB)."""
    head = document_xml([FA.strip()]).encode("utf-8")
    data, crc, size = _repeated_deflate(b" " * (1 << 20), megabytes)
    return write_raw_zip(path, [
        _stored("[Content_Types].xml", _CONTENT_TYPES.encode()),
        _stored("_rels/.rels", _RELS.encode()),
        ("word/document.xml", data, crc, size, zipfile.ZIP_DEFLATED),
        _stored("word/head.xml", head),
    ])


def overlapping_bomb_docx(path: Path, copies: int = 400) -> Path:
    """Fifield-style: many directory entries, each claiming 1 MB; small and fast to refuse by totals."""
    data, crc, size = _repeated_deflate(b"<w:p/>" * 174763, 1)
    members = [_stored("[Content_Types].xml", _CONTENT_TYPES.encode()), _stored("_rels/.rels", _RELS.encode())]
    members += [(f"word/media/part{i}.xml", data, crc, size, zipfile.ZIP_DEFLATED) for i in range(copies)]
    return write_raw_zip(path, members)


def many_members_docx(path: Path, count: int = 6000) -> Path:
    members = [_stored("[Content_Types].xml", _CONTENT_TYPES.encode()), _stored("_rels/.rels", _RELS.encode())]
    members += [_stored(f"word/m{i}.xml", b"<a/>") for i in range(count)]
    members.append(_stored("word/document.xml", document_xml([FA.strip()]).encode()))
    return write_raw_zip(path, members)


# --- every hostile kind --------------------------------------------------------------------------------------
def _deep_xml_docx() -> bytes:
    return docx_bytes(document_xml([FA.strip()], body_prefix="<w:sdt>" * 20000 + "</w:sdt>" * 20000))


def _laughs_docx() -> bytes:
    ents = '<!ENTITY a "ha">' + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
                                         for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    return docx_bytes(document_xml(["&i;"], prolog=f"<!DOCTYPE w:document [{ents}]>"))


def _corrupt_deflate_docx() -> bytes:
    data = bytearray(good_docx())
    start = data.find(b"word/document.xml") + len(b"word/document.xml")
    for i in range(start + 4, start + 40):  # scramble the compressed document.xml
        data[i] ^= 0x5A
    return bytes(data)


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as fh:
        fh.truncate(size)
    return path


Builder = Callable[[Path], Path]


def _bytes(name: str, data: bytes) -> tuple[str, Builder]:
    def build(folder: Path) -> Path:
        p = folder / name
        p.write_bytes(data)
        return p
    return name, build


def _file(name: str, fn: Callable[[Path], Path]) -> tuple[str, Builder]:
    return name, lambda folder: fn(folder / name)


def _dir(name: str) -> tuple[str, Builder]:
    def build(folder: Path) -> Path:
        (folder / name).mkdir()
        return folder / name
    return name, build


def _fifo(name: str) -> tuple[str, Builder]:
    def build(folder: Path) -> Path:
        os.mkfifo(folder / name)
        return folder / name
    return name, build


def _loop(name: str) -> tuple[str, Builder]:
    def build(folder: Path) -> Path:
        (folder / name).symlink_to(folder / name)
        return folder / name
    return name, build


FA_1256 = FA.replace("ی", "ي").replace("ک", "ك")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8

#: (kind, (file name, builder)) — every one must be refused with one line naming the file.
HOSTILE: list[tuple[str, tuple[str, Builder]]] = [
    ("zip bomb .docx (1 GB document.xml)", _file("bomb.docx", bomb_docx)),
    ("zip bomb .docx (overlapping 1 MB members)", _file("overlap.docx", overlapping_bomb_docx)),
    ("6,000-member .docx", _file("members.docx", many_members_docx)),
    ("truncated .docx", _bytes("truncated.docx", good_docx()[: len(good_docx()) // 2])),
    ("text renamed .docx", _bytes("notzip.docx", FA.encode())),
    ("empty .docx", _bytes("empty.docx", b"")),
    (".docx without document.xml", _bytes("nodoc.docx", docx_bytes("").replace(b"word/document.xml",
                                                                                 b"word/documenx.xml"))),
    (".docx with corrupt deflate data", _bytes("crc.docx", _corrupt_deflate_docx())),
    (".docx with malformed XML", _bytes("badxml.docx", docx_bytes("<w:document><w:body><w:p>"))),
    (".docx billion laughs", _bytes("laughs.docx", _laughs_docx())),
    (".docx 20,000-deep XML", _bytes("deepxml.docx", _deep_xml_docx())),
    (".docx in English only", _bytes("english.docx", docx_bytes(document_xml(["The minister spoke."])))),
    ("30 MB text file (sparse)", _file("huge.txt", lambda p: _sparse(p, 30 * 1024 * 1024))),
    ("30 MB .docx (sparse)", _file("huge.docx", lambda p: _sparse(p, 30 * 1024 * 1024))),
    ("random binary .txt", _bytes("random.txt", os.urandom(4096))),
    ("PNG renamed .txt", _bytes("image.txt", PNG)),
    ("empty .txt", _bytes("empty.txt", b"")),
    ("only whitespace", _bytes("blank.txt", b" \n\t\r\n   \n" * 50)),
    ("only ZWNJ and RLM", _bytes("invisible.txt", "\u200c\u200f\u200c\n".encode() * 20)),
    ("NUL bytes inside Persian UTF-8", _bytes("nul.txt", FA.encode() + b"\x00\x00" + FA.encode())),
    ("bad UTF-16 after a BOM", _bytes("badbom.txt", b"\xff\xfe" + FA.encode("utf-16-le")[:-1] + b"\x00\xd8")),
    ("HTML with an unknown charset and no text",
     _bytes("bogus.html", b'<html><head><meta charset="x-bogus-9"></head><body>  </body></html>')),
    ("HTML with only script and style",
     _bytes("script.html", b"<html><script>alert(1)</script><style>p{}</style></html>")),
    ("HTML nested 50,000 levels", _bytes("deep.html", b"<div>" * 50000 + b"x" + b"</div>" * 50000)),
    ("Latin-only text", _bytes("latin.txt", b"The minister said prices will fall next month.\n" * 20)),
    ("unsupported extension", _bytes("virus.exe", b"MZ\x90\x00" + bytes(200))),
    ("a folder named like a file", _dir("folder.txt")),
    ("a named pipe", _fifo("pipe.txt")),
    ("a symlink loop", _loop("loop.txt")),
]

#: Files that lie about themselves but hold a real article: (kind, (name, builder), a sentence they must yield).
TRICKY: list[tuple[str, tuple[str, Builder], str]] = [
    ("HTML declaring utf-8 with a windows-1256 body",
     _bytes("lying.html", b'<html><head><meta charset="utf-8"></head><body><p>'
            + FA_1256.encode("windows-1256") + b"</p></body></html>"), "وزير اقتصاد"),
    ("BOM-less UTF-16 .txt", _bytes("utf16.txt", AR.encode("utf-16-le")), "وزير الاقتصاد"),
    (".docx with a 2,000-member media folder", _bytes("media.docx", docx_bytes(
        document_xml([FA.strip()]), {f"word/media/i{i}.bin": b"x" for i in range(2000)})), "وزیر اقتصاد"),
]

#: Text the good files hold (a windows-1256 Persian file proves decoding still works beside the bad ones).
GOOD: list[tuple[str, bytes]] = [
    ("good1.txt", FA.encode("utf-8")),
    ("good2.txt", AR.encode("windows-1256")),
    ("good3.docx", good_docx(FA + "قیمت نفت امروز افزایش یافت.\n")),
]


def build_hostile(folder: Path) -> list[tuple[str, Path]]:
    """Write every hostile file into *folder*; returns (kind, path)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [(kind, build(folder)) for kind, (_name, build) in HOSTILE]


def build_good(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, data in GOOD:
        (folder / name).write_bytes(data)
        out.append(folder / name)
    return out
