"""The store's file deleted or replaced while an interview is being recorded: the writer
notices before writing another word into a file no one will find, copies everything the store
held into a new file (read through the connection that still has the old one), says where, and
goes on there — nothing is lost. And ``transcribe --save`` on a store it can never write says so
in one line instead of hanging."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy.exc import OperationalError

from companion.cli import main
from companion.transcription.events import CommittedSegment
from models.recorder import SessionRecorder
from models.store import Store
from models.writer import SerialWriter
from tests.audio_helpers import write_wav


def _said(i: int) -> CommittedSegment:
    return CommittedSegment(i, "call", "claimant", float(i), i + 0.9, f"Segment {i} was said.")


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_store_file_gone_while_recording_is_rescued_with_every_word(
    tmp_path: Path, how: str
) -> None:
    path = tmp_path / "interviews.db"
    store = Store.open(f"sqlite:///{path}")
    problems: list[str] = []
    writer = SerialWriter(store, on_problem=problems.append)
    recorder = SessionRecorder.create(writer, "IC-GONE-1")
    try:
        for i in range(5):
            recorder.record(_said(i)).result(timeout=10)
        if how == "deleted":
            path.unlink()
        else:
            stranger = tmp_path / "stranger.db"
            shutil.copy(path, stranger)  # another file put in its place
            path.unlink()
            stranger.rename(path)
        replaced = path.read_bytes() if how == "replaced" else None
        for i in range(5, 10):
            recorder.record(_said(i)).result(timeout=10)
        recorder.finish().result(timeout=10)
    finally:
        writer.close()
    rescued = store.rescued_to
    store.close()
    assert rescued is not None and rescued.name.startswith("interviews.rescued-")
    assert any("deleted" in p or "replaced" in p for p in problems)
    assert any(str(rescued) in p for p in problems)  # said, with where
    if replaced is not None:
        assert path.read_bytes() == replaced  # the file put in its place is left alone
        assert not Path(f"{path}-wal").exists()  # and no journal of ours is left beside it
    reopened = Store.open(f"sqlite:///{rescued}")
    try:
        texts = [s.text for s in reopened.load(1).segments]
    finally:
        reopened.close()
    assert texts == [f"Segment {i} was said." for i in range(10)]  # every word, once


def test_transcribe_save_on_a_store_it_can_never_write_says_so_and_stops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def unwritable(self: SerialWriter, batch: list) -> list:
        raise OperationalError("INSERT", {}, Exception("attempt to write a readonly database"))

    monkeypatch.setattr(SerialWriter, "_transaction", unwritable)
    monkeypatch.setenv("COMPANION_STORE_GIVE_UP_S", "1")
    audio = write_wav(tmp_path / "quiet.wav", np.zeros(16_000, dtype=np.float32))
    status = main(
        [
            "transcribe",
            str(audio),
            "--save",
            "--model",
            "tiny.en",
            "--db",
            f"sqlite:///{tmp_path / 's.db'}",
        ]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 2
    assert err[-1].endswith(
        "the database is read-only; check its permissions); gave up after 1 s: no session was "
        "stored"
    )
