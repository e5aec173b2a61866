"""The audit trail: who corrected what and when, and every export, import, resume and deletion
of a record — with the user's name, never the testimony; a deletion outlives the session."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from companion.cli import main
from models import record
from models.recovery import mark_interrupted, resume
from models.store import Store

WORDS = "They held me in Herat for three weeks."


def test_corrections_exports_and_deletion_are_in_the_audit_trail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = Store.open(url)
    try:
        sid = store.create_session("IC-AUD-1", owner="gone-host:1")
        with store.session() as db:
            record.add_segment(db, sid, 0, speaker="interpreter", text=WORDS, start_s=1.0)
            record.correct_text(
                db, sid, 0, WORDS.replace("three", "two"), author="interpreter", reason="weeks"
            )
            record.confirm(db, sid, 0, author="caseworker")
            db.get(record.InterviewSession, sid).heartbeat_at = None
        mark_interrupted(store)
        resume(store, sid)
    finally:
        store.close()
    out = tmp_path / "record.txt"
    args = ["sessions", "export", str(sid), "--format", "txt", "--redact", "-o", str(out)]
    assert main([*args, "--db", url]) == 0
    summary = ["summary", "--session", str(sid), "--format", "md", "-o", str(tmp_path / "s.md")]
    assert main([*summary, "--db", url]) == 0
    capsys.readouterr()
    assert main(["sessions", "audit", str(sid), "--db", url]) == 0
    trail = capsys.readouterr().out
    user = getpass.getuser()
    assert "the interpreter corrected the words of segment 0 (weeks)" in trail
    assert "the caseworker confirmed segment 0" in trail
    assert "resume by " + user in trail
    assert f"export by {user} (command line): txt, names and places masked, to record.txt" in trail
    assert f"summary export by {user} (command line): md, to s.md" in trail
    assert "Herat" not in trail and "three weeks" not in trail  # never the testimony
    # This process resumed the session and holds it: it cannot be deleted until it has ended.
    assert main(["sessions", "delete", str(sid), "--db", url]) == 2
    store = Store.open(url)
    try:
        with store.session() as db:
            record.set_state(db, sid, "ended")
    finally:
        store.close()
    assert main(["sessions", "delete", str(sid), "--db", url]) == 0
    store = Store.open(url)
    try:
        events = store.audit_events(sid)  # the session is gone; its trail is not
        assert [e.action for e in events][-1] == "delete"
        assert events[-1].reference == "IC-AUD-1"
    finally:
        store.close()
