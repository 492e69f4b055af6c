"""The layer rules: Qt only under ui/, and each package imports only what it may."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "ka_explorer"

FOUNDATION = {"errors", "paths", "__init__"}
ALLOWED = {
    "catalog": FOUNDATION,
    "jsontree": {"errors", "__init__"},
    "oauth1": FOUNDATION | {"catalog"},
    "replica": FOUNDATION | {"catalog"},
    "http": FOUNDATION | {"oauth1", "jsontree", "catalog"},
}


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _python_files(subpackage: str | None = None) -> list[Path]:
    root = PACKAGE / subpackage if subpackage else PACKAGE
    return sorted(root.rglob("*.py"))


def test_qt_only_under_ui() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in _python_files()
        if "ui" not in path.relative_to(PACKAGE).parts[:1]
        and any(name.split(".")[0] == "PySide6" for name in _imported_modules(path))
    ]
    assert offenders == []


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_allowed(layer: str) -> None:
    offenders = []
    for path in _python_files(layer):
        for name in _imported_modules(path):
            parts = name.split(".")
            if parts[0] != "ka_explorer" or len(parts) < 2:
                continue
            if parts[1] != layer and parts[1] not in ALLOWED[layer]:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []
