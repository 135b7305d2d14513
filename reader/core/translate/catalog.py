"""Which translation models are installed, and how to find one for a language pair.

Two kinds of model live in the app's home:

- Argos packages in ``paths().models`` (argostranslate's ``ARGOS_PACKAGES_DIR``): ``metadata.json``, a CTranslate2
  model in ``model/`` and a tokenizer; id ``translate-fa_en``, key ``argos:translate-fa_en:1.9``.
- Custom CTranslate2 models in ``paths().custom_models`` (OPUS-MT converted on install, NLLB-200, a user's own), one
  folder each with the model description file ``tarjoman-model.json``::

      {"name": "nllb-200-distilled-600M", "version": "1", "from_codes": ["fa", "ar"], "to_code": "en",
       "source_prefix": {"fa": ["pes_Arab"], "ar": ["arb_Arab"]}, "eos": "</s>", "target_prefix": "eng_Latn",
       "family": "nllb", "catalog_id": "nllb-200-distilled-600M", "licence": "CC-BY-NC-4.0"}

  ``source_prefix`` (a list, or a list per source language) is put before the source pieces, ``eos`` after
  them; ``target_prefix`` is forced as the first target token and dropped from the output. A model naming
  several ``from_codes`` serves each of those languages.

One tokenizer-file rule (:data:`TOKENIZER_RULE`, :func:`find_tokenizer`) serves package validation and this
catalogue alike: ``sentencepiece.model`` (as argostranslate), else ``bpe.model`` (argostranslate's BPE packages:
Moses tokenisation + subword-nmt), else OPUS-MT's ``source.spm`` + ``target.spm``, else ``spm.model`` or NLLB's ``sentencepiece.bpe.model``; looked for
in the folder, then in ``model/``. A package's description comes from its metadata, else from its README.md.

Only metadata is read here (no ctranslate2 import): listing models is cheap enough for the UI's startup.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from reader import config
from reader.core.jsonlimits import JsonLimitError, load_file_bounded
from reader.core.translate.errors import ModelNotFound, PackageError

SUPPORTED_SOURCES = ("fa", "ar")
LANGUAGE_NAMES = {"fa": "Persian", "ar": "Arabic", "en": "English"}
CUSTOM_META = "tarjoman-model.json"
MAX_METADATA_BYTES = 64 * 1024  # real metadata.json files are < 2 kB
MAX_METADATA_DEPTH = 8
# (tokenizer kind, source file, target file), first match wins; looked for in the folder, then in model/.
TOKENIZER_RULE = (
    ("sentencepiece", "sentencepiece.model", "sentencepiece.model"),
    ("bpe", "bpe.model", "bpe.model"),
    ("sentencepiece", "source.spm", "target.spm"),
    ("sentencepiece", "spm.model", "spm.model"),
    ("sentencepiece", "sentencepiece.bpe.model", "sentencepiece.bpe.model"),  # NLLB as Hugging Face ships it
)
TOKENIZER_HELP = "sentencepiece.model, bpe.model, or source.spm and target.spm"


def find_tokenizer(exists: Callable[[str], bool], bases: tuple[str, ...] = ("", "model/")) -> tuple[str, str, str] | None:
    """The tokenizer files of a model, by :data:`TOKENIZER_RULE`: (kind, source path, target path) relative to
    the model's folder, or None. *exists* answers for a relative path (a folder on disk, or a zip's names)."""
    for base in bases:
        for kind, src, tgt in TOKENIZER_RULE:
            if exists(base + src) and exists(base + tgt):
                return kind, base + src, base + tgt
    return None


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
    source_spm: Path  # the source tokenizer file (SentencePiece model, or bpe.model)
    target_spm: Path
    target_prefix: str = ""
    description: str = ""
    tokenizer: str = "sentencepiece"  # "sentencepiece" | "bpe"
    source_prefix: tuple[str, ...] = ()  # tokens before the source pieces (NLLB: the language token)
    source_suffix: tuple[str, ...] = ()  # tokens after them (NLLB: "</s>")
    family: str = ""  # "argos" | "opus-mt" | "nllb" | "" (a user's own)
    catalog_id: str = ""  # the entry in reader.core.translate.known this model is, if any
    licence: str = ""

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


def _tokenizer_files(folder: Path) -> tuple[str, Path, Path] | None:
    found = find_tokenizer(lambda rel: (folder / rel).is_file())
    return None if found is None else (found[0], folder / found[1], folder / found[2])


def _fingerprint(model_bin: Path) -> str:
    """A short id of the weights, so a replaced custom model never reuses old cache entries."""
    h = hashlib.sha1(str(model_bin.stat().st_size).encode())
    with model_bin.open("rb") as fh:
        h.update(fh.read(65536))
        fh.seek(max(0, model_bin.stat().st_size - 65536))
        h.update(fh.read(65536))
    return h.hexdigest()[:10]


def read_metadata(path: Path) -> dict[str, Any]:
    """A metadata.json / tarjoman-model.json, bounded in size and depth; PackageError (one line) otherwise."""
    try:
        data = load_file_bounded(path, max_bytes=MAX_METADATA_BYTES, max_depth=MAX_METADATA_DEPTH, what=path.name)
    except (OSError, JsonLimitError) as exc:
        raise PackageError(f"{path}: {exc}.") from exc
    if not isinstance(data, dict):
        raise PackageError(f"{path} must hold a JSON object.")
    return data



def readme_description(folder: Path, limit: int = 300) -> str:
    """The first paragraph of the package's README.md (markdown headings and links' syntax dropped), or ""."""
    readme = folder / "README.md"
    try:
        if not readme.is_file() or readme.stat().st_size > 256 * 1024:
            return ""
        text = readme.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.strip().splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        if lines:
            para = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", " ".join(lines))
            return para[:limit].rstrip() + ("…" if len(para) > limit else "")
    return ""


def _str_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value else ()
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if isinstance(v, str | int))
    return ()


def _custom_codes(meta: dict[str, Any], from_code: str | None) -> list[str]:
    codes = [c for c in _str_list(meta.get("from_codes")) if c]
    if meta.get("from_code"):
        codes = [str(meta["from_code"]), *[c for c in codes if c != meta["from_code"]]]
    if from_code and not codes:
        codes = [from_code]
    return codes


def specs_from_dir(folder: Path | str, *, from_code: str | None = None, to_code: str | None = None) -> list[ModelSpec]:
    """Describe the model(s) in *folder*: one spec per source language it serves (an NLLB folder serves fa and ar).

    Codes given here fill in what the folder's metadata leaves out. Raises PackageError with a one-line
    reason when the folder holds no usable model.
    """
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise PackageError(f"{folder} is not a folder with a translation model.")
    ct2 = _ct2_dir(folder)
    if ct2 is None:
        raise PackageError(f"{folder} holds no CTranslate2 model (model.bin not found in it or in model/).")
    tok = _tokenizer_files(folder)
    if tok is None:
        raise PackageError(f"{folder} has no tokenizer model (expected {TOKENIZER_HELP}).")
    kind, src_tok, tgt_tok = tok
    if (folder / "metadata.json").is_file() and not (folder / CUSTOM_META).is_file():
        meta = read_metadata(folder / "metadata.json")  # bounded, before argostranslate parses it
        pkg = argos_package_module().Package(folder)
        f, t = pkg.from_code or from_code, pkg.to_code or to_code
        if not f or not t:
            raise PackageError(f"{folder}: the model's languages are unknown; give the source language (--from fa).")
        desc = str(meta.get("description") or "") or readme_description(folder)
        return [ModelSpec(
            "argos", f"{pkg.type or 'translate'}-{f}_{t}", str(pkg.package_version or "0"), str(f), str(t), folder,
            ct2, src_tok, tgt_tok, str(pkg.target_prefix or ""), desc, kind, family="argos",
            catalog_id=f"argos-{f}_{t}",
        )]
    meta = read_metadata(folder / CUSTOM_META) if (folder / CUSTOM_META).is_file() else {}
    codes = _custom_codes(meta, from_code)
    t = str(meta.get("to_code") or to_code or "en")
    if not codes:
        raise PackageError(f"{folder}: the model's languages are unknown; give the source language (--from fa).")
    model_id = str(meta.get("name") or folder.name)
    version = str(meta.get("version") or _fingerprint(ct2 / "model.bin"))
    target_prefix = _str_list(meta.get("target_prefix"))
    desc = str(meta.get("description") or "") or readme_description(folder)
    prefixes = meta.get("source_prefix")
    eos = _str_list(meta.get("eos"))
    out = []
    for f in codes:
        prefix = _str_list(prefixes.get(f)) if isinstance(prefixes, dict) else _str_list(prefixes)
        out.append(ModelSpec(
            "custom", model_id, version, f, t, folder, ct2, src_tok, tgt_tok,
            target_prefix[0] if target_prefix else "", desc, kind, prefix, eos, str(meta.get("family") or ""),
            str(meta.get("catalog_id") or ""), str(meta.get("licence") or ""),
        ))
    return out


def spec_from_dir(folder: Path | str, *, from_code: str | None = None, to_code: str | None = None) -> ModelSpec:
    """The model in *folder* for *from_code* (or its first language); see :func:`specs_from_dir`."""
    specs = specs_from_dir(folder, from_code=from_code, to_code=to_code)
    for spec in specs:
        if from_code is None or spec.from_code == from_code:
            return spec
    return specs[0]


def _specs_in(root: Path) -> list[ModelSpec]:
    out: list[ModelSpec] = []
    if not root.is_dir():
        return out
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and not folder.name.startswith("."):
            try:
                out.extend(specs_from_dir(folder))
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
        f"Install one with `tarjoman models download {from_code} {to_code}` (needs internet; "
        f"`tarjoman models catalog` lists the better ones) or `tarjoman models install FILE` (an .argosmodel, an "
        "OPUS-MT release .zip or a CTranslate2 folder)."
    )


def _rank(m: ModelSpec) -> tuple:
    """Sort key of an installed model, best first: a user's own model (registered on purpose), then the
    published score of the catalogue entry it is, then the newest version."""
    from reader.core.translate import known

    own = m.backend == "custom" and not m.catalog_id
    published = known.score(m.catalog_id, m.from_code)
    return (own, published if published is not None else -1.0, _version_key(m.version))


def best_installed(models: list[ModelSpec]) -> ModelSpec:
    return max(models, key=_rank)


def find_model(from_code: str, to_code: str = "en", *, default: str | None = None) -> ModelSpec:
    """The model to use for a pair: the user's default for the language (settings, or *default*) when it is
    installed, else the best installed one (see :func:`best_installed`)."""
    matches = [m for m in installed_models() if m.pair == (from_code, to_code)]
    if not matches:
        raise ModelNotFound(f"No {pair_label(from_code, to_code)} translation model is installed. "
                            + how_to_get(from_code, to_code))
    if default is None:
        from reader.core.translate.settings import load_default_models

        default = load_default_models().get(from_code)
    if default:
        for m in matches:
            if default in (m.key, m.model_id, m.path.name, m.catalog_id):
                return m
    return best_installed(matches)


def find_installed(ref: str) -> ModelSpec:
    """An installed model by id ("translate-fa_en"), folder name, cache key or custom name."""
    for m in installed_models():
        if ref in (m.model_id, m.path.name, m.key, str(m.path)):
            return m
    raise ModelNotFound(f"No installed model called {ref!r}; `tarjoman models list` shows the installed ones.")


def register_custom_model(source: Path | str, from_code: str | None = None, to_code: str = "en",
                          name: str | None = None, version: str | None = None,
                          description: dict[str, Any] | None = None) -> ModelSpec:
    """Copy a CTranslate2 model folder into the custom-models dir and describe it (``tarjoman-model.json``).

    A folder that already holds a ``tarjoman-model.json`` (a converted NLLB-200 model, say) keeps its
    description; *description* adds to it, *from_code* / *name* / *version* override it.
    """
    source = Path(source).expanduser()
    meta: dict[str, Any] = read_metadata(source / CUSTOM_META) if (source / CUSTOM_META).is_file() else {}
    meta.update(description or {})
    if from_code:
        meta.pop("from_codes", None)
        meta["from_code"] = from_code
    meta["to_code"] = to_code or meta.get("to_code") or "en"
    codes = _custom_codes(meta, from_code)
    if not codes:
        raise PackageError(f"{source}: the model's source language is unknown; give it (--from fa or --from ar).")
    bad = [c for c in codes if c not in SUPPORTED_SOURCES]
    if bad or meta["to_code"] != "en":
        raise PackageError(f"Tarjoman translates Persian or Arabic into English; a {'/'.join(codes)}→"
                           f"{meta['to_code']} model cannot be used.")
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", name or str(meta.get("name") or "") or source.name).strip("-.")
    name = name or f"custom-{codes[0]}_en"
    meta["name"] = name
    if version:
        meta["version"] = version
    dest = custom_models_dir() / name
    if dest.exists():
        raise PackageError(f"A custom model called {name!r} already exists; remove it first or pick another name.")
    tmp = custom_models_dir() / f".{name}.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    custom_models_dir().mkdir(parents=True, exist_ok=True)
    try:
        shutil.copytree(source, tmp, ignore=shutil.ignore_patterns(CUSTOM_META))
        (tmp / CUSTOM_META).write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
        specs_from_dir(tmp)  # validates the layout before it becomes visible
        tmp.rename(dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return spec_from_dir(dest, from_code=codes[0])
