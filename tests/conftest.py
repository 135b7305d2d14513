"""Shared fixtures: an isolated TARJOMAN_HOME and library database per test; the seed articles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent

def _find_seeds() -> Path:
    """The seed articles: $TARJOMAN_SEEDS, else ../shared/seeds beside the checkout, else the workspace's
    shared folder (/work/shared/seeds) for a clone made elsewhere (a temp dir, as CI checks from zero)."""
    env = os.environ.get("TARJOMAN_SEEDS")
    candidates = [Path(env)] if env else []
    candidates += [ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")]
    return next((c for c in candidates if c.is_dir()), candidates[0])


SEEDS = _find_seeds()


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def require_seeds() -> list[Path]:
    """The seed articles; skip when absent on a developer machine, but fail under CI=true (never a silent skip)."""
    files = seed_files()
    if not files:
        message = f"seed articles not found at {SEEDS} (they live in ../shared/seeds beside the checkout)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message + "; CI=true requires them")
        pytest.skip(message)
    return files


@pytest.fixture
def seeds() -> list[Path]:
    return require_seeds()


@pytest.fixture
def tarjoman_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("TARJOMAN_HOME", str(home))
    return home


@pytest.fixture
def library(tarjoman_home: Path):
    """An initialised, empty library database bound to the store proxy."""
    from reader.store import close_db, init_db

    database = init_db(tarjoman_home / "library.sqlite3")
    yield database
    close_db()


@pytest.fixture(autouse=True)
def _no_library_left_open():
    """Each test starts with no library bound: one left open by an earlier test (a CLI run, a window's
    placeholder) would otherwise be reused by the next `tarjoman` command run in-process."""
    from reader.store import close_db

    close_db()
    yield
    close_db()
