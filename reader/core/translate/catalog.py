"""Which translation models are installed, and how to find one for a language pair.

Two kinds of model live in the app's home:

- Argos packages in ``paths().models`` (argostranslate's ``ARGOS_PACKAGES_DIR``): ``metadata.json``, a CTranslate2
  model in ``model/`` and ``sentencepiece.model``; id ``translate-fa_en``, key ``argos:translate-fa_en:1.9``.
- Custom CTranslate2 models in ``paths().custom_models``, one folder each with ``tarjoman-model.json``
  (from/to codes, name, version). Two layouts are understood: a single ``sentencepiece.model`` or OPUS-MT style
  ``source.spm`` + ``target.spm``; ``model.bin`` either in the folder itself or in ``model/``.

Only metadata is read here (no ctranslate2 import): listing models is cheap enough for the UI's startup.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from reader import config
from reader.core.translate.errors import ModelNotFound, PackageError

SUPPORTED_SOURCES = ("fa", "ar")
LANGUAGE_NAMES = {"fa": "Persian", "ar": "Arabic", "en": "English"}
CUSTOM_META = "tarjoman-model.json"
_SPM_LAYOUTS = (("sentencepiece.model", "sentencepiece.model"), ("source.spm", "target.spm"), ("spm.model", "spm.model"))


@dataclass(frozen=True)
class ModelSpec:
    """Everything needed to load one model; ``key`` names its translations in the cache."""

    backend: str  # "argos" | "custom"
    model_id: str  # "translate-fa_en" | custom folder name
    version: str
    from_code: str
    to_code: str
    path: Path  # the package / model folder
    ct2_dir: Path  # folder with model.bin
    source_spm: Path
    target_spm: Path
    target_prefix: str = ""
    description: str = ""

    @property
    def key(self) -> str:
        return f"{self.backend}:{self.model_id}:{self.version}"

    @property
    def pair(self) -> tuple[str, str]:
        return self.from_code, self.to_code

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def pair_label(from_code: str, to_code: str) -> str:
    return f"{language_name(from_code)}→{language_name(to_code)} ({from_code}→{to_code})"


def describe_key(key: str) -> str:
    """A model key (``backend:model-id:version``, or LibreTranslate's ``libretranslate:server:model:version``) as
    a reader sees it; the special keys "manual" and "cache" get words; anything else is shown as it is."""
    special = {"manual": "edited by hand", "cache": "translation cache"}
    if key in special:
        return special[key]
    parts = key.split(":")
    if len(parts) >= 4 and parts[0] == "libretranslate":
        return f"LibreTranslate {':'.join(parts[1:-2])} · {parts[-2]} {parts[-1]}".rstrip()
    if len(parts) == 3 and all(parts):
        return f"{parts[1]} {parts[2]}"
    return key


def argos_package_module() -> ModuleType:
    """argostranslate's package module, imported with its directories pointed into our home."""
    with config.argos_env():
        import argostranslate.package

    return argostranslate.package


def _ct2_dir(folder: Path) -> Path | None:
    for cand in (folder / "model", folder):
        if (cand / "model.bin").is_file():
            return cand
    return None


def _spm_files(folder: Path, ct2_dir: Path) -> tuple[Path, Path] | None:
    for base in dict.fromkeys((folder, ct2_dir)):
        for src, tgt in _SPM_LAYOUTS:
            if (base / src).is_file() and (base / tgt).is_file():
                return base / src, base / tgt
    return None


def _fingerprint(model_bin: Path) -> str:
    """A short id of the weights, so a replaced custom model never reuses old cache entries."""
    h = hashlib.sha1(str(model_bin.stat().st_size).encode())
    with model_bin.open("rb") as fh:
        h.update(fh.read(65536))
        fh.seek(max(0, model_bin.stat().st_size - 65536))
        h.update(fh.read(65536))
    return h.hexdigest()[:10]


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PackageError(f"{path} is not readable JSON ({exc}).") from exc
    if not isinstance(data, dict):
        raise PackageError(f"{path} must hold a JSON object.")
    return data


def spec_from_dir(folder: Path | str, *, from_code: str | None = None, to_code: str | None = None) -> ModelSpec:
    """Describe the model in *folder* (an installed Argos package or a custom model dir).

    Codes given here fill in what the folder's metadata leaves out. Raises PackageError with a one-line
    reason when the folder holds no usable model.
    """
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise PackageError(f"{folder} is not a folder with a translation model.")
    ct2 = _ct2_dir(folder)
    if ct2 is None:
        raise PackageError(f"{folder} holds no CTranslate2 model (model.bin not found in it or in model/).")
    spm = _spm_files(folder, ct2)
    if spm is None:
        raise PackageError(
            f"{folder} has no SentencePiece model (expected sentencepiece.model, or source.spm and target.spm)."
        )
    if (folder / "metadata.json").is_file() and not (folder / CUSTOM_META).is_file():
        _read_json(folder / "metadata.json")  # a clear error for a damaged file, before argos parses it
        pkg = argos_package_module().Package(folder)
        backend = "argos"
        f, t = pkg.from_code or from_code, pkg.to_code or to_code
        model_id = f"{pkg.type or 'translate'}-{f}_{t}"
        version = str(pkg.package_version or "0")
        prefix = str(pkg.target_prefix or "")
        desc = str(_read_json(folder / "metadata.json").get("description") or "")
    else:
        meta = _read_json(folder / CUSTOM_META) if (folder / CUSTOM_META).is_file() else {}
        backend = "custom"
        f, t = meta.get("from_code") or from_code, meta.get("to_code") or to_code or "en"
        model_id = str(meta.get("name") or folder.name)
        version = str(meta.get("version") or _fingerprint(ct2 / "model.bin"))
        prefix = str(meta.get("target_prefix") or "")
        desc = str(meta.get("description") or "")
    if not f or not t:
        raise PackageError(f"{folder}: the model's languages are unknown; give the source language (e.g. --from fa).")
    return ModelSpec(backend, model_id, version, str(f), str(t), folder, ct2, spm[0], spm[1], prefix, desc)


def _specs_in(root: Path) -> list[ModelSpec]:
    out: list[ModelSpec] = []
    if not root.is_dir():
        return out
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and not folder.name.startswith("."):
            try:
                out.append(spec_from_dir(folder))
            except PackageError:
                continue  # half-removed or foreign folder: not a model we can use
    return out


def argos_packages_dir() -> Path:
    return config.paths().models


def custom_models_dir() -> Path:
    return config.paths().custom_models


def installed_models() -> list[ModelSpec]:
    """Installed Argos packages, then registered custom models."""
    return _specs_in(argos_packages_dir()) + _specs_in(custom_models_dir())


def _version_key(version: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in re.split(r"[._-]", version))


def how_to_get(from_code: str, to_code: str = "en") -> str:
    return (
        f"Install one with `tarjoman models download {from_code} {to_code}` (needs internet) or "
        f"`tarjoman models install FILE.argosmodel` (a translate-{from_code}_{to_code} package from the Argos index)."
    )


def find_model(from_code: str, to_code: str = "en") -> ModelSpec:
    """The model to use for a pair: a custom one if the user registered one, else the newest Argos package."""
    matches = [m for m in installed_models() if m.pair == (from_code, to_code)]
    if not matches:
        raise ModelNotFound(f"No {pair_label(from_code, to_code)} translation model is installed. "
                            + how_to_get(from_code, to_code))
    custom = [m for m in matches if m.backend == "custom"]
    if custom:
        return custom[0]
    return max(matches, key=lambda m: _version_key(m.version))


def find_installed(ref: str) -> ModelSpec:
    """An installed model by id ("translate-fa_en"), folder name, cache key or custom name."""
    for m in installed_models():
        if ref in (m.model_id, m.path.name, m.key, str(m.path)):
            return m
    raise ModelNotFound(f"No installed model called {ref!r}; `tarjoman models list` shows the installed ones.")


def register_custom_model(source: Path | str, from_code: str, to_code: str = "en", name: str | None = None,
                          version: str | None = None) -> ModelSpec:
    """Copy a user's CTranslate2 + SentencePiece model folder into the custom-models dir and describe it."""
    source = Path(source).expanduser()
    spec_from_dir(source, from_code=from_code, to_code=to_code)  # validates the layout first
    if from_code not in SUPPORTED_SOURCES or to_code != "en":
        raise PackageError(f"Tarjoman translates Persian or Arabic into English; a {from_code}→{to_code} model "
                           "cannot be used.")
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", name or source.name).strip("-.") or f"custom-{from_code}_{to_code}"
    dest = custom_models_dir() / name
    if dest.exists():
        raise PackageError(f"A custom model called {name!r} already exists; remove it first or pick another name.")
    tmp = custom_models_dir() / f".{name}.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(source, tmp)
    meta = {"from_code": from_code, "to_code": to_code, "name": name}
    if version:
        meta["version"] = version
    (tmp / CUSTOM_META).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    tmp.rename(dest)
    return spec_from_dir(dest)
