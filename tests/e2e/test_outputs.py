"""Ordinary commands never destroy or expose an interview through the file they write: the
output path is checked against the store, its journal and key files and the input; nothing is
replaced without --force; devices and folders are refused; a key backup never follows a link
planted beside it; an export whose audit entry cannot be written leaves no file; and while an
export is being written nothing in the folder has its name (a kill leaves no copy)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from companion.cli import main
from companion.usecases import exports
from models import record
from models.encryption import key_file_for
from models.store import Store


@pytest.fixture
def stored(tmp_path: Path) -> tuple[str, Path]:
    """A local store holding one interview: its URL and its file."""
    path = tmp_path / "data" / "interviews.db"
    path.parent.mkdir()
    url = f"sqlite:///{path}"
    store = Store.open(url)
    try:
        sid = store.create_session("IC-OUT-1")
        with store.session() as db:
            record.add_segment(db, sid, 0, speaker="claimant", text="They burned my arm.")
            record.set_state(db, sid, "ended")
    finally:
        store.close()
    return url, path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(list(args))
    return status, capsys.readouterr().err.strip()


def _still_holds_the_interview(url: str) -> None:
    store = Store.open(url)
    try:
        assert store.load(1).segments[0].text == "They burned my arm."
    finally:
        store.close()


@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_an_export_onto_the_store_or_its_journal_is_refused(
    stored: tuple[str, Path], capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    url, path = stored
    target = f"{path}{suffix}"
    status, err = _run(capsys, "sessions", "export", "1", "-o", target, "--force", "--db", url)
    assert status == 2 and "\n" not in err
    assert err.endswith("is a journal file of the interview store; choose another file") or (
        err.endswith("is the interview store; choose another file")
    )
    _still_holds_the_interview(url)


def test_a_summary_onto_the_stores_key_is_refused(
    stored: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    url, path = stored
    key = key_file_for(path)
    before = key.read_bytes()
    status, err = _run(capsys, "summary", "--session", "1", "-o", str(key), "--force", "--db", url)
    assert status == 2 and err.endswith("is the interview store's key; choose another file")
    assert key.read_bytes() == before
    _still_holds_the_interview(url)


def test_a_summary_onto_its_own_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "src.jsonl"
    source.write_text('{"speaker": "claimant", "text": "They burned my arm."}\n')
    status, err = _run(capsys, "summary", str(source), "-o", str(source), "--force")
    assert status == 2 and err.endswith("is the transcript being summarised; choose another file")
    assert "burned my arm" in source.read_text()


def test_nothing_is_replaced_without_force_and_devices_never(
    stored: tuple[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _path = stored
    existing = tmp_path / "record.txt"
    existing.write_text("an earlier export\n")
    status, err = _run(capsys, "sessions", "export", "1", "-o", str(existing), "--db", url)
    assert status == 2 and err.endswith("already exists; add --force to replace it")
    assert existing.read_text() == "an earlier export\n"
    status, _ = _run(capsys, "sessions", "export", "1", "-o", str(existing), "--force", "--db", url)
    assert status == 0 and "burned my arm" in existing.read_text()
    for target, said in (("/dev/null", "is not a regular file"), (str(tmp_path), "is a folder")):
        status, err = _run(capsys, "sessions", "export", "1", "-o", target, "--force", "--db", url)
        assert status == 2 and said in err, err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_key_backup_follows_no_planted_link_and_leaves_its_folder_alone(
    stored: tuple[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _path = stored
    folder = tmp_path / "shared-drive"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    victim = tmp_path / "someone-elses-file"
    victim.write_text("theirs\n")
    target = folder / "interviews.key"
    for name in (target.with_suffix(".partial"), folder / ".interviews.key.partial"):
        name.symlink_to(victim)
    status, _ = _run(capsys, "key", "--db", url, "--export", str(target))
    assert status == 0
    assert victim.read_text() == "theirs\n"  # the planted link was not followed
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755  # the folder is left as it was
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    older = target.read_text()
    status, err = _run(capsys, "key", "--db", url, "--export", str(target))
    assert status == 2 and err.endswith("already exists; add --force to replace it")
    assert target.read_text() == older
    status, err = _run(capsys, "key", "--db", url, "--export", str(folder))
    assert status == 2 and err.endswith("is a folder; give the path of a file to write")


def test_an_export_whose_audit_fails_leaves_no_file(
    stored: tuple[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, _path = stored

    def fails(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(record, "audit_export", fails)
    target = tmp_path / "record.txt"
    status = main(["sessions", "export", "1", "-o", str(target), "--db", url])
    assert status != 0
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_while_an_export_is_written_nothing_in_the_folder_has_a_name(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    seen: list[list[str]] = []
    exports.deliver(
        "# They burned my arm.\n",
        str(target),
        audit=lambda: seen.append(sorted(p.name for p in tmp_path.iterdir())),
    )
    assert seen == [[]]  # a kill at that moment would leave no copy behind
    assert target.read_text() == "# They burned my arm.\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
