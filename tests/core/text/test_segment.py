"""Sentence segmentation edge cases (our own sentences)."""

from __future__ import annotations

import pytest

from reader.core.text.segment import LONG_SENTENCE, segment, sentence_spans, split_sentences

CASES = [
    # decimals in three notations, an abbreviation with a dot
    (
        "قال د. محمد إن النمو بلغ 3.5 في المئة. وأضاف أن التضخم تراجع.",
        ["قال د. محمد إن النمو بلغ 3.5 في المئة.", "وأضاف أن التضخم تراجع."],
    ),
    ("رشد اقتصادی ۳٫۵ درصد بود. تورم ۴۰.۲ درصد شد.", ["رشد اقتصادی ۳٫۵ درصد بود.", "تورم ۴۰.۲ درصد شد."]),
    ("بلغ المعدل ٣٫٥ بالمئة. ثم ارتفع.", ["بلغ المعدل ٣٫٥ بالمئة.", "ثم ارتفع."]),
    # initials and chains of letters
    (
        "عيّن أندريه ر. بيلوسوف وزيرا. وقال الكرملين ذلك.",
        ["عيّن أندريه ر. بيلوسوف وزيرا.", "وقال الكرملين ذلك."],
    ),
    (
        "سخنگوی ج.ا.ا. گفت که رشد کند بود. او رفت.",
        ["سخنگوی ج.ا.ا. گفت که رشد کند بود.", "او رفت."],
    ),
    ("The U.S. said so. قال له. ثم مضى.", ["The U.S. said so.", "قال له.", "ثم مضى."]),
    # an era marker after a year ends the sentence
    ("ولد عام 1950 م. وتوفي في القاهرة.", ["ولد عام 1950 م.", "وتوفي في القاهرة."]),
    ("توفي سنة 1300 هـ. ودفن في بغداد.", ["توفي سنة 1300 هـ.", "ودفن في بغداد."]),
    # quotes: closing guillemets stay with their sentence; a quote followed by a continuation does not split
    (
        "او افزود: «این کافی نیست.» سپس رفت.",
        ["او افزود: «این کافی نیست.»", "سپس رفت."],
    ),
    ("او گفت: «نه!» و رفت. آیا می‌آیی؟ بله!", ["او گفت: «نه!» و رفت.", "آیا می‌آیی؟", "بله!"]),
    (
        "وقال: “لن نتراجع.” وأضاف: “سنواصل العمل”.",
        ["وقال: “لن نتراجع.”", "وأضاف: “سنواصل العمل”."],
    ),
    ('قال "انتهى الأمر." ثم غادر.', ['قال "انتهى الأمر."', "ثم غادر."]),
    # ؛ does not end a sentence
    ("هوا سرد بود؛ باران می‌بارید. ما ماندیم.", ["هوا سرد بود؛ باران می‌بارید.", "ما ماندیم."]),
    # list numbering is not a sentence
    (
        "1. البند الأول يتعلق بالنفط. 2. البند الثاني يتعلق بالغاز.",
        ["1. البند الأول يتعلق بالنفط.", "2. البند الثاني يتعلق بالغاز."],
    ),
    # a dot glued to the next Arabic word
    (
        "وصل الوفد إلى البلدين.وقال المتحدث إن المحادثات بناءة.",
        ["وصل الوفد إلى البلدين.", "وقال المتحدث إن المحادثات بناءة."],
    ),
    # ellipses
    (
        "برای مثال سیب، پرتقال و … را خرید. سپس رفت… فردا برمی‌گردد.",
        ["برای مثال سیب، پرتقال و … را خرید.", "سپس رفت…", "فردا برمی‌گردد."],
    ),
    ("قاتلوا طويلا.. حتى انتهت الحرب.", ["قاتلوا طويلا.. حتى انتهت الحرب."]),
    # question and exclamation clusters
    ("حقاً؟! لم أصدق ذلك.", ["حقاً؟!", "لم أصدق ذلك."]),
    # a stray dot after the full stop stays with its sentence
    ("انتهى الاجتماع. . وبدأ آخر.", ["انتهى الاجتماع. .", "وبدأ آخر."]),
    # headline without final punctuation
    ("روابط اقتصادی دو کشور", ["روابط اقتصادی دو کشور"]),
    # numbers, dates and URLs with dots do not split
    ("نشر في 2024.06.18 على موقع example.com اليوم.", ["نشر في 2024.06.18 على موقع example.com اليوم."]),
    # a sentence ending in a number
    ("بلغ عدد السكان 2020. ثم تغير.", ["بلغ عدد السكان 2020.", "ثم تغير."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_cases(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_persian_era_marker_does_not_end_sentence() -> None:
    text = "در سال ۱۳۵۷ ه.ش. انقلاب شد. او در ۶۰۰ ق.م. زاده شد."
    assert split_sentences(text, "fa") == ["در سال ۱۳۵۷ ه.ش. انقلاب شد.", "او در ۶۰۰ ق.م. زاده شد."]
    assert split_sentences("ولد عام 1950 م. وتوفي في القاهرة.", "ar") == [
        "ولد عام 1950 م.",
        "وتوفي في القاهرة.",
    ]


def test_spans_are_exact_and_stripped() -> None:
    text = "  اولی. \t دومی؟   سومی!  "
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["اولی.", "دومی؟", "سومی!"]


def test_paragraphs_and_indices() -> None:
    text = "عنوان خبر\n\nجمله اول. جمله دوم.\n\nجمله سوم."
    sents = segment(text)
    assert [(s.index, s.paragraph, s.text) for s in sents] == [
        (0, 0, "عنوان خبر"),
        (1, 1, "جمله اول."),
        (2, 1, "جمله دوم."),
        (3, 2, "جمله سوم."),
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text


def test_long_sentence_split_at_semicolon() -> None:
    part = "این بخشی طولانی از یک جمله است که ادامه دارد و ادامه دارد و باز هم ادامه دارد"
    text = "؛ ".join([part] * 6) + "."
    assert len(text) > LONG_SENTENCE
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(p.endswith("؛") for p in pieces[:-1])
    assert "".join(p + " " for p in pieces).strip() == text


def test_short_sentence_with_semicolon_stays_whole() -> None:
    assert split_sentences("الطقس بارد؛ لكنه جميل.") == ["الطقس بارد؛ لكنه جميل."]


def test_empty() -> None:
    assert split_sentences("") == []
    assert segment("\n\n  \n") == []


def test_quoted_question_followed_by_a_reporting_verb_stays_in_the_sentence() -> None:
    text = "او در پاسخ به پرسش خبرنگاری که پرسید «آیا سهمیه‌ها کاهش می‌یابد؟» گفت که این موضوع مطرح نیست."
    assert split_sentences(text, "fa") == [text]
    assert split_sentences("«برخی اخبار دقیق نیست!» این را همه می‌دانند.", "fa") == [
        "«برخی اخبار دقیق نیست!»",
        "این را همه می‌دانند.",
    ]


def test_ellipsis_inside_an_open_quotation_is_a_pause() -> None:
    text = 'وقال في كلمته: "لن نقبل بفرض أمر واقع جديد... ولن نتخلى عن مسؤولياتنا".'
    assert split_sentences(text, "ar") == [text]
    assert len(split_sentences("ثم سكت طويلا... وبعدها غادر القاعة.", "ar")) == 2
