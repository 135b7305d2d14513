"""Publication dates: Jalali, Hijri and Gregorian dates to ISO, and ISO shown in the reader's calendar."""

from __future__ import annotations

from reader.core.dates import display, in_calendar, published_iso


def test_printed_dates_become_iso() -> None:
    assert published_iso("11:28 - 14 شهريور 1402") == "2023-09-05"
    assert published_iso("الثلاثاء 18 يونيو 2024") == "2024-06-18"
    assert published_iso("الأربعاء ١٥ ذو الحجة ١٤٤٥ هـ") == "2024-06-21"
    assert published_iso("1402/06/14") == "2023-09-05"
    assert published_iso("یک روز خوب") is None
    assert published_iso("") is None


def test_pipeline_metadata_wins_and_bad_iso_is_ignored() -> None:
    assert published_iso("14 شهريور 1402", {"published": "2023-09-06T10:00"}) == "2023-09-06T10:00"
    assert published_iso("14 شهريور 1402", {"published": "2023-13-45"}) == "2023-09-05"


def test_shown_in_the_chosen_calendar_with_the_original_beside() -> None:
    assert in_calendar("2023-09-05", "gregorian") == "2023-09-05"
    assert in_calendar("2023-09-05", "jalali") == "۱۴ شهریور ۱۴۰۲"
    assert in_calendar("2024-06-21", "hijri") == "١٥ ذو الحجة ١٤٤٥"
    assert display("2023-09-05", "11:28 - 14 شهريور 1402") == "2023-09-05 · 11:28 - 14 شهريور 1402"
    assert display("2024-06-18", "2024-06-18") == "2024-06-18"
    assert display(None, "دیروز") == "دیروز"
