"""What a second hostile review found (110 cases tried as a careless user or script would;
25 failed, 4 of them losing or exposing testimony), each now a test: nothing writes over an
interview store, its key or a rescued copy whatever ``--db`` says; a killed export's hidden copy
is removed; bad input is one line, exit 2, and changes nothing — not even a file's mode."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from companion import paths
from companion.cli import main
from models.encryption import key_file_for
from tests.paths import ROOT


@pytest.fixture
def two_stores(tmp_path: Path) -> tuple[Path, str]:
    """This computer's own store, and another one named by --db; each holds an interview."""
    source = tmp_path / "t.txt"
    source.write_text("Claimant: They beat me in Herat.\n")
    assert main(["sessions", "import", str(source)]) == 0
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert main(["sessions", "import", str(source), "--db", other]) == 0
    return paths.data_dir() / "interviews.db", other


def _one_line(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    status = main(list(args))
    err = capsys.readouterr().err.strip()
    assert status == 2 and "\n" not in err, err
    return err


def test_no_output_overwrites_the_own_store_its_key_or_a_rescued_copy(
    two_stores: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own, other = two_stores
    own_key = key_file_for(own)
    before = own.read_bytes(), own_key.read_bytes()
    capsys.readouterr()
    err = _one_line(capsys, "sessions", "export", "1", "--db", other, "-o", str(own), "--force")
    assert "is in the folder of the interview stores" in err
    err = _one_line(capsys, "key", "--export", str(own_key), "--force", "--db", other)
    assert "in the folder of the interview stores' keys" in err
    rescued = tmp_path / "rec.rescued-20261129-133509.db"
    rescued.write_bytes(os.urandom(4096))
    key_file_for(rescued).write_text("ab" * 32)  # a store key is kept for it
    err = _one_line(capsys, "summary", str(tmp_path / "t.txt"), "-o", str(rescued), "--force")
    assert err.endswith("is an encrypted interview store; choose another file")
    assert (own.read_bytes(), own_key.read_bytes()) == before


def test_a_hidden_copy_a_killed_export_left_is_removed_by_the_next(
    two_stores: tuple[Path, str], tmp_path: Path
) -> None:
    _own, other = two_stores
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    left = tmp_path / f".out.jsonl.ic-partial-{dead}-x1y2"
    left.write_text("They beat me in Herat.\n")
    assert main(["sessions", "export", "1", "--db", other, "-o", str(tmp_path / "next.txt")]) == 0
    assert not left.exists()


def test_standard_output_on_a_full_disk_is_one_line(two_stores: tuple[Path, str]) -> None:
    _own, other = two_stores
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "companion", "sessions", "export", "1", "--db", other],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
        )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "interview-companion: standard output: cannot be written (No space left on device)"
    ]


@pytest.mark.parametrize("what", ["/dev/null", "folder", "text", "other program"])
def test_a_db_that_is_not_a_store_is_refused_and_left_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    import sqlite3

    target = {"/dev/null": Path("/dev/null"), "folder": tmp_path / "adir"}.get(
        what, tmp_path / "thing"
    )
    if what == "folder":
        target.mkdir(mode=0o755)
    elif what == "text":
        target.write_text("a shopping list\n")
    elif what == "other program":
        connection = sqlite3.connect(target)
        connection.execute("CREATE TABLE contacts (name TEXT)")
        connection.commit()
        connection.close()
    if what != "/dev/null":
        os.chmod(target, 0o755 if what == "folder" else 0o644)
    mode = stat.S_IMODE(os.stat(target).st_mode)
    _one_line(capsys, "sessions", "list", "--db", f"sqlite:///{target}")
    assert stat.S_IMODE(os.stat(target).st_mode) == mode
    if what == "other program":
        assert not key_file_for(target).exists()
        _one_line(capsys, "key", "--db", f"sqlite:///{target}")
        assert not key_file_for(target).exists()


def test_wrong_secrets_endless_files_and_odd_values_are_one_line(
    two_stores: tuple[Path, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _own, other = two_stores
    capsys.readouterr()
    with monkeypatch.context() as patch:
        patch.setenv("COMPANION_DB_PASSPHRASE", "wrong")
        err = _one_line(capsys, "sessions", "list", "--db", other)
        assert "a passphrase" in err and "does not open it" in err
    with monkeypatch.context() as patch:
        patch.setenv("COMPANION_DB_ENCRYPTION", "off")
        assert "unset it" in _one_line(capsys, "sessions", "list", "--db", other)
    assert "not a key file" in _one_line(capsys, "key", "--import", "/dev/zero", "--db", other)
    fifo = tmp_path / "ff.wav"
    os.mkfifo(fifo)
    assert "not a regular file" in _one_line(capsys, "transcribe", str(fifo), "--model", "tiny.en")
    for odd in (" 2", "２"):
        assert "is not a session id" in _one_line(capsys, "sessions", "delete", odd, "--db", other)
    assert "not a language code" in _one_line(
        capsys, "sessions", "import", str(tmp_path / "t.txt"), "--language", "../../etc"
    )
    url = "postgresql://u:pw@127.0.0.1:1/db?password=TOPSECRET&sslmode=disable"
    err = _one_line(capsys, "sessions", "list", "--db", url)
    assert "TOPSECRET" not in err and "pw" not in err.split("//")[1].split("@")[0]


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ('{"speaker": "claimant", "text": "x", "start": 1e308, "end": 1.7e308}', "longer than"),
        ('{"speaker": "claimant", "text": "x\\u0000y"}', "control character"),
    ],
)
def test_a_transcript_that_could_not_be_exported_again_is_refused_at_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, said: str
) -> None:
    source = tmp_path / "odd.jsonl"
    source.write_text(line + "\n")
    assert said in _one_line(capsys, "sessions", "import", str(source))


def test_overlapping_breaks_are_refused_at_import_as_by_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "ov.jsonl"
    source.write_text(
        '{"speaker": "claimant", "text": "x", "start": 1, "end": 2}\n'
        '{"type": "break", "start": 10, "end": 100}\n'
        '{"type": "break", "start": 50, "end": 120}\n'
    )
    assert "break overlaps the break before" in _one_line(capsys, "sessions", "import", str(source))


def test_a_retention_setting_past_any_sense_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from companion.settings import Settings

    Settings.path().parent.mkdir(parents=True, exist_ok=True)
    Settings.path().write_text('{"storage": {"retention_days": 1000000}}')
    assert "must be at most 36500" in _one_line(capsys, "sessions", "list")


def test_the_third_passs_findings(
    two_stores: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pipe as an output or as the settings never hangs a command; a store in memory is
    refused (it would keep nothing); a folder path or a link is not written through; a
    redacted subtitle file stays a subtitle file and the reference is masked too; a file name
    with a line break or an escape sequence is said on one safe line."""
    _own, other = two_stores
    capsys.readouterr()
    fifo = tmp_path / "f.fifo"
    os.mkfifo(fifo)
    for args in (
        ["sessions", "export", "1", "--db", other, "-o", str(fifo), "--force"],
        ["key", "--export", str(fifo), "--force", "--db", other],
    ):
        assert "is not a regular file" in _one_line(capsys, *args)
    assert "keeps nothing" in _one_line(capsys, "sessions", "list", "--db", "sqlite://")
    out = str(tmp_path / "x.jsonl") + "/"
    assert "names a folder" in _one_line(
        capsys, "sessions", "export", "1", "--db", other, "-o", out
    )
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "missing")
    err = _one_line(capsys, "sessions", "export", "1", "--db", other, "-o", str(link))
    assert "already exists (a link)" in err
    timed = tmp_path / "timed.jsonl"
    timed.write_text('{"speaker": "claimant", "text": "They beat me.", "start": 1, "end": 2}\n')
    db = f"sqlite:///{tmp_path / 'timed.db'}"
    assert main(["sessions", "import", str(timed), "--db", db]) == 0
    capsys.readouterr()
    assert main(["sessions", "export", "1", "--db", db, "--redact", "--format", "vtt"]) == 0
    assert capsys.readouterr().out.startswith("WEBVTT")
    named = tmp_path / "Reza Karimi.txt"
    named.write_text("Claimant: They beat me.\n")
    assert main(["summary", str(named), "--format", "md", "--redact"]) == 0
    assert "Karimi" not in capsys.readouterr().out
    err = _one_line(capsys, "analyse", str(tmp_path / "no\nsuch\x1b[31mfile"))
    assert "\x1b" not in err and "\\n" in err
    from companion.settings import Settings

    Settings.path().parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(Settings.path())
    assert "not a regular file" in _one_line(capsys, "sessions", "list")
