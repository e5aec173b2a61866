"""Nothing leaves the machine during a long live run, at the level of the operating system.

A Python-level guard (``tests/e2e/test_privacy.py``) cannot see native code: onnxruntime's
telemetry is C++ that writes a device id and an event queue under ``~/.cache/Microsoft`` and,
after some tens of seconds, looks up its collector over DNS. So here the real ``transcribe
--realtime`` pipeline runs for over a minute of wall time under ``strace``, in a home folder of
its own, and the test fails on any IP socket the process or its threads open, and on any file
a telemetry library leaves behind.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from companion.audio.wav_source import read_audio
from tests.audio_helpers import write_wav
from tests.paths import ROOT, SAMPLES

#: socket() calls for IPv4 or IPv6, by the process or any of its threads (DNS included).
IP_SOCKET = re.compile(r"socket\((AF_INET|AF_INET6|PF_INET|PF_INET6)\b")

pytestmark = pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")


def _traced(
    tmp_path: Path, *command: str, timeout: float
) -> tuple[subprocess.CompletedProcess[str], list[str], list[Path]]:
    """Run ``command`` under strace with a fresh home; its IP sockets and telemetry files."""
    home = tmp_path / "home"
    home.mkdir()
    log = tmp_path / "strace.log"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=socket", "-o", str(log), *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )
    sockets = [line for line in log.read_text().splitlines() if IP_SOCKET.search(line)]
    cache = home / ".cache"
    left = (
        [p for p in cache.rglob("*") if "interview-companion" not in p.parts]
        if cache.exists()
        else []
    )
    return result, sockets, left


def test_the_trace_sees_an_ip_socket_opened_by_a_child(tmp_path: Path) -> None:
    code = "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close()"
    result, sockets, _left = _traced(tmp_path, sys.executable, "-c", code, timeout=60)
    assert result.returncode == 0, result.stderr
    assert sockets, "the trace would not catch a connection"


@pytest.mark.slow
def test_a_long_live_run_opens_no_ip_socket_and_leaves_no_telemetry(tmp_path: Path) -> None:
    # 75 s of the sample interview, paced as live audio: past the point (tens of seconds)
    # where onnxruntime's telemetry used to look up its collector.
    audio = read_audio(SAMPLES / "sample_interview.ogg")
    audio = np.tile(audio, int(np.ceil(75 * 16_000 / len(audio))))[: 75 * 16_000]
    wav = write_wav(tmp_path / "live.wav", audio)
    result, sockets, left = _traced(
        tmp_path,
        sys.executable,
        "-m",
        "companion",
        "transcribe",
        str(wav),
        "--realtime",
        "--model",
        "tiny.en",
        timeout=400,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.count('"text"') >= 5  # it did transcribe, live, for the whole minute
    assert sockets == [], f"IP sockets opened during a live run: {sockets[:5]}"
    assert left == [], f"files a library left behind: {[str(p) for p in left[:5]]}"
