"""User settings: one JSON file under the app home (Qt-free, so the CLI shares them with the window).

Written atomically (temp file + rename); a damaged file falls back to defaults instead of failing to start.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from reader import config


@dataclass
class Settings:
    font_size: int = 13  # points, source and English
    zoom: int = 100  # percent on top of font_size
    theme: str = "system"  # system | light | dark
    layout: str = "columns"  # columns | interleaved
    source_side: str = "right"  # right | left (columns layout)
    preset: str = "balanced"  # translation speed vs quality: fast | balanced | quality
    backend: str = "local"  # local | libretranslate
    libretranslate_url: str = ""
    libretranslate_key: str = ""
    show_original: bool = False
    show_entities: bool = True
    entity_types: list[str] = field(default_factory=lambda: ["PERSON", "LOCATION", "ORGANIZATION"])
    geometry: str = ""  # base64 of QMainWindow.saveGeometry()
    window_state: str = ""
    last_article: int = 0
    first_run_done: bool = False
    library_sort: str = "published"  # published | created | updated | title | language | site
    calendar: str = "gregorian"  # how dates are shown: gregorian | jalali | hijri (the printed date stays beside)
    feed_refresh_minutes: int = 30  # feeds are refreshed in the background this often (0: only on demand)

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or config.paths().settings
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("settings are not a JSON object")
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError):
            return cls()  # damaged settings never stop the app from starting
        known = {f.name for f in fields(cls)}
        s = cls()
        for key, value in data.items():
            if key in known and isinstance(value, type(getattr(s, key))):
                setattr(s, key, value)
        return s

    def save(self, path: Path | None = None) -> None:
        path = path or config.paths().settings
        path.parent.mkdir(parents=True, exist_ok=True)
        try:  # keep sections other parts of the app own (e.g. "translation")
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                data = {}
        except (OSError, ValueError):
            data = {}
        data.update(asdict(self))
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2)
        os.replace(tmp, path)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
