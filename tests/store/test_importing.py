"""Importing into the library: files and pasted text, all-or-nothing saves."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.app.importing import import_file, import_text
from reader.core.importers import DocumentError
from reader.core.text.langid import LanguageError
from reader.store import repo
from reader.store.models import Article, Sentence

AR = "ارتفاع أسعار الخبز\n\nارتفعت أسعار الخبز في المدينة هذا الأسبوع. وقال الخبازون إن كلفة الطحين زادت.\n"


def _counts() -> tuple[int, int]:
    return Article.select().count(), Sentence.select().count()


def test_import_text(library) -> None:
    article = import_text(AR)
    assert article.language == "ar"
    assert article.title == "ارتفاع أسعار الخبز"
    assert article.source == "paste"
    sents = repo.sentences(article)
    assert [s.text for s in sents] == [
        "ارتفعت أسعار الخبز في المدينة هذا الأسبوع.",
        "وقال الخبازون إن كلفة الطحين زادت.",
    ]
    stored = repo.get_article(article.id)
    for s in sents:
        assert stored.text[s.start : s.end] == s.text
    assert stored.raw_text == AR
    assert repo.search("الطحين")


def test_import_windows_1256_file(library, tmp_path: Path) -> None:
    p = tmp_path / "bread.txt"
    p.write_bytes(AR.encode("windows-1256"))
    article = import_file(p)
    assert article.meta["encoding"] == "windows-1256"
    assert article.sentences.count() == 2


def test_import_seeds(library, seeds: list[Path]) -> None:
    for f in seeds:
        article = import_file(f)
        assert article.sentences.count() > 5
        assert article.source == str(f)
    assert Article.select().count() == len(seeds)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", DocumentError),
        (b"\x00\x01\x02\x03" * 50, DocumentError),
        (b"English only text here.\n", DocumentError),
        (
            "\u0627\u0634\u062a\u0631\u0627\u06a9 \u06af\u0630\u0627\u0631\u06cc\n".encode(),
            ValueError,
        ),  # chrome only
    ],
)
def test_bad_files_leave_nothing(library, tmp_path: Path, content: bytes, error: type) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(error):
        import_file(p)
    assert _counts() == (0, 0)


def test_bad_paste(library) -> None:
    with pytest.raises(DocumentError):
        import_text("   ")
    with pytest.raises(LanguageError):
        import_text("یہ ایک اچھی کتاب ہے اور میں اسے روزانہ پڑھتا ہوں۔")
    assert _counts() == (0, 0)


def test_failure_midway_rolls_back(library, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_insert(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Sentence, "insert_many", broken_insert)
    with pytest.raises(RuntimeError):
        import_text(AR)
    assert _counts() == (0, 0)
