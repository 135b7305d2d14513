"""CRF models: where they live, loading them once (python-crfsuite, imported lazily) and tagging with them.

The shipped models are ``resources/ner/{fa,ar}.crfsuite`` with a ``.json`` card beside each (training data,
parameters, scores). A model the user trains (``python -m tools.ner.train --out …``) can be put in
``$TARJOMAN_HOME/ner/`` and then takes precedence over the shipped one.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from reader.core.entities import lexicon as lexicon_mod
from reader.core.entities.lexicon import Lexicon

LANGS = ("fa", "ar")


class ModelMissing(Exception):
    """No NER model for a language (one human line)."""


def user_dir() -> Path:
    from reader import config

    return config.home_dir() / "ner"


def model_dir(lang: str) -> Path:
    """Directory whose ``{lang}.crfsuite`` is used: the user's when it has one, else resources/ner."""
    user = user_dir()
    if (user / f"{lang}.crfsuite").is_file():
        return user
    return lexicon_mod.resource_dir()


class Model:
    """A loaded CRF plus the lexicon its features need."""

    def __init__(self, lang: str, path: Path, lex: Lexicon) -> None:
        import pycrfsuite

        self.lang = lang
        self.path = path
        self.lex = lex
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self._lock = threading.Lock()  # a crfsuite Tagger is not thread-safe
        card = path.with_suffix(".json")
        self.card: dict[str, Any] = json.loads(card.read_text(encoding="utf-8")) if card.is_file() else {}

    def tag(self, features: list[list[str]]) -> list[str]:
        if not features:
            return []
        with self._lock:
            return list(self._tagger.tag(features))

    def tag_marginals(self, features: list[list[str]]) -> tuple[list[str], list[dict[str, float]]]:
        """Viterbi labels and, per token, the marginal probability of every label (for span confidence)."""
        if not features:
            return [], []
        with self._lock:
            labels = list(self._tagger.tag(features))
            names = self._tagger.labels()
            probs = [{lab: self._tagger.marginal(lab, i) for lab in names} for i in range(len(labels))]
        return labels, probs


_LOCK = threading.Lock()
_MODELS: dict[str, Model] = {}


def get(lang: str, path: Path | None = None) -> Model:
    """The model for *lang*, loaded once and cached (by file)."""
    if lang not in LANGS:
        raise ValueError(f"named entities are available for Persian (fa) and Arabic (ar), not {lang!r}")
    if path is None:
        path = model_dir(lang) / f"{lang}.crfsuite"
    ck = f"{lang}:{path}"
    with _LOCK:
        m = _MODELS.get(ck)
        if m is None:
            if not path.is_file():
                raise ModelMissing(f"the {lang} entity model {path} is missing; reinstall Tarjoman or train one")
            # the lexicon next to the model file when it has its own gazetteer, else the shipped one
            lex_dir = path.parent if (path.parent / "gazetteer.json.gz").is_file() else None
            if lex_dir is not None and not (lex_dir / "lexicon.json").is_file():
                lex_dir = None
            m = Model(lang, path, lexicon_mod.get(lang, lex_dir))
            _MODELS[ck] = m
        return m


def clear_cache() -> None:
    with _LOCK:
        _MODELS.clear()
    lexicon_mod.clear_cache()
