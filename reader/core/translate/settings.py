"""Translation settings: decoding presets (EngineSettings) and quality-flag thresholds (QualitySettings).

The presets were chosen with ``bench/bench_translate.py`` on a transformer-base-sized int8 model on 2 CPU cores
(30 seed sentences, 61 tokens each; numbers in that script's docstring): two single-threaded decoders side by
side (inter 2 x intra 1) beat one two-threaded decoder 2-2.5x in wall time; batches of ~8 sentences balance
two workers on a news article; beam 2 costs ~1.4x greedy and beam 4 ~1.4x beam 2. Default "balanced" (beam 2):
article 1.6 s, first sentence 0.4 s; "fast" (greedy) 1.3 s; "quality" (beam 4, as argostranslate) 2.3 s.
Settings persist in the app's settings.json: the top-level ``"preset"`` (shared with reader.settings) and an
optional ``"translation"`` section; unknown keys are ignored and a damaged file falls back to the defaults.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

PRESETS = ("fast", "balanced", "quality")
DEFAULT_PRESET = "balanced"


@dataclass(frozen=True)
class EngineSettings:
    """How the CTranslate2 model decodes. Thread counts of 0 mean "decide from the CPU count"."""

    preset: str = DEFAULT_PRESET
    beam_size: int = 2
    max_batch_size: int = 8  # sentences per translate_batch call (sentences are sorted by length first)
    first_batch: int = 1  # the first batch holds the first N sentences in reading order: fast first paint
    inter_threads: int = 0  # batches decoded at the same time (0: auto)
    intra_threads: int = 0  # threads per batch (0: auto)
    compute_type: str = "auto"  # CTranslate2 compute type; "auto" picks int8 on CPU for an int8 model
    device: str = "cpu"
    length_penalty: float = 0.2  # as argostranslate 1.11
    max_length_ratio: float = 3.0  # max_decoding_length = ratio * source tokens + offset (stops loops)
    max_length_offset: int = 10
    max_source_tokens: int = 150  # longer sentences are decoded in chunks (reader.core.translate.longinput)
    max_sentence_tokens: int = 2000  # decode time cap per sentence: at most this many source pieces (~1000 words)

    @classmethod
    def from_preset(cls, name: str, **overrides: Any) -> EngineSettings:
        if name not in PRESETS:
            raise ValueError(f"Unknown translation preset {name!r}; choose one of {', '.join(PRESETS)}.")
        base = {
            "fast": {"beam_size": 1, "max_batch_size": 16},
            "balanced": {"beam_size": 2, "max_batch_size": 8},
            "quality": {"beam_size": 4, "max_batch_size": 8},  # beam 4: how the published BLEU were decoded
        }[name]
        return cls(preset=name, **{**base, **overrides})

    def threads(self) -> tuple[int, int]:
        """(inter_threads, intra_threads) resolved for this machine.

        Measured on 2 cores: two batches decoded side by side with one thread each beat one batch with two
        threads 2-2.5x (at intra 2, CTranslate2's int8 decoding of batches this small keeps ~1 core busy).
        """
        cores = _usable_cores()
        inter = self.inter_threads or min(cores, 4)
        intra = self.intra_threads or max(1, min(cores // inter, 4))
        return inter, intra

    def load_key(self) -> tuple[Any, ...]:
        """The settings that need a model reload when they change."""
        return (self.device, self.compute_type, *self.threads())


@dataclass(frozen=True)
class QualitySettings:
    """Thresholds of the per-sentence quality flags (see reader.core.translate.quality for the reasoning)."""

    # English characters / source characters, per source language: (low, high).
    length_ratio: dict[str, tuple[float, float]] = field(
        default_factory=lambda: {"fa": (0.7, 2.2), "ar": (0.7, 2.4)}
    )
    default_length_ratio: tuple[float, float] = (0.6, 2.4)
    min_ratio_chars: int = 30  # shorter sources are too noisy for a ratio check
    low_score: float = -1.5  # mean log-probability per target token (e^-1.5 ≈ 22 % per token)
    untranslated_share: float = 0.3  # share of letters still in Arabic script
    repeat_copies: int = 3  # an n-gram repeated this many times in a row is a loop

    def ratio_range(self, language: str) -> tuple[float, float]:
        return self.length_ratio.get(language, self.default_length_ratio)


def _usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _settings_path() -> Path:
    from reader import config

    return config.paths().settings


def _read_all(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _pick(cls: type, data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        return {}
    names = {f.name for f in fields(cls)}
    out = {k: v for k, v in data.items() if k in names}
    if "length_ratio" in out and isinstance(out["length_ratio"], dict):
        out["length_ratio"] = {k: tuple(v) for k, v in out["length_ratio"].items()}
    if "default_length_ratio" in out:
        out["default_length_ratio"] = tuple(out["default_length_ratio"])
    return out


def load_settings(path: Path | None = None) -> tuple[EngineSettings, QualitySettings]:
    """The app's translation settings: the top-level ``"preset"`` of settings.json (what the window's
    speed/quality choice writes, see reader.settings), refined by an optional ``"translation"`` section
    (``{"engine": {...EngineSettings fields}, "quality": {...QualitySettings fields}}``); else defaults."""
    data = _read_all(path or _settings_path())
    section = data.get("translation", {})
    if not isinstance(section, dict):
        section = {}
    engine_data = _pick(EngineSettings, section.get("engine"))
    preset = data.get("preset") if data.get("preset") in PRESETS else engine_data.get("preset", DEFAULT_PRESET)
    engine_data.pop("preset", None)
    try:
        engine = EngineSettings.from_preset(preset if preset in PRESETS else DEFAULT_PRESET, **engine_data)
    except TypeError:
        engine = EngineSettings()
    try:
        quality = QualitySettings(**_pick(QualitySettings, section.get("quality")))
    except TypeError:
        quality = QualitySettings()
    return engine, quality


def save_settings(engine: EngineSettings, quality: QualitySettings | None = None, path: Path | None = None) -> None:
    """Write the "translation" section of settings.json (this module's only key), keeping every other key as it
    was; the top-level ``"preset"`` belongs to reader.settings.Settings and is set through it."""
    from reader.settings import Settings

    path = path or _settings_path()
    app_settings = Settings.load(path)
    app_settings.preset = engine.preset
    app_settings.save(path)
    data = _read_all(path)
    section: dict[str, Any] = {"engine": asdict(engine)}
    old = data.get("translation")
    if isinstance(old, dict) and isinstance(old.get("default_models"), dict):
        section["default_models"] = old["default_models"]  # the per-language model choice is not ours to drop
    if quality is not None:
        section["quality"] = asdict(quality)
    data["translation"] = section
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def with_changes(settings: EngineSettings, **changes: Any) -> EngineSettings:
    return replace(settings, **changes)


def load_default_models(path: Path | None = None) -> dict[str, str]:
    """The model the user picked per source language (``{"fa": ref, "ar": ref}``; a ref is a model id, folder name,
    cache key or catalogue id); empty when none was picked (the best installed one is used)."""
    section = _read_all(path or _settings_path()).get("translation", {})
    chosen = section.get("default_models") if isinstance(section, dict) else None
    if not isinstance(chosen, dict):
        return {}
    return {str(k): str(v) for k, v in chosen.items() if isinstance(v, str) and v}


def save_default_model(language: str, ref: str | None, path: Path | None = None) -> None:
    """Pick *ref* as the model for *language* (None: back to "the best installed one"), keeping other keys."""
    path = path or _settings_path()
    data = _read_all(path)
    section = data.get("translation") if isinstance(data.get("translation"), dict) else {}
    chosen = dict(section.get("default_models") or {}) if isinstance(section.get("default_models"), dict) else {}
    if ref:
        chosen[language] = ref
    else:
        chosen.pop(language, None)
    section["default_models"] = chosen
    data["translation"] = section
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
