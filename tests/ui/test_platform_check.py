"""A display plugin whose system library is missing gives one line naming the packages, not Qt's abort."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.ui import platform_check

ROOT = Path(__file__).resolve().parents[2]
needs_cc = pytest.mark.skipif(not (shutil.which("gcc") or shutil.which("cc")) or not shutil.which("ldd"),
                              reason="needs a C compiler and ldd to build a plugin with a missing library")


def _fake_plugin(tmp_path: Path, missing_soname: str | None) -> Path:
    """A shared library named like Qt's xcb plugin; if *missing_soname*, it links a library we then delete."""
    cc = shutil.which("gcc") or shutil.which("cc")
    assert cc
    src = tmp_path / "stub.c"
    src.write_text("int tarjoman_stub(void) { return 1; }\n")
    plugins = tmp_path / "platforms"
    plugins.mkdir()
    link: list[str] = []
    if missing_soname:
        dep = tmp_path / missing_soname
        subprocess.run([cc, "-shared", "-fPIC", f"-Wl,-soname,{missing_soname}", "-o", str(dep), str(src)], check=True)
        link = [f"-L{tmp_path}", "-Wl,--no-as-needed", f"-l:{missing_soname}"]
    plugin = plugins / "libqxcb.so"
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(plugin), str(src), *link], check=True)
    if missing_soname:
        (tmp_path / missing_soname).unlink()
    return plugins


@needs_cc
def test_missing_xcb_library_prints_one_line_with_packages_instead_of_aborting(tmp_path: Path) -> None:
    plugins = _fake_plugin(tmp_path, "libxcb-cursor.so.99")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_QPA_PLATFORM_PLUGIN_PATH=str(plugins), DISPLAY=":99",
               TARJOMAN_HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "reader"], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    line = lines[0]
    assert "libxcb-cursor.so.99" in line and "apt install libxcb-cursor0" in line
    assert "dnf install xcb-util-cursor" in line and "QT_QPA_PLATFORM=offscreen" in line
    assert "Traceback" not in done.stderr and "could not load the Qt platform plugin" not in done.stderr


@needs_cc
def test_plugin_whose_libraries_all_resolve_is_not_a_problem(tmp_path: Path) -> None:
    plugins = _fake_plugin(tmp_path, None)
    env = {"QT_QPA_PLATFORM": "xcb", "QT_QPA_PLATFORM_PLUGIN_PATH": str(plugins), "DISPLAY": ":99"}
    assert platform_check.problem(env) is None


def test_offscreen_and_unknown_platforms_are_never_checked() -> None:
    assert platform_check.problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert platform_check.problem({"QT_QPA_PLATFORM": "nosuchplatform"}) is None


def test_package_names_for_debian_and_fedora() -> None:
    deb, fed = platform_check.packages_for(["libxkbcommon-x11.so.0", "libxcb-icccm.so.4", "libweird.so.1"])
    assert deb == ["libxkbcommon-x11-0", "libxcb-icccm4", "libweird.so.1"]
    assert fed == ["libxkbcommon-x11", "xcb-util-wm", "libweird.so.1"]
