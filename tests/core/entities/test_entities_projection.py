"""Projection of source entities onto English translations (our own sentence pairs), with and without the
translation model's attention."""

from __future__ import annotations

import pytest

from reader.core.entities import project, project_sentence, tag
from reader.core.entities.projection import locate_pieces
from reader.core.types import EntitySpan


def _entity(text: str, sentence: str, typ: str) -> EntitySpan:
    start = sentence.index(text)
    return EntitySpan(typ, start, start + len(text), text)


def _english(ent: EntitySpan, translation: str) -> str | None:
    if ent.english is not None:
        assert translation[ent.en_start:ent.en_end] == ent.english
    return ent.english


def test_persian_sentence_pair() -> None:
    src = "ولادیمیر پوتین، رئیس‌جمهور روسیه، روز سه‌شنبه با کیم جونگ اون در پیونگ‌یانگ دیدار کرد."
    tgt = "Russian President Vladimir Putin met Kim Jong Un in Pyongyang on Tuesday."
    ents = tag(src, "fa")
    got = {e.text: _english(e, tgt) for e in project_sentence(ents, src, tgt, "fa")}
    assert got["ولادیمیر پوتین"] == "Vladimir Putin"
    assert got["کیم جونگ اون"] == "Kim Jong Un"
    assert got["پیونگ‌یانگ"] == "Pyongyang"
    assert got["روسیه"] == "Russian"  # the place as the translation's adjective, found through the gazetteer


def test_arabic_organisations_translated_by_meaning_come_from_the_dictionary() -> None:
    src = "وقال مجلس الأمن إن الأمم المتحدة سترسل بعثة إلى كوريا الشمالية."
    tgt = "The Security Council said the United Nations would send a mission to North Korea."
    ents = [_entity("مجلس الأمن", src, "ORGANIZATION"), _entity("الأمم المتحدة", src, "ORGANIZATION"),
            _entity("كوريا الشمالية", src, "LOCATION")]
    got = [_english(e, tgt) for e in project_sentence(ents, src, tgt, "ar")]
    assert got == ["Security Council", "United Nations", "North Korea"]


def test_glued_clitic_and_spelling_variant_still_project() -> None:
    src = "زار وزير الخارجية بيونج يانج ثم عاد إلى موسكو"
    tgt = "The foreign minister visited Pyongyang and then returned to Moscow."
    ent = _entity("بيونج يانج", src, "LOCATION")
    assert _english(project(ent, src, tgt, "ar"), tgt) == "Pyongyang"
    ent = _entity("موسكو", src, "LOCATION")
    assert _english(project(ent, src, tgt, "ar"), tgt) == "Moscow"


def test_person_by_transliteration() -> None:
    src = "وقال أرتيوم لوكين إن الحرب غيرت المنطقة"
    tgt = "Artyom Lukin said the war had changed the region"
    ent = _entity("أرتيوم لوكين", src, "PERSON")
    out = project(ent, src, tgt, "ar")
    assert _english(out, tgt) == "Artyom Lukin"
    assert out.extra["projection"] == "transliteration"


def test_unmatched_entity_keeps_english_none() -> None:
    src = "وقال أرتيوم لوكين إن الحرب غيرت المنطقة"
    ent = _entity("أرتيوم لوكين", src, "PERSON")
    assert project(ent, src, "He said the war had changed the region", "ar").english is None
    assert project(ent, src, "", "ar").english is None


def test_two_mentions_never_share_one_english_span() -> None:
    src = "بوتين قال إن بوتين"
    tgt = "Putin said"
    a = EntitySpan("PERSON", 0, 5, "بوتين")
    b = EntitySpan("PERSON", 13, 18, "بوتين")
    out = project_sentence([a, b], src, tgt, "ar")
    assert out[0].english == "Putin" and out[1].english is None


def test_locate_pieces() -> None:
    text = "The National Energy Authority said"
    spans = locate_pieces(text, ["▁The", "▁National", "▁Ener", "gy", "▁Authority", "▁said", "</s>"])
    assert [text[s:e] for s, e in spans[:6]] == ["The", "National", "Ener", "gy", "Authority", "said"]
    assert spans[6][0] == spans[6][1]  # special token: zero width


# An organisation translated by meaning whose words no hint knows (only رابطة → League is listed, and the
# translation says Guild): only attention can place it.
SRC = "قالت رابطة صيادي الأسماك إنها سترفع الأسعار"
SRC_PIECES = ["▁قالت", "▁رابطة", "▁صيادي", "▁الأسماك", "▁إنها", "▁سترفع", "▁الأسعار"]
TGT = "The Fishermen Guild said it would raise prices"
TGT_PIECES = ["▁The", "▁Fishermen", "▁Guild", "▁said", "▁it", "▁would", "▁raise", "▁prices"]
# target piece -> the source piece it mostly attends to
ALIGN = {0: 1, 1: 2, 2: 1, 3: 0, 4: 4, 5: 5, 6: 5, 7: 6}


def _attention(n_src_cols: int) -> list[list[float]]:
    rows = []
    for t in range(len(TGT_PIECES)):
        row = [0.02] * n_src_cols
        row[ALIGN[t]] = 0.9
        rows.append(row)
    return rows


def test_attention_places_an_organisation_translated_by_meaning() -> None:
    ent = _entity("رابطة صيادي الأسماك", SRC, "ORGANIZATION")
    without = project(ent, SRC, TGT, "ar")
    assert without.english is None
    # CTranslate2 gives a column for the source </s> too: extra columns are ignored
    out = project(ent, SRC, TGT, "ar", attention=_attention(len(SRC_PIECES) + 1), src_tokens=SRC_PIECES,
                  tgt_tokens=TGT_PIECES)
    assert _english(out, TGT) == "Fishermen Guild"
    assert out.extra["projection"] == "attention"


def test_attention_breaks_a_tie_between_candidates() -> None:
    src = "قال مسؤول إن روسيا ستدعم الاتفاق"
    src_pieces = ["▁قال", "▁مسؤول", "▁إن", "▁روسيا", "▁ستدعم", "▁الاتفاق"]
    tgt = "Russia's official said Russia would support the deal"
    tgt_pieces = ["▁Russia", "'s", "▁official", "▁said", "▁Russia", "▁would", "▁support", "▁the", "▁deal"]
    align = {0: 1, 1: 1, 2: 1, 3: 0, 4: 3, 5: 4, 6: 4, 7: 5, 8: 5}
    att = [[0.9 if c == align[t] else 0.02 for c in range(len(src_pieces))] for t in range(len(tgt_pieces))]
    ent = _entity("روسيا", src, "LOCATION")
    out = project(ent, src, tgt, "ar", attention=att, src_tokens=src_pieces, tgt_tokens=tgt_pieces)
    assert (out.en_start, out.en_end) == (23, 29)  # the second "Russia", the one aligned with روسيا
    # flip the alignment: now the first one wins
    att2 = [[0.9 if (c == 3 and t == 0) else 0.02 for c in range(len(src_pieces))] for t in range(len(tgt_pieces))]
    out2 = project(ent, src, tgt, "ar", attention=att2, src_tokens=src_pieces, tgt_tokens=tgt_pieces)
    assert (out2.en_start, out2.en_end) == (0, 6)


# --- Arabic ل + ال written لل ------------------------------------------------------------------------------------

def test_lam_contraction_projects_through_the_restored_name() -> None:
    src = "قال مسؤول في البعثة التابعة للأمم المتحدة إن الفريق وصل."
    tgt = "An official at the United Nations mission said the team had arrived."
    ent = next(e for e in tag(src, "ar") if e.type == "ORGANIZATION")
    assert _english(project(ent, src, tgt, "ar"), tgt) == "United Nations"
    # as read back from the library (no extra fields): the span alone is enough
    bare = EntitySpan(ent.type, ent.start, ent.end, ent.text)
    assert _english(project(bare, src, tgt, "ar"), tgt) == "United Nations"


# --- organisations translated by meaning ---------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "src", "name", "tgt", "english"), [
    ("fa", "سخنگوی سازمان قطار شهری اصفهان گفت خط دوم تا پایان سال افتتاح می‌شود.", "سازمان قطار شهری اصفهان",
     "A spokesman for the Isfahan Urban Railway Organization said the second line would open by the end of the "
     "year.", "Isfahan Urban Railway Organization"),
    ("fa", "شورای شهر شیراز بودجه سال آینده را تصویب کرد.", "شورای شهر شیراز",
     "The Shiraz City Council approved next year's budget.", "Shiraz City Council"),
    ("fa", "دانشگاه علوم پزشکی مشهد از آغاز طرح واکسیناسیون خبر داد.", "دانشگاه علوم پزشکی مشهد",
     "Mashhad University of Medical Sciences announced the start of the vaccination plan.",
     "Mashhad University of Medical Sciences"),
    ("fa", "به گزارش خبرگزاری دانشجو، جلسه به تعویق افتاد.", "خبرگزاری دانشجو",
     "According to the Student News Agency, the meeting was postponed.", "Student News Agency"),
    ("ar", "قالت وزارة الزراعة والري اليمنية إن المحصول تضرر.", "وزارة الزراعة والري اليمنية",
     "The Yemeni Ministry of Agriculture and Irrigation said the crop was damaged.",
     "Yemeni Ministry of Agriculture and Irrigation"),
    ("ar", "أعلن بنك الكويت الوطني عن ارتفاع أرباحه.", "بنك الكويت الوطني",
     "The National Bank of Kuwait announced a rise in its profits.", "National Bank of Kuwait"),
    ("ar", "وقالت هيئة الطاقة الذرية الأردنية إن المفاعل آمن.", "هيئة الطاقة الذرية الأردنية",
     "The Jordan Atomic Energy Commission said the reactor was safe.", "Jordan Atomic Energy Commission"),
    ("fa", "شرکت ملی گاز ایران صادرات را متوقف کرد.", "شرکت ملی گاز ایران",
     "Iran's national gas company halted exports.", "Iran's national gas company"),
])
def test_organisation_translated_by_meaning_found_from_word_hints(lang: str, src: str, name: str, tgt: str,
                                                                  english: str) -> None:
    ent = _entity(name, src, "ORGANIZATION")
    out = project(ent, src, tgt, lang)
    assert _english(out, tgt) == english
    assert out.extra["projection"] == "meaning"


def test_place_translated_by_meaning() -> None:
    src = "بیشترین بارش در استان اصفهان ثبت شد."
    ent = _entity("استان اصفهان", src, "LOCATION")
    tgt = "The most rainfall was recorded in Isfahan Province."
    assert _english(project(ent, src, tgt, "fa"), tgt) == "Isfahan Province"


def test_meaning_needs_two_words_of_the_name() -> None:
    src = "سخنگوی سازمان قطار شهری اصفهان گفت خط دوم تا پایان سال افتتاح می‌شود."
    ent = _entity("سازمان قطار شهری اصفهان", src, "ORGANIZATION")
    # only the city is in a capitalised run: not enough to call it the organisation
    tgt = "A spokesman said the second line in Isfahan would open by the end of the year."
    assert project(ent, src, tgt, "fa").english is None


def test_meaning_candidate_does_not_steal_a_place() -> None:
    src = "قالت وزارة الزراعة والري اليمنية إن المحصول في اليمن تضرر."
    tgt = "The Ministry of Agriculture and Irrigation said the crop in Yemen was damaged."
    org = _entity("وزارة الزراعة والري اليمنية", src, "ORGANIZATION")
    place = EntitySpan("LOCATION", src.rindex("اليمن"), src.rindex("اليمن") + 5, "اليمن")
    got = [_english(e, tgt) for e in project_sentence([org, place], src, tgt, "ar")]
    assert got == ["Ministry of Agriculture and Irrigation", "Yemen"]


@pytest.mark.parametrize(("src", "name", "tgt", "english"), [
    ("وقعت اشتباكات في الفلوجة أمس.", "الفلوجة", "Clashes broke out in Fallujah yesterday.", "Fallujah"),
    ("وصلت السفينة إلى ميناء الحديدة.", "الحديدة", "The ship reached the port of Hodeidah.", "Hodeidah"),
    ("استعادت القوات السيطرة على مصراتة.", "مصراتة", "Forces regained control of Misrata.", "Misrata"),
])
def test_city_under_another_english_spelling(src: str, name: str, tgt: str, english: str) -> None:
    # GeoNames writes Al Fallujah, Al Hudaydah, Misratah; English news drops the article and spells freely
    ent = _entity(name, src, "LOCATION")
    assert _english(project(ent, src, tgt, "ar"), tgt) == english
