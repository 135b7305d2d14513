"""The model catalogue: published scores rank installed models, the user's pick per language wins, one tokenizer
rule for validation and listing, and `tarjoman models catalog` / `models default` print what the user needs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.translate import known
from reader.core.translate.catalog import TOKENIZER_RULE, find_model, find_tokenizer, register_custom_model
from reader.core.translate.models_view import catalogue_rows, folder_description
from reader.core.translate.settings import load_default_models, save_default_model
from tests.support import testmodels


def test_catalogue_holds_the_published_scores_and_licences() -> None:
    assert known.score("opus-mt-tc-big-ar-en", "ar") == 42.8 and known.score("argos-fa_en", "fa") == 27.4
    assert [m.id for m in known.for_language("ar")][:2] == ["opus-mt-tc-big-ar-en", "nllb-200-distilled-1.3B"]
    nllb = known.get("nllb-200-distilled-600M")
    assert nllb is not None and nllb.non_commercial and "non-commercial" in nllb.licence_note
    assert known.get("opus-mt-ar-en-base").licence_note == ""  # type: ignore[union-attr]
    assert known.get("opus-mt-ar-en-base").url().endswith("/ara-eng/opus+bt-2021-04-30.zip")  # type: ignore[union-attr]


def test_one_tokenizer_rule_for_zip_names_and_folders() -> None:
    assert find_tokenizer({"model/x", "bpe.model"}.__contains__) == ("bpe", "bpe.model", "bpe.model")
    assert find_tokenizer({"sentencepiece.model", "bpe.model"}.__contains__)[0] == "sentencepiece"  # as argos
    assert find_tokenizer({"model/source.spm", "model/target.spm"}.__contains__) == (
        "sentencepiece", "model/source.spm", "model/target.spm")
    assert find_tokenizer({"source.spm"}.__contains__) is None
    assert TOKENIZER_RULE[0][1] == "sentencepiece.model"


def test_best_installed_model_is_used_until_the_user_picks_one(tarjoman_home: Path, tmp_path: Path,
                                                               ar_package: Path) -> None:
    from reader.core.translate.opusmt import install_opus_zip
    from reader.core.translate.packages import install_package

    argos = install_package(ar_package)
    assert find_model("ar") == argos
    opus = install_opus_zip(testmodels.build_opus_release_zip(tmp_path, "ar"))
    assert find_model("ar") == opus, "OPUS-MT base (36.3) beats Argos (29.5) out of the box"
    nllb = register_custom_model(testmodels.build_nllb_dir(tmp_path), name="nllb-200-distilled-600M")
    assert find_model("ar").catalog_id == "nllb-200-distilled-600M"  # 37.4 > 36.3
    assert find_model("fa").catalog_id == "nllb-200-distilled-600M" and nllb.family == "nllb"
    save_default_model("ar", argos.model_id)
    assert find_model("ar") == argos and load_default_models() == {"ar": "translate-ar_en"}
    save_default_model("ar", None)
    assert find_model("ar").catalog_id == "nllb-200-distilled-600M"
    rows = catalogue_rows()
    arabic = {r.id: r for r in rows["Arabic (ar)"]}
    assert arabic["nllb-200-distilled-600M"].is_default and arabic["argos-ar_en"].installed == argos
    assert not arabic["opus-mt-tc-big-ar-en"].installed and arabic["opus-mt-tc-big-ar-en"].how == "download"
    assert "used for Arabic" in arabic["nllb-200-distilled-600M"].state


def test_save_settings_keeps_the_default_models(tarjoman_home: Path) -> None:
    from reader.core.translate.settings import EngineSettings, save_settings

    save_default_model("fa", "translate-fa_en")
    save_settings(EngineSettings.from_preset("quality"))
    assert load_default_models() == {"fa": "translate-fa_en"}
    assert EngineSettings.from_preset("quality").beam_size == 4


def test_bare_nllb_folder_is_recognised_by_its_language_tokens(tmp_path: Path) -> None:
    folder = testmodels.build_nllb_dir(tmp_path, name="converted")
    (folder / "tarjoman-model.json").unlink()
    meta = folder_description(folder)
    assert meta is not None and meta["source_prefix"] == {"fa": ["pes_Arab"], "ar": ["arb_Arab"]}
    assert meta["eos"] == "</s>" and meta["target_prefix"] == "eng_Latn"
    assert folder_description(testmodels.build_custom_model_dir(tmp_path)) is None


def test_cli_catalog_prints_score_size_licence_and_state(tarjoman_home: Path, fa_package: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    assert main(["models", "install", str(fa_package)]) == 0
    assert "(found: an Argos package)" in capsys.readouterr().out
    assert main(["models", "catalog"]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if "translate-fa_en" in ln)
    assert "BLEU 27.4" in line and "100 MB" in line and "installed, version 0.1" in line and line.startswith(" *")
    nllb = next(ln for ln in out.splitlines() if "NLLB-200 distilled 600M" in ln and "29.4" in ln)
    assert "CC-BY-NC 4.0" in nllb and "not installed" in nllb
    assert "OPUS-MT ara-eng transformer-big" in out and "42.8" in out


def test_cli_default_and_nllb_download_explains_conversion(tarjoman_home: Path, fa_package: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    main(["models", "install", str(fa_package)])
    assert main(["models", "default", "fa", "translate-fa_en"]) == 0
    assert "picked translate-fa_en" in capsys.readouterr().out
    assert main(["models", "default", "fa", "nope"]) != 0
    assert main(["models", "download", "nllb-200-distilled-600M"]) != 0
    err = capsys.readouterr().err
    assert "non-commercial" in err and "ct2-transformers-converter" in err and "transformers and torch" in err
    settings = json.loads((tarjoman_home / "settings.json").read_text()) if (tarjoman_home / "settings.json").exists() \
        else {}
    assert settings.get("translation", {}).get("default_models", {}).get("fa") == "translate-fa_en" or \
        load_default_models() == {"fa": "translate-fa_en"}
