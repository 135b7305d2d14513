"""Publication dates: one ISO date per article, shown in the reader's calendar.

News in Persian prints Jalali (Solar Hijri) dates, Arabic news Gregorian or Hijri (Umm al-Qura) ones. The
store keeps the date as printed and an ISO Gregorian date (``Article.published``) to sort and filter by; the
library shows it in the calendar the reader chose. Conversions use maintained calendar libraries: ``jdatetime``
(Jalali) and ``hijridate`` (Hijri, Umm al-Qura).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

CALENDARS = ("gregorian", "jalali", "hijri")
_DIGITS = str.maketrans({**{chr(0x06F0 + i): str(i) for i in range(10)}, **{chr(0x0660 + i): str(i) for i in range(10)}})
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الاول": 3, "ربيع الثاني": 4, "ربيع الآخر": 4, "ربيع الاخر": 4,
    "جمادى الأولى": 5, "جمادى الاولى": 5, "جمادى الآخرة": 6, "جمادى الاخرة": 6, "جمادى الثانية": 6,
    "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعدة": 11, "ذي القعدة": 11, "ذو الحجة": 12,
    "ذي الحجة": 12,
}
_HIJRI = re.compile(r"(\d{1,2})\s+(" + "|".join(sorted(_HIJRI_MONTHS, key=len, reverse=True)) + r")\s+(\d{4})")
JALALI_MONTH_NAMES = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
                      "بهمن", "اسفند")
HIJRI_MONTH_NAMES = ("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان",
                     "رمضان", "شوال", "ذو القعدة", "ذو الحجة")


def hijri_to_iso(year: int, month: int, day: int) -> str | None:
    try:
        from hijridate import Hijri

        return Hijri(year, month, day).to_gregorian().isoformat()
    except (ImportError, ValueError, OverflowError):
        return None


def parse_hijri(text: str) -> str | None:
    """ISO date of a Hijri date such as «15 ذو الحجة 1445 هـ»."""
    m = _HIJRI.search(text.translate(_DIGITS))
    if not m:
        return None
    return hijri_to_iso(int(m.group(3)), _HIJRI_MONTHS[m.group(2)], int(m.group(1)))


def valid_iso(value: object) -> str | None:
    """*value* as ``YYYY-MM-DD[THH:MM…]`` when it is a real ISO date, else None."""
    if not isinstance(value, str) or len(value) < 10 or value[4] != "-" or value[7] != "-":
        return None
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return value if _ISO.match(value) else None


def published_iso(date: str, meta: dict | None = None) -> str | None:
    """The article's publication date as ISO: from the pipeline's metadata when it found one, else parsed
    from the printed date (Jalali, Gregorian with Persian/Arabic month names, numeric, or Hijri)."""
    meta = meta or {}
    for key in ("published", "date_iso"):
        if (found := valid_iso(meta.get(key))) is not None:
            return found
    date = (date or "").strip()
    if not date:
        return None
    from reader.core.text.newsmeta import iso_date

    hijri = parse_hijri(date) if re.search("|".join(_HIJRI_MONTHS), date) else None
    return hijri or valid_iso(iso_date(date))


def to_persian_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def to_arabic_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def in_calendar(iso: str | None, calendar: str = "gregorian") -> str:
    """An ISO date written in *calendar*: «2024-06-18», «۲۸ خرداد ۱۴۰۳», «١٢ ذو الحجة ١٤٤٥»."""
    if not iso or (iso := valid_iso(iso)) is None:
        return ""
    day = dt.date.fromisoformat(iso[:10])
    if calendar == "jalali":
        import jdatetime

        j = jdatetime.date.fromgregorian(date=day)
        return to_persian_digits(f"{j.day} {JALALI_MONTH_NAMES[j.month - 1]} {j.year}")
    if calendar == "hijri":
        try:
            from hijridate import Gregorian

            h = Gregorian(day.year, day.month, day.day).to_hijri()
        except (ImportError, ValueError, OverflowError):
            return day.isoformat()
        return to_arabic_digits(f"{h.day} {HIJRI_MONTH_NAMES[h.month - 1]} {h.year}")
    return day.isoformat()


@lru_cache(maxsize=4096)  # a library repeats its dates: the list shows thousands of rows at once
def display(iso: str | None, printed: str = "", calendar: str = "gregorian") -> str:
    """What the library shows: the date in the reader's calendar, with the printed original beside it when it
    was written in another calendar («2023-09-05 · ۱۴ شهریور ۱۴۰۲»)."""
    printed = " ".join(printed.split()) if printed else ""
    iso = valid_iso(iso)
    if iso is None:
        return printed
    shown = iso[:10] if calendar == "gregorian" else in_calendar(iso, calendar)
    if printed and iso[:10] not in printed.translate(_DIGITS):
        return f"{shown} · {printed}"
    return shown
