"""`tarjoman search` through reader.cli.main: hits print the stored text, not the folded search key."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main


@pytest.fixture
def closed_db():
    from reader.store import close_db

    close_db()
    yield
    close_db()


def test_search_prints_the_readable_sentence_and_title(tarjoman_home: Path, closed_db, tmp_path: Path,
                                                       capsys) -> None:
    article = tmp_path / "ar.txt"
    # Arabic spellings (ي, ك, ة) that the index folds to Persian ones
    article.write_text("أخبار المدينة\n\nافتتحت المكتبة الكبيرة في المدينة يوم الأحد. وزارها كثيرون.\n",
                       encoding="utf-8")
    assert main(["import", str(article)]) == 0
    capsys.readouterr()
    assert main(["search", "مکتبه"]) == 0  # typed with Persian ک and ه: folded, it still matches
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    aid, kind, number, text = out[0].split("\t")
    assert (kind, number) == ("source", "1")
    assert text == "افتتحت المكتبة الكبيرة في المدينة يوم الأحد."  # as stored, not folded
    assert main(["search", "أخبار"]) == 0
    title = [line for line in capsys.readouterr().out.splitlines() if "\ttitle\t" in line]
    assert title == [f"{aid}\ttitle\t-\tأخبار المدينة"]
    assert main(["search", "nothing-like-this"]) == 1
