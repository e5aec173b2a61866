"""The core stays Qt-free: the core of companion/ and models/ never import PySide6, shiboken6 or
ui/ (the command line and the benchmarks are a layer above the views and may). The full set of
layer contracts is checked by import-linter (`lint-imports`, in make test); this adds what it
cannot see: no side door into ui/ by a module's name."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT

FORBIDDEN = ("PySide6", "shiboken6", "ui")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


#: The command line and the benchmarks: above the views.
ABOVE_THE_VIEWS = ("companion/cli", "companion/bench/")


def _below_the_views(package: str) -> list[Path]:
    return [
        path
        for path in sorted((ROOT / package).rglob("*.py"))
        if not str(path.relative_to(ROOT)).startswith(ABOVE_THE_VIEWS)
    ]


@pytest.mark.parametrize("package", ["companion", "models"])
def test_core_packages_do_not_import_qt_or_ui(package: str) -> None:
    offenders = []
    for path in _below_the_views(package):
        for name in _imports(path):
            if name.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offenders, "\n".join(offenders)


def test_importing_every_core_module_loads_no_qt() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import companion, models\n"
        "for pkg in (companion, models):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if m.name.endswith(('__main__', 'migrations.env')): continue  # scripts\n"
        "        importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "", f"Qt loaded by the core: {result.stdout}"


@pytest.mark.parametrize("package", ["companion", "models"])
def test_no_side_door_into_the_views_by_name(package: str) -> None:
    """``importlib.import_module("ui...")``, ``__import__`` or ``-m ui...`` would pass the
    import contracts unseen."""
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for needle in ("import_module(", "__import__(", '"-m", "ui', "'-m', 'ui"):
            if needle in text:
                offenders.append(f"{path.relative_to(ROOT)}: {needle}")
    assert not offenders, "\n".join(offenders)
