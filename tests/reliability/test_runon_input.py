"""Run-on input through the real command: a 500-word sentence and a 200,000-character "sentence" are translated
(in bounded chunks) and each still gives exactly one row — one source sentence, one displayed translation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from tests.support import testmodels

CLAUSE = "وزیر امور خارجه روز دوشنبه در سفر به مسکو گفت که همکاری دو کشور ادامه دارد، "


@pytest.fixture
def installed(tarjoman_home: Path) -> None:
    testmodels.install_test_model("fa")
    yield
    from reader.core.translate.engine import evict

    evict()


@pytest.mark.parametrize("kind", ["500_words", "200k_chars"])
def test_run_on_sentence_is_translated_as_one_row(installed: None, tmp_path: Path, kind: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    words = (CLAUSE * 60).split()
    body = " ".join(words[:500]) if kind == "500_words" else (CLAUSE * 3000)[:200_000]
    article = tmp_path / "runon.txt"
    article.write_text("گزارش کوتاه درباره سفر.\n\n" + body + ".\n\nپایان گزارش.\n", encoding="utf-8")
    assert main(["import", str(article)]) == 0
    capsys.readouterr()
    assert main(["translate", str(article), "--format", "json", "--preset", "fast"]) == 0
    rows = json.loads(capsys.readouterr().out)
    longest = max(rows, key=lambda r: len(r["source"]))
    assert len(longest["source"]) >= len(body) * 0.9, "the run-on text stayed one sentence"
    assert all(r["translation"] for r in rows) and len({r["index"] for r in rows}) == len(rows)
    if kind == "200k_chars":
        assert longest["translation"].endswith(" […]")  # decoded up to the per-sentence cap, and says so
    else:
        assert not longest["translation"].endswith("[…]")
