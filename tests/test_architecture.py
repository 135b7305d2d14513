"""The house's layers, checked on the source (every import, including those inside functions).

``ui``/``cli`` → ``app`` → ``core``/``store``; ``core`` is pure (no store, app, UI or Qt); ``store`` is persistence
(of ``core`` it may use only the plain data types in ``reader.core.types``); only ``ui`` imports Qt; no module
imports another that (directly or not) imports it back. The base modules (``reader``, ``config``, ``resources``,
``settings``) sit below everything and import only each other. See docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "reader"
QT = {"PySide6", "PyQt5", "PyQt6", "shiboken6"}

BASE = {"reader", "reader.config", "reader.resources", "reader.settings"}
# layer -> the layers it may import (besides itself and BASE)
ALLOWED: dict[str, set[str]] = {
    "base": set(),
    "core": set(),
    "store": set(),  # plus reader.core.types, below
    "app": {"core", "store"},
    "ui": {"app", "core", "store"},
    "cli": {"app", "core", "store"},
    "main": {"cli"},
}
STORE_MAY_USE = {"reader.core.types"}
CLI_MAY_USE = {"reader.ui.app"}  # `tarjoman` with no subcommand opens the window (imported lazily)

# Cycles that exist today in code another part of the project owns, each with the reason it is tolerated.
# Remove an entry when its cycle is broken; the test fails if a listed cycle no longer exists.
KNOWN_CYCLES: dict[frozenset[str], str] = {
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PKG.rglob("*.py")}


def _resolve(name: str) -> str:
    """The reader module an import names (``from reader.store import repo`` names reader.store.repo)."""
    mods = _modules()
    while name and name not in mods:
        name = name.rpartition(".")[0]
    return name


def _raw_imports(path: Path, me: str | None = None) -> set[str]:
    """Every imported name, top level or inside functions (relative imports made absolute)."""
    me = me or _module_name(path)
    package = me.split(".") if path.name == "__init__.py" else me.split(".")[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - (node.level - 1)] + ([base] if base else []))
            for a in node.names:  # `from pkg import sub` names the submodule; `from mod import f`, the module
                names.add(f"{base}.{a.name}" if f"{base}.{a.name}" in _modules() else base)
    return names


@cache
def _graph() -> dict[str, frozenset[str]]:
    graph = {}
    for mod, path in _modules().items():
        deps = {_resolve(n) for n in _raw_imports(path) if n == "reader" or n.startswith("reader.")}
        graph[mod] = frozenset(deps - {mod, ""})
    return graph


def _layer(mod: str) -> str:
    if mod in BASE:
        return "base"
    if mod == "reader.__main__":
        return "main"
    parts = mod.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else "base"


def _violations(mod: str, deps: frozenset[str] | set[str]) -> list[str]:
    bad = []
    mine = _layer(mod)
    for dep in sorted(deps):
        theirs = _layer(dep)
        if theirs in ({mine, "base"} | ALLOWED[mine]):
            continue
        if mine == "store" and dep in STORE_MAY_USE:
            continue
        if mine == "cli" and dep in CLI_MAY_USE:
            continue
        bad.append(f"{mod} ({mine}) imports {dep} ({theirs})")
    return bad


def _cycles(graph: dict[str, frozenset[str]]) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(frozenset(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_layers_only_point_down() -> None:
    assert [v for mod, deps in sorted(_graph().items()) for v in _violations(mod, deps)] == []


def test_no_import_cycles_among_reader_modules() -> None:
    cycles = _cycles(_graph())
    assert [sorted(c) for c in cycles if c not in KNOWN_CYCLES] == []
    assert [sorted(c) for c in KNOWN_CYCLES if c not in cycles] == [], "a known cycle is gone: drop its entry"


def test_the_checker_sees_imports_inside_functions_and_cycles(tmp_path: Path) -> None:
    """The scan is only worth something if lazy and relative imports count and a loop is found."""
    src = tmp_path / "fake.py"
    src.write_text("import json\n\ndef f():\n    from reader.store import repo\n    from ..app import importing\n"
                   "    from . import types\n", encoding="utf-8")
    deps = {_resolve(n) for n in _raw_imports(src, "reader.core.fake") if n.startswith("reader")}
    assert deps == {"reader.store.repo", "reader.app.importing", "reader.core.types"}
    assert _violations("reader.core.fake", deps) == [
        "reader.core.fake (core) imports reader.app.importing (app)",
        "reader.core.fake (core) imports reader.store.repo (store)",
    ]
    assert _violations("reader.store.fake", {"reader.core.types", "reader.core.text.clean"}) == [
        "reader.store.fake (store) imports reader.core.text.clean (core)"]
    loop = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}), "d": frozenset({"a"})}
    assert _cycles(loop) == [frozenset({"a", "b", "c"})]


@pytest.mark.parametrize("sub", ["core", "store", "app", "cli"])
def test_no_qt_outside_ui(sub: str) -> None:
    offenders = [
        f"{py.relative_to(PKG)} imports {name}"
        for py in (PKG / sub).rglob("*.py")
        for name in _raw_imports(py)
        if name.split(".")[0] in QT
    ]
    assert offenders == []


def test_every_module_has_a_docstring() -> None:
    missing = [
        str(py.relative_to(PKG))
        for py in PKG.rglob("*.py")
        if ast.get_docstring(ast.parse(py.read_text(encoding="utf-8"))) is None
    ]
    assert missing == []


def test_ui_modules_stay_small() -> None:
    """House rule 7 for the window code: split a module when it passes ~400 lines."""
    big = {str(p.relative_to(PKG)): n for p in (PKG / "ui").rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 420}
    assert big == {}


def test_no_assert_validates_anything_in_the_app() -> None:
    """``python -O`` strips ``assert``: checks the app relies on must be real ``if``s."""
    found = [
        f"{py.relative_to(PKG)}:{node.lineno}"
        for py in PKG.rglob("*.py")
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8")))
        if isinstance(node, ast.Assert)
    ]
    assert found == []


def test_ui_and_cli_run_no_queries_of_their_own() -> None:
    """House rule 2: widgets and commands hold no SQL. Queries live in reader.store (and app's read models);
    the UI and the CLI call functions, never the peewee models or peewee itself."""
    offenders = [
        f"{mod} imports {name}"
        for sub in ("ui", "cli")
        for py in (PKG / sub).rglob("*.py")
        for mod in [_module_name(py)]
        for name in sorted(_raw_imports(py))
        if name == "reader.store.models" or name.split(".")[0] == "peewee"
    ]
    assert offenders == []
