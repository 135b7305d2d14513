"""Fixtures for the translation tests: built test packages (cached on disk), an installed model, fast settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.translate import EngineSettings
from reader.core.translate.catalog import ModelSpec
from tests.support import testmodels


@pytest.fixture(scope="session")
def package_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("argos-packages")


@pytest.fixture(scope="session")
def fa_package(package_dir: Path) -> Path:
    return testmodels.build_argos_package(package_dir, "fa", "en")


@pytest.fixture(scope="session")
def ar_package(package_dir: Path) -> Path:
    return testmodels.build_argos_package(package_dir, "ar", "en")


@pytest.fixture(autouse=True)
def _no_warm_engines() -> Iterator[None]:
    """Each test starts and ends with no model loaded (the registry is process-wide)."""
    from reader.core.translate.engine import evict

    evict()
    yield
    evict()


@pytest.fixture
def fast_settings() -> EngineSettings:
    """Small batches and one thread: several batches per article, deterministic and light on shared cores."""
    return EngineSettings(beam_size=1, max_batch_size=4, first_batch=1, inter_threads=1, intra_threads=1)


@pytest.fixture
def fa_model(library: object, fa_package: Path) -> ModelSpec:
    """The fa→en test package installed into this test's TARJOMAN_HOME (library bound)."""
    from reader.core.translate.packages import install_package

    return install_package(fa_package)
