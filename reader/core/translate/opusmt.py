"""OPUS-MT release zips (Tatoeba-MT-models): converted to CTranslate2 int8 on the user's machine, then registered.

A release zip is flat: ``decoder.yml`` (names the Marian ``.npz`` and vocabulary ``.yml``), the ``.npz`` (its
``special:model.yml`` holds the architecture), ``source.spm``/``target.spm``, README.md, LICENSE. CTranslate2's
``OpusMTConverter`` (numpy + pyyaml, no torch) writes model.bin + vocabulary; it does not copy the SentencePiece
models, so we do, and write ``tarjoman-model.json`` (languages, catalogue id, licence).

Everything happens in a staging folder under the cache; only a converted model that loads and translates a word
is moved into the custom-models folder, so a failed or cancelled conversion leaves nothing half-installed.
Stages are reported as ``progress(step, STEPS)`` plus ``on_stage(text)``; cancel is checked between stages and
while the converter runs (the converter cannot be interrupted: it finishes in the background and its output is
thrown away).
"""

from __future__ import annotations

import json
import re
import shutil
import threading
import uuid
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from reader import config
from reader.core.jobs import Cancelled, Progress, no_progress
from reader.core.translate import known
from reader.core.translate.catalog import CUSTOM_META, ModelSpec, custom_models_dir, spec_from_dir
from reader.core.translate.errors import PackageError, TranslateError

STEPS = 5
_LANGS = {"ar": ("ara", "arb", "arz", "apc", "acm", "ary", "ajp", "afb"), "fa": ("fas", "pes", "prs", "per")}
MAX_YAML_BYTES = 64 * 1024


def _top(names: Sequence[str]) -> str:
    """The common folder of all members ("" for a flat zip, as Tatoeba releases are)."""
    tops = {PurePosixPath(n).parts[0] for n in names if PurePosixPath(n).parts}
    if len(tops) == 1 and all("/" in n for n in names if n.rstrip("/") != next(iter(tops))):
        return next(iter(tops)) + "/"
    return ""


def looks_like_opus_release(names: Sequence[str]) -> bool:
    top = _top(names)
    rel = {n[len(top) :] for n in names}
    return ("decoder.yml" in rel and "source.spm" in rel and "target.spm" in rel
            and any(n.endswith(".npz") for n in rel))


def _bad(path: Path, reason: str) -> PackageError:
    return PackageError(f"{path.name} cannot be installed: {reason}.")


def guess_language(readme: str, name: str) -> str | None:
    """The source language of a release from its README ("source language(s): ara …") or its name (ara-eng)."""
    m = re.search(r"source language\(s\)\s*:\s*([^\n]+)", readme, re.IGNORECASE)
    candidates = m.group(1).split() if m else []
    candidates += re.split(r"[^a-z]+", name.lower())
    for word in candidates:
        for code, names in _LANGS.items():
            if word.strip("*`") in names:
                return code
    return None


def _catalog_entry(path: Path, from_code: str | None) -> known.KnownModel | None:
    stem = path.name.removesuffix(".zip")
    for entry in known.CATALOGUE:
        if entry.release and entry.release.rsplit("/", 1)[-1] == stem and (from_code is None or from_code in entry.bleu):
            return entry
    return None


def _extract(path: Path, dest: Path) -> dict[str, Path]:
    from reader.core.translate.packages import (
        MAX_MEMBERS,
        MAX_RATIO,
        MAX_UNPACKED_BYTES,
        RATIO_FROM_BYTES,
        _member_problem,
    )

    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _bad(path, f"it holds {len(infos)} files")
        for info in infos:
            problem = _member_problem(info)
            if problem:
                raise _bad(path, problem)
        if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
            raise _bad(path, "it would unpack to more than 3 GB")
        for info in infos:
            if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(1, info.compress_size):
                raise _bad(path, f"{info.filename} would unpack to {info.file_size / 1024**2:,.0f} MB from "
                                 f"{info.compress_size / 1024:,.0f} kB (a zip bomb, not model weights)")
        top = _top([i.filename for i in infos])
        bad = zf.testzip()
        if bad is not None:
            raise _bad(path, f"the archive is damaged (checksum error in {bad})")
        root = dest.resolve()
        for info in infos:
            rel = info.filename[len(top) :]
            if not rel or info.is_dir() or "/" in rel:
                continue  # a release is flat; test files in sub-folders are not needed
            with zf.open(info) as src, open(root / rel, "wb") as out:
                shutil.copyfileobj(src, out, 1024 * 1024)
    return {p.name: p for p in dest.iterdir()}


def _convert(src: Path, out: Path) -> None:
    import yaml
    from ctranslate2.converters import OpusMTConverter

    decoder = src / "decoder.yml"
    if decoder.stat().st_size > MAX_YAML_BYTES:
        raise PackageError("decoder.yml is too large")
    cfg = yaml.safe_load(decoder.read_text(encoding="utf-8"))
    if not isinstance(cfg, dict) or not cfg.get("models") or not cfg.get("vocabs"):
        raise PackageError("decoder.yml names no model and vocabulary")
    for name in [*cfg["models"][:1], *cfg["vocabs"]]:
        if not isinstance(name, str) or "/" in name or not (src / name).is_file():
            raise PackageError(f"decoder.yml names {name!r}, which is not in the release")
    OpusMTConverter(str(src)).convert(str(out), quantization="int8", force=True)


def install_opus_zip(path: Path | str, *, from_code: str | None = None, catalog_id: str | None = None,
                     progress: Progress | None = None, cancel: threading.Event | None = None,
                     on_stage: Callable[[str], None] | None = None) -> ModelSpec:
    """Convert an OPUS-MT release zip to CTranslate2 int8 and register it; returns the installed model."""
    from reader.core.translate.engine import check_loadable, evict

    path = Path(path).expanduser()
    report = progress or no_progress
    stage = on_stage or (lambda text: None)

    def step(n: int, text: str) -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        stage(text)
        report(n, STEPS)

    staging = config.paths().cache / f"convert-{uuid.uuid4().hex[:12]}"
    src, out = staging / "release", staging / "model"
    src.mkdir(parents=True)
    handed_off = False
    try:
        step(0, "Unpacking the release")
        try:
            files = _extract(path, src)
        except (zipfile.BadZipFile, OSError) as exc:
            raise _bad(path, f"the archive is damaged ({exc})") from exc
        if not all(n in files for n in ("decoder.yml", "source.spm", "target.spm")):
            raise _bad(path, "it is not an OPUS-MT release (decoder.yml, source.spm and target.spm are needed)")
        readme = files["README.md"].read_text(encoding="utf-8", errors="replace")[:200_000] if "README.md" in files else ""
        entry = known.get(catalog_id) if catalog_id else _catalog_entry(path, from_code)
        code = from_code or (next(iter(entry.bleu)) if entry else None) or guess_language(readme, path.name)
        if code not in ("fa", "ar"):
            raise _bad(path, "its source language is not Persian or Arabic (give it with --from fa or --from ar)")
        step(1, "Converting to CTranslate2 (int8); this takes a minute for a large model")
        box: dict[str, BaseException] = {}
        abandoned = threading.Event()

        def work() -> None:
            try:
                _convert(src, out)
            except BaseException as exc:  # noqa: BLE001 - reported to the waiting thread below
                box["error"] = exc
            finally:
                if abandoned.is_set():
                    shutil.rmtree(staging, ignore_errors=True)

        worker = threading.Thread(target=work, name="opus-mt-convert", daemon=True)
        worker.start()
        while worker.is_alive():
            worker.join(0.1)
            if cancel is not None and cancel.is_set() and worker.is_alive():
                abandoned.set()
                handed_off = True  # the worker removes the staging folder when the converter returns
                raise Cancelled()
        if "error" in box:
            exc = box["error"]
            reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
            raise _bad(path, f"the conversion to CTranslate2 failed ({reason})") from exc
        step(2, "Copying the SentencePiece models")
        for name in ("source.spm", "target.spm"):
            shutil.copyfile(files[name], out / name)
        name = entry.id if entry else "opus-mt-" + re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-.")
        meta: dict[str, Any] = {
            "name": name, "version": entry.version if entry else path.stem, "family": "opus-mt",
            "catalog_id": entry.id if entry else "", "from_code": code, "to_code": "en",
            "licence": entry.licence if entry else "CC-BY 4.0 (see the release's LICENSE)",
            "description": (entry.name if entry else f"OPUS-MT {path.stem}") + ", converted on this computer",
        }
        for extra in ("README.md", "LICENSE"):
            if extra in files:
                shutil.copyfile(files[extra], out / extra)
        (out / CUSTOM_META).write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
        step(3, "Checking that the converted model loads")
        try:
            check_loadable(spec_from_dir(out))
        except TranslateError as exc:
            raise _bad(path, f"the converted model could not be loaded ({str(exc.__cause__ or exc)[:160]})") from exc
        step(4, "Installing")
        dest = custom_models_dir() / name
        custom_models_dir().mkdir(parents=True, exist_ok=True)
        previous = staging / "previous"
        if dest.exists():
            evict((code, "en"))
            dest.rename(previous)
        try:
            out.rename(dest)
        except OSError:
            if previous.exists():
                previous.rename(dest)
            raise
        report(STEPS, STEPS)
        return spec_from_dir(dest)
    finally:
        if not handed_off:
            shutil.rmtree(staging, ignore_errors=True)


def download_opus(catalog_id: str, *, progress: Progress | None = None, cancel: threading.Event | None = None,
                  on_stage: Callable[[str], None] | None = None, timeout: float | None = None) -> ModelSpec:
    """Download a catalogue OPUS-MT release, convert and install it. Progress: bytes while downloading, then
    conversion steps (``on_stage`` says which phase runs)."""
    from reader.core.translate.download import CONNECT_TIMEOUT, fetch

    entry = known.get(catalog_id)
    if entry is None or entry.family != "opus-mt":
        raise PackageError(f"{catalog_id!r} is not an OPUS-MT model of the catalogue (`tarjoman models catalog`).")
    stage = on_stage or (lambda text: None)
    stage(f"Downloading {entry.name}")
    target = config.paths().cache / "downloads" / (entry.release.rsplit("/", 1)[-1] + ".zip")
    fetch([entry.url()], target, progress=progress, cancel=cancel, timeout=timeout or CONNECT_TIMEOUT)
    try:
        return install_opus_zip(target, catalog_id=entry.id, progress=progress, cancel=cancel, on_stage=stage)
    finally:
        target.unlink(missing_ok=True)
