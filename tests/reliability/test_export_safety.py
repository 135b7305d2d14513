"""Exports never turn article text into live markup or script.

Every user-controlled string (title, sentences, translations, notes, tags, quotes, entity names, source, date,
backend, export title) carries HTML and Markdown payloads. The Markdown is rendered by a real CommonMark
renderer (markdown-it-py, raw HTML on, tables on, and links NOT validated, as a careless viewer would), the
HTML export is parsed, and the PDF's every object is walked for actions and scripts.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest
from markdown_it import MarkdownIt

from reader.core.export import ExportOptions, export_documents
from reader.core.export.html import render_html
from reader.core.export.markdown import render_markdown
from reader.core.export.model import AnnotationMark, EntityMark, ExportDocument, ExportRow

PAYLOADS = [
    "<img src=x onerror='alert(1)'>",
    "<script>alert(2)</script>",
    '<a href="javascript:alert(3)">x</a>',
    "[click](javascript:alert(4))",
    "<javascript:alert(5)>",
    "<svg onload=alert(6)>",
    '"><iframe src=//evil>',
    "<!-- x --><style>*{}</style>",
    "![i](x onerror=alert(7))",
]
BARE_LINKS = ["javascript:alert(8)", "vbscript:msgbox(9)", "data:text/html,<b>10"]


def _doc(i: int, payload: str) -> ExportDocument:
    fa = "خبر مهم"
    src = f"{payload} {fa} {payload}"
    en = f"News {payload} here."
    rows = (
        ExportRow(0, 0, src, en, (EntityMark("PERSON", 0, len(payload), payload),),
                  (EntityMark("LOCATION", 5, 5 + len(payload), payload),),
                  (AnnotationMark("source", 0, len(payload), f"red;{payload}", f"{payload} note", (payload,),
                                  payload),
                   AnnotationMark("target", 0, 4, "#ffe066", BARE_LINKS[i % 3], (), ""))),
        ExportRow(1, 1, f"{fa} {payload}", None, (), (), (), ({"code": "x", "message": payload},)),
    )
    return ExportDocument(f"{payload} خبر", "fa", BARE_LINKS[i % 3], payload, {}, rows, i, payload)


DOCS = [_doc(i, p) for i, p in enumerate(PAYLOADS)]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _elements(html: str) -> _Elements:
    p = _Elements()
    p.feed(html)
    p.close()
    return p


def _scheme(url: str) -> str:
    cleaned = "".join(c for c in url if c.isprintable() and not c.isspace()).lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned else ""


def _assert_inert(html: str, allowed_tags: set[str], allowed_attrs: set[str], payloads: list[str]) -> None:
    found = _elements(html)
    tags = {t for t, _ in found.tags}
    assert tags <= allowed_tags, tags - allowed_tags
    for tag, attrs in found.tags:
        assert set(attrs) <= allowed_attrs, (tag, attrs)
        for name in ("href", "src"):
            if name in attrs:
                assert _scheme(attrs[name]) not in {"javascript", "vbscript", "data"}, (tag, attrs)
    text = "".join(found.text)
    for payload in payloads:  # the payload is still there, as text
        assert payload in text, payload


def _commonmark() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True  # a careless viewer: let every link through
    return md


MD_TAGS = {"h1", "h2", "div", "p", "strong", "em", "mark", "blockquote", "table", "thead", "tbody", "tr", "th",
           "td", "hr", "ul", "li", "a", "br"}


@pytest.mark.parametrize("layout", ["columns", "interleaved"])
@pytest.mark.parametrize("many", [False, True], ids=["one article", "several articles"])
def test_markdown_export_renders_no_element_or_attribute_from_the_text(layout: str, many: bool) -> None:
    docs = DOCS if many else DOCS[:1]
    options = ExportOptions(layout=layout, title="<img src=x onerror=alert(0)> export")
    md = render_markdown(docs, options)
    html = _commonmark().render(md)
    _assert_inert(html, MD_TAGS, {"dir", "lang", "href", "style"}, PAYLOADS[: len(docs)])
    heading = "h2" if many else "h1"
    assert f"<{heading} dir=\"ltr\" lang=\"fa\">&lt;img src=x onerror=&#x27;alert(1)&#x27;&gt; خبر</{heading}>" in html


def test_markdown_title_alone_was_the_live_html_of_the_report() -> None:
    doc = ExportDocument("<img src=x onerror='alert(1)'> خبر", "fa", rows=())
    html = _commonmark().render(render_markdown([doc]))
    assert not [t for t, _ in _elements(html).tags if t == "img"]


def test_html_export_escapes_every_field() -> None:
    for layout in ("columns", "interleaved"):
        html = render_html(DOCS, ExportOptions(layout=layout, title="<script>alert(0)</script>"))
        found = _elements(html)
        tags = {t for t, _ in found.tags}
        assert not tags & {"img", "script", "iframe", "svg", "object", "embed"}, tags
        scripts = [t for t in found.tags if t[0] == "style"]
        assert len(scripts) <= 1  # the export's own stylesheet only
        for tag, attrs in found.tags:
            assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
            for name in ("href", "src"):
                if name in attrs:
                    assert _scheme(attrs[name]) not in {"javascript", "vbscript", "data"}, (tag, attrs)
            assert "red;" not in attrs.get("style", ""), (tag, attrs)  # a colour cannot smuggle CSS


_FORBIDDEN_KEYS = {"/JavaScript", "/JS", "/Launch", "/AA", "/SubmitForm", "/ImportData",
                   "/RichMedia", "/EmbeddedFile"}


def _walk(obj: object, seen: set[int], found: list[str]) -> None:
    if isinstance(obj, pypdf.generic.IndirectObject):
        key = (obj.idnum, obj.generation)
        if hash(key) in seen:
            return
        seen.add(hash(key))
        obj = obj.get_object()
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in _FORBIDDEN_KEYS:
                found.append(k)
            if k == "/URI" and _scheme(str(v)) in {"javascript", "vbscript", "data", "file"}:
                found.append(f"/URI {v}")
            if k == "/OpenAction" and not isinstance(v, list):  # fpdf2's is a page destination, never an action
                found.append(f"/OpenAction {v}")
            if k == "/S" and str(v) in {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData"}:
                found.append(f"/S {v}")
            if k != "/Parent":
                _walk(v, seen, found)
    elif isinstance(obj, list):
        for v in obj:
            _walk(v, seen, found)


@pytest.mark.slow
def test_pdf_export_has_no_script_launch_or_javascript_link(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    export_documents(DOCS[:4], out, options=ExportOptions(title="<script>alert(0)</script>"))
    reader = pypdf.PdfReader(str(out))
    found: list[str] = []
    seen: set[int] = set()
    _walk(reader.trailer, seen, found)
    for gen, objects in reader.xref.items():
        for idnum in objects:
            _walk(pypdf.generic.IndirectObject(idnum, gen, reader), seen, found)
    assert found == []
    raw = out.read_bytes()
    for key in (b"/JavaScript", b"/JS ", b"/Launch", b"/AA "):
        assert key not in raw, key
    assert b"/URI (javascript" not in raw  # notes may say "javascript:" as text (/Contents), never as a link
