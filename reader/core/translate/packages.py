"""Installing and removing Argos translation packages (``.argosmodel``), safely, and sniffing what a file is.

Packages go into argostranslate's package directory, which :func:`reader.config.argos_env` points inside
the app's home; argostranslate's own package classes read metadata and the index, and its install lock
serialises changes. Unlike ``argostranslate.package.install_from_path`` we validate before anything is written:
zip integrity (CRC of every member), one top-level folder, no member escaping it (absolute paths, ``..``,
symlinks), a bounded member count, unpacked size, compression ratio (zip bombs) and model size (it must fit in
memory), ``metadata.json`` read only when small and shallow (bounded JSON) and naming from/to codes for a
direction Tarjoman reads (fa→en, ar→en), a CTranslate2 model (``model/model.bin`` whose header is a CTranslate2
header, + vocabulary) and a tokenizer by the one rule in :mod:`catalog` (``sentencepiece.model`` or
``bpe.model``). The package is unpacked into a staging folder, loaded once with CTranslate2 and its tokenizer,
and only then moved into place, so a failed install leaves nothing behind. A top folder that is not a sane name
(``.cache``, ``..x``, spaces…) is installed as ``translate-<from>_<to>-<version>`` instead.

Downloads live in :mod:`download`; telling an .argosmodel from other model files in :mod:`installer`.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import struct
import sys
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from reader import config
from reader.core.jsonlimits import JsonLimitError, loads_bounded
from reader.core.translate.catalog import (
    MAX_METADATA_BYTES,
    MAX_METADATA_DEPTH,
    SUPPORTED_SOURCES,
    TOKENIZER_HELP,
    ModelSpec,
    argos_package_module,
    find_installed,
    find_tokenizer,
    installed_models,
    pair_label,
    spec_from_dir,
)
from reader.core.translate.errors import PackageError, TranslateError

MAX_UNPACKED_BYTES = 3 * 1024**3
MAX_MEMBERS = 20000
MAX_RATIO = 50  # uncompressed / compressed; real model weights barely compress (int8: ~1.1)
RATIO_FROM_BYTES = 32 * 1024**2  # members smaller than this may compress as well as they like
_VOCABS = ("shared_vocabulary.json", "shared_vocabulary.txt", "source_vocabulary.json", "source_vocabulary.txt")
_SANE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+-]{0,99}$")


@dataclass(frozen=True)
class PackageInfo:
    path: Path
    top: str  # the single top-level folder in the zip
    metadata: dict[str, Any]
    from_code: str
    to_code: str
    version: str
    unpacked_bytes: int

    @property
    def install_name(self) -> str:
        """The folder name it is installed under: the zip's top folder when sane, else one made from metadata."""
        if _SANE_NAME.match(self.top) and not self.top.endswith((".removing", ".partial")):
            return self.top
        version = re.sub(r"[^A-Za-z0-9]+", "_", self.version).strip("_") or "0"
        return f"translate-{self.from_code}_{self.to_code}-{version}"


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


def memory_limit() -> int:
    """The biggest model.bin we agree to load: CTranslate2 holds the whole model in memory (about its file size;
    float weights converted to int8 at load need more), so at most half the machine's RAM, and 3 GB."""
    try:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        ram = 8 * 1024**3
    return min(MAX_UNPACKED_BYTES, ram // 2)


def check_model_header(head: bytes) -> str | None:
    """Why the first bytes of a model.bin are not a CTranslate2 model, or None when they look like one.

    The format: uint32 binary version, then (version >= 2) uint16 length + the spec name ("TransformerSpec")
    ending in NUL, uint32 spec revision, uint32 variable count."""
    if len(head) < 8:
        return "model.bin is too short to be a CTranslate2 model"
    version = struct.unpack_from("<I", head, 0)[0]
    if not 1 <= version <= 64:
        return f"model.bin is not a CTranslate2 model (format version {version})"
    if version < 2:
        return None
    (name_len,) = struct.unpack_from("<H", head, 4)
    name = head[6 : 6 + name_len]
    if not 2 <= name_len <= 256 or len(name) < name_len or name[-1:] != b"\0" or not name[:-1].isascii() \
            or not name[:-1].decode("ascii").isprintable():
        return "model.bin is not a CTranslate2 model (no model type in its header)"
    rest = head[6 + name_len :]
    if len(rest) >= 8 and struct.unpack_from("<I", rest, 4)[0] == 0:
        return "model.bin is not a CTranslate2 model (it holds no weights)"
    return None


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    with zf.open(info) as fh:
        return fh.read(limit)


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
            if not infos or len(infos) > MAX_MEMBERS:
                raise _bad(path, f"it holds {len(infos)} files")
            for info in infos:
                problem = _member_problem(info)
                if problem:
                    raise _bad(path, problem)
            unpacked = sum(i.file_size for i in infos)
            if unpacked > MAX_UNPACKED_BYTES:
                raise _bad(path, f"it would unpack to {unpacked / 1024**3:.1f} GB (at most "
                                 f"{MAX_UNPACKED_BYTES / 1024**3:.0f} GB)")
            for info in infos:
                if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(1, info.compress_size):
                    raise _bad(path, f"{info.filename} would unpack to {info.file_size / 1024**2:,.0f} MB from "
                                     f"{info.compress_size / 1024:,.0f} kB (a zip bomb, not model weights)")
            tops = {PurePosixPath(i.filename).parts[0] for i in infos if PurePosixPath(i.filename).parts}
            if len(tops) != 1 or all(i.filename.rstrip("/") == next(iter(tops)) for i in infos):
                raise _bad(path, "an Argos package must hold exactly one top-level folder")
            top = tops.pop()
            by_name = {i.filename: i for i in infos}
            meta_info = by_name.get(f"{top}/metadata.json")
            if meta_info is None:
                raise _bad(path, "metadata.json is missing")
            if meta_info.file_size > MAX_METADATA_BYTES:
                raise _bad(path, f"metadata.json is {meta_info.file_size / 1024:,.0f} kB, more than the "
                                 f"{MAX_METADATA_BYTES // 1024} kB a package's metadata can be")
            meta = loads_bounded(_read_member(zf, meta_info, MAX_METADATA_BYTES + 1), max_bytes=MAX_METADATA_BYTES,
                                 max_depth=MAX_METADATA_DEPTH, what="metadata.json")
            if not isinstance(meta, dict):
                raise _bad(path, "metadata.json is not a JSON object")
            model_info = by_name.get(f"{top}/model/model.bin")
            if model_info is None:
                raise _bad(path, "it contains no CTranslate2 model (model/model.bin)")
            if model_info.file_size > memory_limit():
                raise _bad(path, f"its model is {model_info.file_size / 1024**3:.1f} GB, more than this computer "
                                 f"can hold in memory ({memory_limit() / 1024**3:.1f} GB allowed)")
            header_problem = check_model_header(_read_member(zf, model_info, 512))
            if header_problem:
                raise _bad(path, header_problem)
            if not any(f"{top}/model/{v}" in by_name for v in _VOCABS):
                raise _bad(path, "its CTranslate2 model has no vocabulary file")
            if find_tokenizer(lambda rel: f"{top}/{rel}" in by_name) is None:
                raise _bad(path, f"it contains no tokenizer model ({TOKENIZER_HELP})")
            bad_member = zf.testzip()
            if bad_member is not None:
                raise _bad(path, f"the archive is damaged (checksum error in {bad_member})")
    except JsonLimitError as exc:
        raise _bad(path, str(exc)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        raise _bad(path, f"the archive is damaged ({str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__})") from exc
    f, t = meta.get("from_code"), meta.get("to_code")
    if meta.get("type", "translate") != "translate" or not isinstance(f, str) or not isinstance(t, str):
        raise _bad(path, "metadata.json does not name a translation with from_code and to_code")
    if expect is not None and (f, t) != tuple(expect):
        raise _bad(path, f"it translates {pair_label(f, t)}, but {pair_label(*expect)} was asked for")
    if f not in SUPPORTED_SOURCES or t != "en":
        raise _bad(path, f"it translates {pair_label(f[:20], t[:20])}; Tarjoman needs Persian→English (fa→en) or "
                         "Arabic→English (ar→en)")
    version = meta.get("package_version", "")
    return PackageInfo(path, top, meta, f, t, str(version)[:40] if isinstance(version, str | int | float) else "",
                       unpacked)


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
    free = shutil.disk_usage(staging).free
    if free < info.unpacked_bytes + 64 * 1024**2:
        staging.rmdir()
        raise _bad(path, f"it needs {info.unpacked_bytes / 1024**2:,.0f} MB of disk space and "
                         f"{free / 1024**2:,.0f} MB are free")
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
        dest = paths.models / info.install_name
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
    for other in installed_models():
        if other.path == spec.path:
            evict(other.pair)  # a model serving several languages (NLLB) is warm once per language
    with argos_package_module().package_lock:
        trash = spec.path.with_name(f".{spec.path.name}.removing")
        spec.path.rename(trash)
        shutil.rmtree(trash, ignore_errors=True)
    _forget_argos_languages()
    return spec

