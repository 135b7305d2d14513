"""Hostile model packages: each is refused with one clear sentence naming the file, and nothing stays installed.

Every kind is built here from the real tiny test package (tests/support/testmodels.py), altered the way an attacker
or a broken mirror would: damaged zips, paths escaping the models folder, zip bombs, a 2 GB-claiming model.bin of
zeros, metadata.json that is huge, deeply nested, not an object or for another language, missing parts. The
install must fail before anything is copied into the models folder, all but two kinds before anything is unpacked
(``validate_package`` alone refuses them), and leave no staging folder behind.
"""

from __future__ import annotations

import json
import re
import stat
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from reader import config
from reader.core.translate import PackageError
from reader.core.translate.catalog import argos_package_module, installed_models
from reader.core.translate.packages import install_package, validate_package
from tests.support import testmodels

TOP = "translate-fa_en-0_1"
Builder = Callable[[Path, dict[str, bytes]], None]


def _good_members() -> dict[str, bytes]:
    pkg = testmodels._cached_package("fa", "en", "tiny", 0, ("fa", "en"))
    with zipfile.ZipFile(pkg) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _write(out: Path, members: dict[str, bytes], *, symlink: str | None = None) -> None:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            if name == symlink:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, body)


def _meta(members: dict[str, bytes], **changes: object) -> dict[str, bytes]:
    meta = json.loads(members[f"{TOP}/metadata.json"])
    meta.update(changes)
    return {**members, f"{TOP}/metadata.json": json.dumps(meta).encode()}


def _replace(members: dict[str, bytes], suffix: str, body: bytes | None) -> dict[str, bytes]:
    out = {n: b for n, b in members.items() if not n.endswith(suffix)}
    if body is not None:
        out[next(n for n in members if n.endswith(suffix))] = body
    return out


def _model_header_only(members: dict[str, bytes]) -> bytes:
    """A real model.bin cut after its header: looks like CTranslate2, has none of its weights."""
    real = members[f"{TOP}/model/model.bin"]
    (name_len,) = struct.unpack_from("<H", real, 4)
    return real[: 6 + name_len + 8] + b"\0" * 64


CASES: dict[str, tuple[Callable[[dict[str, bytes]], dict[str, bytes] | bytes], str]] = {
    "not_a_zip": (lambda m: b"<html>404 Not Found</html>" * 40, "not an .argosmodel"),
    "truncated_zip": (lambda m: b"", "damaged"),  # filled below from the real file
    "empty_zip": (lambda m: {}, "holds 0 files"),
    "no_metadata": (lambda m: _replace(m, "/metadata.json", None), "metadata.json is missing"),
    "metadata_not_json": (lambda m: _replace(m, "/metadata.json", b"{from_code: fa"), "not valid JSON"),
    "metadata_not_object": (lambda m: _replace(m, "/metadata.json", b"[1, 2, 3]"), "not a JSON object"),
    "metadata_deeply_nested": (lambda m: _replace(m, "/metadata.json", b"[" * 30000 + b"]" * 30000),
                               "nested more than"),  # json.loads: RecursionError
    "metadata_nested_small": (lambda m: _replace(m, "/metadata.json", b'{"a":' * 500 + b"1" + b"}" * 500),
                              "nested more than 8 levels"),
    "metadata_huge": (lambda m: _replace(m, "/metadata.json", b"{" + b" " * (2 * 1024**2) + b"}"),
                      "metadata.json is .* kB, more than the 64 kB"),
    "metadata_bomb": (lambda m: _replace(m, "/metadata.json", b"{" + b" " * (40 * 1024**2) + b"}"), "zip bomb"),
    "metadata_not_utf8": (lambda m: _replace(m, "/metadata.json", b'{"from_code": "\xff\xfe"}'), "not valid JSON"),
    "metadata_no_codes": (lambda m: _replace(m, "/metadata.json", b'{"package_version": "1"}'),
                          "does not name a translation"),
    "metadata_other_type": (lambda m: _meta(m, type="sbd"), "does not name a translation"),
    "wrong_language": (lambda m: _meta(m, from_code="de"), r"German|\(de→en\); Tarjoman needs"),
    "zip_slip": (lambda m: {**m, f"{TOP}/../../escaped.txt": b"x"}, "escapes the package folder"),
    "absolute_path": (lambda m: {**m, "/tmp/tarjoman-evil.txt": b"x"}, "absolute or Windows path"),
    "windows_path": (lambda m: {**m, "C:\\evil.txt": b"x"}, "absolute or Windows path"),
    "two_top_folders": (lambda m: {**m, "other/readme.txt": b"x"}, "exactly one top-level folder"),
    "no_model": (lambda m: _replace(m, "/model.bin", None), "no CTranslate2 model"),
    "model_zeros_bomb": (lambda m: _replace(m, "/model.bin", bytes(80 * 1024**2)), "zip bomb"),  # cf. 2 GB of zeros
    "model_zeros_small": (lambda m: _replace(m, "/model.bin", bytes(4096)), "not a CTranslate2 model"),
    "model_text": (lambda m: _replace(m, "/model.bin", b"not a CTranslate2 model" * 100), "not a CTranslate2 model"),
    "model_header_only": (lambda m: _replace(m, "/model.bin", _model_header_only(m)), "could not be loaded"),
    "no_vocabulary": (lambda m: _replace(m, "/shared_vocabulary.json", None), "no vocabulary file"),
    "no_tokenizer": (lambda m: _replace(m, "/sentencepiece.model", None), "no tokenizer model"),
    "broken_tokenizer": (lambda m: _replace(m, "/sentencepiece.model", b"garbage" * 50), "could not be loaded"),
    "readme_bomb": (lambda m: {**m, f"{TOP}/README.md": bytes(80 * 1024**2)}, "zip bomb"),
    "too_many_files": (lambda m: {**m, **{f"{TOP}/x/{i}": b"" for i in range(20001)}}, "holds 2"),
}


def _build(kind: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{kind}.argosmodel"
    make, _ = CASES[kind]
    good = _good_members()
    if kind == "truncated_zip":
        data = testmodels._cached_package("fa", "en", "tiny", 0, ("fa", "en")).read_bytes()
        out.write_bytes(data[: len(data) * 2 // 3])
        return out
    if kind == "symlink":
        _write(out, {**good, f"{TOP}/link": b"/etc/passwd"}, symlink=f"{TOP}/link")
        return out
    made = make(good)
    if isinstance(made, bytes):
        out.write_bytes(made)
    else:
        _write(out, made)
    return out


CASES["symlink"] = (lambda m: m, "symbolic link")
LOAD_TIME = {"model_header_only", "broken_tokenizer"}  # only loading the unpacked model in staging finds these


def _snapshot(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_hostile_package_is_refused_in_one_sentence_and_nothing_installed(tarjoman_home: Path, tmp_path: Path,
                                                                          kind: str) -> None:
    bad = _build(kind, tmp_path / "in")
    paths = config.paths()
    argos_package_module()  # argostranslate makes its own folders in the home when first imported
    before = _snapshot(tarjoman_home)
    with pytest.raises(PackageError) as info:
        install_package(bad)
    message = str(info.value)
    assert "\n" not in message and bad.name in message and message.endswith(".")
    assert not message.lower().startswith("unexpected error") and "Traceback" not in message
    assert re.search(CASES[kind][1], message), message
    assert installed_models() == []
    assert _snapshot(tarjoman_home) == before, "something was left in the home folder"
    assert not list(paths.cache.glob("install-*"))
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/tarjoman-evil.txt").exists()
    if kind not in LOAD_TIME:  # refused by reading the zip's directory and a few bytes: nothing was unpacked
        with pytest.raises(PackageError) as again:
            validate_package(bad)
        assert str(again.value) == message


def test_package_with_hidden_top_folder_is_installed_under_a_sane_name(tarjoman_home: Path, tmp_path: Path) -> None:
    """A top folder called `.cache` used to install invisibly (listed nowhere, not removable)."""
    from reader.core.translate.packages import remove_model

    good = _good_members()
    out = tmp_path / "hidden.argosmodel"
    _write(out, {n.replace(TOP, ".cache", 1): b for n, b in good.items()})
    spec = install_package(out)
    assert spec.path.name == "translate-fa_en-0_1" and not (config.paths().models / ".cache").exists()
    assert [m.path.name for m in installed_models()] == ["translate-fa_en-0_1"]
    remove_model(spec.path.name)
    assert installed_models() == [] and not spec.path.exists()
