"""Bad input gets one line naming the thing at fault, exit 2, and loses nothing — never a
traceback: a lone surrogate escape in a JSON transcript, a file name that is not UTF-8, an id
too large for a database integer, a malformed server URL, an endless file as a transcript."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion.cli import main
from tests.paths import ROOT


def _fails_in_one_line(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    status = main(list(args))
    err = capsys.readouterr().err.strip()
    assert status == 2, err
    assert "\n" not in err and "Traceback" not in err and "internal error" not in err, err
    return err


@pytest.mark.parametrize(
    "args",
    [["analyse", "{src}", "--json"], ["summary", "{src}"], ["sessions", "import", "{src}"]],
)
def test_a_lone_surrogate_in_a_json_transcript_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(
        '{"speaker": "claimant", "text": "fine"}\n'
        '{"speaker": "claimant", "text": "\\ud800 they beat me"}\n'
    )
    filled = [a.format(src=source) for a in args] + ["--db", f"sqlite:///{tmp_path / 's.db'}"]
    err = _fails_in_one_line(capsys, *filled)
    assert "bad.jsonl:2: holds a character that is not text" in err


def _program(*args: str | bytes, home: Path) -> subprocess.CompletedProcess[bytes]:
    """The real program, as a user runs it (its file names are bytes)."""
    env = os.environ | {"COMPANION_DATA_DIR": str(home / "data"), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "companion", *args],
        capture_output=True,
        env=env,
        cwd=home,
        timeout=120,
    )


def test_a_file_name_that_is_not_utf8_is_imported_exported_and_audited(tmp_path: Path) -> None:
    source = tmp_path / os.fsdecode(b"\xff\xfe.txt")
    source.write_text("Claimant: They beat me at the checkpoint.\n")
    for args in (
        [b"sessions", b"import", b"\xff\xfe.txt"],
        [b"sessions", b"export", b"1", b"-o", b"\xfe.txt"],
        [b"summary", b"\xff\xfe.txt", b"--format", b"md"],
    ):
        done = _program(*args, home=tmp_path)
        assert done.returncode == 0, done.stderr
    assert b"beat me" in (tmp_path / os.fsdecode(b"\xfe.txt")).read_bytes()
    trail = _program(b"sessions", b"audit", b"1", home=tmp_path)
    assert b"import by" in trail.stdout and b"export by" in trail.stdout
    missing = _program(b"analyse", b"\xff-missing.txt", home=tmp_path)
    assert missing.returncode == 2 and missing.stderr.count(b"\n") == 1
    assert b"no such transcript file" in missing.stderr


@pytest.mark.parametrize("command", [["sessions", "show"], ["sessions", "delete"]])
def test_an_id_too_large_for_the_database_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    err = _fails_in_one_line(capsys, *command, str(2**63), "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert f"{2**63} is not a session id" in err


def test_a_malformed_server_url_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    err = _fails_in_one_line(capsys, "sessions", "list", "--db", "postgresql://u@[::1/db")
    assert err.startswith("interview-companion: --db postgresql://u@[::1/db: not a database URL")


def test_an_endless_file_is_not_read_as_a_transcript(capsys: pytest.CaptureFixture[str]) -> None:
    err = _fails_in_one_line(capsys, "analyse", "/dev/zero", "--json")
    assert err.endswith("/dev/zero: not a regular file, not a transcript")
