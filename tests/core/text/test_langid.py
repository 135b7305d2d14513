"""Language identification: Persian, Arabic, and clear refusals for everything else."""

from __future__ import annotations

import pytest

from reader.core.text.langid import LanguageError, check_language, detect, evidence, has_arabic_script

FA = [
    "امروز هوا سرد است و بچه‌ها در خانه مانده‌اند.",
    "وزیر خارجه گفت که این گفت‌وگوها را ادامه می‌دهیم.",
    "کتاب را روی میز گذاشتم",
    "گزارش‌ها نشان می‌دهد قیمت نان در پایتخت بالا رفته است",
]
AR = [
    "قال الوزير إن المحادثات في القاهرة كانت مثمرة.",
    "أعلنت الحكومة عن خطة جديدة للتعليم في المدارس الحكومية.",
    "ذهب الطالب إلى المكتبة التي افتتحت أمس",
    "وأكدت المصادر أن الاجتماع على مستوى الوزراء",
]


@pytest.mark.parametrize("text", FA)
def test_persian(text: str) -> None:
    assert detect(text) == "fa"


@pytest.mark.parametrize("text", AR)
def test_arabic(text: str) -> None:
    assert detect(text) == "ar"


def test_persian_text_with_arabic_letter_variants_stays_persian() -> None:
    # Persian typed on an Arabic keyboard (ي ك): the word evidence decides
    assert detect("اين كتاب را به خانه بردم و او هم گفت كه مي‌آيد.") == "fa"


def test_latin_only_is_refused() -> None:
    with pytest.raises(LanguageError, match="no Persian or Arabic text found"):
        detect("This is an English news story about the economy.")


def test_empty_is_refused() -> None:
    with pytest.raises(LanguageError):
        detect("   \n 12345 ")


def test_mostly_latin_is_refused() -> None:
    with pytest.raises(LanguageError, match="too little"):
        detect("The minister said in Cairo today that talks were fruitful. " * 3 + "قال")


def test_urdu_is_refused() -> None:
    with pytest.raises(LanguageError, match="Urdu"):
        detect("یہ ایک اچھی کتاب ہے اور میں اسے روزانہ پڑھتا ہوں۔ حکومت نے نیا منصوبہ بنایا ہے۔")


def test_pashto_is_refused() -> None:
    with pytest.raises(LanguageError, match="Pashto"):
        detect("زه نن ښار ته ځم او هلته له خپلو ملګرو سره ګورم.")


def test_refusal_is_a_value_error() -> None:
    assert issubclass(LanguageError, ValueError)


def test_evidence_counts() -> None:
    ev = evidence("گفت که پژوهش")
    assert ev.fa_letters >= 3 and ev.fa_words == 2 and ev.ar_letters == 0


def test_has_arabic_script() -> None:
    assert has_arabic_script("abc سلام")
    assert not has_arabic_script("abc 123")


def test_check_language() -> None:
    assert check_language("FA") == "fa"
    assert check_language("arabic") == "ar"
    with pytest.raises(LanguageError):
        check_language("ur")


PERSIAN_IN_ARABIC_LETTERS = [
    "مي كند براي سرمايه‌گذاري در اين شركت",
    "رئيس سازمان بورس اعلام كرد",
    "وزير امور خارجه گفت كه اين مذاكرات ادامه خواهد يافت و نتيجه آن را اعلام مي كنيم.",
    "قيمت طلا در بازار تهران امروز كاهش يافت",
    "شركت ملي نفت ايران قراردادي براي توسعه ميدان گازي امضا كرد.",
]


@pytest.mark.parametrize("text", PERSIAN_IN_ARABIC_LETTERS)
def test_persian_written_with_arabic_yeh_and_kaf_is_persian(text: str) -> None:
    assert detect(text) == "fa"


SHORT_POSTS = [
    ("فوری: زلزله ۵ ریشتری تهران را لرزاند", "fa"),
    ("عاجل: زلزال بقوة 5 درجات يضرب شمال البلاد", "ar"),
    ("🔴 خبر فوری | انفجار در بندر", "fa"),
    ("علی گفت", "fa"),
    ("بالفيديو.. لحظة وصول الرئيس إلى القاهرة", "ar"),
]


@pytest.mark.parametrize(("text", "lang"), SHORT_POSTS)
def test_short_telegram_style_posts(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_arabic_name_ali_in_persian_text_is_not_arabic_evidence() -> None:
    ev = evidence("علی و رضا آمدند")
    assert ev.ar_words == 0


def test_mixed_page_goes_to_the_majority_language() -> None:
    fa = "وزیر خارجه ایران گفت که مذاکرات ادامه دارد و نتیجه آن به زودی اعلام می‌شود. "
    ar = "قال تعالى في كتابه الكريم. "
    assert detect(fa * 3 + ar) == "fa"
    assert detect("قال الوزير إن المفاوضات مستمرة وإن النتائج ستعلن قريبا. " * 3 + "این را گفت") == "ar"


def test_persian_with_alef_maqsura_as_final_ye_is_persian() -> None:
    # old Persian web text (windows-1256 era) writes final ye as ى
    assert detect("مى كند براى سرمايه گذارى در اين شركت") == "fa"
    assert detect("دولت براى كنترل قيمت ها برنامه اى تازه دارد و آن را اجرا مى كند.") == "fa"
    assert detect("قال الوزير إن المحادثات على مستوى عال جرت في القاهرة حتى مساء أمس.") == "ar"
