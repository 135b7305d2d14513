"""The reader's entity corrections: applied to every article at once, kept across re-tagging, used for new
imports; and the entity page that gathers one entity across the library (CLI included)."""

from __future__ import annotations

import json

import pytest

from reader.app import entities as svc
from reader.app.entity_page import entity_page, export_mentions
from reader.core.entities.corrections import CorrectionError
from reader.store.entities import entities_for_article
from tests.support.testmodels import store_article

AR_1 = ("أعلن الرئيس الروسي فلاديمير بوتين أن فيروس كورونا ما زال خطرا في موسكو.\n"
        "وقال بوتين إن الحكومة ستعمل مع منظمة الصحة العالمية.\n")
AR_2 = "حذر الأطباء في القاهرة من أن فيروس كورونا ينتشر بسرعة.\nودعت الوزارة المواطنين إلى الحذر.\n"
AR_3 = "قالت السلطات إن فيروس كورونا لم يعد يشكل خطرا كبيرا.\nوأعلنت المدارس عودة الدراسة.\n"
AR_COALITION = "التقى وفد من الائتلاف الوطني السوري بمسؤولين في إسطنبول.\nوناقش الطرفان الوضع الإنساني.\n"
FA_KIM = "کیم جونگ اون رهبر کره شمالی روز دوشنبه به مسکو سفر کرد.\nاو با پوتین دیدار کرد.\n"
AR_KIM = "وصل كيم جونغ أون إلى موسكو يوم الاثنين.\nوالتقى الزعيم الكوري الشمالي ببوتين.\n"


def _texts(article_id: int) -> list[tuple[str, str]]:
    return [(e.type, e.text) for ents in entities_for_article(article_id).values() for e in ents]


def _tagged(*raws: str, lang: str = "ar") -> list[int]:
    ids = [store_article(r, lang) for r in raws]
    for i in ids:
        svc.tag_article(i)
    return ids


def test_not_an_entity_removes_the_form_from_every_article_and_survives_retagging(library) -> None:
    ids = _tagged(AR_1, AR_2, AR_3)
    svc.correct("ar", "فيروس كورونا", "add", "ORGANIZATION")  # make sure every article has it first
    svc.retag(svc.affected_articles(svc.corrections.make("ar", "فيروس كورونا", "reject")))
    assert all(("ORGANIZATION", "فيروس كورونا") in _texts(i) for i in ids)

    c = svc.correct("ar", "فيروس كورونا", "reject")
    affected = svc.affected_articles(c)
    assert sorted(affected) == sorted(ids)
    svc.retag(affected)
    for i in ids:
        assert not any(text == "فيروس كورونا" for _t, text in _texts(i))
    assert ("PERSON", "فلاديمير بوتين") in _texts(ids[0])  # other entities untouched
    svc.tag_article(ids[0])  # a later re-tag (e.g. after a model update) applies the correction again
    assert not any(text == "فيروس كورونا" for _t, text in _texts(ids[0]))


def test_rejecting_a_name_the_tagger_found_hides_it(library) -> None:
    (article,) = _tagged(AR_1)
    assert any(text == "بوتين" for _t, text in _texts(article))  # the tagger's own finding
    svc.correct("ar", "بوتين", "reject")
    svc.tag_article(article)
    assert not any(text == "بوتين" for _t, text in _texts(article))
    assert any(text == "فلاديمير بوتين" for _t, text in _texts(article))  # a longer name is another form


def test_an_added_organisation_appears_in_a_new_import(library) -> None:
    svc.correct("ar", "الائتلاف الوطني السوري", "add", "organisation")
    (article,) = _tagged(AR_COALITION)
    assert ("ORGANIZATION", "الائتلاف الوطني السوري") in _texts(article)


def test_change_type_and_english_name(library) -> None:
    (article,) = _tagged(AR_2)
    svc.correct("ar", "القاهرة", "type", "ORG")
    svc.correct("ar", "القاهرة", "english", english="Cairo (city)")
    svc.tag_article(article)
    ents = [e for es in entities_for_article(article).values() for e in es if e.text == "القاهرة"]
    assert ents and ents[0].type == "ORGANIZATION" and ents[0].english == "Cairo (city)"


def test_bad_corrections_are_refused_with_a_sentence(library) -> None:
    with pytest.raises(CorrectionError, match="person, place or organisation"):
        svc.correct("ar", "القاهرة", "type", "ANIMAL")
    with pytest.raises(CorrectionError, match="no letters"):
        svc.correct("fa", "  ،  ", "reject")
    with pytest.raises(CorrectionError, match="Persian"):
        svc.correct("en", "Cairo", "reject")


def test_entity_page_merges_spellings_across_languages(library) -> None:
    fa, ar = _tagged(FA_KIM, lang="fa")[0], _tagged(AR_KIM)[0]
    page = entity_page("كيم جونغ أون")
    assert page is not None
    assert page.name == "Kim Jong Un" or "Kim Jong Un" in page.keys
    assert set(page.articles) == {fa, ar}
    assert {"fa", "ar"} <= set(page.spellings)
    assert page.spellings["fa"][0][0] == "کیم جونگ اون"
    left, kw, right = page.mentions[0].context()
    assert kw in ("کیم جونگ اون", "كيم جونغ أون")
    assert any(name in ("Moscow", "Vladimir Putin") for _key, name, _t, _n in page.related)
    assert entity_page("نامی که نیست") is None


def test_entity_mentions_export_as_csv_and_pdf(library, tmp_path) -> None:
    _tagged(FA_KIM, lang="fa")
    _tagged(AR_KIM)
    page = entity_page("Kim Jong Un")
    assert page is not None
    csv_path = tmp_path / "kim.csv"
    assert export_mentions(page, str(csv_path)) == len(page.mentions)
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("date,article_id") and len(lines) == len(page.mentions) + 1
    pdf_path = tmp_path / "kim.pdf"
    assert export_mentions(page, str(pdf_path)) == len(page.mentions)
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(str(pdf_path)).pages)
    assert "Kim Jong Un" in text


def test_cli_correct_show_and_list(library, capsys) -> None:
    from reader.cli import main

    ids = _tagged(AR_1, AR_2)
    assert main(["entities", "correct", "فيروس كورونا", "--lang", "ar", "--not-entity"]) == 0
    out = capsys.readouterr().out
    assert "re-tagged 2 articles" in out
    assert all(not any(t == "فيروس كورونا" for _ty, t in _texts(i)) for i in ids)
    assert main(["entities", "corrections", "--format", "json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert items == [{"language": "ar", "key": items[0]["key"], "text": "فيروس كورونا", "action": "reject",
                      "type": "", "english": ""}]
    assert main(["entities", "show", "بوتين", "--format", "json"]) == 0
    page = json.loads(capsys.readouterr().out)
    assert page["name"] == "Vladimir Putin" and page["articles"] == [ids[0]]
    assert main(["entities", "show", "لا أحد"]) == 1
    assert "no article in the library mentions" in capsys.readouterr().err


def test_corrections_travel_with_the_annotations_file(library, tmp_path) -> None:
    from reader.store import close_db, init_db
    from reader.store.annotations_io import export_annotations, import_annotations
    from reader.store.entities import corrections

    svc.correct("ar", "فيروس كورونا", "reject")
    svc.correct("fa", "ستاد ملی کرونا", "add", "ORG")
    data = json.loads(json.dumps(export_annotations()))
    close_db()
    init_db(tmp_path / "other.sqlite3")
    report = import_annotations(data)
    assert report.corrections == 2
    assert {(c["language"], c["text"], c["action"]) for c in corrections()} == {
        ("ar", "فيروس كورونا", "reject"), ("fa", "ستاد ملی کرونا", "add")}
    (article,) = _tagged("ستاد ملی کرونا امروز نشست خبری برگزار کرد.\n", lang="fa")
    assert ("ORGANIZATION", "ستاد ملی کرونا") in _texts(article)


def test_entity_page_shows_the_newest_mentions_but_counts_and_exports_all(library, tmp_path) -> None:
    _tagged(FA_KIM, lang="fa")
    _tagged(AR_KIM)
    page = entity_page("Kim Jong Un", limit=1)
    assert page is not None and len(page.mentions) == 1 and page.total_mentions == 2
    assert len(page.articles) == 2
    assert export_mentions(page, str(tmp_path / "all.csv")) == 2
