"""Glossary files: CSV (``source,english,language,note``) and TBX-lite (TBX-Basic's core: concept entries with
one language section per language; older ``martif``/``termEntry``/``langSet``/``tig`` files are read too).

Readers return the terms and one human sentence per entry they skipped; a file that cannot be read at all
raises :class:`GlossaryFileError` with one sentence saying why.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.glossary.terms import LANGUAGES, Term

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX_NS = "urn:iso:std:iso:30042:ed-2"
CSV_HEADER = ["source", "english", "language", "note"]


class GlossaryFileError(ValueError):
    """A glossary file that cannot be read (the message is one sentence for the user)."""


@dataclass
class ReadResult:
    terms: list[Term] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one sentence per skipped entry


def _lang(code: str) -> str:
    return code.strip().lower().replace("_", "-").split("-")[0]


def _text(data: bytes, name: str) -> str:
    for enc in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise GlossaryFileError(f"{name} is not a UTF-8 or UTF-16 text file.")


def read_csv(data: bytes | str, language: str | None = None, name: str = "the file") -> ReadResult:
    """Terms from CSV text: columns source, english, then optionally language and note. A header row is
    recognised by its first cell ("source"); rows without a language column take *language*."""
    text = data if isinstance(data, str) else _text(data, name)
    first = next((line for line in text.splitlines() if line.strip() and not line.startswith("#")), "")
    delimiter = max("\t;,", key=lambda d: (first.count(d), d == ","))  # tab, semicolon or comma
    out = ReadResult()
    for n, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if n == 1 and cells[0].lower() in ("source", "term", "source term"):
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            out.skipped.append(f"Line {n} of {name} needs a source term and its English.")
            continue
        lang = _lang(cells[2]) if len(cells) > 2 and cells[2] else (language or "")
        if lang not in LANGUAGES:
            out.skipped.append(f"Line {n} of {name} has no language fa or ar"
                               + (f" (it says {cells[2]!r})." if len(cells) > 2 and cells[2] else "."))
            continue
        out.terms.append(Term(cells[0], cells[1], lang, cells[3] if len(cells) > 3 else ""))
    if not out.terms and not out.skipped:
        raise GlossaryFileError(f"{name} holds no glossary terms.")
    return out


def write_csv(terms: Iterable[Term]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for t in terms:
        w.writerow([t.source, t.english, t.language, t.note])
    return buf.getvalue()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: ET.Element, *names: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) in names]


def read_tbx(data: bytes | str, name: str = "the file") -> ReadResult:
    """Terms from a TBX file: each concept's Persian/Arabic terms paired with its first English term."""
    try:
        root = ET.fromstring(data.encode("utf-8") if isinstance(data, str) else data)
    except ET.ParseError as exc:
        raise GlossaryFileError(f"{name} is not a well-formed TBX (XML) file ({exc}).") from None
    if _local(root.tag) not in ("tbx", "martif"):
        raise GlossaryFileError(f"{name} is XML but not TBX (its root element is <{_local(root.tag)}>).")
    out = ReadResult()
    entries = [el for el in root.iter() if _local(el.tag) in ("conceptEntry", "termEntry")]
    for n, entry in enumerate(entries, 1):
        by_lang: dict[str, list[str]] = {}
        for sec in _children(entry, "langSec", "langSet"):
            lang = _lang(sec.get(XML_LANG, "") or sec.get("lang", ""))
            for t in sec.iter():
                if _local(t.tag) == "term" and (t.text or "").strip():
                    by_lang.setdefault(lang, []).append((t.text or "").strip())
        note = " ".join((d.text or "").strip() for d in entry.iter()
                        if _local(d.tag) in ("descrip", "note") and (d.text or "").strip())
        english = by_lang.get("en", [])
        sources = [(lang, s) for lang in LANGUAGES for s in by_lang.get(lang, [])]
        ident = entry.get("id") or str(n)
        if not english or not sources:
            out.skipped.append(f"Entry {ident} of {name} needs an English term and a Persian or Arabic one.")
            continue
        out.terms += [Term(s, english[0], lang, note) for lang, s in sources]
    if not out.terms and not out.skipped:
        raise GlossaryFileError(f"{name} holds no terminology entries.")
    return out


def write_tbx(terms: Iterable[Term]) -> str:
    """A TBX-Basic (TBX 2019, DCT style) file: one concept entry per term."""
    ET.register_namespace("", TBX_NS)
    root = ET.Element(f"{{{TBX_NS}}}tbx", {"type": "TBX-Basic", "style": "dct", XML_LANG: "en"})
    header = ET.SubElement(root, f"{{{TBX_NS}}}tbxHeader")
    desc = ET.SubElement(ET.SubElement(header, f"{{{TBX_NS}}}fileDesc"), f"{{{TBX_NS}}}sourceDesc")
    ET.SubElement(desc, f"{{{TBX_NS}}}p").text = "Tarjoman glossary"
    body = ET.SubElement(ET.SubElement(root, f"{{{TBX_NS}}}text"), f"{{{TBX_NS}}}body")
    for n, t in enumerate(terms, 1):
        entry = ET.SubElement(body, f"{{{TBX_NS}}}conceptEntry", {"id": f"c{n}"})
        if t.note:
            ET.SubElement(entry, f"{{{TBX_NS}}}descrip", {"type": "definition"}).text = t.note
        for lang, value in ((t.language, t.source), ("en", t.english)):
            sec = ET.SubElement(entry, f"{{{TBX_NS}}}langSec", {XML_LANG: lang})
            ET.SubElement(ET.SubElement(sec, f"{{{TBX_NS}}}termSec"), f"{{{TBX_NS}}}term").text = value
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def read_file(path: Path, language: str | None = None) -> ReadResult:
    """A glossary file by its extension (.csv/.tsv/.txt: CSV; .tbx/.xml: TBX)."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".tbx", ".xml", ".csv", ".tsv", ".txt"):
        raise GlossaryFileError(f"{Path(path).name}: use a .csv or a .tbx file.")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GlossaryFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if suffix in (".tbx", ".xml"):
        return read_tbx(data, Path(path).name)
    return read_csv(data, language, Path(path).name)


def write_file(path: Path, terms: Iterable[Term]) -> None:
    path = Path(path)
    text = write_tbx(terms) if path.suffix.lower() in (".tbx", ".xml") else write_csv(terms)
    path.write_text(text, encoding="utf-8")
