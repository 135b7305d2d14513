"""The whole pipeline, on the seed articles (read from ../shared/seeds) and on our own texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.core.text.boilerplate import fold_line
from reader.core.text.clean import ends_final
from reader.core.text.langid import LanguageError
from reader.core.text.offsets import OffsetMap
from reader.core.text.pipeline import EmptyTextError, normalize_text, process, segment_text

Z = "\u200c"
EXPECTED_LANG = {"000": "fa", "001": "ar", "002": "ar", "003": "fa", "004": "ar"}
BOILERPLATE = [
    "اظهار أخبار متعلقة",
    "انتهای پیام",
    "ارسال دیدگاه",
    "دیدگاهتان را بنویسید",
    "نشانی ایمیل",
    "منتشر نخواهد شد",
    "کد خبر",
    "4732980",
    "۴۷۳۲۹۸۰",
    "شهريور 1402",
    "شهریور ۱۴۰۲",
    "خبرگزاری میزان -",
    "ساهم في إعداد التقارير",
]


@pytest.fixture(scope="module")
def processed(request: pytest.FixtureRequest):
    from tests.conftest import require_seeds

    files = require_seeds()
    return {f.name[:3]: process(f.read_text(encoding="utf-8"), source=str(f)) for f in files}


def _strong_fold(text: str) -> str:
    """Letters only, variants unified: what must survive normalisation unchanged."""
    return re.sub(r"[^\w]|_|\d", "", fold_line(text)).replace("ی", "ی")


def test_seeds_fixture_lists_all_five(seeds: list[Path]) -> None:
    assert {p.name[:3] for p in seeds} >= set(EXPECTED_LANG)


def test_languages(processed) -> None:
    for key, lang in EXPECTED_LANG.items():
        assert processed[key].language == lang, key


def test_no_boilerplate_survives(processed) -> None:
    for key, p in processed.items():
        for junk in BOILERPLATE:
            assert junk not in p.text, (key, junk)
            assert junk not in p.original_text, (key, junk)
            assert junk not in p.title, (key, junk)


def test_spans_exact_and_map_back(processed) -> None:
    for key, p in processed.items():
        m = OffsetMap(p.offset_map)
        assert (m.norm_length, m.orig_length) == (len(p.text), len(p.original_text)), key
        assert [s.index for s in p.sentences] == list(range(len(p.sentences)))
        for s in p.sentences:
            assert p.text[s.start : s.end] == s.text
            assert s.text == s.text.strip() and s.text
            a, b = m.span_to_original(s.start, s.end)
            assert _strong_fold(p.original_text[a:b]) == _strong_fold(s.text), (key, s.index)


def test_seed_000_zwnj(processed) -> None:
    text = processed["000"].text
    for word in ["سیب+های", "سوپرمارکت+های", "شده+اند", "نزدیک+تر", "می+دهد"]:
        assert word.replace("+", Z) in text, word


def test_seed_002_wrapped_lines_rejoined(processed) -> None:
    p = processed["002"]
    assert p.meta.get("hard_wrapped")
    by_paragraph: dict[int, list] = {}
    for s in p.sentences:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    for s in p.sentences:
        if not ends_final(s.text):
            # only a headline may lack final punctuation: a whole, short paragraph
            assert by_paragraph[s.paragraph] == [s], s.text
            assert len(s.text.split()) <= 6, s.text
    assert "\n" not in p.original_text.replace("\n\n", "")


def test_seed_003_metadata(processed) -> None:
    p = processed["003"]
    assert p.meta["news_code"] == "4732980"
    assert p.date == "11:28 - 14 شهريور 1402"
    assert p.meta["date_iso"] == "2023-09-05"
    assert p.meta["agency"] == "خبرگزاری میزان"
    assert p.title.startswith("مسکو و پیونگ")
    assert p.meta["title_source"] == "heading"
    title_key = fold_line(p.meta["original_title"])
    assert all(fold_line(s.text) != title_key for s in p.sentences)
    reasons = {r["reason"] for r in p.meta["removed"]}
    assert {"date", "news code", "end marker", "repeated title", "dateline"} <= reasons


def test_titles(processed) -> None:
    assert processed["001"].title.endswith("؟")
    assert processed["004"].meta["title_source"] == "heading"
    assert processed["000"].meta["title_source"] == "first sentence"
    assert processed["002"].meta["title_source"] == "first sentence"


def test_own_text_end_to_end() -> None:
    raw = "سیبهای تازه\n\nفروشندهها میگویند قیمتها ۳.۵ درصد بالاتر رفتهاند. آیا خریداران نگران هستند؟\nنه!"
    p = process(raw)
    assert p.language == "fa"
    assert p.title == f"سیب{Z}های تازه"
    assert [s.text for s in p.sentences] == [
        f"فروشنده{Z}ها می{Z}گویند قیمت{Z}ها ۳.۵ درصد بالاتر رفته{Z}اند.",  # numbers as written
        "آیا خریداران نگران هستند؟",
        "نه!",
    ]
    assert [s.paragraph for s in p.sentences] == [0, 0, 1]


def test_language_override_and_errors() -> None:
    assert process("الكتاب على الطاولة.", language="ar").language == "ar"
    with pytest.raises(LanguageError):
        process("Only English here.")
    with pytest.raises(EmptyTextError):
        process("\n\nاشتراک گذاری\nچاپ\n")
    with pytest.raises(ValueError):
        process("الكتاب", language="xx")


def test_title_hint_used_when_no_heading() -> None:
    p = process("قال الوزير إن المحادثات كانت مثمرة. وأضاف أنها ستستمر.", title_hint="  محادثات   مثمرة ")
    assert p.title == "محادثات مثمرة"
    assert p.meta["title_source"] == "hint"


def test_normalize_text_detects_once() -> None:
    out = normalize_text("کتابها\nدرختهای بلند")
    assert out == f"کتاب{Z}ها\nدرخت{Z}های بلند"


def test_segment_text_paragraphs() -> None:
    raw = "گزارش کوتاه\n\nپیک اول رسید. پیک دوم گفت که میآید.\n\nپایان گزارش است.\nانتهای پیام/\nارسال نظر"
    paras = segment_text(raw)
    assert paras == [["گزارش کوتاه"], ["پیک اول رسید.", f"پیک دوم گفت که می{Z}آید."], ["پایان گزارش است."]]
