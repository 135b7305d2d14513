"""What the Models dialog and `tarjoman models catalog` show: catalogue entries joined with what is installed.

Per source language, one row per catalogue entry serving it (best published score first), then any installed model
the catalogue does not know (a user's own). Each row says: name, published BLEU, size, licence (with the
non-commercial note), speed class, installed / update / not installed, and whether it is the one used for the
language (the user's pick, else the best installed one).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.core.translate import known
from reader.core.translate.catalog import (
    CUSTOM_META,
    SUPPORTED_SOURCES,
    ModelSpec,
    _version_key,
    find_model,
    installed_models,
    language_name,
)
from reader.core.translate.errors import ModelNotFound


@dataclass(frozen=True)
class CatalogueRow:
    language: str  # "fa" | "ar"
    id: str  # catalogue id, or the installed model's folder name for a user's own model
    name: str
    family: str
    bleu: float | None
    size_mb: int
    licence: str
    licence_note: str  # "" unless the user must read it before downloading (NC)
    speed: str
    installed: ModelSpec | None
    update: str  # newer version available ("" when none known)
    is_default: bool
    how: str  # "download" | "folder" | "installed"
    note: str = ""

    @property
    def bleu_text(self) -> str:
        return f"{self.bleu:.1f}" if self.bleu is not None else "–"

    @property
    def size_text(self) -> str:
        return f"{self.size_mb / 1000:.1f} GB" if self.size_mb >= 1000 else f"{self.size_mb} MB"

    @property
    def state(self) -> str:
        if self.installed is None:
            return "not installed" + (" (install a converted folder)" if self.how == "folder" else "")
        text = f"installed, version {self.installed.version}"
        if self.update:
            text += f" (update available: {self.update})"
        return text + (" — used for " + language_name(self.language) if self.is_default else "")


def _match(entry: known.KnownModel, code: str, models: list[ModelSpec]) -> ModelSpec | None:
    found = [m for m in models if m.from_code == code and m.catalog_id == entry.id]
    return max(found, key=lambda m: _version_key(m.version)) if found else None


def catalogue_rows(updates: dict[tuple[str, str], str] | None = None) -> dict[str, list[CatalogueRow]]:
    """Rows per language label ("Persian (fa)"); *updates* maps (from, to) → newest Argos index version."""
    models = installed_models()
    out: dict[str, list[CatalogueRow]] = {}
    for code in SUPPORTED_SOURCES:
        try:
            used: ModelSpec | None = find_model(code, "en")
        except ModelNotFound:
            used = None
        rows: list[CatalogueRow] = []
        seen: set[str] = set()
        for entry in known.for_language(code):
            spec = _match(entry, code, models)
            update = ""
            if spec is not None and entry.family == "argos" and updates and (code, "en") in updates:
                newest = updates[(code, "en")]
                update = newest if _version_key(newest) > _version_key(spec.version) else ""
            if spec is not None:
                seen.add(str(spec.path))
            rows.append(CatalogueRow(code, entry.id, entry.name, entry.family, entry.bleu.get(code), entry.size_mb,
                                     entry.licence, entry.licence_note, entry.speed, spec, update,
                                     spec is not None and spec == used, entry.installable, entry.note))
        for m in models:
            if m.from_code == code and str(m.path) not in seen:
                rows.append(CatalogueRow(code, m.path.name, m.description or m.model_id, m.family or "custom",
                                         known.score(m.catalog_id, code), m.size_bytes() // 1_000_000,
                                         m.licence or "see the model's files", "", "–", m, "", m == used,
                                         "installed"))
        out[f"{language_name(code)} ({code})"] = rows
    return out


def folder_instructions(entry: known.KnownModel) -> str:
    """How to get a model the app cannot download and convert by itself (NLLB-200)."""
    hf = {"nllb-200-distilled-600M": "facebook/nllb-200-distilled-600M",
          "nllb-200-distilled-1.3B": "facebook/nllb-200-distilled-1.3B"}.get(entry.id, entry.id)
    from reader.core.translate.nllb import conversion_missing

    here = ("transformers and torch are installed here, so `tarjoman models install FOLDER` converts a downloaded "
            f"Hugging Face folder of {hf} itself. Or: " if conversion_missing() is None else "")
    return (f"{entry.name} is not downloaded by Tarjoman: converting it needs transformers and torch. "
            f"{entry.licence_note} {here}On a computer with them run `ct2-transformers-converter --model {hf} "
            f"--quantization int8 --output_dir {entry.id}`, then `tarjoman models install {entry.id}` "
            "(the folder gets its tarjoman-model.json on install).")


def folder_description(folder: Path) -> dict[str, object] | None:
    """A ``tarjoman-model.json`` for a bare converted NLLB-200 folder (its vocabulary holds ``arb_Arab``,
    ``pes_Arab`` and ``eng_Latn``), so `models install FOLDER` needs no hand-written description; else None."""
    if (folder / CUSTOM_META).is_file():
        return None
    for name in ("shared_vocabulary.json", "shared_vocabulary.txt", "target_vocabulary.json"):
        path = folder / name
        if path.is_file() and path.stat().st_size < 64 * 1024**2:
            text = path.read_text(encoding="utf-8", errors="replace")
            if all(f'"{t}"' in text or f"\n{t}\n" in text for t in ("arb_Arab", "pes_Arab", "eng_Latn")):
                big = (folder / "model.bin").is_file() and (folder / "model.bin").stat().st_size > 1_000_000_000
                entry = "nllb-200-distilled-1.3B" if big else "nllb-200-distilled-600M"
                return known.nllb_description(folder.name, entry)
    return None
