"""Cleaning real-news shapes: headlines and sub-heads stay sentences of their own unless the document is
hard-wrapped; bylines, comment policies, «لینک خبر:» and hashtag lines are chrome."""

from __future__ import annotations

from reader.core.text.boilerplate import classify
from reader.core.text.clean import clean
from reader.core.text.pipeline import segment_text

UNWRAPPED_AR = """وزير الخارجية يبحث مع نظيره الفرنسي في باريس تطورات الأوضاع الإقليمية والعلاقات الثنائية
بحث وزير الخارجية اليوم مع نظيره الفرنسي آخر التطورات في المنطقة.
مواقف دولية متباينة من الأزمة بعد فشل جولة المفاوضات الأخيرة في جنيف
و قال المتحدث باسم الوزارة إن الجانبين اتفقا على مواصلة التنسيق.
ردود فعل
وأكدت الأمم المتحدة دعمها للجهود الدبلوماسية
"""


def test_unwrapped_arabic_headlines_and_subheads_are_not_glued_to_the_next_sentence() -> None:
    c = clean(UNWRAPPED_AR)
    assert "hard_wrapped" not in c.meta
    assert c.title.startswith("وزير الخارجية يبحث")
    assert c.paragraphs == [
        "بحث وزير الخارجية اليوم مع نظيره الفرنسي آخر التطورات في المنطقة.",
        "مواقف دولية متباينة من الأزمة بعد فشل جولة المفاوضات الأخيرة في جنيف",
        "و قال المتحدث باسم الوزارة إن الجانبين اتفقا على مواصلة التنسيق.",
        "ردود فعل",
        "وأكدت الأمم المتحدة دعمها للجهود الدبلوماسية",
    ]


def test_unwrapped_text_still_joins_a_line_cut_after_a_function_word() -> None:
    c = clean("عنوان خبر کوتاه\nوزیر گفت که این طرح از\nسال آینده اجرا می‌شود.")
    assert c.paragraphs == ["وزیر گفت که این طرح از سال آینده اجرا می‌شود."]


WRAPPED_FA = """شهرداری تهران از اجرای طرح تازه‌ای برای کاهش ترافیک در محدوده مرکزی
شهر خبر داد و گفت خودروهای شخصی در ساعت‌های اوج ترافیک تنها با پرداخت
عوارض روزانه اجازه ورود خواهند داشت
واکنش شهروندان
برخی شهروندان می‌گویند حمل‌ونقل عمومی هنوز برای جابه‌جایی میلیون‌ها
مسافر آماده نیست و گروهی دیگر آلودگی هوا را دلیل اصلی این تصمیم
می‌دانند
"""


def test_hard_wrapped_document_rejoins_lines_but_keeps_short_paragraph_ends_and_headlines() -> None:
    c = clean(WRAPPED_FA)
    assert c.meta["hard_wrapped"] is True
    assert c.paragraphs == [
        "شهرداری تهران از اجرای طرح تازه‌ای برای کاهش ترافیک در محدوده مرکزی شهر خبر داد و گفت خودروهای "
        "شخصی در ساعت‌های اوج ترافیک تنها با پرداخت عوارض روزانه اجازه ورود خواهند داشت",
        "واکنش شهروندان",
        "برخی شهروندان می‌گویند حمل‌ونقل عمومی هنوز برای جابه‌جایی میلیون‌ها مسافر آماده نیست و گروهی دیگر "
        "آلودگی هوا را دلیل اصلی این تصمیم می‌دانند",
    ]


def test_byline_opening_the_article_is_metadata_not_sentence_one() -> None:
    for raw, agency in [
        ("عنوان الخبر هنا\nالمدينة نيوز :- أعلنت الحكومة اليوم عن خطة جديدة للنقل العام.", "المدينة نيوز"),
        ("عنوان الخبر هنا\nالمدينة نيوز :-\n\nأعلنت الحكومة اليوم عن خطة جديدة للنقل العام.", "المدينة نيوز"),
        ("عنوان الخبر هنا\n--(بترا)\n\nأعلنت الحكومة اليوم عن خطة جديدة للنقل العام.", "بترا"),
        ("عنوان الخبر هنا\n--(بترا)-- أعلنت الحكومة اليوم عن خطة جديدة للنقل العام.", "بترا"),
    ]:
        c = clean(raw)
        assert c.paragraphs == ["أعلنت الحكومة اليوم عن خطة جديدة للنقل العام."], raw
        assert agency in c.meta["agency"]


def test_comment_policy_link_line_and_hashtags_are_chrome() -> None:
    raw = """افزایش قیمت نان در تهران
قیمت نان از امروز ۲۰ درصد افزایش یافت.
لینک خبر: https://news.example.ir/x/123
#اقتصاد #نان #تورم
نظرات حاوی توهین و افترا منتشر نمی‌شود.
لطفا از نوشتن نظرات به صورت فینگلیش خودداری کنید.
"""
    c = clean(raw)
    assert c.paragraphs == ["قیمت نان از امروز ۲۰ درصد افزایش یافت."]
    assert classify("التعليقات المنشورة لا تعبر عن رأي الموقع وإنما تعبر عن رأي أصحابها.") is not None
    assert classify("يرجى الالتزام بآداب الحوار، ويحتفظ الموقع بحق حذف التعليقات المسيئة.") is not None


def test_sentences_about_comments_are_not_taken_for_a_comment_policy() -> None:
    assert classify("وزیر گفت که نظرات کارشناسان پس از تایید منتشر می‌شود و هیچ توهینی در کار نیست.") is None
    assert classify("نظر شما درباره این طرح چیست؟") is None
    assert classify("وقال الوزير إن التعليقات المسيئة لا تعبر عن موقف الحكومة.") is None


def test_headline_on_its_own_line_is_its_own_sentence_in_segment_text() -> None:
    paragraphs = segment_text(UNWRAPPED_AR, "ar")
    assert paragraphs[2] == ["مواقف دولية متباينة من الأزمة بعد فشل جولة المفاوضات الأخيرة في جنيف"]


def test_kicker_line_above_the_headline_is_metadata_and_the_headline_is_the_title() -> None:
    c = clean(
        "رییس سازمان بورس اعلام کرد:\nبازار سرمایه در آستانه رکوردی تازه\nشاخص کل امروز ۲ درصد رشد کرد.\nمعاملات خرد هم بیشتر شد."
    )
    assert c.title == "بازار سرمایه در آستانه رکوردی تازه"
    assert c.meta["kicker"] == "رییس سازمان بورس اعلام کرد:"
    assert c.paragraphs == ["شاخص کل امروز ۲ درصد رشد کرد.", "معاملات خرد هم بیشتر شد."]


PASTED_PAGE = """صفحه نخست
سیاسی
اقتصادی
رییس کل بانک مرکزی خبر داد:
کاهش نرخ تورم ماهانه به ۲ درصد
۱۵ آبان ۱۴۰۲ - ۱۰:۳۰
رییس کل بانک مرکزی از کاهش نرخ تورم ماهانه به ۲ درصد در مهر ماه خبر داد.
چشم انداز تورم در سال آینده
او افزود که نرخ تورم سالانه تا پایان سال به زیر ۳۰ درصد می‌رسد.
اخبار مرتبط
افزایش قیمت دلار در بازار آزاد
کاهش ارزش ریال در برابر یورو
ارسال نظر
"""


def test_pasted_page_section_menu_kicker_and_related_headlines_are_not_body() -> None:
    c = clean(PASTED_PAGE)
    assert c.title == "کاهش نرخ تورم ماهانه به ۲ درصد"
    assert c.meta["kicker"] == "رییس کل بانک مرکزی خبر داد:"
    assert c.paragraphs == [
        "رییس کل بانک مرکزی از کاهش نرخ تورم ماهانه به ۲ درصد در مهر ماه خبر داد.",
        "چشم انداز تورم در سال آینده",
        "او افزود که نرخ تورم سالانه تا پایان سال به زیر ۳۰ درصد می‌رسد.",
    ]


def test_a_subhead_after_a_related_news_button_is_kept() -> None:
    raw = ("عنوان الخبر\nقال الوزير إن المحادثات مستمرة.\nأخبار ذات صلة\nموقف الحكومة من الأزمة\n"
           "وأكدت الحكومة أنها لن تتراجع عن قرارها مهما كانت الضغوط.\n")
    assert "موقف الحكومة من الأزمة" in clean(raw).paragraphs


def test_paragraphs_without_full_stops_of_similar_length_are_not_taken_for_hard_wrapping() -> None:
    raw = (
        "عنوان الخبر\n"
        "أكد وزير الخارجية أن بلاده لن تتراجع عن دعم الحل السياسي للأزمة\n"
        "وأضاف الوزير، خلال مؤتمر صحفي مع نظيره الأردني، أن الحوار هو السبيل الوحيد لإنهاء الصراع\n"
        'وتابع: "نعمل مع شركائنا الإقليميين والدوليين لوقف التصعيد"\n'
        "ولفت إلى أن الأوضاع الإنسانية تزداد سوءا يوما بعد يوم\n"
    )
    c = clean(raw)
    assert "hard_wrapped" not in c.meta
    assert len(c.paragraphs) == 4


def test_site_name_after_a_pasted_headline_goes_to_meta() -> None:
    c = clean("وزير الخارجية: لا تراجع عن دعم الحل السياسي - اليوم السابع\nأكد وزير الخارجية أن بلاده لن تتراجع.\n")
    assert c.title == "وزير الخارجية: لا تراجع عن دعم الحل السياسي"
    assert c.meta["site_name"] == "اليوم السابع"
    assert clean("ایران - آمریکا؛ دور تازه مذاکرات\nمتن خبر اینجاست.\n").title == "ایران - آمریکا؛ دور تازه مذاکرات"


def test_comment_counters_are_chrome() -> None:
    assert classify("تعليقات (0)") is not None
    assert classify("نظرات (۳)") is not None
    assert classify("قتل 3 أشخاص") is None
