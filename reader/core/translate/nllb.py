"""NLLB-200 from a Hugging Face model folder, converted to CTranslate2 int8 on this computer — only where
transformers and torch are installed (Tarjoman does not need them otherwise; :func:`conversion_missing` says so).

The folder is what ``huggingface-cli download facebook/nllb-200-distilled-600M`` leaves (config.json with
``model_type: m2m_100``, the weights, ``sentencepiece.bpe.model``, tokenizer files). CTranslate2's
TransformersConverter writes model.bin + vocabulary; we copy the SentencePiece model and write the
``tarjoman-model.json`` that makes the engine send ``[pes_Arab|arb_Arab] + pieces + </s>`` and force ``eng_Latn``.
Like OPUS-MT conversion it runs in a staging folder and installs nothing unless the result loads.
"""

from __future__ import annotations

import json
import shutil
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader import config
from reader.core.jobs import Cancelled, Progress, no_progress
from reader.core.translate import known
from reader.core.translate.catalog import CUSTOM_META, ModelSpec, custom_models_dir, spec_from_dir
from reader.core.translate.errors import PackageError, TranslateError

STEPS = 4


def is_hf_nllb_folder(folder: Path) -> bool:
    """A Hugging Face M2M100/NLLB checkpoint folder (not yet converted)."""
    cfg = folder / "config.json"
    if not cfg.is_file() or (folder / "model.bin").is_file() or cfg.stat().st_size > 256 * 1024:
        return False
    try:
        data = json.loads(cfg.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("model_type") == "m2m_100"


def conversion_missing() -> str | None:
    """None when transformers and torch can be imported here, else the sentence to show the user."""
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        return ("Converting NLLB-200 needs the Python packages transformers and torch, which are not installed "
                "here; convert it on a computer that has them (`ct2-transformers-converter --model "
                "facebook/nllb-200-distilled-600M --quantization int8 --output_dir nllb-600m`) and install the "
                "folder it makes with `tarjoman models install nllb-600m`.")
    return None


def _convert(src: Path, out: Path) -> None:
    from ctranslate2.converters import TransformersConverter

    class Converter(TransformersConverter):
        def load_model(self, model_class: Any, path: str, **kwargs: Any) -> Any:
            import transformers

            major_minor = tuple(int(p) for p in transformers.__version__.split(".")[:2] if p.isdigit())
            if "dtype" in kwargs and major_minor < (4, 56):  # older transformers call it torch_dtype
                kwargs["torch_dtype"] = kwargs.pop("dtype")
            return model_class.from_pretrained(path, **kwargs)

    Converter(str(src)).convert(str(out), quantization="int8", force=True)


def install_hf_nllb(folder: Path | str, *, progress: Progress | None = None, cancel: threading.Event | None = None,
                    on_stage: Callable[[str], None] | None = None) -> ModelSpec:
    """Convert a Hugging Face NLLB-200 folder and register it for Persian and Arabic."""
    from reader.core.translate.engine import check_loadable, evict

    folder = Path(folder).expanduser()
    report, stage = progress or no_progress, on_stage or (lambda text: None)
    missing = conversion_missing()
    if missing:
        raise PackageError(missing)
    if not (folder / "sentencepiece.bpe.model").is_file():
        raise PackageError(f"{folder.name} cannot be installed: it has no sentencepiece.bpe.model.")
    staging = config.paths().cache / f"convert-{uuid.uuid4().hex[:12]}"
    out = staging / "model"
    staging.mkdir(parents=True)
    try:
        stage("Converting NLLB-200 to CTranslate2 (int8); this takes several minutes for the real model")
        report(0, STEPS)
        try:
            _convert(folder, out)
        except Exception as exc:  # noqa: BLE001 - transformers/torch/ctranslate2 raise many kinds
            reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
            raise PackageError(f"{folder.name} cannot be installed: the conversion failed ({reason}).") from exc
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        report(1, STEPS)
        shutil.copyfile(folder / "sentencepiece.bpe.model", out / "sentencepiece.bpe.model")
        big = (out / "model.bin").stat().st_size > 1_000_000_000
        name = "nllb-200-distilled-1.3B" if big else "nllb-200-distilled-600M"
        meta = known.nllb_description(name, name)
        (out / CUSTOM_META).write_text(json.dumps(meta, indent=2), encoding="utf-8")
        stage("Checking that the converted model loads")
        report(2, STEPS)
        try:
            check_loadable(spec_from_dir(out))
        except TranslateError as exc:
            raise PackageError(f"{folder.name} cannot be installed: the converted model could not be loaded "
                               f"({str(exc.__cause__ or exc)[:160]}).") from exc
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        report(3, STEPS)
        dest = custom_models_dir() / name
        custom_models_dir().mkdir(parents=True, exist_ok=True)
        if dest.exists():
            evict(("fa", "en"))
            evict(("ar", "en"))
            dest.rename(staging / "previous")
        out.rename(dest)
        report(STEPS, STEPS)
        return spec_from_dir(dest, from_code="ar")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
