"""Bounded input (reader.core.safeio): zip totals, member sizes, ratios and counts; JSON size and depth caps."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from reader.core.safeio import (
    InputLimitError,
    ZipLimits,
    check_zip,
    json_depth,
    load_json,
    loads_json,
    read_member_bounded,
)
from tests.support.hostile import bomb_docx, good_docx


def _zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_a_real_docx_passes_with_its_true_total(tmp_path: Path) -> None:
    p = tmp_path / "ok.docx"
    p.write_bytes(good_docx())
    summary = check_zip(p)
    assert summary.total_bytes == sum(i.file_size for i in summary.members) > 0


def test_total_limit_counts_all_members(tmp_path: Path) -> None:
    p = _zip(tmp_path / "t.zip", {f"m{i}": bytes(range(256)) * 40 for i in range(5)}, zipfile.ZIP_STORED)
    limits = ZipLimits(max_total_bytes=40_000, max_member_bytes=20_000)
    with pytest.raises(InputLimitError, match="t.zip was refused: it would unpack to more than 39.1 KB"):
        check_zip(p, limits)
    assert check_zip(p, ZipLimits(max_total_bytes=60_000)).total_bytes == 5 * 10240


def test_member_limit_and_ratio_limit_name_the_member(tmp_path: Path) -> None:
    p = bomb_docx(tmp_path / "b.docx", megabytes=3)
    with pytest.raises(InputLimitError, match=r"word/document.xml expands [\d,]+ times .* like a zip bomb"):
        check_zip(p)
    with pytest.raises(InputLimitError, match=r"word/document.xml would unpack to 3.0 MB \(the limit is 1.0 MB"):
        check_zip(p, ZipLimits(max_member_bytes=1024 * 1024))
    # a ratio only counts for big members: the same data below the floor passes
    assert check_zip(p, ZipLimits(ratio_floor=4 * 1024 * 1024)).total_bytes > 3 * 1024 * 1024


def test_member_count_limit(tmp_path: Path) -> None:
    p = _zip(tmp_path / "n.zip", {f"f{i}": b"" for i in range(11)})
    with pytest.raises(InputLimitError, match="holds 11 files"):
        check_zip(p, ZipLimits(max_members=10))


def test_not_a_zip_is_one_line(tmp_path: Path) -> None:
    p = tmp_path / "x.docx"
    p.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputLimitError, match=r"^x.docx is not a valid \.docx \(damaged or not a zip archive\)$"):
        check_zip(p, kind=".docx")


def test_read_member_bounded_refuses_before_reading(tmp_path: Path) -> None:
    p = _zip(tmp_path / "m.zip", {"meta.json": b"{}" + b" " * 5000})
    with zipfile.ZipFile(p) as zf:
        assert read_member_bounded(zf, "meta.json", 10_000, name="m.zip").startswith(b"{}")
        with pytest.raises(InputLimitError, match="meta.json is 4.9 KB"):
            read_member_bounded(zf, "meta.json", 1000, name="m.zip")
        with pytest.raises(InputLimitError, match="other.json is missing"):
            read_member_bounded(zf, "other.json", 1000, name="m.zip")


def test_json_depth_ignores_brackets_in_strings() -> None:
    assert json_depth('{"a": "[[[{{{", "b": [1, [2, {"c": "]]\\"[["}]]}') == 4
    assert json_depth("3") == 0


def test_deep_json_is_refused_without_recursion() -> None:
    with pytest.raises(InputLimitError, match="deep.json nests 100,000 levels deep"):
        loads_json("[" * 100_000 + "]" * 100_000, name="deep.json")
    with pytest.raises(InputLimitError, match="nests 65 levels"):
        loads_json(json.dumps(_nest(65)), name="x")
    assert loads_json(json.dumps(_nest(64)), name="x") is not None


def _nest(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


def test_json_size_cap_is_checked_from_the_file_size(tmp_path: Path) -> None:
    p = tmp_path / "big.json"
    with p.open("wb") as fh:
        fh.truncate(2 * 1024 * 1024)  # sparse: refused before a byte is read
    with pytest.raises(InputLimitError, match=r"^big.json is 2.0 MB, over the 1.0 MB limit for a JSON file$"):
        load_json(p, max_bytes=1024 * 1024)


def test_json_errors_are_one_sentence(tmp_path: Path) -> None:
    p = tmp_path / "bad.json"
    p.write_text('{"a": 1,,}')
    with pytest.raises(InputLimitError, match=r"^bad.json is not valid JSON \(line 1: "):
        load_json(p)
    p.write_bytes(b"\xff\xfe{}")
    with pytest.raises(InputLimitError, match="not UTF-8"):
        load_json(p)
    with pytest.raises(InputLimitError, match="missing.json: no such file"):
        load_json(tmp_path / "missing.json")
    assert loads_json(io.BytesIO(b'\xef\xbb\xbf{"k": [1]}').getvalue()) == {"k": [1]}
