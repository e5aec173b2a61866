"""The one loader for bundled data files (the ``resources`` package), wheel-safe."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

_PACKAGE = "resources"


def resource_path(*parts: str) -> Path:
    """A bundled file as a filesystem path (resources ship as plain files in the package)."""
    root = importlib.resources.files(_PACKAGE)
    target = root.joinpath(*parts)
    path = Path(str(target))
    if not path.exists():
        raise FileNotFoundError(f"bundled resource missing: {'/'.join(parts)}")
    return path


def read_text(*parts: str) -> str:
    """A bundled text file's contents (UTF-8)."""
    return resource_path(*parts).read_text(encoding="utf-8")


def sample_interview_path() -> Path:
    """The sample interview recording used by ``--demo`` (generated speech, Opus in Ogg)."""
    return resource_path("samples", "sample_interview.ogg")
