"""Normalisation of Persian (hazm + our rules) and Arabic (camel-tools + our rules), line by line."""

from __future__ import annotations

import pytest

from reader.core.text.normalize import (
    align_line,
    normalize_line,
    normalize_line_ar,
    normalize_line_fa,
    normalize_paragraphs,
    normalize_text,
)
from reader.core.text.offsets import OffsetMap

Z = "\u200c"


def test_persian_basics() -> None:
    out = normalize_line_fa('وزير گفت: "قيمت 5 درصد بالا رفت"')
    assert out == "وزیر گفت: «قیمت 5 درصد بالا رفت»"  # numbers pass through as written


def test_persian_keeps_tanvin_after_alef_but_drops_harakat() -> None:
    assert normalize_line_fa("قبلاً كِتابِ او را خواندم") == "قبلاً کتاب او را خواندم"


def test_persian_passive_verb_not_glued() -> None:
    assert normalize_line_fa("نامه ارسال شده است.") == "نامه ارسال شده است."
    assert normalize_line_fa("خانه ساخته شده اند.") == f"خانه ساخته شده{Z}اند."


def test_persian_zwnj_and_mi() -> None:
    out = normalize_line_fa("آنها میگویند کتابهای تازهتر رسیدهاند")
    assert out == f"آن{Z}ها می{Z}گویند کتاب{Z}های تازه{Z}تر رسیده{Z}اند"


def test_arabic_keeps_hamza_and_teh_marbuta() -> None:
    text = "إن الأمم المتحدة مسؤولة عن المساعدة في مدينة غزة، وقال: لا مؤاخذة."
    assert normalize_line_ar(text) == text


def test_arabic_removes_diacritics_and_tatweel() -> None:
    assert normalize_line_ar("العَرَبِيّــــة حليفًا") == "العربية حليفا"


def test_arabic_presentation_forms_unified() -> None:
    # ﻻ (lam-alef ligature) and isolated/final forms of letters
    assert normalize_line_ar("ﻻ ﺷﻲء") == "لا شيء"


def test_arabic_persian_keyboard_letters() -> None:
    assert normalize_line_ar("کتاب في المکتبة الیوم") == "كتاب في المكتبة اليوم"


def test_arabic_keeps_detached_prefix_tatweel() -> None:
    assert normalize_line_ar("زيارة لـ بيروت عام 1445 هـ") == "زيارة لـ بيروت عام 1445 هـ"


def test_invisible_marks_and_spaces() -> None:
    assert normalize_line_ar("\u200fقال\u200e   الوزير\u00a0اليوم\ufeff") == "قال الوزير اليوم"


def test_line_structure_kept() -> None:
    text = "سطر اول میرود\n\nسطر سوم\n   \nآخر"
    out = normalize_text(text, "fa")
    assert out.split("\n") == [f"سطر اول می{Z}رود", "", "سطر سوم", "", "آخر"]


def test_normalize_line_rejects_newlines() -> None:
    with pytest.raises(ValueError):
        normalize_line("a\nb", "ar")


def test_paragraphs_offset_map() -> None:
    paras = ["سيبهای سرخ رسیدهاند.", "ـــ", 'او میگوید: "خوب است".']
    kept, out, runs = normalize_paragraphs(paras, "fa")
    assert kept == [paras[0], paras[2]]  # the tatweel-only paragraph normalises to nothing
    original, text = "\n\n".join(kept), "\n\n".join(out)
    m = OffsetMap(runs)
    assert (m.norm_length, m.orig_length) == (len(text), len(original))
    start = text.index("میگوید".replace("می", "می" + Z))
    s, e = m.span_to_original(start, start + len("می" + Z + "گوید"))
    assert original[s:e] == "میگوید"


def test_persian_urls_dates_and_percentages_survive_hazm() -> None:
    out = normalize_line_fa(
        "روز ۱۴۰۲/۰۶/۱۴ ساعت 11:30 نرخ 2.3% شد؛ متن در https://example.com/news/12 و info@example.ir است."
    )
    assert "۱۴۰۲/۰۶/۱۴" in out
    assert "11:30" in out
    assert "2.3%" in out
    assert "https://example.com/news/12" in out
    assert "info@example.ir" in out
    assert normalize_line_fa("همه‌گیری کووید-19 و جنگنده اف-۳۵") == "همه‌گیری کووید-19 و جنگنده اف-۳۵"
    assert normalize_line_fa("سخنگوی ج.ا.ا. در سال ۱۳۵۷ ه.ش. گفت") == "سخنگوی ج.ا.ا. در سال ۱۳۵۷ ه.ش. گفت"


def test_align_line_identity() -> None:
    assert align_line("abc", "abc") == [[3, 3]]


@pytest.mark.parametrize(
    "token",
    [
        "۱٬۲۹۹",
        "1,700",
        "Galaxy S24",
        "iOS 17.0.1",
        "۰۲۱-۸۸۰۰۱۲۳۴",
        "+98 21 88001234",
        "2.3%",
        "۳٫۵",
        "https://www.example.ir/news/1402/بازار",
        "press@example.com",
        "@tarjoman_news",
        "#سرمایهگذاری",
        "#بورس_تهران",
        "F-35",
        "COVID-19",
        "5G",
        "1402/06/14",
        "۱۱:۳۰",
    ],
)
def test_persian_numbers_latin_urls_handles_pass_through_untouched(token: str) -> None:
    out = normalize_line_fa(f"به گزارش خبرنگار ما {token} اعلام شد")
    assert token in out


def test_persian_verb_phrases_are_not_glued_into_compounds() -> None:
    assert normalize_line_fa("از او نام برده شد") == "از او نام برده شد"
    assert normalize_line_fa("ایالات متحده آمریکا") == "ایالات متحده آمریکا"
    assert normalize_line_fa("این روش مورد استفاده قرار گرفت") == "این روش مورد استفاده قرار گرفت"


def test_persian_compounds_and_suffixes_still_join_where_the_lexicon_says_so() -> None:
    assert normalize_line_fa("زمین لرزه ای رخ داد") == f"زمین{Z}لرزه{Z}ای رخ داد"
    assert normalize_line_fa("کتاب ها را آورد") == f"کتاب{Z}ها را آورد"


def test_persian_arabic_yeh_and_kaf_become_persian() -> None:
    assert normalize_line_fa("براي سرمايه گذاري مي كنند").startswith("برای سرمایه")
    assert "ي" not in normalize_line_fa("مي كند براي") and "ك" not in normalize_line_fa("مي كند براي")
