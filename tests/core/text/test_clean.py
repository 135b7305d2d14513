"""Cleaning: wrapped lines, headlines, site chrome, metadata lines, title and dateline (our own texts)."""

from __future__ import annotations

from reader.core.text.boilerplate import Kind, classify, fold_line
from reader.core.text.clean import clean, ends_final, split_lines
from reader.core.text.newsmeta import is_date_line, iso_date, jalali_to_gregorian

WRAPPED_AR = """افتتحت البلدية صباح اليوم جسرا جديدا فوق النهر بعد أعوام من العمل المتواصل، وقال رئيس
البلدية إن الجسر سيخفف الزحام في وسط المدينة بشكل كبير خلال ساعات الذروة اليومية.
وأضاف أن المشروع كلف أقل من الميزانية التي رصدت له في البداية، وأن أعمال الصيانة
ستبدأ في العام المقبل.
ردود الفعل
ورحبت الجمعيات
بالجسر الجديد، وعبروا عن أملهم في مشاريع أخرى مماثلة.
"""


def test_wrapped_arabic_lines_rejoined_and_headline_kept() -> None:
    c = clean(WRAPPED_AR)
    assert c.paragraphs == [
        "افتتحت البلدية صباح اليوم جسرا جديدا فوق النهر بعد أعوام من العمل المتواصل، وقال رئيس "
        "البلدية إن الجسر سيخفف الزحام في وسط المدينة بشكل كبير خلال ساعات الذروة اليومية.",
        "وأضاف أن المشروع كلف أقل من الميزانية التي رصدت له في البداية، وأن أعمال الصيانة "
        "ستبدأ في العام المقبل.",
        "ردود الفعل",
        "ورحبت الجمعيات بالجسر الجديد، وعبروا عن أملهم في مشاريع أخرى مماثلة.",
    ]
    assert c.meta["hard_wrapped"] is True
    assert c.title == ""  # the first line is a wrapped sentence, not a title


def test_lines_ending_in_function_word_or_comma_join() -> None:
    c = clean("گزارش می‌دهد که وزیر در\nجلسه حاضر شد.\nقیمت نان، شیر،\nو برنج بالا رفت.")
    assert c.paragraphs == ["گزارش می‌دهد که وزیر در جلسه حاضر شد.", "قیمت نان، شیر، و برنج بالا رفت."]


def test_blank_lines_are_paragraph_breaks() -> None:
    c = clean("عنوان کوتاه خبر\n\nجمله اول خبر اینجاست و\n\nجمله دوم.")
    assert c.title == "عنوان کوتاه خبر"
    assert c.paragraphs == ["جمله اول خبر اینجاست و", "جمله دوم."]


PERSIAN_PAGE = """بازگشایی کتابخانه مرکزی شهر پس از بازسازی

۰۹:۱۵ - ۲۱ مهر ۱۴۰۲
کد خبر: ۱۲۳۴۵۶
بازگشایی کتابخانه مرکزی شهر پس از بازسازی
خبرگزاری نمونه - کتابخانه مرکزی شهر پس از دو سال بازسازی امروز درهای خود را به روی مردم گشود.

مدیر کتابخانه گفت بیش از صد هزار جلد کتاب تازه خریداری شده است.

اشتراک گذاری
برچسب‌ها: کتابخانه، فرهنگ
انتهای پیام/
ارسال نظر
نام *
ایمیل *
"""


def test_persian_page_chrome_and_meta() -> None:
    c = clean(PERSIAN_PAGE)
    assert c.title == "بازگشایی کتابخانه مرکزی شهر پس از بازسازی"
    assert c.date == "۰۹:۱۵ - ۲۱ مهر ۱۴۰۲"
    assert c.meta["news_code"] == "123456"
    assert c.meta["date_iso"] == "2023-10-13"
    assert c.meta["agency"] == "خبرگزاری نمونه"
    assert c.paragraphs == [
        "کتابخانه مرکزی شهر پس از دو سال بازسازی امروز درهای خود را به روی مردم گشود.",
        "مدیر کتابخانه گفت بیش از صد هزار جلد کتاب تازه خریداری شده است.",
    ]
    reasons = [r["reason"] for r in c.meta["removed"]]
    assert "repeated title" in reasons and "end marker" in reasons and "news code" in reasons
    removed_text = " ".join(r["text"] for r in c.meta["removed"])
    assert "ارسال نظر" in removed_text and "برچسب‌ها" in removed_text


ARABIC_PAGE = """ارتفاع أسعار القمح في الأسواق المحلية
الثلاثاء 18 يونيو 2024 - 10:30 ص
القاهرة (وكالة الأنباء) - ارتفعت أسعار القمح في الأسواق المحلية للأسبوع الثالث على التوالي.
اقرأ أيضا: الحكومة تعلن خطة لدعم المزارعين
وقال تاجر في سوق الجملة إن الطلب زاد بعد موسم الحصاد الضعيف.
شارك
طباعة
التعليقات
لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *
Facebook Twitter WhatsApp
جميع الحقوق محفوظة © 2024
"""


def test_arabic_page_chrome_and_meta() -> None:
    c = clean(ARABIC_PAGE)
    assert c.title == "ارتفاع أسعار القمح في الأسواق المحلية"
    assert c.date.startswith("الثلاثاء 18 يونيو 2024")
    assert c.meta["date_iso"] == "2024-06-18"
    assert c.meta["dateline"] == "القاهرة (وكالة الأنباء)"
    assert c.meta["agency"] == "القاهرة (وكالة الأنباء)"
    assert c.paragraphs == [
        "ارتفعت أسعار القمح في الأسواق المحلية للأسبوع الثالث على التوالي.",
        "وقال تاجر في سوق الجملة إن الطلب زاد بعد موسم الحصاد الضعيف.",
    ]


def test_classify_general_patterns() -> None:
    chrome = [
        "اظهار أخبار متعلقة",
        "إظهار الأخبار المتعلقة",
        "اقرأ أيضاً: عنوان خبر آخر",
        "دیدگاهتان را بنویسید",
        "ارسال‌دیدگاه",
        "نشانی ایمیل شما منتشر نخواهد شد. بخش‌های موردنیاز علامت‌گذاری شده‌اند *",
        "لینک کوتاه: https://example.com/x",
        "ما را در تلگرام دنبال کنید",
        "تابعونا على تويتر",
        "***",
        "Share this article",
        "بول سميث ساهم في إعداد هذا التقرير من لندن.",
    ]
    for line in chrome:
        assert classify(line) is not None, line
    assert classify("انتهای پیام/")[0] is Kind.END
    body = [
        "عکس‌های منتشر شده نشان می‌دهد که پل آسیب دیده است.",
        "بازدید رئیس‌جمهور از استان",
        "اشترك في الهجوم عدد من المسلحين.",
        "ما را در این مسیر تنها نگذارید.",
        "التعليقات التي أدلى بها الوزير أثارت جدلا واسعا في البرلمان.",
        "وقال الوزير إن الاتفاق سيوقع غدا.",
    ]
    for line in body:
        assert classify(line) is None, line


def test_fold_line() -> None:
    assert fold_line("إظهار الأخبارِ المتعلّقة!") == fold_line("اظهار الاخبار المتعلقة")
    assert fold_line("ارسال\u200cدیدگاه") == "ارسال دیدگاه"


def test_date_lines() -> None:
    assert is_date_line("11:30 - 3 آبان 1401")
    assert is_date_line("نشر في: 5 كانون الثاني 2023")
    assert is_date_line("تاریخ انتشار: ۱۴۰۱/۰۸/۰۳")
    assert is_date_line("منذ 3 ساعات")
    assert is_date_line("۲ ساعت پیش")
    assert not is_date_line("روسیه در ماه سپتامبر ۲۰۲۳ حمله کرد")
    assert not is_date_line("قتل 3 أشخاص منذ يومين")
    assert not is_date_line("قال إن 5 أشخاص قتلوا")
    assert iso_date("3 آبان 1401") == "2022-10-25"
    assert iso_date("5 كانون الثاني 2023") == "2023-01-05"
    assert jalali_to_gregorian(1403, 1, 1) == (2024, 3, 20)
    assert jalali_to_gregorian(1402, 12, 29) == (2024, 3, 19)


def test_split_lines_and_ends_final() -> None:
    assert split_lines("a\r\nb\rc\u2028d\ufeff") == ["a", "b", "c", "d"]
    assert ends_final("پایان شد.»")
    assert ends_final("هل انتهى؟")
    assert not ends_final("عنوان خبر")
    assert not ends_final("گفت:")
