"""Offline machine translation: Argos packages / custom CTranslate2 models, batched streaming, cache, flags.

Modules (ctranslate2 and the tokenizers are imported only when a model loads or converts):

- ``catalog``: installed models (Argos packages, custom model folders with ``tarjoman-model.json``), the one
  tokenizer-file rule, ``find_model(from, to)`` (the user's pick per language, else the best installed).
- ``known``: the model catalogue (published FLORES-200 BLEU, size, licence, speed class); ``models_view`` joins
  it with what is installed for the Models dialog and ``models catalog``.
- ``packages``: validate (hostile-package limits) / install / remove ``.argosmodel`` packages.
- ``download``: http(s)-only downloads with retries, Range resume and size checks; the Argos index.
- ``opusmt``: OPUS-MT release zips converted to CTranslate2 int8 on install; ``nllb``: Hugging Face NLLB-200
  folders converted where transformers + torch are installed.
- ``installer``: install-from-path (sniffs what it was given) and download-by-catalogue-id, for CLI and GUI.
- ``engine``: the CTranslate2 engine (tokenizers from ``tokenizers``: SentencePiece or argostranslate's BPE;
  run-on sentences in chunks via ``longinput``; n-best ``alternatives``) and the warm per-pair registry.
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
