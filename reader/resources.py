"""The only way to reach files under resources/ (fonts, icons, styles, sample articles, NER models).

Works from a source checkout, an installed wheel (resources shipped as data next to the package) and a
PyInstaller bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def root() -> Path:
    """Directory that holds fonts/, icons/, styles/, samples/, ner/."""
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen:
        candidates.append(Path(frozen) / "resources")
    here = Path(__file__).resolve().parent
    candidates += [here.parent / "resources", here / "resources"]
    for c in candidates:
        if (c / "fonts").is_dir():
            return c
    raise FileNotFoundError("Tarjoman's resources folder is missing; reinstall the application.")


def path(*parts: str) -> Path:
    return root().joinpath(*parts)


def fonts() -> list[Path]:
    return sorted(path("fonts").glob("*.ttf"))


def font(name: str) -> Path:
    return path("fonts", name)


def samples() -> list[Path]:
    return sorted(p for p in path("samples").iterdir() if p.suffix in {".txt", ".html", ".docx"})


def translations_cache_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "translations_cache"
    return Path(__file__).resolve().parent.parent / "translations_cache"
