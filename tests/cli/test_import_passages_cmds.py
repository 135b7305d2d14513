"""`tarjoman import --passages` (an English page quoting Arabic), import warnings, and `set-language`."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main

ENGLISH_PAGE = """<html><head><meta charset="utf-8"><title>Talks in Cairo</title></head><body><article>
<h1>Talks in Cairo end with a joint statement</h1>
<p>Officials in Cairo said on Tuesday that the talks had been fruitful and that both sides would meet again.</p>
<p>The minister told reporters: «قال الوزير إن المحادثات كانت مثمرة للغاية» before leaving for the airport.</p>
<p>The statement, issued in Arabic, read in part:</p>
<p>وأضاف البيان أن الجانبين اتفقا على مواصلة الحوار في الأسابيع المقبلة.</p>
<p>Analysts expect a further round of negotiations next month in Geneva, according to diplomats.</p>
<p>Markets reacted calmly to the news, with the pound steady against the dollar in early trading.</p>
</article></body></html>"""


@pytest.fixture
def closed_db():
    from reader.store import close_db

    close_db()
    yield
    close_db()


def test_english_page_is_refused_with_a_pointer_to_passages(
    tarjoman_home: Path, closed_db, tmp_path: Path, capsys
) -> None:
    page = tmp_path / "english.html"
    page.write_text(ENGLISH_PAGE, encoding="utf-8")
    assert main(["import", str(page)]) == 1
    assert "--passages" in capsys.readouterr().err


def test_import_passages_keeps_only_the_arabic_passages(
    tarjoman_home: Path, closed_db, tmp_path: Path, capsys
) -> None:
    page = tmp_path / "english.html"
    page.write_text(ENGLISH_PAGE, encoding="utf-8")
    assert main(["import", "--passages", str(page)]) == 0
    out = capsys.readouterr().out
    assert "\tar\t2 sentences\t" in out
    from reader.store import repo

    article = repo.list_articles()[0]
    assert [s.text for s in repo.sentences(article)] == [
        "«قال الوزير إن المحادثات كانت مثمرة للغاية»",
        "وأضاف البيان أن الجانبين اتفقا على مواصلة الحوار في الأسابيع المقبلة.",
    ]
    assert article.meta["passages_only"] is True


def test_import_warns_about_replaced_bytes(tarjoman_home: Path, closed_db, tmp_path: Path, capsys) -> None:
    data = "خبر کوتاه درباره بازار. قیمت‌ها بالا رفت و خریداران کمتر شدند. ".encode() * 10
    cut = data.index(b" ", 50)
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:cut] + b"\xfe" + data[cut:])
    assert main(["import", str(path)]) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "invalid UTF-8" in err


def test_set_language_reprocesses_an_article(tarjoman_home: Path, closed_db, tmp_path: Path, capsys) -> None:
    path = tmp_path / "old.txt"
    path.write_text(
        "قيمت طلا امروز در بازار تهران افزايش يافت. فروشندگان مي گويند تقاضا بيشتر شده است.\n",
        encoding="utf-8",
    )
    assert main(["import", "--lang", "ar", str(path)]) == 0
    article_id = capsys.readouterr().out.split("\t")[0]
    assert main(["set-language", article_id, "fa"]) == 0
    assert f"{article_id}\tfa\t2 sentences" in capsys.readouterr().out
    assert main(["set-language", "999", "fa"]) == 1
