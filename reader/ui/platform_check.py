"""Find out, before Qt starts, whether its platform plugin can load; name the system packages it lacks.

Qt aborts with a cryptic "could not load the Qt platform plugin" when a library of its xcb plugin is missing
(minimal Linux installs lack libxcb-cursor0, libxcb-icccm4, libxkbcommon-x11-0, …). This module does not import
Qt: it finds the plugin file PySide6 would load and asks the dynamic loader (``ldd``) which of its libraries are
missing, so the app can print one line with the packages to install instead of aborting.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# soname prefix -> (Debian/Ubuntu package, Fedora package)
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-xinerama.so": ("libxcb-xinerama0", "libxcb"),
    "libxcb-xkb.so": ("libxcb-xkb1", "libxcb"),
    "libxcb-shape.so": ("libxcb-shape0", "libxcb"),
    "libxcb-randr.so": ("libxcb-randr0", "libxcb"),
    "libxcb-xfixes.so": ("libxcb-xfixes0", "libxcb"),
    "libxcb-sync.so": ("libxcb-sync1", "libxcb"),
    "libxcb-shm.so": ("libxcb-shm0", "libxcb"),
    "libxcb-render.so": ("libxcb-render0", "libxcb"),
    "libxcb-xinput.so": ("libxcb-xinput0", "libxcb"),
    "libxcb.so": ("libxcb1", "libxcb"),
    "libxkbcommon-x11.so": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so": ("libxkbcommon0", "libxkbcommon"),
    "libX11-xcb.so": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so": ("libx11-6", "libX11"),
    "libEGL.so": ("libegl1", "libglvnd-egl"),
    "libGL.so": ("libgl1", "libglvnd-glx"),
    "libOpenGL.so": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so": ("libfontconfig1", "fontconfig"),
    "libfreetype.so": ("libfreetype6", "freetype"),
    "libdbus-1.so": ("libdbus-1-3", "dbus-libs"),
    "libwayland-client.so": ("libwayland-client0", "libwayland-client"),
    "libwayland-cursor.so": ("libwayland-cursor0", "libwayland-cursor"),
}


def platform_name(environ: dict[str, str] | None = None) -> str | None:
    """The platform plugin Qt will load on Linux, or None where there is nothing to check."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    requested = (env.get("QT_QPA_PLATFORM") or "").split(":")[0].split(";")[0].strip()
    if requested:
        return requested
    if env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY"):
        return "wayland"
    return "xcb"


def plugin_file(platform: str, environ: dict[str, str] | None = None) -> Path | None:
    """The plugin library Qt would load for *platform* (honours QT_QPA_PLATFORM_PLUGIN_PATH), if found."""
    env = os.environ if environ is None else environ
    folders: list[Path] = []
    if env.get("QT_QPA_PLATFORM_PLUGIN_PATH"):
        folders.append(Path(env["QT_QPA_PLATFORM_PLUGIN_PATH"]))
    spec = importlib.util.find_spec("PySide6")
    if spec and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            folders.append(Path(loc) / "Qt" / "plugins" / "platforms")
    for folder in folders:
        candidate = folder / f"libq{platform}.so"
        if candidate.is_file():
            return candidate
    return None


def missing_libraries(plugin: Path) -> list[str]:
    """Sonames the dynamic loader cannot find for *plugin* (``ldd``); empty when all resolve or ldd is absent."""
    ldd = shutil.which("ldd")
    if not ldd:
        return []
    try:
        out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    found: list[str] = []
    for line in out.splitlines():
        m = re.match(r"\s*(\S+)\s*=>\s*not found", line)
        if m and m.group(1) not in found:
            found.append(m.group(1))
    return found


def packages_for(sonames: list[str]) -> tuple[list[str], list[str]]:
    """(Debian/Ubuntu packages, Fedora packages) that provide *sonames*; unknown names are listed as they are."""
    debian: list[str] = []
    fedora: list[str] = []
    for soname in sonames:
        match = next((pk for prefix, pk in sorted(PACKAGES.items(), key=lambda kv: -len(kv[0]))
                      if soname.startswith(prefix)), None)
        deb, fed = match if match else (soname, soname)
        if deb not in debian:
            debian.append(deb)
        if fed not in fedora:
            fedora.append(fed)
    return debian, fedora


def problem(environ: dict[str, str] | None = None) -> str | None:
    """One line telling the user how to fix a platform plugin that cannot load, or None when it can."""
    platform = platform_name(environ)
    if platform in (None, "offscreen", "minimal", "vnc"):
        return None
    plugin = plugin_file(platform, environ)
    if plugin is None:
        return None  # let Qt report it: a custom build or platform we do not know
    missing = missing_libraries(plugin)
    if not missing:
        return None
    debian, fedora = packages_for(missing)
    return (
        f"Tarjoman cannot open its window: Qt's '{platform}' display plugin needs system libraries that are not "
        f"installed ({', '.join(missing)}). Install them with `sudo apt install {' '.join(debian)}` "
        f"(Debian/Ubuntu) or `sudo dnf install {' '.join(fedora)}` (Fedora), or run without a window: "
        f"`tarjoman --help` lists the command-line tools, and QT_QPA_PLATFORM=offscreen runs the app headless."
    )
