"""Importers: encodings, HTML, .docx, pasted text, and every kind of bad input (our own texts)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.core.importers import DocumentError, decode_bytes, from_html, from_text, read_document

AR = "قال وزير الاقتصاد إن الأسعار ستنخفض في الشهر المقبل.\nوأضاف أن الحكومة تراقب الأسواق عن كثب.\n"
FA = "وزیر اقتصاد گفت که قیمت‌ها در ماه آینده پایین می‌آید.\nاو افزود که دولت بازار را زیر نظر دارد.\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (AR.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + FA.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + FA.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + AR.encode("utf-16-be"), "utf-16-be"),
        (AR.encode("utf-16-le"), "utf-16-le"),  # no BOM
        (AR.encode("windows-1256"), "windows-1256"),
    ],
)
def test_text_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    doc = read_document(_write(tmp_path, "article.txt", data))
    assert doc.encoding == encoding
    assert doc.text in (AR, FA)
    assert doc.source.endswith("article.txt")


def test_windows_1256_persian_letters(tmp_path: Path) -> None:
    # windows-1256 has پ چ ژ گ ک but no Persian ی: Persian files in it use ي
    text = "پژوهشگران چگونگي رشد گياهان را بررسي کردند.\n"
    doc = read_document(_write(tmp_path, "fa.txt", text.encode("windows-1256")))
    assert doc.text == text
    assert doc.encoding == "windows-1256"


def test_prefers_arabic_decoding_over_latin_mojibake() -> None:
    data = "الطقس جميل اليوم".encode("windows-1256")
    text, enc = decode_bytes(data)
    assert text == "الطقس جميل اليوم"
    assert enc == "windows-1256"


def test_crlf_normalised(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "crlf.txt", AR.replace("\n", "\r\n").encode("utf-8")))
    assert "\r" not in doc.text


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="empty"):
        read_document(_write(tmp_path, "empty.txt", b""))


def test_whitespace_only_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no text"):
        read_document(_write(tmp_path, "blank.txt", b"  \n\n \t\n"))


def test_binary_file(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
    with pytest.raises(DocumentError, match="binary"):
        read_document(_write(tmp_path, "image.txt", data))


def test_binary_without_nul(tmp_path: Path) -> None:
    data = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 100
    with pytest.raises(DocumentError, match="binary"):
        read_document(_write(tmp_path, "junk.txt", data))


def test_50_mb_file_refused_quickly(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:  # sparse: no 50 MB of real writes
        f.truncate(50 * 1024 * 1024)
    t0 = time.perf_counter()
    with pytest.raises(DocumentError) as info:
        read_document(big)
    elapsed = time.perf_counter() - t0
    msg = str(info.value)
    assert "50.0 MB" in msg and "20.0 MB" in msg
    assert elapsed < 5  # generous: refusing must not read the file (it takes microseconds)


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    p = _write(tmp_path, "a.txt", AR.encode("utf-8"))
    with pytest.raises(DocumentError, match="limit"):
        read_document(p, max_bytes=10)


def test_latin_only(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no Persian or Arabic text found"):
        read_document(_write(tmp_path, "en.txt", b"An English article about prices.\n"))


def test_unsupported_extension(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="unsupported file type '.pdf'"):
        read_document(_write(tmp_path, "paper.pdf", b"%PDF-1.4"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "nope.pdf")


def test_directory(tmp_path: Path) -> None:
    d = tmp_path / "folder.txt"
    d.mkdir()
    with pytest.raises(DocumentError, match="not a regular file"):
        read_document(d)


def test_title_hint_from_arabic_file_name(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "أسعار_السوق.txt", AR.encode("utf-8")))
    assert doc.title_hint == "أسعار السوق"
    doc = read_document(_write(tmp_path, "article-17.txt", AR.encode("utf-8")))
    assert doc.title_hint == ""


PAGE = """<!doctype html>
<html lang="ar"><head><meta charset="utf-8"><title>انخفاض أسعار الخضار في الأسواق</title></head>
<body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/sport">رياضة</a></li>
<li><a href="/eco">اقتصاد</a></li></ul></nav>
<article>
<h1>انخفاض أسعار الخضار في الأسواق</h1>
<p>انخفضت أسعار الخضار في أسواق العاصمة هذا الأسبوع بعد وصول شحنات كبيرة من المزارع الجنوبية
إلى سوق الجملة.</p>
<p>وقال أحد التجار إن سعر الطماطم تراجع إلى النصف تقريبا مقارنة بالشهر الماضي، وإن الإقبال على
الشراء ازداد.</p>
<p>ويتوقع المزارعون أن تستمر الأسعار في الانخفاض حتى نهاية الموسم إذا بقي الطقس معتدلا.</p>
</article>
<aside><h3>الأكثر قراءة</h3><ul><li><a href="/1">خبر رياضي مثير</a></li>
<li><a href="/2">خبر فني</a></li></ul></aside>
<section id="comments"><h3>التعليقات</h3><p>تعليق من قارئ: مقال رائع جدا شكرا لكم على المعلومات</p></section>
<footer>جميع الحقوق محفوظة</footer>
</body></html>"""


def test_html_article_body(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "page.html", PAGE.encode("utf-8")))
    assert doc.title_hint == "انخفاض أسعار الخضار في الأسواق"
    assert "انخفضت أسعار الخضار" in doc.text
    assert "ويتوقع المزارعون" in doc.text
    for junk in ("رياضة", "خبر رياضي مثير", "تعليق من قارئ", "جميع الحقوق محفوظة"):
        assert junk not in doc.text


def test_html_in_windows_1256(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1256"')
    doc = read_document(_write(tmp_path, "page.htm", page.encode("windows-1256")))
    assert "انخفضت أسعار الخضار" in doc.text
    assert doc.encoding == "windows-1256"


def test_html_without_article(tmp_path: Path) -> None:
    with pytest.raises(DocumentError):
        read_document(_write(tmp_path, "nav.html", b"<html><body><nav>Home About</nav></body></html>"))


def test_from_html_short_page_fallback() -> None:
    doc = from_html("<html><body><p>جملة قصيرة عن الطقس.</p></body></html>")
    assert "جملة قصيرة عن الطقس." in doc.text


def test_docx(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("گزارش بازار میوه", level=1)
    d.add_paragraph("قیمت میوه در بازار تهران این هفته کاهش یافت.")
    d.add_paragraph("فروشندگان می‌گویند خرید مردم بیشتر شده است.")
    path = tmp_path / "report.docx"
    d.save(str(path))
    doc = read_document(path)
    assert doc.encoding == "docx"
    assert doc.title == doc.title_hint == "گزارش بازار میوه"  # the Heading is the title, not body text
    assert [line for line in doc.text.splitlines() if line] == [
        "قیمت میوه در بازار تهران این هفته کاهش یافت.",
        "فروشندگان می‌گویند خرید مردم بیشتر شده است.",
    ]


def test_broken_docx(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="not a valid .docx"):
        read_document(_write(tmp_path, "broken.docx", b"PK\x03\x04 this is not a real zip"))


def test_from_text() -> None:
    doc = from_text("  " + AR)
    assert doc.source == "paste" and doc.encoding == "utf-8"
    with pytest.raises(DocumentError, match="empty"):
        from_text("   \n")
    with pytest.raises(DocumentError, match="no Persian or Arabic"):
        from_text("plain English")
    with pytest.raises(DocumentError, match="binary"):
        from_text("قال\x00\x01\x02")
    with pytest.raises(DocumentError, match="limit"):
        from_text(AR * 10, max_bytes=100)


def test_document_error_is_value_error() -> None:
    assert issubclass(DocumentError, ValueError)
