"""Installing, downloading and removing Argos translation packages (``.argosmodel``), safely.

Packages go into argostranslate's package directory, which :func:`reader.config.argos_env` points inside
the app's home; argostranslate's own package classes read metadata and the index, and its install lock
serialises changes. Unlike ``argostranslate.package.install_from_path`` we validate before anything is written:
zip integrity (CRC of every member), one top-level folder, no member escaping it (absolute paths, ``..``,
symlinks), a bounded unpacked size, ``metadata.json`` with from/to codes for a direction Tarjoman reads
(fa→en, ar→en), a CTranslate2 model (``model/model.bin`` + vocabulary) and ``sentencepiece.model``. The package
is unpacked into a staging folder, loaded once with CTranslate2 and SentencePiece, and only then moved into
place, so a failed install leaves nothing behind.

The network is used only by :func:`fetch_index` and :func:`download_package` (a user's explicit request),
with a short timeout and a one-line :class:`OfflineError` instead of a hang or a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from reader import config
from reader.core.jobs import Cancelled, Progress, no_progress
from reader.core.translate.catalog import (
    SUPPORTED_SOURCES,
    ModelSpec,
    argos_package_module,
    find_installed,
    pair_label,
    spec_from_dir,
)
from reader.core.translate.errors import ModelNotFound, OfflineError, PackageError, TranslateError

MAX_UNPACKED_BYTES = 4 * 1024**3
MAX_MEMBERS = 20000
DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
CONNECT_TIMEOUT = 8.0  # seconds to resolve + connect; reads time out after the same idle time
_VOCABS = ("shared_vocabulary.json", "shared_vocabulary.txt", "source_vocabulary.json", "source_vocabulary.txt")


@dataclass(frozen=True)
class PackageInfo:
    path: Path
    top: str  # the single top-level folder in the zip
    metadata: dict[str, Any]
    from_code: str
    to_code: str
    version: str
    unpacked_bytes: int


def _bad(path: Path, reason: str) -> PackageError:
    return PackageError(f"{path.name} cannot be installed: {reason}.")


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return f"it contains a symbolic link ({name})"
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return f"it contains an absolute or Windows path ({name})"
    if any(part == ".." for part in PurePosixPath(name).parts):
        return f"it contains a path that escapes the package folder ({name})"
    return None


def validate_package(path: Path | str, expect: tuple[str, str] | None = None) -> PackageInfo:
    """Check an .argosmodel without unpacking it; raises PackageError with a one-line reason."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise PackageError(f"{path}: no such file.")
    if not zipfile.is_zipfile(path):
        raise _bad(path, "the file is damaged or is not an .argosmodel (zip) archive")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            for info in infos:
                problem = _member_problem(info)
                if problem:
                    raise _bad(path, problem)
            if not infos or len(infos) > MAX_MEMBERS:
                raise _bad(path, f"it holds {len(infos)} files")
            unpacked = sum(i.file_size for i in infos)
            if unpacked > MAX_UNPACKED_BYTES:
                raise _bad(path, f"it would unpack to {unpacked / 1024**3:.1f} GB")
            tops = {PurePosixPath(i.filename).parts[0] for i in infos}
            if len(tops) != 1 or all(i.filename.rstrip("/") == next(iter(tops)) for i in infos):
                raise _bad(path, "an Argos package must hold exactly one top-level folder")
            top = tops.pop()
            names = {i.filename for i in infos}
            if f"{top}/metadata.json" not in names:
                raise _bad(path, "metadata.json is missing")
            meta = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
            if not isinstance(meta, dict):
                raise _bad(path, "metadata.json is not a JSON object")
            if f"{top}/model/model.bin" not in names:
                raise _bad(path, "it contains no CTranslate2 model (model/model.bin)")
            if not any(f"{top}/model/{v}" in names for v in _VOCABS):
                raise _bad(path, "its CTranslate2 model has no vocabulary file")
            if f"{top}/sentencepiece.model" not in names:
                raise _bad(path, "it contains no SentencePiece model (sentencepiece.model)")
            bad_member = zf.testzip()
            if bad_member is not None:
                raise _bad(path, f"the archive is damaged (checksum error in {bad_member})")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise _bad(path, f"the archive is damaged ({exc})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(path, f"metadata.json is not valid JSON ({exc})") from exc
    f, t = meta.get("from_code"), meta.get("to_code")
    if meta.get("type", "translate") != "translate" or not isinstance(f, str) or not isinstance(t, str):
        raise _bad(path, "metadata.json does not name a translation with from_code and to_code")
    if expect is not None and (f, t) != tuple(expect):
        raise _bad(path, f"it translates {pair_label(f, t)}, but {pair_label(*expect)} was asked for")
    if f not in SUPPORTED_SOURCES or t != "en":
        raise _bad(path, f"it translates {pair_label(f, t)}; Tarjoman needs Persian→English (fa→en) or "
                         "Arabic→English (ar→en)")
    return PackageInfo(path, top, meta, f, t, str(meta.get("package_version", "")), unpacked)


def _extract(path: Path, info: PackageInfo, staging: Path) -> Path:
    root = staging.resolve()
    with zipfile.ZipFile(path) as zf:
        for member in zf.infolist():
            target = (root / member.filename).resolve()
            if root not in target.parents and target != root:
                raise _bad(path, f"it contains a path that escapes the package folder ({member.filename})")
            if member.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(member) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, 1024 * 1024)
    return root / info.top


def _forget_argos_languages() -> None:
    """argostranslate caches its language list; clear it if (and only if) that module is loaded."""
    translate = sys.modules.get("argostranslate.translate")
    if translate is not None:
        translate.get_installed_languages.cache_clear()


def install_package(path: Path | str, *, expect: tuple[str, str] | None = None, verify: bool = True) -> ModelSpec:
    """Validate, unpack, load-test and install an .argosmodel; returns the installed model.

    An installed package with the same folder name is replaced (and its warm engine unloaded).
    """
    from reader.core.translate.engine import check_loadable, evict

    path = Path(path).expanduser()
    info = validate_package(path, expect)
    paths = config.paths()
    staging = paths.cache / f"install-{uuid.uuid4().hex[:12]}"
    staging.mkdir(parents=True)
    try:
        try:
            unpacked = _extract(path, info, staging)
        except (OSError, zipfile.BadZipFile) as exc:
            raise _bad(path, f"it could not be unpacked ({exc})") from exc
        try:
            spec = spec_from_dir(unpacked)
        except TranslateError as exc:
            raise _bad(path, str(exc).rstrip(".")) from exc
        if verify:
            try:
                check_loadable(spec)
            except TranslateError as exc:
                reason = str(exc.__cause__ or exc).strip().splitlines()[0][:160]
                raise _bad(path, f"the model inside could not be loaded ({reason})") from exc
        dest = paths.models / info.top
        with argos_package_module().package_lock:
            previous = staging / "previous"
            if dest.exists():
                evict((info.from_code, info.to_code))
                dest.rename(previous)
            try:
                unpacked.rename(dest)
            except OSError:
                if previous.exists():
                    previous.rename(dest)  # put the old version back
                raise
        _forget_argos_languages()
        return spec_from_dir(dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_model(ref: str) -> ModelSpec:
    """Uninstall an Argos package or custom model by id, folder name or cache key."""
    from reader.core.translate.engine import evict

    spec = find_installed(ref)
    evict(spec.pair)
    with argos_package_module().package_lock:
        trash = spec.path.with_name(f".{spec.path.name}.removing")
        spec.path.rename(trash)
        shutil.rmtree(trash, ignore_errors=True)
    _forget_argos_languages()
    return spec


# --- network (only on the user's request) ----------------------------------------------------------------
def index_url() -> str:
    """argostranslate's package index (``ARGOS_PACKAGE_INDEX`` is the base URL, as in argostranslate)."""
    base = os.environ.get("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def _offline(url: str, reason: object) -> OfflineError:
    host = urllib.parse.urlsplit(url).netloc or url
    return OfflineError(f"Cannot reach {host} ({reason}): Tarjoman seems to be offline. Check the connection, "
                        "or download the .argosmodel file elsewhere and run `tarjoman models install FILE`.")


def _resolve(url: str, timeout: float) -> None:
    """Name resolution has no socket timeout; run it in a thread so an offline machine cannot hang us."""
    parts = urllib.parse.urlsplit(url)
    if not parts.hostname:
        return
    box: dict[str, BaseException] = {}

    def work() -> None:
        try:
            socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
        except OSError as exc:
            box["error"] = exc

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise _offline(url, "name lookup timed out")
    if "error" in box:
        raise _offline(url, "name lookup failed")


def _open(url: str, timeout: float) -> Any:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise OfflineError(f"Refusing to download from {url}: only http(s) links are used.")
    _resolve(url, timeout)
    request = urllib.request.Request(url, headers={"User-Agent": "Tarjoman (argostranslate index)"})
    try:
        return urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        raise OfflineError(f"{url} answered HTTP {exc.code} ({exc.reason}).") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise _offline(url, getattr(exc, "reason", exc)) from exc


def fetch_index(timeout: float = CONNECT_TIMEOUT) -> list[Any]:
    """The Argos package index as argostranslate ``AvailablePackage`` objects (translation packages only)."""
    url = index_url()
    try:
        with _open(url, timeout) as response:
            data = json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError) as exc:
        if isinstance(exc, OfflineError):
            raise
        raise OfflineError(f"The package index at {url} could not be read ({exc}).") from exc
    if not isinstance(data, list):
        raise OfflineError(f"The package index at {url} is not a list of packages.")
    available = argos_package_module().AvailablePackage
    return [available(m) for m in data if isinstance(m, dict) and m.get("type", "translate") == "translate"]


def download_package(
    from_code: str,
    to_code: str = "en",
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    timeout: float = CONNECT_TIMEOUT,
) -> ModelSpec:
    """Download the newest *from_code*→*to_code* package from the Argos index and install it.

    ``progress(bytes_done, bytes_total)`` (total 0 when the server does not say). Cancel stops the download.
    """
    from reader.core.translate.catalog import _version_key

    report = progress or no_progress
    candidates = [p for p in fetch_index(timeout) if (p.from_code, p.to_code) == (from_code, to_code) and p.links]
    if not candidates:
        raise ModelNotFound(f"The Argos package index has no {pair_label(from_code, to_code)} package.")
    pkg = max(candidates, key=lambda p: _version_key(str(p.package_version)))
    downloads = config.paths().cache / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    name = f"{argos_package_module().argospm_package_name(pkg)}-{pkg.package_version}.argosmodel"
    target = downloads / name
    partial = target.with_name(name + ".part")
    last_error: OfflineError | None = None
    for link in pkg.links:
        try:
            _fetch_to(link, partial, report, cancel, timeout)
            break
        except OfflineError as exc:
            last_error = exc
    else:
        partial.unlink(missing_ok=True)
        raise last_error or OfflineError("The package has no download link.")
    partial.replace(target)
    try:
        return install_package(target, expect=(from_code, to_code))
    finally:
        target.unlink(missing_ok=True)


def _fetch_to(url: str, dest: Path, report: Progress, cancel: threading.Event | None, timeout: float) -> None:
    with _open(url, timeout) as response, open(dest, "wb") as out:
        total = int(response.headers.get("Content-Length") or 0)
        done = 0
        last = 0.0
        report(0, total)
        while True:
            if cancel is not None and cancel.is_set():
                out.close()
                dest.unlink(missing_ok=True)
                raise Cancelled()
            try:
                chunk = response.read(256 * 1024)
            except OSError as exc:
                raise _offline(url, f"connection lost after {done // 1024} kB: {exc}") from exc
            if not chunk:
                break
            out.write(chunk)
            done += len(chunk)
            if time.monotonic() - last > 0.1:
                report(done, total)
                last = time.monotonic()
        report(done, total or done)
        if total and done != total:
            raise _offline(url, f"download stopped at {done} of {total} bytes")
