"""A deleted interview leaves no copy in the store's write-ahead log, even while another
program is reading the store: the log is emptied once the reader lets go (tried again when the
store closes; and SQLite cuts the log to nothing at its next reset). Seen with encryption off,
so that the words could be found if they were there."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from models import record
from models.store import Store

WORDS = "ZEBULON-QUARTERMAINE was held in the container"


def _files_with_words(path: Path) -> list[str]:
    return [
        f.name
        for f in path.parent.iterdir()
        if f.name.startswith(path.name) and WORDS.encode() in f.read_bytes()
    ]


def test_a_deletion_while_another_program_reads_leaves_no_words_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPANION_DB_ENCRYPTION", "off")
    path = tmp_path / "interviews.db"
    store = Store.open(f"sqlite:///{path}")
    sid = store.create_session("IC-DEL-1")
    with store.session() as db:
        for i in range(40):
            record.add_segment(db, sid, i, speaker="claimant", text=f"{WORDS} ({i}). " * 10)
        record.set_state(db, sid, "ended")
    other = sqlite3.connect(path)  # another program, in the middle of reading the store
    reading = other.execute("SELECT text FROM segments")
    reading.fetchone()
    assert _files_with_words(path)
    store.delete(sid)
    reading.fetchall()  # the other program finishes reading, and keeps the store open
    store.close()
    try:
        assert _files_with_words(path) == []
    finally:
        other.close()
