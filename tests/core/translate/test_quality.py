"""Quality flags: each fires on the failure it names and stays quiet on a normal translation."""

from __future__ import annotations

import math

from reader.core.translate.quality import arabic_script_share, assess, find_loop, per_token_logprob
from reader.core.translate.settings import QualitySettings

FA = "رئیس‌جمهور روز دوشنبه در تهران بودجه جدید را تصویب کرد و گفت که قیمت‌ها کاهش خواهد یافت."
GOOD = "On Monday in Tehran the president approved the new budget and said that prices would fall."


def codes(flags: tuple) -> list[str]:
    return [f.code for f in flags]


def test_good_translation_has_no_flags() -> None:
    assert assess(FA, GOOD, language="fa", logprob=-0.4) == ()


def test_empty_output() -> None:
    flags = assess(FA, "  ", language="fa", logprob=-0.1)
    assert codes(flags) == ["empty"] and flags[0].message
    assert assess("  ", "", language="fa") == ()
    assert assess("۱۲۳", "", language="fa") == ()  # nothing to translate in a bare number


def test_untranslated_output() -> None:
    flags = assess(FA, FA, language="fa")
    assert "untranslated" in codes(flags) and "Persian" in flags[0].message
    assert arabic_script_share("Putin (پوتین) said on Monday that the talks went well") < 0.3
    assert "untranslated" not in codes(assess(FA, GOOD + " (تهران)", language="fa"))


def test_length_ratio_bounds_per_language() -> None:
    short = assess(FA, "The president approved.", language="fa")
    assert codes(short) == ["length_ratio"] and "short" in short[0].message
    long = assess(FA, GOOD + " " + GOOD.replace("Monday", "Friday") + " It was a busy day for everyone there.",
                  language="fa")
    assert "length_ratio" in codes(long) and "long" in long[0].message
    assert assess("کابل", "Kabul is the capital", language="fa") == ()  # too short to judge
    custom = QualitySettings(length_ratio={"fa": (0.1, 5.0)})
    assert assess(FA, "The president approved.", language="fa", settings=custom) == ()


def test_repetition_loop() -> None:
    assert find_loop("the war of the war of the war of the war") == "the war of"
    assert find_loop("he said that that was fine") is None
    assert find_loop("prices rose... and rose... and fell") is None
    assert find_loop("no no no no") == "no"
    flags = assess(FA, "The president said that the budget the budget the budget the budget was approved.",
                   language="fa")
    assert codes(flags) == ["repetition"] and "the budget" in flags[0].message


def test_low_score() -> None:
    flags = assess(FA, GOOD, language="fa", logprob=-2.3)
    assert codes(flags) == ["low_score"] and "10%" in flags[0].message
    assert per_token_logprob(-51.8758, 30, 0.2) == -51.8758 * 30**0.2 / 30
    assert math.isclose(per_token_logprob(-3.0, 1, 0.2), -3.0)
