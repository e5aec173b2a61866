"""The command line: contract output, one-line errors, exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from companion.cli import main
from tests.paths import ROOT


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )


def test_bad_audio_file_is_named_in_one_line_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    junk = tmp_path / "call.wav"
    junk.write_bytes(b"RIFF....WAVEjunk" * 10)
    status = main(["transcribe", str(junk), "--model", "tiny.en"])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and "call.wav" in err


def test_missing_audio_file(capsys: pytest.CaptureFixture) -> None:
    assert main(["transcribe", "no/such/file.wav"]) == 2
    assert "no/such/file.wav: no such audio file" in capsys.readouterr().err


def test_unknown_option_and_model_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["transcribe", "x.wav", "--bogus"]) == 2
    err = capsys.readouterr().err
    assert "--bogus" in err and err.count("\n") == 1
    from tests.audio_helpers import sine, write_wav

    wav = write_wav(tmp_path / "a.wav", sine(0.5))
    assert main(["transcribe", str(wav), "--model", "no-such-model"]) == 2
    err = capsys.readouterr().err
    assert "'no-such-model' is not available offline" in err and err.count("\n") == 1


def test_models_lists_the_shipped_models_and_the_default(capsys: pytest.CaptureFixture) -> None:
    assert main(["models", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    names = {m["name"] for m in listing["models"]}
    assert {"tiny.en", "base"} <= names
    assert listing["default"] == "auto"
    assert {listing["auto"]["english"], listing["auto"]["interpreted"]} <= names


def test_python_dash_m_companion_works() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and "interview-companion" in result.stdout
