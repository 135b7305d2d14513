"""Parallel news-style sentences written for Tarjoman's tests: (English, Persian, Arabic) from word lists.

Used to train the test models' SentencePiece vocabulary (tests/support/testmodels.py) and as sample input.
All text here is ours (generated from the templates below), not taken from any corpus or article.
"""

from __future__ import annotations

import random

LANG_NAMES = {"en": "English", "fa": "Persian", "ar": "Arabic"}

# --- our own parallel word lists: (English, Persian, Arabic[, Arabic subject is feminine]) -----------------
_SUBJECTS = [
    ("the president", "رئیس‌جمهور", "الرئيس", False), ("the foreign minister", "وزیر امور خارجه", "وزير الخارجية", False),
    ("the government", "دولت", "الحكومة", True), ("the parliament", "مجلس", "البرلمان", False),
    ("the central bank", "بانک مرکزی", "البنك المركزي", False), ("the army", "ارتش", "الجيش", False),
    ("the delegation", "هیئت", "الوفد", False), ("the spokesman", "سخنگو", "المتحدث", False),
    ("the united nations", "سازمان ملل", "الأمم المتحدة", True), ("the prime minister", "نخست‌وزیر", "رئيس الوزراء", False),
    ("the company", "شرکت", "الشركة", True), ("the farmers", "کشاورزان", "المزارعون", False),
]
_VERBS = [  # English, Persian (after "را"), Arabic masculine, Arabic feminine
    ("announced", "اعلام کرد", "أعلن", "أعلنت"), ("approved", "تصویب کرد", "أقرّ", "أقرّت"),
    ("rejected", "رد کرد", "رفض", "رفضت"), ("discussed", "بررسی کرد", "ناقش", "ناقشت"),
    ("signed", "امضا کرد", "وقّع", "وقّعت"), ("confirmed", "تأیید کرد", "أكّد", "أكّدت"),
    ("published", "منتشر کرد", "نشر", "نشرت"), ("cancelled", "لغو کرد", "ألغى", "ألغت"),
    ("began", "آغاز کرد", "بدأ", "بدأت"), ("extended", "تمدید کرد", "مدّد", "مدّدت"),
]
_OBJECTS = [
    ("the new budget", "بودجه جدید", "الميزانية الجديدة"), ("the trade agreement", "توافق تجاری", "الاتفاق التجاري"),
    ("the peace plan", "طرح صلح", "خطة السلام"), ("the annual report", "گزارش سالانه", "التقرير السنوي"),
    ("the energy project", "پروژه انرژی", "مشروع الطاقة"), ("the election results", "نتایج انتخابات", "نتائج الانتخابات"),
    ("the oil contract", "قرارداد نفتی", "عقد النفط"), ("the security law", "قانون امنیتی", "قانون الأمن"),
    ("the tax reform", "اصلاحات مالیاتی", "الإصلاح الضريبي"), ("the water plan", "طرح آب", "خطة المياه"),
    ("the health program", "برنامه بهداشت", "برنامج الصحة"), ("the wheat imports", "واردات گندم", "واردات القمح"),
]
_PLACES = [
    ("in Tehran", "در تهران", "في طهران"), ("in Cairo", "در قاهره", "في القاهرة"), ("in Baghdad", "در بغداد", "في بغداد"),
    ("in Beirut", "در بیروت", "في بيروت"), ("in Damascus", "در دمشق", "في دمشق"), ("in Riyadh", "در ریاض", "في الرياض"),
    ("in Moscow", "در مسکو", "في موسكو"), ("in Geneva", "در ژنو", "في جنيف"), ("in Kabul", "در کابل", "في كابول"),
    ("in Doha", "در دوحه", "في الدوحة"), ("in Istanbul", "در استانبول", "في إسطنبول"), ("in Amman", "در امان", "في عمّان"),
]
_TIMES = [
    ("on Monday", "روز دوشنبه", "يوم الاثنين"), ("on Tuesday", "روز سه‌شنبه", "يوم الثلاثاء"),
    ("on Wednesday", "روز چهارشنبه", "يوم الأربعاء"), ("on Thursday", "روز پنجشنبه", "يوم الخميس"),
    ("on Friday", "روز جمعه", "يوم الجمعة"), ("on Saturday", "روز شنبه", "يوم السبت"),
    ("on Sunday", "روز یکشنبه", "يوم الأحد"), ("last week", "هفته گذشته", "الأسبوع الماضي"),
    ("yesterday", "دیروز", "أمس"), ("this morning", "امروز صبح", "صباح اليوم"),
]
_FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _sentence(rng: random.Random, template: int) -> tuple[str, str, str]:
    s, v, o = rng.choice(_SUBJECTS), rng.choice(_VERBS), rng.choice(_OBJECTS)
    p, t = rng.choice(_PLACES), rng.choice(_TIMES)
    n = str(rng.randint(2, 95))
    fem = s[3]
    if template == 0:
        return (f"{s[0].capitalize()} {v[0]} {o[0]} {p[0]} {t[0]}.", f"{s[1]} {t[1]} {p[1]} {o[1]} را {v[1]}.",
                f"{v[3] if fem else v[2]} {s[2]} {o[2]} {p[2]} {t[2]}.")
    if template == 1:
        return (f"According to {s[0]}, {o[0]} will be discussed {p[0]} next month.",
                f"به گفته {s[1]}، {o[1]} ماه آینده {p[1]} بررسی خواهد شد.",
                f"بحسب {s[2]}، سيتم بحث {o[2]} {p[2]} الشهر المقبل.")
    if template == 2:
        return (f"{n} people were injured {p[0]} {t[0]}.", f"{t[1]} {p[1]} {n.translate(_FA_DIGITS)} نفر زخمی شدند.",
                f"أصيب {n.translate(_AR_DIGITS)} أشخاص {p[2]} {t[2]}.")
    if template == 3:
        return (f"Will {s[0]} accept {o[0]}?", f"آیا {s[1]} {o[1]} را می‌پذیرد؟",
                f"هل {'ستقبل' if fem else 'سيقبل'} {s[2]} {o[2]}؟")
    return (f"{s[0].capitalize()} said that prices rose by {n} percent {t[0]}.",
            f"{s[1]} گفت که قیمت‌ها {t[1]} {n.translate(_FA_DIGITS)} درصد افزایش یافت.",
            f"{'قالت' if fem else 'قال'} {s[2]} إن الأسعار ارتفعت بنسبة {n} في المئة {t[2]}.")


def parallel_corpus(n: int = 300, seed: int = 0) -> list[tuple[str, str, str]]:
    """*n* (English, Persian, Arabic) sentence triples generated from our own word lists and templates."""
    rng = random.Random(seed)
    return [_sentence(rng, i % 5) for i in range(n)]


def sample_sentences(lang: str, n: int = 12, seed: int = 1) -> list[str]:
    """*n* sentences in *lang* ("en", "fa" or "ar") from the corpus above (distinct, in a stable order)."""
    col = {"en": 0, "fa": 1, "ar": 2}[lang]
    out: list[str] = []
    for triple in parallel_corpus(n * 4, seed):
        if triple[col] not in out:
            out.append(triple[col])
        if len(out) == n:
            break
    return out
