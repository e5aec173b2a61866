"""The window killed (SIGKILL) at 3:00:00 of interview time — 2 h 50 of questioning, one break,
a disclosure acted on, the break suggestion acted on and a second one open, a rendering
confirmed and one corrected — comes back in a new process with its clock, breaks, warnings,
cards, follow-up checklists and checks as they were."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.paths import ROOT

pytest.importorskip("PySide6")
pytestmark = pytest.mark.qt


def _app(url: str, mode: str) -> tuple[subprocess.Popen[str], dict[str, Any]]:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.three_hours_app", url, mode],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line, f"the {mode} window said nothing"
    return process, json.loads(line)


def test_killed_at_three_hours_the_interview_comes_back_as_it_was(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    recording, before = _app(url, "record")
    os.kill(recording.pid, signal.SIGKILL)  # at 3:00:00, the instant it said what it shows
    recording.wait(10)
    assert recording.returncode == -signal.SIGKILL
    assert round(before["elapsed_s"]) == 3 * 3600
    assert round(before["questioning_s"]) == 2 * 3600 + 50 * 60
    resumed, after = _app(url, "resume")
    resumed.wait(30)
    for key in ("breaks", "warnings", "actions", "open_warning", "cards", "checklists", "rows"):
        assert after[key] == before[key], key
    assert after["checks"] == {"1": "corrected", "3": "confirmed"} == before["checks"]
    assert after["questioning_s"] == pytest.approx(before["questioning_s"], abs=6)
    assert after["elapsed_s"] == pytest.approx(before["elapsed_s"], abs=6)
    assert after["clock_text"] == before["clock_text"] == "2:50:00"
    assert after["cards"]["episode:0"] == "asked" and after["open_warning"] is not None
