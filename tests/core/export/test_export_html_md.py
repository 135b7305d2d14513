"""Markdown and HTML export: direction and language attributes, entity colours, highlights, footnotes."""

from __future__ import annotations

import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reader.core.export import ExportOptions, export_documents, format_for_path
from reader.core.export.html import render_html
from reader.core.export.markdown import escape, render_markdown
from reader.core.export.model import AnnotationMark, ExportDocument, ExportRow
from reader.core.jobs import Cancelled
from tests.support.export_data import sample_document, sentences


class _Tags(HTMLParser):
    """Collects start tags with attributes, the text inside each element kind, and checks nesting."""

    VOID = {"meta", "col", "br", "link", "img"}

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.stack: list[str] = []
        self.text: dict[str, str] = {}
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "sup" in self.stack:  # footnote references
            return
        for t in set(self.stack):
            self.text[t] = self.text.get(t, "") + data


def parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    p.close()
    assert not p.errors and not p.stack, (p.errors, p.stack)
    return p


@pytest.mark.parametrize("layout", ["columns", "interleaved"])
def test_html_is_well_formed_bilingual_and_self_contained(layout: str) -> None:
    doc = sample_document("fa")
    html = render_html([doc], ExportOptions(layout=layout))
    p = parse(html)
    assert "<style>" in html and "http" not in html.split("<body>")[0].replace("http-equiv", "")
    assert "<script" not in html and "src=" not in html
    src_cells = [a for t, a in p.tags if a.get("lang") == "fa" and a.get("dir") == "rtl"]
    assert len(src_cells) >= len(doc.rows)  # every source sentence (and the title) is dir=rtl lang=fa
    en = [a for t, a in p.tags if a.get("lang") == "en" and a.get("dir") == "ltr"]
    assert len(en) == len(doc.rows)
    english = sentences("fa")[1]
    assert all(e.split()[0] in html for e in english)
    kinds = {a.get("class") for t, a in p.tags if t == "span" and "ent" in a.get("class", "")}
    assert {"ent ent-LOCATION", "ent ent-PERSON", "ent ent-ORGANIZATION"} <= kinds
    marks = [a for t, a in p.tags if t == "mark"]
    assert len(marks) == 2 and all(a["style"].startswith("background:#") for a in marks)
    # footnotes: two notes, each linked both ways
    refs = [a for t, a in p.tags if t == "a" and a.get("href", "").startswith("#a1-fn-")]
    notes = [a for t, a in p.tags if t == "li" and a.get("id", "").startswith("a1-fn-")]
    assert len(refs) == 2 and len(notes) == 2
    assert "یادداشت آزمایشی" in p.text["li"] and "#cost" in p.text["li"]
    assert "⚠" in html  # the flagged row


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_html_text_survives_marks_in_order(lang: str) -> None:
    doc = sample_document(lang)
    p = parse(render_html([doc]))
    cells = p.text.get("td", "")
    src, english = sentences(lang)
    for s in src + english:  # entity spans and marks split the text, but not its characters or their order
        assert s in cells


def test_html_escapes_user_text_and_bad_colours() -> None:
    row = ExportRow(0, 0, "متن <script>alert(1)</script> & تمام", "a <b> & c",
                    annotations=(AnnotationMark("source", 0, 3, "red;}</style>", "<i>note</i>", ("x",), "متن"),))
    html = render_html([ExportDocument("<t>", "fa", rows=(row,))])
    parse(html)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;i&gt;note" in html
    assert "red;}" not in html and "background:#ffe066" in html


@pytest.mark.parametrize("layout", ["columns", "interleaved"])
def test_markdown_keeps_direction_marks_and_footnotes(layout: str) -> None:
    doc = sample_document("ar")
    md = render_markdown([doc], ExportOptions(layout=layout))
    assert '<h1 dir="rtl" lang="ar">' in md
    assert md.count('<div dir="rtl" lang="ar">') == len(doc.rows)
    for s in sentences("ar")[0][2:]:  # rows 2..4 carry no highlight: the text is verbatim
        assert escape(s) in md
    refs = [line for line in md.splitlines() if line.startswith("[^")]
    assert len(refs) == 2 and md.count("<mark>") == 2
    assert all(f"[^{r.split(']')[0][2:]}]" in md.replace(r, "") for r in refs)  # each note is referenced
    assert "**People:**" in md and "أحمد سالم" in md
    if layout == "columns":
        assert "| # | English | العربية |" in md


def test_markdown_escapes_syntax() -> None:
    assert escape("a*b_c [x](y) <z> | #") == r"a\*b\_c \[x\](y) \<z\> \| \#"
    row = ExportRow(0, 0, "کلمه | دیگر", "pipe | and *star*")
    md = render_markdown([ExportDocument("t", "fa", rows=(row,))])
    assert r"pipe \| and \*star\*" in md and r"کلمه \| دیگر" in md


def test_files_progress_cancel_and_format_from_suffix(tmp_path: Path) -> None:
    assert format_for_path("a.HTML") == "html" and format_for_path("b.markdown") == "md"
    assert format_for_path("c.txt") is None
    seen: list[tuple[int, int]] = []
    for name in ("out.md", "out.html"):
        res = export_documents([sample_document("fa")], tmp_path / name, progress=lambda d, t: seen.append((d, t)))
        assert Path(res.path).read_text(encoding="utf-8").strip() and res.rows == 5 and res.footnotes == 2
    assert seen[-1] == (5, 5)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        export_documents([sample_document("fa")], tmp_path / "c.html", cancel=cancel)
    assert not (tmp_path / "c.html").exists()


def test_exports_name_a_local_source_file_not_the_readers_folders() -> None:
    from reader.core.export import ExportDocument

    def label(source: str) -> str:
        return ExportDocument(title="t", language="fa", source=source).source_label

    assert label("/home/reza/private/news/fa-article.txt") == "fa-article.txt"
    assert label("C:\\Users\\reza\\news\\ar.html") == "ar.html"
    assert label("https://example.ir/news/1?x=2") == "https://example.ir/news/1?x=2"
    assert label("paste") == "pasted text" and label("") == ""
