"""Recognising the chrome that scraped Persian and Arabic news pages carry around the article.

A line is compared after :func:`fold_line` (letter variants unified, diacritics, ZWNJ and punctuation
dropped), so one pattern covers the spellings sites use: «اظهار أخبار متعلقة» and «إظهار الأخبار المتعلقة»,
«ارسال دیدگاه» with or without ZWNJ. Patterns are general site furniture — comment forms, share/print/save
buttons, related news, tags, copyright, follow-us lines, end-of-story markers — not the lines of any one
article.

Also: lines made only of #hashtags, and comment-policy paragraphs (they speak of comments and of what is
or is not published: «نظرات حاوی توهین منتشر نمی‌شود», «التعليقات لا تعبر عن رأي الموقع»).

Three kinds:
- ``EXACT``: the whole folded line is the phrase (short button labels such as «چاپ», «طباعة»);
- ``PREFIX``: the folded line starts with the phrase and is short (a form line with its field hint);
- ``END``: an end-of-article marker («انتهای پیام»): it and everything after it is chrome.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

_FOLD_TABLE = str.maketrans(
    {
        "\u064a": "ی",
        "\u0649": "ی",
        "\u0643": "ک",
        "\u0629": "ه",
        "\u06c0": "ه",
        "\u0623": "ا",
        "\u0625": "ا",
        "\u0622": "ا",
        "\u0671": "ا",
        "\u0624": "و",
        "\u0626": "ی",
        "\u200c": " ",
        "\u200d": "",
        "\u200e": "",
        "\u200f": "",
        "\u00a0": " ",
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(0x0660 + i): str(i) for i in range(10)},
    }
)
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
_NON_WORD = re.compile(r"[^\w*\s]+")
_SPACES = re.compile(r"\s+")


def fold_line(line: str) -> str:
    """Comparison key of a line: unified letters, no diacritics/ZWNJ/punctuation, single spaces."""
    s = unicodedata.normalize("NFKC", line)
    s = _DIACRITICS.sub("", s).translate(_FOLD_TABLE).lower()
    s = _NON_WORD.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


class Kind(Enum):
    EXACT = "exact"
    PREFIX = "prefix"
    END = "end"


_FA_EXACT = """
ارسال دیدگاه | ارسال نظر | ارسال نظرات | ارسال | دیدگاه | دیدگاه ها | نظرات | نظر شما | نظرات کاربران
| نظر | پاسخ | لغو پاسخ | پاسخ دهید | نام | ایمیل | نام * | ایمیل * | وب سایت | وبسایت | دیدگاه * | متن نظر
| کد امنیتی | چاپ
| چاپ خبر | نسخه چاپی | پرینت | ذخیره | اشتراک گذاری | اشتراک | همرسانی | کپی لینک | کپی شد | لینک کپی شد
| ارسال به دوستان | گزارش خطا | بازگشت | صفحه اصلی | صفحه نخست | اخبار مرتبط | خبرهای مرتبط | مطالب مرتبط
| مطالب پیشنهادی | پیشنهاد سردبیر | پیشنهاد ما | پربازدیدترین | پربازدید ترین | پربحث ترین | پربحث ترین ها
| آخرین اخبار | اخبار روز | ادامه مطلب | بیشتر بخوانید | بخوانید | تبلیغات | آگهی | لایک | امتیاز دهید
| نظر خود را بنویسید | دیدگاهتان را بنویسید | دیدگاه خود را بنویسید | شما هم نظر دهید | منتشر شده | منتشر نشده
| در انتظار بررسی | تعداد نظرات | برچسب ها | کلید واژه ها | کلیدواژه ها | تگ ها | گالری | ویدیو | عکس | فیلم
| اخبار مرتبط با این موضوع | به اشتراک بگذارید | بستن | جستجو | منو | ورود | ثبت نام | عضویت
"""
_FA_SECTIONS = """
سیاسی | اقتصادی | اجتماعی | فرهنگی | ورزشی | بین الملل | بین‌الملل | بین الملل | علمی | فناوری | جامعه | استانها
| استان ها | حوادث | چندرسانه ای | سلامت | فرهنگ و هنر | علم و فناوری | اقتصاد | سیاست | ورزش | جهان | ایران
| دانشگاه | انتخابات | مجلس | دولت | بورس | خودرو | مسکن | صفحه اول | آرشیو | تماس با ما | درباره ما
"""
_AR_SECTIONS = """
سياسة | اقتصاد | رياضة | منوعات | محليات | عربي ودولي | عربي و دولي | فن | ثقافة | تكنولوجيا | صحة | حوادث
| مقالات | الرأي | أخبار | اخبار | العالم | سياسه | رياضه | ثقافه | صحه | مال واعمال | مال وأعمال | علوم وتكنولوجيا
| اتصل بنا | من نحن | الأرشيف
"""
# Headers of a block of links to other stories: the headline-like lines right after them go too.
_RELATED = """
اخبار مرتبط | خبرهای مرتبط | مطالب مرتبط | اخبار مرتبط با این موضوع | مطالب پیشنهادی | پیشنهاد سردبیر | پیشنهاد ما
| پربازدیدترین | پربازدید ترین | پربحث ترین | آخرین اخبار | اخبار پیشنهادی | بیشتر بخوانید | اخبار روز
| اخبار ذات صلة | الأخبار المتعلقة | أخبار متعلقة | مواضيع ذات صلة | مقالات ذات صلة | موضوعات ذات صلة | اقرأ أيضا
| اقرأ أيضاً | الأكثر قراءة | الأكثر مشاهدة | آخر الأخبار | قد يعجبك أيضا | قد يهمك أيضا | ترشيحاتنا | المزيد من الأخبار
"""
_FA_PREFIX = """
تعداد نظرات | اندازه متن | اندازه فونت | اندازه قلم |
نشانی ایمیل شما منتشر نخواهد شد | آدرس ایمیل شما منتشر نخواهد شد | ایمیل شما منتشر نخواهد شد
| بخش های موردنیاز علامت گذاری شده اند | بخش های مورد نیاز علامت گذاری شده اند | فیلدهای ستاره دار
| بیشتر بخوانید | برچسب ها | کلید واژه ها | کلیدواژه ها | تگ ها | اشتراک گذاری | اشتراک در | لینک کوتاه
| کپی لینک | عضویت در کانال | عضو کانال | ما را دنبال کنید | تعداد بازدید
| زمان مطالعه | مدت زمان مطالعه | زمان تقریبی مطالعه | کلیه حقوق | تمامی حقوق | حقوق مادی و معنوی
| استفاده از مطالب | نقل مطالب | عکس از | تصویر از | خبرهای مرتبط | اخبار مرتبط | مطالب مرتبط
| ارسال نظر | ارسال دیدگاه | لغو پاسخ | اخبار پیشنهادی | پیشنهاد سردبیر | دانلود اپلیکیشن | نصب اپلیکیشن
| لینک خبر | لینک مطلب | لینک کوتاه خبر | نشانی خبر | آدرس خبر | آدرس کوتاه | لینک کوتاه مطلب | کد مطلب
| شناسه خبر | لینک دائمی | عضو شوید | عضویت در کانال | به کانال ما بپیوندید | به ما بپیوندید | کانال تلگرام
| آیدی کانال | ادرس کانال
"""
_FA_END = "انتهای پیام | انتهای خبر | پایان پیام | پایان خبر"

_AR_EXACT = """
اظهار اخبار متعلقه | اظهار الاخبار المتعلقه | اخبار متعلقه | الاخبار المتعلقه | اخبار ذات صله | مواضيع ذات صله
| مواضيع متعلقه | مقالات ذات صله | اقرا ايضا | اقرا ايضاً | اقرا المزيد | اقرا | طالع ايضا | شاهد ايضا | شارك
| شارك الخبر | مشاركه | شارك المقال | شارك هذا المقال | طباعه | اطبع | اطبع الخبر | ارسل لصديق
| ارسال لصديق | حفظ
| التعليقات | تعليقات | تعليق | اضف تعليق | اضف تعليقك | اترك تعليقا | اترك ردا | رد | الغاء الرد | الاسم
| الاسم * | البريد الالکترونی | البريد الالکترونی * | الموقع الالکترونی | اعلان | اعلانات | الاکثر قراءه
| الاکثر مشاهده | الاکثر تداولا | اخر الاخبار | اخبار ذات صله | عاجل | نسخ الرابط | تم نسخ الرابط | رابط مختصر
| الرئيسيه | الصفحه الرئيسيه | فيديو | صور | ذات صله | المزيد | قد يعجبک ايضا | قد يهمک ايضا | موضوعات ذات صله
| ترشيحاتنا | اقرا الخبر من المصدر | تابعونا | تابعنا | الكلمات المفتاحيه | کلمات داله | الوسوم | وسوم
"""
_AR_PREFIX = """
حجم الخط | تکبير الخط | تصغير الخط | عدد التعليقات | مشارکه عبر |
اقرا ايضا | اقرا المزيد | اقرا کذلک | طالع ايضا | شاهد ايضا | شاهد ايضاً | لن يتم نشر عنوان بريدک الالکترونی
| الحقول الالزاميه مشار اليها | الحقول المطلوبه | تابعونا على | تابعنا على | اشترک فی النشره | اشترک فی قناتنا
| اشترک الان | اشترک فی خدمه
| جميع الحقوق محفوظه | حقوق النشر | حقوق الطبع | الکلمات المفتاحيه | کلمات داله | کلمات مفتاحيه
| الوسوم | وسوم
| رابط مختصر | عدد المشاهدات | عدد القراءات | اضغط هنا | انقر هنا | للمزيد من الاخبار | تابع اخر الاخبار
| اضف تعليق | اترک تعليقا | اترک ردا | شارک على | شارک عبر | حمل تطبيق | نزل تطبيق | مواضيع ذات صله
| اخبار ذات صله | تحميل تطبيق | زمن القراءه | وقت القراءه | دقيقه للقراءه | دقائق للقراءه
| رابط الخبر | رابط المقال | الرابط المختصر | رابط دائم | انضم الى قناتنا | انضموا الى قناتنا | للاشتراک فی قناتنا
"""
_AR_END = "انتهى | انتهى الخبر | النهايه"

_SOCIAL = frozenset(
    (
        "فيسبوک فيس بوک فیسبوک فیس بوک تويتر توییتر تویتر واتساب واتس اب واتساپ "
        "تيليجرام تليجرام تلغرام تلگرام "
        "انستغرام انستجرام اینستاگرام يوتيوب یوتیوب لينکدان لینکدین ایتا بله روبیکا سروش آی گپ گوگل پلاس "
        "ايميل ایمیل بريد الکترونی پیامک sms facebook twitter whatsapp telegram instagram youtube linkedin "
        "email print share x pinterest reddit tumblr messenger viber"
    ).split()
)


def _phrases(block: str) -> list[str]:
    return [fold_line(p) for p in block.replace("\n", " ").split("|") if p.strip()]


_EXACT = frozenset(
    _phrases(_FA_EXACT) + _phrases(_AR_EXACT) + _phrases(_FA_SECTIONS) + _phrases(_AR_SECTIONS)
)
_RELATED_HEADERS = frozenset(_phrases(_RELATED))


def is_related_header(line: str) -> bool:
    """«اخبار مرتبط», «أخبار ذات صلة»...: a header over links to other stories."""
    return fold_line(line).rstrip(" :") in _RELATED_HEADERS
_PREFIXES = tuple(sorted(set(_phrases(_FA_PREFIX) + _phrases(_AR_PREFIX)), key=len, reverse=True))
_END = frozenset(_phrases(_FA_END) + _phrases(_AR_END))
_PREFIX_MAX_WORDS = 16
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_SYMBOLS_ONLY = re.compile(r"^[\W_]*$")
_CREDIT = re.compile(
    r"(ساهم|ساهمت|ساهموا|شارک|شارکت|شارکوا) فی (اعداد|کتابه|تغطیه|تحریر) "
    r"(هذا )?(التقریر|التقاریر|الخبر|المقال)"
    r"|در (تهیه|تنظیم) این (گزارش|خبر) (مشارکت|همکاری) (داشت|داشتند|داشته اند|کرد|کردند)"
)
# Comment-policy paragraphs: they speak of comments/opinions AND of what is (not) published or allowed.
_COMMENT_WORDS = re.compile(
    r"(?<!\S)(نظر|نظرات|نظرها|دیدگاه|دیدگاه ها|کامنت|کامنت ها|التعلیقات|تعلیقات|تعلیق|التعلیق|الاراء|اراء)(?!\S)"
)
_POLICY_WORDS = re.compile(
    r"منتشر نمی شود|منتشر نمیشود|منتشر نخواهد شد|پس از تایید|فینگلیش|خودداری کنید|خودداری فرمایید"
    r"|حاوی توهین|توهین امیز|مدیران سایت|مدیر سایت|قوانین سایت|غیر از فارسی|به زبان فارسی"
    r"|لا تعبر عن|تعبر عن رای|تعبر عن اصحابها|لا یتحمل الموقع|یحتفظ الموقع|تخضع للمراجعه|المسیئه|اداب الحوار"
    r"|لا تمثل رای|لا تمثل وجهه نظر|سیاسه التعلیقات|شروط التعلیق|عدم الاساءه"
)
_REPORTED = re.compile(r"(?<!\S)(گفت|افزود|اظهار کرد|تصریح کرد|قال|اضاف|اکد|اوضح|صرح|وزیر|الوزیر)(?!\S)")
_HASHTAG_LINE = re.compile(r"^(?:[\s|،,·•/\-–—]*#[^\s#]+)+[\s|،,·•/\-–—.]*$")
_FOLLOW_US = re.compile(r"^(ما را|ما رو) (در|از طریق) .{0,60}(دنبال کنید|دنبال نمایید)$|^(تابعونا|تابعنا) ")


def classify(line: str) -> tuple[Kind, str] | None:
    """``(kind, reason)`` when *line* is site chrome, else None. *line* is one stripped line."""
    if not line:
        return None
    if _SYMBOLS_ONLY.match(line) and not any(c.isdigit() for c in line):
        return Kind.EXACT, "symbols"
    key = fold_line(line)
    if not key:
        return None
    if key in _END or any(key.startswith(e + " ") and len(key.split()) <= 6 for e in _END):
        return Kind.END, key
    if key in _EXACT or key.rstrip(" *") in _EXACT:
        return Kind.EXACT, key
    unnumbered = " ".join(w for w in key.split() if not w.isdigit())
    if unnumbered != key and len(key.split()) <= 4 and unnumbered in _EXACT:
        return Kind.EXACT, unnumbered  # «تعليقات (0)», «نظرات ۳»
    words = key.split()
    if len(words) <= _PREFIX_MAX_WORDS:
        for p in _PREFIXES:
            if key == p or key.startswith(p + " "):
                return Kind.PREFIX, p
    if len(words) <= 40 and _CREDIT.search(key.replace("ي", "ی")):
        return Kind.EXACT, "reporting credit"
    if _FOLLOW_US.search(key):
        return Kind.EXACT, "follow us"
    if _HASHTAG_LINE.match(line.strip()):
        return Kind.EXACT, "hashtags"
    if len(words) <= 60:
        k2 = key.replace("ي", "ی").replace("ك", "ک")
        if _COMMENT_WORDS.search(k2) and _POLICY_WORDS.search(k2) and not _REPORTED.search(k2):
            return Kind.EXACT, "comment policy"
    if all(w in _SOCIAL or w == "*" for w in words):
        return Kind.EXACT, "share buttons"
    if not _ARABIC_SCRIPT.search(line) and len(words) <= 8:
        return Kind.EXACT, "non-Arabic-script line"
    return None
