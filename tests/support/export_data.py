"""Sample articles for the export and annotation tests (sentences written for these tests) and helpers that
store them, translate them with made-up English, and read PDFs back."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from reader.core.export.model import AnnotationMark, EntityMark, ExportDocument, ExportRow
from reader.core.types import ProcessedText, SentenceSpan, TranslationResult

FA = [
    "شورای شهر اصفهان روز دوشنبه ۱۲ آذر ۱۴۰۲ طرح توسعهٔ خط دوم متروی شهر را تصویب کرد.",
    "به گفتهٔ علی رضایی، رئیس کمیسیون عمران، هزینهٔ این طرح ۲۵٪ بیشتر از برآورد اولیه است.",
    "سازمان ملل متحد و بانک جهانی نیز در گزارش‌های خود به اهمیت حمل‌ونقل عمومی اشاره کرده‌اند.",
    "شهروندان می‌توانند نظرات خود را تا پایان ماه (۳۰ روز) از طریق سامانهٔ ۱۳۷ ثبت کنند.",
    "قرار است نخستین قطارها در سال ۲۰۲۶ به کار بیفتند و روزانه ۵۰ هزار مسافر را جابه‌جا کنند.",
]
FA_EN = [
    "Isfahan city council approved the plan for the second metro line on Monday, 3 December 2023.",
    "According to Ali Rezaei, head of the construction committee, the plan costs 25% more than first estimated.",
    "The United Nations and the World Bank have also pointed to the importance of public transport.",
    "Citizens can send their views until the end of the month (30 days) through the 137 hotline.",
    "The first trains are due to run in 2026 and carry 50,000 passengers a day.",
]
AR = [
    "أعلنت وزارة الموارد المائية في القاهرة يوم الثلاثاء عن خطة جديدة لترشيد استهلاك المياه.",
    "وقال الوزير أحمد سالم إن الخطة ستكلف 120 مليون دولار خلال ثلاث سنوات.",
    "وأشار تقرير صادر عن الأمم المتحدة إلى أن نصيب الفرد من المياه انخفض بنسبة 15% منذ عام 2010.",
    "وتشمل الخطة تبطين القنوات في محافظات الصعيد واستخدام الري بالتنقيط على نطاق أوسع.",
    "ومن المتوقع أن يناقش البرلمان المشروع خلال جلسته المقبلة في شهر مارس.",
]
AR_EN = [
    "The Ministry of Water Resources in Cairo announced a new plan on Tuesday to rationalise water use.",
    "Minister Ahmed Salem said the plan would cost 120 million dollars over three years.",
    "A United Nations report noted that water per person has fallen by 15% since 2010.",
    "The plan includes lining canals in the Upper Egypt governorates and wider use of drip irrigation.",
    "Parliament is expected to discuss the project at its next session in March.",
]
TITLES = {"fa": "توسعهٔ خط دوم متروی اصفهان", "ar": "خطة جديدة لترشيد المياه في مصر"}


def sentences(lang: str) -> tuple[list[str], list[str]]:
    return (FA, FA_EN) if lang == "fa" else (AR, AR_EN)


def make_processed(sents: list[str], lang: str = "fa", title: str = "", paragraphs: list[int] | None = None
                   ) -> ProcessedText:
    """An article whose text is the sentences joined by spaces (new paragraph → newline)."""
    text = ""
    spans = []
    for i, s in enumerate(sents):
        par = paragraphs[i] if paragraphs else 0
        if text:
            text += "\n" if paragraphs and par != paragraphs[i - 1] else " "
        spans.append(SentenceSpan(i, len(text), len(text) + len(s), s, par))
        text += s
    return ProcessedText(lang, title or TITLES.get(lang, "عنوان"), "", {}, text, text, [], tuple(spans))


def store_article(lang: str = "fa", translate: bool = True, paragraphs: list[int] | None = None) -> int:
    """Save a sample article (optionally with its English) in the bound library; returns its id."""
    from reader.store import repo

    src, en = sentences(lang)
    article = repo.save_article(make_processed(src, lang, paragraphs=paragraphs), source="test")
    if translate:
        repo.save_translations(article, [TranslationResult(i, s, e, model="test") for i, (s, e) in
                                         enumerate(zip(src, en, strict=True))], backend="test:1")
    return article.id


def find(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


def sample_document(lang: str = "fa", rows: int | None = None, repeat: int = 1) -> ExportDocument:
    """An export document with entities on both sides and a few annotations."""
    src, en = sentences(lang)
    out = []
    k = 0
    for rep in range(repeat):
        for i, (s, e) in enumerate(zip(src, en, strict=True)):
            if rows is not None and k >= rows:
                break
            ents: list[EntityMark] = []
            tents: list[EntityMark] = []
            anns: list[AnnotationMark] = []
            for name, kind in (("اصفهان", "LOCATION"), ("علی رضایی", "PERSON"), ("سازمان ملل متحد", "ORGANIZATION"),
                               ("القاهرة", "LOCATION"), ("أحمد سالم", "PERSON"), ("الأمم المتحدة", "ORGANIZATION")):
                if name in s:
                    a, b = find(s, name)
                    ents.append(EntityMark(kind, a, b, name))
            for name, kind in (("Isfahan", "LOCATION"), ("Ali Rezaei", "PERSON"), ("United Nations", "ORGANIZATION"),
                               ("Cairo", "LOCATION"), ("Ahmed Salem", "PERSON")):
                if name in e:
                    a, b = find(e, name)
                    tents.append(EntityMark(kind, a, b, name))
            if i == 1:
                a, b = len(s) // 3, len(s) // 3 + 12
                anns.append(AnnotationMark("source", a, b, "#ffe066", "یادداشت آزمایشی", ("cost",), s[a:b]))
            if i == 2:
                anns.append(AnnotationMark("target", 0, 3, "#b2f2bb", "Check the wording.", (), e[0:3]))
            out.append(ExportRow(k, i // 2 + rep * 3, s, e, tuple(ents), tuple(tents), tuple(anns),
                                 ({"code": "low_score", "message": "unsure"},) if i == 4 else ()))
            k += 1
    return ExportDocument(TITLES[lang], lang, "test", "2024-01-01", {}, tuple(out), 1, "test:1")


_IGNORED = re.compile(r"[\s\u200c\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def norm(text: str) -> str:
    """Compare text across PDF extraction: NFKC (presentation forms → letters), no whitespace, ZWNJ, bidi marks."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text))


def pdf_text(path: Path) -> list[str]:
    """Text of each page, as pypdf extracts it."""
    import pypdf

    return [p.extract_text() for p in pypdf.PdfReader(str(path)).pages]


def column_text(path: Path, right: bool) -> str:
    """Text drawn in the right (or left) half of each page, in stream order, all pages joined."""
    import pypdf

    out: list[str] = []
    for page in pypdf.PdfReader(str(path)).pages:
        middle = float(page.mediabox.width) / 2

        def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: float,
                  middle: float = middle) -> None:
            x = tm[4] * cm[0] + cm[4]
            if (x > middle) == right:
                out.append(text)

        page.extract_text(visitor_text=visit)
    return "".join(out)
