"""Importing news pages and files as real sites and editors produce them (our own pages, written for these
tests): the page's ZWNJs, headline, lead and metadata survive; charsets that lie; damaged UTF-8; .docx titles."""

from __future__ import annotations

from pathlib import Path

from reader.core.importers import decode_html, decode_with_warnings, from_html, read_document
from reader.core.text.htmlmeta import choose_title, strip_site_name
from reader.core.text.pipeline import process_document
from tests.support import textquality as q

Z = "\u200c"

KICKER_PAGE = """<html><head><meta charset="utf-8">
<title>بازار سرمایه در آستانه رکوردی تازه | خبرگزاری نمونه</title>
<meta property="og:title" content="بازار سرمایه در آستانه رکوردی تازه - خبرگزاری نمونه">
<meta property="og:site_name" content="خبرگزاری نمونه">
<meta property="article:published_time" content="2024-05-04T08:00:00+03:30">
<link rel="canonical" href="https://news.example.ir/fa/1234">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
{"@type":"NewsArticle","headline":"بازار سرمایه در آستانه رکوردی تازه","author":[{"@type":"Person","name":"رضا کریمی"}]}]}
</script></head><body>
<nav><a>صفحه اصلی</a> <a>اقتصادی</a></nav>
<article>
<p class="rutitr">رییس سازمان بورس اعلام کرد:</p>
<h1>بازار سرمایه در آستانه رکوردی تازه</h1>
<span class="date">۱۵ اردیبهشت ۱۴۰۳ - ۰۸:۰۰</span>
<div class="lead">رییس سازمان بورس گفت شاخص کل در هفته‌های آینده احتمالاً از مرز سه میلیون واحد می‌گذرد.</div>
<p>به گزارش خبرگزاری نمونه، او در نشستی با فعالان بازار افزود که ورود نقدینگی تازه ادامه دارد.</p>
<p>کارشناسان می‌گویند سیاست‌های پولی بانک مرکزی در این روند نقش مهمی داشته‌اند.</p>
<p>سهامداران خرد نیز در هفته‌های اخیر بیش از گذشته به صندوق‌های سرمایه‌گذاری روی آورده‌اند.</p>
</article>
<section class="comments"><p>نظرات حاوی توهین منتشر نمی‌شود.</p></section>
</body></html>"""


def test_html_keeps_every_zwnj_of_the_page() -> None:
    for art in q.load_articles("fa"):
        page = q.html_page(art)
        doc = from_html(page)
        body_zwnj = sum(" ".join(p).count(Z) for p in art.paragraphs[1:])
        assert doc.text.count(Z) == body_zwnj, art.name
        assert doc.title.count(Z) == " ".join(art.paragraphs[0]).count(Z)


def test_html_zwnj_survives_the_whole_pipeline_without_restoration_damage() -> None:
    for art in q.load_articles("fa"):
        p = process_document(from_html(q.html_page(art)))
        assert p.meta["zwnj"] == "kept"
        assert p.text.count(Z) == sum(" ".join(para).count(Z) for para in art.paragraphs[1:]), art.name


def test_headline_is_the_h1_not_the_kicker_and_without_the_site_name() -> None:
    doc = from_html(KICKER_PAGE)
    assert doc.title == "بازار سرمایه در آستانه رکوردی تازه"
    assert doc.meta["kicker"] == "رییس سازمان بورس اعلام کرد:"
    assert not doc.text.startswith("رییس سازمان بورس اعلام کرد")


def test_lead_paragraph_is_kept_first_and_recorded() -> None:
    doc = from_html(KICKER_PAGE)
    lead = "رییس سازمان بورس گفت شاخص کل در هفته‌های آینده احتمالاً از مرز سه میلیون واحد می‌گذرد."
    assert doc.text.split("\n\n")[0] == lead
    assert doc.meta["lead"] == lead


def test_page_metadata_is_kept_in_the_article_meta() -> None:
    p = process_document(from_html(KICKER_PAGE, source="saved.html"))
    assert p.title == "بازار سرمایه در آستانه رکوردی تازه"
    assert p.meta["published"] == "2024-05-04T08:00:00+03:30"
    assert p.meta["published_original"] == "۱۵ اردیبهشت ۱۴۰۳ - ۰۸:۰۰"
    assert p.date == "۱۵ اردیبهشت ۱۴۰۳ - ۰۸:۰۰"
    assert p.meta["author"] == "رضا کریمی"
    assert p.meta["site_name"] == "خبرگزاری نمونه"
    assert p.meta["canonical_url"] == "https://news.example.ir/fa/1234"
    assert p.sentences[0].text.startswith("رییس سازمان بورس گفت")
    assert not any("توهین" in s.text for s in p.sentences)


def test_arabic_page_metadata_from_fixture_page() -> None:
    art = next(a for a in q.load_articles("ar"))
    doc = from_html(q.html_page(art))
    assert doc.title == " ".join(art.paragraphs[0])
    assert doc.meta["site_name"] == "الوكالة النموذجية"
    assert doc.meta["published"].startswith("2024-06-18")
    assert doc.meta["published_original"] == "الثلاثاء 18 يونيو 2024"
    assert doc.meta["author"] == "سارة يوسف"


def test_site_name_suffix_and_title_agreement() -> None:
    assert (
        strip_site_name("اشتباكات عنيفة في الخرطوم - اليوم السابع", ["اليوم السابع"])
        == "اشتباكات عنيفة في الخرطوم"
    )
    assert strip_site_name("خبرگزاری نمونه | افزایش قیمت نان", ["خبرگزاری نمونه"]) == "افزایش قیمت نان"
    assert strip_site_name("اشتباكات عنيفة في الخرطوم - اليوم السابع", []) == "اشتباكات عنيفة في الخرطوم"
    title, source = choose_title(
        {
            "h1": "رییس سازمان بورس اعلام کرد:",
            "og": "رکورد تازه بورس",
            "title": "رکورد تازه بورس",
            "jsonld": "",
        }
    )
    assert (title, source) == ("رکورد تازه بورس", "og")


def test_valid_utf8_page_wins_over_a_meta_charset_that_lies() -> None:
    page = '<html><head><meta charset="windows-1256"></head><body><p>خبر مهم درباره اقتصاد کشور.</p></body></html>'
    html, enc, warnings = decode_html(page.encode("utf-8"))
    assert enc == "utf-8" and "خبر مهم" in html and warnings == ()


def test_windows_1256_page_decodes_even_when_its_meta_says_utf8(tmp_path: Path) -> None:
    page = '<html><head><meta charset="utf-8"></head><body><p>قال الوزير إن الاقتصاد ينمو بسرعة كبيرة هذا العام.</p></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("windows-1256"))
    doc = read_document(path)
    assert "قال الوزير إن الاقتصاد" in doc.text
    assert doc.encoding in ("windows-1256", "cp1256")


def test_utf8_file_with_one_invalid_byte_stays_utf8_with_a_warning(tmp_path: Path) -> None:
    text = "سیب‌های کره شمالی در فروشگاه‌های روسیه دیده شدند. " * 20
    data = text.encode("utf-8")
    cut = data.index(b" ", 100)
    data = data[:cut] + b"\xff" + data[cut:]
    decoded, enc, warnings = decode_with_warnings(data, "news.txt")
    assert enc == "utf-8"
    assert "سیب" in decoded and "ط³" not in decoded
    assert decoded.count("\ufffd") == 1
    assert len(warnings) == 1 and "invalid UTF-8" in warnings[0]
    path = tmp_path / "news.txt"
    path.write_bytes(data)
    doc = read_document(path)
    assert doc.warnings and process_document(doc).meta["warnings"] == list(doc.warnings)


def test_windows_1256_text_file_still_decodes_right(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(
        "قال الوزير إن الاقتصاد ينمو بسرعة. ويتوقع الخبراء استمرار النمو.".encode("windows-1256")
    )
    doc = read_document(path)
    assert doc.text.startswith("قال الوزير") and doc.warnings == ()


def test_docx_heading_title_is_not_glued_into_sentence_one(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("افزایش قیمت بلیت هواپیما در آستانه تعطیلات", level=1)
    d.add_paragraph("قیمت بلیت پروازهای داخلی از هفته آینده ۳۰ درصد افزایش می‌یابد.")
    d.add_paragraph("سازمان هواپیمایی کشوری این افزایش را تأیید کرد.")
    path = tmp_path / "report.docx"
    d.save(str(path))
    p = process_document(read_document(path))
    assert p.title == "افزایش قیمت بلیت هواپیما در آستانه تعطیلات"
    assert p.sentences[0].text == "قیمت بلیت پروازهای داخلی از هفته آینده ۳۰ درصد افزایش می‌یابد."


LEAD_PAGE = """<html><head><meta charset="utf-8"><title>عنوان خبر مهم درباره اقتصاد - سایت نمونه</title></head><body>
<aside><p class="summary">این یک خلاصه از خبر دیگری است که در ستون کناری آمده و نباید لید این خبر باشد.</p></aside>
<div class="story"><h1>عنوان خبر مهم درباره اقتصاد</h1>
<div class="x1"><span>۱۲ مهر ۱۴۰۲</span></div>
<div class="{cls}"><b>دولت اعلام کرد که برنامه تازه‌ای برای مهار تورم در شش ماه آینده اجرا می‌کند و بودجه آن تأمین شده است.</b></div>
<div class="body"><p>به گزارش سایت نمونه، وزیر اقتصاد در نشست خبری جزئیات این برنامه را تشریح کرد و گفت که اجرای آن از ماه آینده آغاز می‌شود.</p>
<p>کارشناسان اقتصادی معتقدند موفقیت این برنامه به همکاری بانک مرکزی و مجلس بستگی دارد و باید منتظر ماند.</p>
<p>وی همچنین از کاهش نرخ تورم ماهانه در سه ماه گذشته خبر داد و آن را نشانه‌ای مثبت دانست.</p></div></div></body></html>"""


def test_lead_with_or_without_a_known_class_is_kept_and_a_sidebar_summary_is_not() -> None:
    for cls in ("article-intro", "x2"):
        doc = from_html(LEAD_PAGE.replace("{cls}", cls))
        first = doc.text.split("\n\n")[0]
        assert first.startswith("دولت اعلام کرد که برنامه تازه‌ای"), cls
        assert "ستون کناری" not in doc.text
        assert doc.title == "عنوان خبر مهم درباره اقتصاد"


def test_telegram_style_post_keeps_its_text_and_drops_channel_lines() -> None:
    post = "🔴 فوری | افزایش قیمت بنزین از امشب\n\nقیمت هر لیتر بنزین از ساعت ۲۴ امشب دو برابر می‌شود.\n\n#بنزین #قیمت\n🆔 @khabar_fori\n"
    p = process_document(read_text_doc(post))
    assert p.language == "fa"
    assert [s.text for s in p.sentences] == ["قیمت هر لیتر بنزین از ساعت ۲۴ امشب دو برابر می‌شود."]


def read_text_doc(text: str):
    from reader.core.importers import from_text

    return from_text(text)


def test_zwnj_written_as_an_html_entity_is_kept() -> None:
    page = (
        "<html><head><meta charset='utf-8'><title>خبر</title></head><body><article>"
        "<p>کارشناسان می&zwnj;گویند قیمت&#8204;ها در هفته&#x200c;های اخیر افزایش یافته و بازار نگران است.</p>"
        "<p>فروشندگان نیز از کاهش خرید مردم در ماه&zwnj;های گذشته خبر می&zwnj;دهند و منتظر تصمیم دولت هستند.</p>"
        "</article></body></html>"
    )
    doc = from_html(page)
    assert "می\u200cگویند قیمت\u200cها در هفته\u200cهای" in doc.text
    assert doc.text.count(Z) == 5


def test_json_ld_values_given_as_lists_or_objects_and_junk_pages() -> None:
    from reader.core.text.htmlmeta import page_meta

    page = (
        '<html><head><script type="application/ld+json">{"@type":["NewsArticle"],"headline":["عنوان خبر مهم"],'
        '"datePublished":["2024-01-02"],"url":{"@id":"https://x.org/1"},"author":[{"name":"علی"},"رضا"]}'
        "</script><script type='application/ld+json'>{broken json</script></head>"
        "<body><h1>عنوان خبر مهم</h1><p>متن</p></body></html>"
    )
    meta = page_meta(page)
    assert (meta.title, meta.published, meta.canonical_url) == ("عنوان خبر مهم", "2024-01-02", "https://x.org/1")
    assert meta.author == "علی، رضا"
    assert page_meta("<<<not html").title == "" and page_meta("").title == ""
