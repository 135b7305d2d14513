"""ZWNJ restoration: words that must get a ZWNJ and words that must stay as they are (our own examples)."""

from __future__ import annotations

import pytest

from reader.core.text.normalize import normalize_line_fa
from reader.core.text.zwnj import ZWNJ, analyse, restore_word, restore_zwnj

# "+" marks where the ZWNJ goes.
MUST_JOIN = [
    ("کتابها", "کتاب+ها"),
    ("کتابهای", "کتاب+های"),
    ("درختهای", "درخت+های"),
    ("ماشینهایی", "ماشین+هایی"),
    ("دوستهایم", "دوست+هایم"),
    ("کتابهایشان", "کتاب+هایشان"),
    ("درسهایتان", "درس+هایتان"),
    ("سالهای", "سال+های"),
    ("میروند", "می+روند"),
    ("نمیدانم", "نمی+دانم"),
    ("میخواهیم", "می+خواهیم"),
    ("نمیتوانند", "نمی+توانند"),
    ("میشد", "می+شد"),
    ("نمیشود", "نمی+شود"),
    ("میکردند", "می+کردند"),
    ("رفتهاند", "رفته+اند"),
    ("گفتهام", "گفته+ام"),
    ("نوشتهایم", "نوشته+ایم"),
    ("آمدهاید", "آمده+اید"),
    ("دادهاند", "داده+اند"),
    ("خریدهایم", "خریده+ایم"),
    ("بزرگتر", "بزرگ+تر"),
    ("کوچکترین", "کوچک+ترین"),
    ("سریعتر", "سریع+تر"),
    ("ارزانتر", "ارزان+تر"),
    ("گرانترین", "گران+ترین"),
    ("سختتر", "سخت+تر"),
    ("ترسناکتر", "ترسناک+تر"),
    ("خانهای", "خانه+ای"),
    ("منطقهای", "منطقه+ای"),
    ("رسانهای", "رسانه+ای"),
    ("هفتهای", "هفته+ای"),
    ("مدرسهی", "مدرسه+ی"),
    ("مقالهی", "مقاله+ی"),
    ("خاطرهی", "خاطره+ی"),
    ("خانوادهاش", "خانواده+اش"),
    ("همسایهام", "همسایه+ام"),
    ("تجاریاش", "تجاری+اش"),
    ("پروژههای", "پروژه+های"),
    ("جلسههای", "جلسه+های"),
    ("بچهها", "بچه+ها"),
    ("کارخانهها", "کارخانه+ها"),
    ("نوشتههایش", "نوشته+هایش"),
    ("دانشگاهها", "دانشگاه+ها"),
    ("سیاستهای", "سیاست+های"),
    ("تحریمها", "تحریم+ها"),
    ("موشکها", "موشک+ها"),
    ("قیمتها", "قیمت+ها"),
    ("ساختمانهای", "ساختمان+های"),
    ("بینالملل", "بین+الملل"),
    ("جمعآوری", "جمع+آوری"),
    ("برنامهریزی", "برنامه+ریزی"),
    ("پرداختهای", "پرداخت+های"),
    ("میشدهاند", "می+شده+اند"),
]

MUST_NOT_CHANGE = (
    "میز میدان میوه میلیون میراث میهن میانه میزبان میخ میش تهران شهر همراه بهتر بیشتر کمتر دختر کبوتر کشور"
    " تریبون اطلاعات تنها رها بها گناه راهی گروهی کوهی توجهی دفتر دکتر اختر انگشتر خاکستر بستر چتر تئاتر"
    " کیلومتر سهام ابهام الهام اتهام تمامی گاهی اشتباهی آگاهی سپاهی شبیه فقیه پیتر میشل میترا ماهی شاهی"
    " تنهایی رهایی زرهی گرهی صدها هزاران برتر مهتاب"
).split()

# After a letter that never joins leftwards a ZWNJ changes nothing on screen, so none is added.
NON_JOINING_PLURALS = ["شاگردهایش", "شهرها", "دانشجوها", "نیروهای", "سفرهای", "زیباترین"]


def _z(marked: str) -> str:
    return marked.replace("+", ZWNJ)


def test_lists_are_big_enough() -> None:
    assert len(MUST_JOIN) >= 40
    assert len(MUST_NOT_CHANGE) >= 40


@pytest.mark.parametrize(("word", "expected"), MUST_JOIN)
def test_must_join(word: str, expected: str) -> None:
    assert normalize_line_fa(word) == _z(expected)


@pytest.mark.parametrize("word", MUST_NOT_CHANGE)
def test_must_not_change(word: str) -> None:
    assert normalize_line_fa(word) == word
    assert restore_zwnj(word) == word


@pytest.mark.parametrize("word", NON_JOINING_PLURALS)
def test_no_zwnj_after_non_joining_letters(word: str) -> None:
    assert normalize_line_fa(word) == word


def test_existing_zwnj_kept_and_parts_completed() -> None:
    assert restore_word(_z("سرمایه+گذاریهای")) == _z("سرمایه+گذاری+های")
    assert restore_word(_z("ماه+های")) == _z("ماه+های")
    assert restore_word(_z("می+شدهاند")) == _z("می+شده+اند")


def test_compound_from_lexicon() -> None:
    assert analyse("رئیسجمهور") == _z("رئیس+جمهور")
    assert analyse("گفتوگو") == _z("گفت+وگو")
    assert analyse("آسمانخراشها") == _z("آسمان+خراش+ها")


def test_unknown_words_are_left_alone() -> None:
    # a made-up word without a suffix, or whose plural ending follows a non-joining letter: nothing to split
    assert analyse("زبلخت") is None
    assert restore_zwnj("زبلخت و قلمبرها") == "زبلخت و قلمبرها"


def test_plural_after_a_stem_missing_from_the_lexicon() -> None:
    # hazm's lexicon lacks تیم and ایمیل: ها/های after a 3+ letter stem ending in a joining letter is a plural
    assert analyse("تیمهای") == _z("تیم+های")
    assert analyse("ایمیلها") == _z("ایمیل+ها")
    # but not where the word is a known word + ی or + ه (انتهای، فرماندهای)
    assert analyse("انتهای") is None
    assert analyse("فرماندهای") != _z("فرماند+های")


def test_in_running_text_only_words_change() -> None:
    text = "دانشجوها کتابهای تازهتر را از کتابخانهی دانشگاه میگیرند."
    out = restore_zwnj(text)
    assert out.replace(ZWNJ, "") == text
    assert _z("کتاب+های") in out
    assert _z("تازه+تر") in out
    assert _z("کتابخانه+ی") in out
    assert "دانشجوها" in out


def test_sentence_through_normalizer() -> None:
    out = normalize_line_fa("آنها گفتهاند که قیمتهای بالاتر، زندگی را سختتر میکند.")
    assert _z("گفته+اند") in out
    assert _z("قیمت+های") in out
    assert _z("سخت+تر") in out
    assert _z("می+کند") in out
