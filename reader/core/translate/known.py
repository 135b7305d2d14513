"""The model catalogue: every offline model Tarjoman knows for Persian/Arabic → English, with published scores.

Scores are FLORES-200 devtest BLEU as published (Argos: its packages' evaluations; OPUS-MT: the OPUS-MT leaderboard,
``scores/ara-eng/flores200-devtest``; NLLB-200: the NLLB paper's metrics). They rank the installed models when the
user has not picked a default for a language (see ``catalog.find_model``). Sizes are of the int8 CTranslate2 model.

How each family is installed:

- ``argos``: a package from the Argos index (``download.download_package``) or an ``.argosmodel`` file;
- ``opus-mt``: the Tatoeba-MT release zip (``<base>/<lang-pair>/<release>.zip``), converted on the user's machine
  by ``opusmt.install_opus_zip`` (CTranslate2's OpusMTConverter: numpy + pyyaml, no torch);
- ``nllb``: conversion needs transformers + torch (``ct2-transformers-converter``); where they are missing the user
  installs a pre-converted CTranslate2 folder with ``tarjoman models install FOLDER`` (see README).

Speed classes are relative decode cost on a CPU (transformer-base = fast, big = medium, 600M+ = slow), measured in
bench/bench_translate.py on synthetic models of the same shapes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

OPUS_MT_BASE = "https://object.pouta.csc.fi/Tatoeba-MT-models"
NC_WARNING = ("Licence CC-BY-NC 4.0: non-commercial use only. You may not use this model's translations for "
              "commercial purposes.")


@dataclass(frozen=True)
class KnownModel:
    """One catalogue entry. ``bleu`` maps a source language to its published FLORES-200 devtest BLEU into English."""

    id: str
    name: str
    family: str  # "argos" | "opus-mt" | "nllb"
    bleu: dict[str, float]
    size_mb: int
    licence: str
    speed: str  # "fast" | "medium" | "slow"
    version: str = ""
    release: str = ""  # opus-mt: "<lang-pair>/<release>" under OPUS_MT_BASE
    note: str = ""
    sources: tuple[str, ...] = field(default_factory=tuple)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.bleu) or self.sources

    @property
    def non_commercial(self) -> bool:
        return "NC" in self.licence.upper()

    @property
    def licence_note(self) -> str:
        """What the user must read before downloading ("" when the licence allows any use)."""
        return NC_WARNING if self.non_commercial else ""

    def url(self) -> str:
        """The download link of an OPUS-MT release (``TARJOMAN_OPUS_MT_BASE`` replaces the server, for mirrors)."""
        base = os.environ.get("TARJOMAN_OPUS_MT_BASE") or OPUS_MT_BASE
        return f"{base.rstrip('/')}/{self.release}.zip" if self.release else ""

    @property
    def installable(self) -> str:
        """How the app can get it: "download" (by itself), or "folder" (the user brings a converted folder)."""
        return "folder" if self.family == "nllb" else "download"


CATALOGUE: tuple[KnownModel, ...] = (
    KnownModel("argos-ar_en", "Argos translate-ar_en", "argos", {"ar": 29.5}, 100, "per package README (MIT/CC)",
               "fast", version="1.0"),
    KnownModel("argos-fa_en", "Argos translate-fa_en", "argos", {"fa": 27.4}, 100, "per package README (MIT/CC)",
               "fast", version="1.5"),
    KnownModel("opus-mt-tc-big-ar-en", "OPUS-MT ara-eng transformer-big (opus-mt-tc-big-ar-en)", "opus-mt",
               {"ar": 42.8}, 240, "CC-BY 4.0", "medium", version="2022-03-09",
               release="ara-eng/opusTCv20210807+bt_transformer-big_2022-03-09"),
    KnownModel("opus-mt-ar-en-base", "OPUS-MT ara-eng opus+bt (base)", "opus-mt", {"ar": 36.3}, 80, "CC-BY 4.0",
               "fast", version="2021-04-30", release="ara-eng/opus+bt-2021-04-30"),
    KnownModel("nllb-200-distilled-600M", "NLLB-200 distilled 600M", "nllb", {"ar": 37.4, "fa": 29.4}, 620,
               "CC-BY-NC 4.0", "slow", version="1",
               note="fa→en 29.4–33.3 depending on the Persian variety (pes_Arab); needs a converted CTranslate2 folder"),
    KnownModel("nllb-200-distilled-1.3B", "NLLB-200 distilled 1.3B", "nllb", {"ar": 40.2}, 1400, "CC-BY-NC 4.0",
               "slow", version="1", note="needs a converted CTranslate2 folder", sources=("ar", "fa")),
)
NLLB_CODES = {"ar": "arb_Arab", "fa": "pes_Arab", "en": "eng_Latn"}


def get(model_id: str) -> KnownModel | None:
    return next((m for m in CATALOGUE if m.id == model_id), None)


def for_language(code: str) -> list[KnownModel]:
    """Entries that translate *code* → English, best published score first (unscored last)."""
    found = [m for m in CATALOGUE if code in m.bleu or code in m.sources]
    return sorted(found, key=lambda m: -m.bleu.get(code, -1.0))


def score(catalog_id: str, code: str) -> float | None:
    entry = get(catalog_id)
    return entry.bleu.get(code) if entry else None


def nllb_description(name: str, catalog_id: str, languages: tuple[str, ...] = ("fa", "ar")) -> dict[str, object]:
    """The ``tarjoman-model.json`` of a converted NLLB-200 model serving *languages* → English."""
    return {
        "name": name, "version": "1", "family": "nllb", "catalog_id": catalog_id, "licence": "CC-BY-NC-4.0",
        "from_codes": list(languages), "to_code": "en",
        "source_prefix": {code: [NLLB_CODES[code]] for code in languages}, "eos": "</s>",
        "target_prefix": NLLB_CODES["en"],
        "description": f"{name} (Meta, CC-BY-NC 4.0: non-commercial use only)",
    }
