"""House rule 1: reader/core and reader/store never import Qt (checked on the source, import by import)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "reader"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("sub", ["core", "store", "cli"])
def test_no_qt_outside_ui(sub: str) -> None:
    offenders = []
    for py in (PKG / sub).rglob("*.py"):
        for name in _imports(py):
            if name.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"}:
                offenders.append(f"{py.relative_to(PKG)} imports {name}")
            if name.startswith("reader.ui"):
                if sub == "cli":
                    continue  # the CLI may open the GUI lazily
                offenders.append(f"{py.relative_to(PKG)} imports {name}")
    assert offenders == []


def test_every_module_has_a_docstring() -> None:
    missing = [
        str(py.relative_to(PKG))
        for py in PKG.rglob("*.py")
        if ast.get_docstring(ast.parse(py.read_text(encoding="utf-8"))) is None
    ]
    assert missing == []
