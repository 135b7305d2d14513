"""The shared test-model builders (tests/support/testmodels.py) produce what they promise."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.support import testmodels


def test_package_layout_and_metadata(fa_package: Path) -> None:
    with zipfile.ZipFile(fa_package) as zf:
        names = set(zf.namelist())
        meta = json.loads(zf.read("translate-fa_en-0_1/metadata.json"))
    top = "translate-fa_en-0_1/"
    assert {top + n for n in ("metadata.json", "sentencepiece.model", "model/model.bin", "model/config.json",
                              "model/shared_vocabulary.json")} <= names
    assert (meta["from_code"], meta["to_code"], meta["type"]) == ("fa", "en", "translate")


def test_builds_are_deterministic_and_cached(tmp_path: Path, fa_package: Path, ar_package: Path) -> None:
    again = testmodels.build_argos_package(tmp_path, "fa", "en")
    assert again.read_bytes() == fa_package.read_bytes()
    with zipfile.ZipFile(fa_package) as a, zipfile.ZipFile(ar_package) as b:
        assert a.read("translate-fa_en-0_1/model/model.bin") != b.read("translate-ar_en-0_1/model/model.bin")


def test_corpus_is_parallel_and_varied() -> None:
    corpus = testmodels.parallel_corpus(100)
    assert len({en for en, _, _ in corpus}) > 80
    assert all(en.isascii() and not fa.isascii() and not ar.isascii() for en, fa, ar in corpus)
    assert len(testmodels.sample_sentences("ar", 7)) == 7


def test_processed_text_splits_sentences() -> None:
    p = testmodels.processed_text("خبر امروز\n\nرئیس‌جمهور بودجه را تصویب کرد. مجلس طرح را رد کرد؟\n"
                                  "دولت گزارش را منتشر کرد.")
    assert len(p.sentences) == 3 and p.language == "fa"
    assert all(p.text[s.start : s.end] == s.text for s in p.sentences)
