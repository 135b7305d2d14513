"""Countries and capitals of the Persian- and Arabic-speaking world (and a few other big ones): each is tagged
as a place in both languages' spellings, grouped under its English name, and found in a translation by its
English name or its adjective (Egyptian, Iranian...). Sentences written for these tests."""

from __future__ import annotations

import pytest

from reader.core.entities import project_sentence, tag
from reader.core.entities.lexicon import get as get_lexicon
from reader.core.types import EntitySpan

# English name, adjective, Persian spelling, Arabic spelling
COUNTRIES = [
    ("Egypt", "Egyptian", "مصر", "مصر"),
    ("Iran", "Iranian", "ایران", "إيران"),
    ("Iraq", "Iraqi", "عراق", "العراق"),
    ("Syria", "Syrian", "سوریه", "سوريا"),
    ("Lebanon", "Lebanese", "لبنان", "لبنان"),
    ("Jordan", "Jordanian", "اردن", "الأردن"),
    ("Yemen", "Yemeni", "یمن", "اليمن"),
    ("Libya", "Libyan", "لیبی", "ليبيا"),
    ("Tunisia", "Tunisian", "تونس", "تونس"),
    ("Morocco", "Moroccan", "مراکش", "المغرب"),
    ("Algeria", "Algerian", "الجزایر", "الجزائر"),
    ("Saudi Arabia", "Saudi", "عربستان سعودی", "السعودية"),
    ("Qatar", "Qatari", "قطر", "قطر"),
    ("Kuwait", "Kuwaiti", "کویت", "الكويت"),
    ("Oman", "Omani", "عمان", "عمان"),
    ("Bahrain", "Bahraini", "بحرین", "البحرين"),
    ("United Arab Emirates", "Emirati", "امارات", "الإمارات"),
    ("Afghanistan", "Afghan", "افغانستان", "أفغانستان"),
    ("Tajikistan", "Tajik", "تاجیکستان", "طاجيكستان"),
    ("Turkey", "Turkish", "ترکیه", "تركيا"),
    ("China", "Chinese", "چین", "الصين"),
    ("India", "Indian", "هند", "الهند"),
    ("Pakistan", "Pakistani", "پاکستان", "باكستان"),
    ("Sudan", "Sudanese", "سودان", "السودان"),
    ("Palestine", "Palestinian", "فلسطین", "فلسطين"),
    ("Germany", "German", "آلمان", "ألمانيا"),
    ("France", "French", "فرانسه", "فرنسا"),
]

# English name, Persian spelling (None: none in common use that is not also a common word), Arabic spelling
CITIES = [
    ("Tehran", "تهران", "طهران"), ("Baghdad", "بغداد", "بغداد"), ("Damascus", "دمشق", "دمشق"),
    ("Beirut", "بیروت", "بيروت"), ("Amman", "عمّان", "عمّان"), ("Riyadh", "ریاض", "الرياض"),
    ("Doha", "دوحه", "الدوحة"), ("Cairo", "قاهره", "القاهرة"), ("Kabul", "کابل", "كابول"),
    ("Abu Dhabi", "ابوظبی", "أبوظبي"), ("Muscat", "مسقط", "مسقط"), ("Manama", "منامه", "المنامة"),
    ("Sanaa", "صنعا", "صنعاء"), ("Khartoum", "خارطوم", "الخرطوم"), ("Rabat", None, "الرباط"),
    ("Ankara", "آنکارا", "أنقرة"), ("Istanbul", "استانبول", "إسطنبول"), ("Jerusalem", "قدس", "القدس"),
    ("Mosul", "موصل", "الموصل"), ("Basra", "بصره", "البصرة"), ("Aleppo", "حلب", "حلب"),
    ("Jeddah", "جده", "جدة"), ("Mecca", "مکه", "مكة"), ("Isfahan", "اصفهان", "أصفهان"),
    ("Mashhad", "مشهد", "مشهد"), ("Herat", "هرات", "هرات"), ("Dubai", "دبی", "دبي"),
    ("Islamabad", "اسلام‌آباد", "إسلام آباد"), ("Dushanbe", None, "دوشنبه"),
]

COUNTRY_TEMPLATES = {"fa": "وزیر خارجه گفت {} آماده گفت‌وگو است.", "ar": "وقال الوزير إن {} مستعدة للحوار."}
CITY_TEMPLATES = {"fa": "هیئت مذاکره‌کننده دیروز به {} رسید.", "ar": "وصل الوفد المفاوض أمس إلى {}."}


def _place(sentence: str, name: str, lang: str) -> EntitySpan:
    start = sentence.index(name)
    hits = [e for e in tag(sentence, lang) if e.start == start and e.end == start + len(name)]
    assert hits, f"{lang}: {name} not tagged in {sentence!r}: {[(e.type, e.text) for e in tag(sentence, lang)]}"
    return hits[0]


def _english(ent: EntitySpan, sentence: str, translation: str, lang: str) -> str | None:
    out = project_sentence([ent], sentence, translation, lang)[0]
    if out.english is not None:
        assert translation[out.en_start:out.en_end] == out.english
    return out.english


@pytest.mark.parametrize("lang", ["fa", "ar"])
@pytest.mark.parametrize(("en", "adjective", "fa", "ar"), COUNTRIES, ids=[c[0] for c in COUNTRIES])
def test_country_is_a_place_with_english_name_and_adjective(en: str, adjective: str, fa: str, ar: str,
                                                             lang: str) -> None:
    name = fa if lang == "fa" else ar
    sentence = COUNTRY_TEMPLATES[lang].format(name)
    ent = _place(sentence, name, lang)
    assert (ent.type, ent.canonical) == ("LOCATION", en)
    assert _english(ent, sentence, f"The foreign minister said {en} is ready for talks.", lang) == en
    assert _english(ent, sentence, f"The {adjective} foreign minister said they are ready for talks.",
                    lang) == adjective


CITY_CASES = [(en, lang, name) for en, fa, ar in CITIES for lang, name in (("fa", fa), ("ar", ar)) if name]


@pytest.mark.parametrize(("en", "lang", "name"), CITY_CASES, ids=[f"{en}-{lang}" for en, lang, _ in CITY_CASES])
def test_capital_or_big_city_is_a_place_with_english_name(en: str, lang: str, name: str) -> None:
    sentence = CITY_TEMPLATES[lang].format(name)
    ent = _place(sentence, name, lang)
    assert (ent.type, ent.canonical) == ("LOCATION", en)
    assert _english(ent, sentence, f"The negotiating team arrived in {en} yesterday.", lang) == en


@pytest.mark.parametrize(("lang", "sentence"), [
    ("ar", "التقى وزيرا الري في مصر والسودان في القاهرة لبحث ملف السد."),
    ("fa", "وزیران آب مصر و سودان در قاهره درباره سد گفت‌وگو کردند."),
])
def test_egypt_sudan_cairo(lang: str, sentence: str) -> None:
    tr = "The irrigation ministers of Egypt and Sudan met in Cairo to discuss the dam."
    ents = project_sentence([e for e in tag(sentence, lang) if e.type == "LOCATION"], sentence, tr, lang)
    assert {(e.canonical, e.english) for e in ents} == {("Egypt", "Egypt"), ("Sudan", "Sudan"), ("Cairo", "Cairo")}


def test_same_spelling_for_country_and_capital_projects_onto_either() -> None:
    # تونس is Tunisia and Tunis, عمان is Oman and (without its shadda) Amman: the translation decides
    for lang, sentence, name in (("ar", "وصل الوفد المفاوض أمس إلى تونس.", "تونس"),
                                 ("ar", "وصل الوفد المفاوض أمس إلى عمان.", "عمان")):
        ent = _place(sentence, name, lang)
        city = {"تونس": "Tunis", "عمان": "Amman"}[name]
        assert _english(ent, sentence, f"The negotiating team arrived in {city} yesterday.", lang) == city


def test_birthplace_idiom_is_not_muscat() -> None:
    sentence = "ودفن الشاعر في مسقط رأسه بعد وفاته."
    assert not [e for e in tag(sentence, "ar") if e.text.startswith("مسقط")]


def test_gazetteer_english_names_are_plain_and_usual() -> None:
    # GeoNames' scholarly marks (Herāt) and CLDR's newest forms are not what a reader or a translation writes
    for lang in ("fa", "ar"):
        lex = get_lexicon(lang)
        names = [e.en for e in lex.names.values()]
        assert not [n for n in names if any(ch in n for ch in "āīūḩ‘’")][:5]
        assert lex.lookup("ترکیه" if lang == "fa" else "تركيا").en == "Turkey"
        assert "Türkiye" in lex.lookup("ترکیه" if lang == "fa" else "تركيا").alt
