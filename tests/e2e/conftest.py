"""End-to-end tests: a line at the end of the run with how many fuzzed inputs were tried."""

from __future__ import annotations

import sys

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The fuzzing figure for the README, whatever order or selection the tests ran in."""
    fuzz = sys.modules.get("tests.e2e.test_fuzz_inputs")
    tried = dict(getattr(fuzz, "TRIED", {}))
    if tried:
        terminalreporter.write_line(f"fuzzed inputs tried: {tried}")
