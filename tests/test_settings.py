"""Settings round-trip and survive a damaged file."""

from __future__ import annotations

from pathlib import Path

from reader.settings import Settings


def test_round_trip(tarjoman_home: Path) -> None:
    s = Settings.load()
    assert s.layout == "columns"
    s.layout = "interleaved"
    s.last_article = 7
    s.save()
    again = Settings.load()
    assert (again.layout, again.last_article) == ("interleaved", 7)


def test_damaged_or_wrongly_typed_settings_fall_back_to_defaults(tmp_path: Path) -> None:
    p = tmp_path / "s.json"
    p.write_bytes(b"\xff\x00not json")
    assert Settings.load(p) == Settings()
    p.write_text('{"font_size": "huge", "layout": "interleaved", "unknown": 1}', encoding="utf-8")
    s = Settings.load(p)
    assert s.font_size == Settings().font_size and s.layout == "interleaved"


def test_save_keeps_sections_owned_by_others(tmp_path: Path) -> None:
    import json

    p = tmp_path / "s.json"
    p.write_text(json.dumps({"translation": {"beam_size": 4}}), encoding="utf-8")
    Settings(layout="interleaved").save(p)
    data = json.loads(p.read_text(encoding="utf-8"))
    assert data["translation"] == {"beam_size": 4} and data["layout"] == "interleaved"
