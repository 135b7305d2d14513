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
        for p in (self.home, self.models, self.custom_models, self.cache, self.ner_models):
            p.mkdir(parents=True, exist_ok=True)
        return self


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
