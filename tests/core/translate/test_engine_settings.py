"""EngineSettings presets and the persisted translation settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.translate.settings import (
    PRESETS,
    EngineSettings,
    QualitySettings,
    load_settings,
    save_settings,
)


def test_presets_trade_speed_for_quality() -> None:
    beams = [EngineSettings.from_preset(p).beam_size for p in PRESETS]
    assert beams == sorted(beams) and beams[0] == 1
    assert EngineSettings() == EngineSettings.from_preset("balanced")
    assert EngineSettings.from_preset("quality", max_batch_size=3).max_batch_size == 3
    with pytest.raises(ValueError, match="fast, balanced, quality"):
        EngineSettings.from_preset("turbo")


def test_threads_resolve_to_machine() -> None:
    inter, intra = EngineSettings().threads()
    assert inter >= 1 and intra >= 1
    assert EngineSettings(inter_threads=2, intra_threads=1).threads() == (2, 1)


def test_defaults_when_missing_or_damaged(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.json") == (EngineSettings(), QualitySettings())
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert load_settings(bad) == (EngineSettings(), QualitySettings())


def test_app_preset_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"font_size": 14, "preset": "fast", "translation": {
        "engine": {"max_batch_size": 5, "bogus": 1},
        "quality": {"length_ratio": {"fa": [0.5, 3.0]}, "low_score": -2.0}}}), encoding="utf-8")
    engine, quality = load_settings(path)
    assert engine.preset == "fast" and engine.beam_size == 1 and engine.max_batch_size == 5
    assert quality.ratio_range("fa") == (0.5, 3.0) and quality.low_score == -2.0
    assert quality.ratio_range("ar") == QualitySettings().default_length_ratio


def test_save_keeps_other_keys(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"font_size": 14}), encoding="utf-8")
    save_settings(EngineSettings.from_preset("quality"), QualitySettings(low_score=-1.0), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["font_size"] == 14 and data["preset"] == "quality"
    engine, quality = load_settings(path)
    assert engine.beam_size == 4 and quality.low_score == -1.0
