"""Where Tarjoman keeps its data.

Everything (database, translation models, caches, settings) lives under one home directory:
``$TARJOMAN_HOME`` when set (tests and scripts use it to stay isolated), otherwise the platform's user
data directory (``~/.local/share/Tarjoman`` on Linux). Import argostranslate inside :func:`argos_env`
so that its packages and caches live inside our home, never in ``~/.local/share/argos-translate``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir


@dataclass(frozen=True)
class Paths:
    """All the locations the app writes to."""

    home: Path

    @property
    def database(self) -> Path:
        return self.home / "library.sqlite3"

    @property
    def models(self) -> Path:
        """argostranslate's package directory (ARGOS_PACKAGES_DIR)."""
        return self.home / "models"

    @property
    def custom_models(self) -> Path:
        """User-supplied CTranslate2 + SentencePiece model directories."""
        return self.home / "custom-models"

    @property
    def cache(self) -> Path:
        return self.home / "cache"

    @property
    def settings(self) -> Path:
        return self.home / "settings.json"

    @property
    def ner_models(self) -> Path:
        return self.home / "ner"

    def ensure(self) -> Paths:
        """Create the home folder (ConfigError, one line, when it cannot be) and its subfolders where possible
        (a read-only home can still be read: a missing subfolder fails later, where it is used)."""
        if self.home.exists() and not self.home.is_dir():
            where = "TARJOMAN_HOME points at" if os.environ.get("TARJOMAN_HOME") else "Tarjoman's data folder is"
            raise ConfigError(f"{where} a file, not a folder: {self.home}; point it at a folder "
                              "(Tarjoman creates it when missing).")
        try:
            self.home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"Tarjoman cannot create its data folder {self.home} "
                              f"({exc.strerror or exc}); set TARJOMAN_HOME to a folder you can write to.") from exc
        for p in (self.models, self.custom_models, self.cache, self.ner_models):
            try:
                p.mkdir(parents=True, exist_ok=True)
            except OSError:
                pass
        return self


class ConfigError(OSError):
    """The data folder cannot be used (a file where the folder should be, no permission); one line."""


def home_dir() -> Path:
    env = os.environ.get("TARJOMAN_HOME")
    if env:
        return Path(env).expanduser().resolve()
    return Path(user_data_dir("Tarjoman", appauthor=False))


def paths() -> Paths:
    """Current paths (re-read from the environment each call, so tests can switch TARJOMAN_HOME)."""
    return Paths(home_dir()).ensure()


@contextmanager
def argos_env(p: Paths | None = None) -> Iterator[None]:
    """Point argostranslate at our directories while it is imported (it reads them once, at import).

    ``ARGOS_*`` (and stanza's resource folder) are argostranslate's own and stay set; ``XDG_*`` would redirect
    every library in the process (Qt, fontconfig, …), so they are set only inside this block and restored.
    """
    p = p or paths()
    os.environ["ARGOS_PACKAGES_DIR"] = str(p.models)
    os.environ.setdefault("ARGOS_DEVICE_TYPE", "cpu")
    # stanza would try to download its sentence splitter; keep it inside our home and never online by itself.
    os.environ.setdefault("STANZA_RESOURCES_DIR", str(p.home / "stanza"))
    ours = {"XDG_DATA_HOME": p.home / "xdg-data", "XDG_CACHE_HOME": p.home / "xdg-cache",
            "XDG_CONFIG_HOME": p.home / "xdg-config"}
    saved = {k: os.environ.get(k) for k in ours}
    os.environ.update({k: str(v) for k, v in ours.items()})
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
