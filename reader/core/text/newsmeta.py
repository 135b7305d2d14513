"""Metadata lines of news pages: date/time lines, news codes, source lines and the agency dateline prefix.

These are pulled out of the body into ``meta`` so they are neither translated nor counted as sentences.
Dates are kept as printed (Jalali «۱۴ شهریور ۱۴۰۲», Arabic «الثلاثاء 18 يونيو 2024», numeric «2024/06/18»)
and, where the calendar is clear, also given as an ISO date (``date_iso``), converting Jalali dates.
"""

from __future__ import annotations

import re

from reader.core.text.boilerplate import fold_line

_DIGITS = str.maketrans(
    {**{chr(0x06F0 + i): str(i) for i in range(10)}, **{chr(0x0660 + i): str(i) for i in range(10)}}
)

JALALI_MONTHS = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
]
# Gregorian month names as Persian and Arabic writers spell them (several spellings each).
GREGORIAN_MONTHS: dict[str, int] = {}
for _n, _names in enumerate(
    [
        "ژانویه ژانویهٔ يناير ینایر كانون_الثاني",
        "فوریه فبراير شباط",
        "مارس آذار",
        "آوریل أبريل ابريل إبريل نيسان",
        "مه مى مايو أيار",
        "ژوئن يونيو يونيه حزيران",
        "ژوئیه جولای يوليو يوليه تموز",
        "اوت آگوست أغسطس اغسطس آب",
        "سپتامبر سبتمبر أيلول",
        "اکتبر أكتوبر اكتوبر تشرين_الأول",
        "نوامبر نوفمبر تشرين_الثاني",
        "دسامبر ديسمبر كانون_الأول",
    ],
    start=1,
):
    for _name in _names.split():
        GREGORIAN_MONTHS[fold_line(_name.replace("_", " "))] = _n
HIJRI_MONTHS = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الثاني",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "جمادى الثانية",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
]
WEEKDAYS = (
    "شنبه یکشنبه یک شنبه دوشنبه سه شنبه چهارشنبه پنجشنبه پنج شنبه جمعه "
    "السبت الأحد الاحد الاثنين الإثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة"
)
# Words that may stand in a date line besides numbers, months and weekdays.
_DATE_WORDS = (
    "پیش قبل هفته روز دقیقه تاریخ تاریخ انتشار انتشار منتشر شده منتشرشده "
    "به روز رسانی بروزرسانی بروز رسانی آخرین ساعت زمان "
    "ه ش ق م هـ ه.ش ه.ق ق.م ق.ظ ب.ظ صبح عصر ظهر بامداد شب امروز دیروز "
    "نشر في نشر بتاريخ تاريخ النشر آخر تحديث اخر تحديث تحديث الساعة بتوقيت غرينتش جرينتش مكة المكرمة "
    "القدس القاهرة بيروت صباحا مساء ص م هـ منذ ساعة ساعات دقيقة دقائق يوم أيام ايام "
    "gmt utc am pm"
)
_VOCAB = frozenset(
    part
    for w in (
        " ".join(JALALI_MONTHS) + " " + " ".join(HIJRI_MONTHS) + " " + WEEKDAYS + " " + _DATE_WORDS
    ).split()
    for part in fold_line(w).split()
) | frozenset(w for k in GREGORIAN_MONTHS for w in k.split())
_MONTH_KEYS = (
    frozenset(fold_line(m) for m in JALALI_MONTHS)
    | frozenset(GREGORIAN_MONTHS)
    | frozenset(fold_line(m).split()[0] for m in HIJRI_MONTHS)
)
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\b")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(:\d{2})?\b")
_NUMBER = re.compile(r"^\d+$")
# «منذ 3 ساعات», «۲ ساعت پیش», «10 دقیقه قبل»
_RELATIVE = re.compile(
    r"^(منذ \d+ (ساعه|ساعات|دقیقه|دقایق|یوم|ایام|اسبوع|اسابیع))$"
    r"|^(\d+ (ساعت|دقیقه|روز|هفته) (پیش|قبل))$"
)

_CODE = re.compile(
    r"(?P<label>کد\s*خبر|کد\s*مطلب|شناسه\s*خبر|شناسه\s*مطلب|شماره\s*خبر|رقم\s*الخبر|رقم\s*المقال|"
    r"news\s*id|news\s*code)\s*[:：]?\s*(?P<code>[0-9۰-۹٠-٩]+)",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^(منبع|المصدر|مصدر)\s*[:：]\s*(?P<name>\S+(?: \S+){0,5})$")
_AUTHOR_LINE = re.compile(
    r"^(نویسنده|خبرنگار|گزارشگر|بقلم|كتب|كاتب|الكاتب|تحرير|إعداد|اعداد)\s*[:：]\s*(?P<name>\S+(?: \S+){0,5})$"
)

# Dateline prefix of the first paragraph: «خبرگزاری میزان - », «موسكو (رويترز) - ».
_DATELINE = re.compile(r"^(?P<prefix>[^\s\-–—:.،«»\"()][^\-–—:.،«»\"]{0,40}?(\([^()]{1,25}\))?)\s+[-–—]\s+")
_DATELINE_PAREN = re.compile(r"^[-–—]{0,2}\s*(?P<prefix>\([^()]{1,25}\))\s*[-–—:]*\s*")
# «المدينة نيوز :- », «عمان 5 آب (بترا) -- »: a colon-dash or a double dash marks a byline whatever it names
_BYLINE = re.compile(
    r"^(?P<prefix>[^\s\-–—:.،«»\"()][^\-–—:.،«»\"]{0,40}?(\([^()]{1,25}\))?)\s*(?::\s*[-–—]+|[-–—]{2,})\s*"
)
_BYLINE_ONLY = re.compile(
    r"^(?:[-–—]{1,2}\s*)?(?P<prefix>\(?[^\-–—:.،«»\"()]{2,40}\)?)\s*(?::\s*[-–—]*|[-–—]{1,2})$"
    r"|^[-–—]{1,2}\s*(?P<paren>\([^()]{1,25}\))\s*[-–—]*$"
)
_AGENCY_WORDS = re.compile(
    r"خبرگزاری|پایگاه|خبر ?آنلاین|ایرنا|ایسنا|ایلنا|تسنیم|فارس|مهر|میزان|مشرق|تابناک|باشگاه خبرنگاران|"
    r"همشهری|یورونیوز|انتخاب|دیده‌بان|اقتصادنیوز|وكالة|وکالة|رويترز|رویترز|فرانس|الأناضول|الاناضول|"
    r"أ ف ب|ا ف ب|"
    r"د ب أ|واس|سانا|وام|قنا|كونا|بترا|الأهرام|الاهرام|بوابة|الجزيرة|العربية|سبوتنيك|الشرق|اليوم السابع|"
    r"المصري اليوم|عربي21|عربي ?21|الحياة|نيوز|نیوز|News|RT|AFP|Reuters|AP"
)
_AGENCY_REPORT = re.compile(
    r"^به گزارش (?P<name>(خبرگزاری|پایگاه خبری|سایت|روزنامه|شبکه)?\s*[^،,]{2,30}?)\s*[،,]"
)


def digits_to_ascii(text: str) -> str:
    return text.translate(_DIGITS)


def find_news_code(line: str) -> tuple[str, str] | None:
    """``(code, rest_of_line)`` when the line carries a news code («کد خبر: ۴۷۳۲۹۸۰»)."""
    m = _CODE.search(line)
    if not m:
        return None
    rest = (line[: m.start()] + " " + line[m.end() :]).strip(" \t|-–—:،,")
    return digits_to_ascii(m.group("code")), rest


def is_date_line(line: str) -> bool:
    """A line made only of a date, a time, weekday/month names and labels such as «تاریخ انتشار»."""
    ascii_line = digits_to_ascii(line)
    key = fold_line(ascii_line)
    words = key.split()
    if not words or len(words) > 14:
        return False
    has_number = any(_NUMBER.match(w) for w in words)
    if not has_number:
        return False
    dated = (
        bool(_NUMERIC_DATE.search(ascii_line) or _TIME.search(ascii_line))
        or any(w in _MONTH_KEYS for w in words)
        or any(f"{a} {b}" in _MONTH_KEYS for a, b in zip(words, words[1:], strict=False))
        or bool(_RELATIVE.search(key))
    )
    if not dated:
        return False
    return all(_NUMBER.match(w) or w in _VOCAB for w in words)


def source_line(line: str) -> tuple[str, str] | None:
    """``(field, value)`` for short «منبع: …» / «المصدر: …» / author lines."""
    m = _SOURCE_LINE.match(line)
    if m:
        return "source_name", m.group("name").strip()
    m = _AUTHOR_LINE.match(line)
    if m:
        return "author", m.group("name").strip()
    return None


def split_dateline(paragraph: str) -> tuple[str, str] | None:
    """``(prefix, rest)`` when a paragraph opens with an agency/place dateline followed by a dash."""
    m = _BYLINE.match(paragraph) or _DATELINE.match(paragraph) or _DATELINE_PAREN.match(paragraph)
    if not m:
        return None
    prefix = m.group("prefix").strip()
    if len(prefix.split()) > 5 or not prefix:
        return None
    rest = paragraph[m.end() :]
    if len(rest.split()) < 3:
        return None
    return prefix, rest


def byline_only(paragraph: str) -> str | None:
    """The agency or site of a paragraph that is only a byline («المدينة نيوز :-», «--(بترا)»), else None."""
    m = _BYLINE_ONLY.match(paragraph.strip())
    if not m:
        return None
    prefix = (m.group("prefix") or m.group("paren") or "").strip()
    if not prefix or len(prefix.split()) > 4:
        return None
    marked = paragraph.rstrip().endswith(("-", "–", "—")) or paragraph.lstrip().startswith(("-", "–", "—"))
    return prefix if marked or is_agency(prefix) else None


def is_agency(prefix: str) -> bool:
    return bool(_AGENCY_WORDS.search(prefix))


def reported_agency(paragraph: str) -> str | None:
    """The outlet named in a leading «به گزارش خبرگزاری X،» (the sentence itself stays in the body)."""
    m = _AGENCY_REPORT.match(paragraph)
    return m.group("name").strip() if m else None


def jalali_to_gregorian(jy: int, jm: int, jd: int) -> tuple[int, int, int]:
    """Convert a Jalali (Solar Hijri) date to Gregorian (the standard arithmetic algorithm)."""
    jy += 1595
    days = -355668 + (365 * jy) + ((jy // 33) * 8) + (((jy % 33) + 3) // 4) + jd
    days += (jm - 1) * 31 if jm < 7 else ((jm - 7) * 30) + 186
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    leap = (gy % 4 == 0 and gy % 100 != 0) or (gy % 400 == 0)
    month_days = [0, 31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    gm = 0
    for gm in range(1, 13):
        if gd <= month_days[gm]:
            break
        gd -= month_days[gm]
    return gy, gm, gd


def iso_date(line: str) -> str | None:
    """ISO date (YYYY-MM-DD) of a date line, when its calendar can be told; Jalali dates are converted."""
    key = fold_line(digits_to_ascii(line))
    words = key.split()
    jalali = {fold_line(m): i + 1 for i, m in enumerate(JALALI_MONTHS)}
    for i, w in enumerate(words):
        month = jalali.get(w)
        calendar = "jalali"
        if month is None:
            month = GREGORIAN_MONTHS.get(w)
            calendar = "gregorian"
            if month is None and i + 1 < len(words):
                month = GREGORIAN_MONTHS.get(w + " " + words[i + 1])
        if month is None:
            continue
        day = int(words[i - 1]) if i > 0 and words[i - 1].isdigit() and int(words[i - 1]) <= 31 else None
        year = next((int(x) for x in words[i + 1 : i + 4] if x.isdigit() and len(x) == 4), None)
        if day is None or year is None:
            continue
        if calendar == "jalali" or year < 1500:
            if year > 1500:  # a Jalali month with a Gregorian year: leave it alone
                return None
            gy, gm, gd = jalali_to_gregorian(year, month, day)
            return f"{gy:04d}-{gm:02d}-{gd:02d}"
        return f"{year:04d}-{month:02d}-{day:02d}"
    m = re.search(r"\b(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})\b", digits_to_ascii(line))
    if m:
        y, mo, d = (int(g) for g in m.groups())
        if y < 1500 and 1 <= mo <= 12 and 1 <= d <= 31:
            gy, gm, gd = jalali_to_gregorian(y, mo, d)
            return f"{gy:04d}-{gm:02d}-{gd:02d}"
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    m = re.search(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b", digits_to_ascii(line))
    if m:
        d, mo, y = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31 and y > 1500:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None
