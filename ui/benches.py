"""The window's benchmarks, each run in a Qt process of its own (``make bench`` asks for them
through this module, so the dependency is one import-linter sees)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping

#: The benchmarks of the views: this package's modules that print one JSON line of figures.
BENCHES = ("stall_bench", "summary_bench")


def run_in_own_process(
    name: str, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the view benchmark ``name`` with ``args`` in its own process; its output."""
    if name not in BENCHES:
        raise ValueError(f"no view benchmark called {name!r}")
    return subprocess.run(
        [sys.executable, "-m", f"{__package__}.{name}", *args],
        capture_output=True,
        text=True,
        env=None if env is None else dict(env),
    )
