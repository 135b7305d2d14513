"""Layering of the export package: no store imports in core/export, and fpdf2 only loaded for a PDF."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_core_export_never_imports_the_store() -> None:
    offenders = []
    for py in (ROOT / "reader" / "core" / "export").glob("*.py"):
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            offenders += [f"{py.name}: {n}" for n in names if n.startswith("reader.store")]
    assert offenders == []


def test_fpdf_is_imported_only_when_a_pdf_is_written() -> None:
    code = ("import sys, reader.cli, reader.core.export, reader.core.export.html, reader.core.export.markdown, "
            "reader.app.exporting, reader.cli.export_cmds; print('fpdf' in sys.modules, 'uharfbuzz' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]
