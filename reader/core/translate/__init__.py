"""Offline machine translation: Argos packages / custom CTranslate2 models, batched streaming, cache, flags.

Modules (ctranslate2 and sentencepiece are imported only inside ``engine``, when a model loads):

- ``catalog``: installed models (Argos packages, custom model folders), ``find_model(from, to)``.
- ``packages``: validate / install / download / remove ``.argosmodel`` packages.
- ``engine``: the CTranslate2 + SentencePiece engine and the warm per-pair registry (``get_engine``).
- ``cache``: the persistent translation cache and the shipped read-only cache.
- ``quality``: per-sentence quality flags.
- ``job``: ``translate_sentences`` (the streaming job, with an optional per-sentence post-edit: the glossary)
  and ``translate_headline`` (the title as its own unit, first).
- ``align``: the model's attention alignment of a given translation (used by the glossary), on a loaded engine.
- ``settings``: ``EngineSettings`` presets and ``QualitySettings``.
"""

from reader.core.translate.errors import (
    ModelLoadError,
    ModelNotFound,
    OfflineError,
    PackageError,
    TranslateError,
)
from reader.core.translate.settings import PRESETS, EngineSettings, QualitySettings

__all__ = [
    "PRESETS",
    "EngineSettings",
    "ModelLoadError",
    "ModelNotFound",
    "OfflineError",
    "PackageError",
    "QualitySettings",
    "TranslateError",
]
