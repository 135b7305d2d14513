"""Errors of the translation layer; every message is one line a user can act on."""

from __future__ import annotations


class TranslateError(Exception):
    """Base class: ``str(exc)`` is a one-line, human reason."""


class ModelNotFound(TranslateError):
    """No installed model translates the requested language pair."""


class PackageError(TranslateError):
    """An .argosmodel file or model folder is damaged, unsafe or not what was asked for."""


class OfflineError(TranslateError):
    """The package index or a download could not be reached."""


class ModelLoadError(TranslateError):
    """CTranslate2 or SentencePiece refused to load the model files."""
