"""The interview record: models, migrations, corrections beside the original, deletion,
retention and crash recovery; every test runs on SQLite and on PostgreSQL (when a server is
available: CI starts one)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from companion.errors import UserError
from models import record, recovery
from models.database import StoreError, current_revision, head_revision, make_engine, migrate
from models.entities import (
    CONFIRMED,
    CORRECTED,
    ENDED,
    INTERRUPTED,
    LIVE,
    ON_BREAK,
    Correction,
    DisclosureEpisode,
    FollowUpElement,
    Note,
    Prompt,
    ReflectionAnswer,
    Segment,
    current_text,
)
from models.store import Store
from tests.paths import ROOT


def _session_with_record(store: Store) -> int:
    sid = store.create_session(
        "IC-2026-0042",
        language="fa",
        dialect="Dari",
        interpreter="remote",
        participants=[("caseworker", "microphone", "USB mic"), ("claimant", "call", "Teams")],
    )
    with store.session() as db:
        record.add_segment(
            db,
            sid,
            0,
            speaker="caseworker",
            text="When did they arrest you?",
            start_s=10.0,
            end_s=12.5,
            source="microphone",
        )
        record.add_segment(
            db,
            sid,
            1,
            speaker="interpreter",
            text="In 1401, in the month of Dey.",
            start_s=13.0,
            end_s=16.0,
            language="en",
            confidence=0.82,
            source="call",
            words=[{"w": "In", "s": 13.0, "e": 13.2, "p": 0.9}],
        )
    with store.session() as db:
        record.correct_text(
            db,
            sid,
            1,
            "In 1402, in the month of Dey.",
            author="interpreter",
            reason="the year was misheard",
        )
        record.correct_speaker(db, sid, 1, "claimant", author="caseworker")
        record.confirm(db, sid, 0, author="interpreter")
        record.start_break(db, sid, 20.0, reason="comfort break", requested_by="claimant")
    with store.session() as db:
        record.end_break(db, sid, 35.0)
        episode = DisclosureEpisode(
            session_id=sid, segment_position=1, category="torture", evidence="they beat me"
        )
        episode.followups.append(
            FollowUpElement(element="when", state="answered", segment_positions=[1])
        )
        db.add(episode)
        db.add(Prompt(session_id=sid, kind="disclosure", segment_position=1, evidence="beat"))
        db.add(Note(session_id=sid, at_s=14.0, segment_position=1, text="check the calendar"))
        db.add(ReflectionAnswer(session_id=sid, prompt="What went well?", answer="breaks"))
    return sid


def test_a_session_keeps_what_was_recognised_beside_its_corrections(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        sid = _session_with_record(store)
        loaded = store.load(sid)
        assert loaded.reference == "IC-2026-0042" and loaded.dialect == "Dari"
        assert [(p.role, p.audio_source) for p in loaded.participants] == [
            ("caseworker", "microphone"),
            ("claimant", "call"),
        ]
        first, second = loaded.segments
        assert second.text == "In 1401, in the month of Dey."  # as recognised, untouched
        assert current_text(second) == "In 1402, in the month of Dey."
        assert (second.speaker_auto, second.speaker) == ("interpreter", "claimant")
        assert second.status == CORRECTED and first.status == CONFIRMED
        assert second.words == [{"w": "In", "s": 13.0, "e": 13.2, "p": 0.9}]
        correction = second.corrections[0]
        assert (correction.author, correction.reason) == ("interpreter", "the year was misheard")
        assert correction.created_at.tzinfo is not None
        assert [(b.start_s, b.end_s, b.requested_by) for b in loaded.breaks] == [
            (20.0, 35.0, "claimant")
        ]
        assert loaded.state == LIVE  # the break ended
        assert loaded.episodes[0].followups[0].segment_positions == [1]
        assert len(loaded.prompts) == len(loaded.notes) == len(loaded.reflections) == 1
        info = store.info(sid)
        assert (info.segments, info.breaks, info.corrections) == (2, 1, 2)
    finally:
        store.close()


def test_delete_removes_the_session_and_everything_recorded_with_it(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        keep = store.create_session("keep")
        sid = _session_with_record(store)
        deleted = store.delete(sid)
        assert (deleted.id, deleted.segments, deleted.corrections) == (sid, 2, 2)
        with store.session() as db:
            for table in (
                Segment,
                Correction,
                DisclosureEpisode,
                FollowUpElement,
                Prompt,
                Note,
                ReflectionAnswer,
            ):
                assert db.scalar(select(func.count()).select_from(table)) == 0, table
        assert [i.id for i in store.list_sessions()] == [keep]
        with pytest.raises(StoreError, match=f"session {sid}: no such session"):
            store.load(sid)
    finally:
        store.close()


def test_sqlite_delete_leaves_no_words_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Unencrypted here, so the words would be there in plain text if deleting only unlinked.
    monkeypatch.setenv("COMPANION_DB_ENCRYPTION", "off")
    path = tmp_path / "store.db"
    store = Store.open(f"sqlite:///{path}")
    sid = store.create_session("IC-1")
    with store.session() as db:
        record.add_segment(db, sid, 0, speaker="claimant", text="Zebulon-Quartermaine " * 50)
    store.delete(sid)
    store.close()
    files = list(tmp_path.glob("store.db*"))
    assert files
    for candidate in files:
        assert b"Zebulon-Quartermaine" not in candidate.read_bytes(), candidate.name


def test_segments_keep_their_order_and_reject_bad_values(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        sid = store.create_session("IC-2")
        with pytest.raises(UserError, match="speaker must be one of"), store.session() as db:
            record.add_segment(db, sid, 0, speaker="judge", text="x")
        with pytest.raises(UserError, match="a correction is made by"), store.session() as db:
            record.add_segment(db, sid, 0, speaker="claimant", text="x")
            record.correct_text(db, sid, 0, "y", author="robot")
        assert store.info(sid).segments == 0  # both transactions rolled back whole
        with pytest.raises(UserError, match="needs a reference"):
            store.create_session("  ")
    finally:
        store.close()


def test_retention_purges_only_ended_sessions_older_than_the_setting(
    db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = Store.open(db_url)
    try:
        old, recent, live = (store.create_session(r) for r in ("old", "recent", "live"))
        with store.session() as db:
            record.add_segment(db, old, 0, speaker="claimant", text="words")
            record.set_state(db, old, ENDED)
            record.set_state(db, recent, ENDED)
        later = datetime.now(UTC) + timedelta(days=31)
        with store.session() as db:  # "recent" ended 30 days after "old"
            found = db.get(record.InterviewSession, recent)
            assert found is not None
            found.ended_at = datetime.now(UTC) + timedelta(days=30)
        assert store.purge_expired(0, now=later) == []
        caplog.set_level("INFO")
        purged = store.purge_expired(30, now=later)
        assert [p.id for p in purged] == [old]
        assert "retention: deleted 1 ended session(s) older than 30 days" in caplog.text
        assert sorted(i.id for i in store.list_sessions()) == sorted([recent, live])
    finally:
        store.close()


def test_migrations_upgrade_a_database_made_by_the_first_revision(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        migrate(engine, db_url, target="0001")
        assert current_revision(engine) == "0001"
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO interview_sessions (reference, language, dialect, interpreter, "
                    "preset, state, origin, created_at, owner) VALUES ('IC-OLD', 'ti', '', "
                    "'present', 'trauma-informed', 'ended', 'live', CURRENT_TIMESTAMP, '')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO segments (session_id, position, speaker_auto, speaker, text, "
                    "status, source, committed_at) SELECT id, 0, 'claimant', 'claimant', "
                    "'I was held for a month', 'committed', 'call', CURRENT_TIMESTAMP "
                    "FROM interview_sessions"
                )
            )
        assert "disclosure_episodes" not in _tables(engine)
    finally:
        engine.dispose()
    store = Store.open(db_url)  # the app upgrades an old database on start
    try:
        assert current_revision(store.engine) == head_revision()
        assert "disclosure_episodes" in _tables(store.engine)
        (info,) = store.list_sessions()
        loaded = store.load(info.id)
        assert loaded.reference == "IC-OLD"
        assert [s.text for s in loaded.segments] == ["I was held for a month"]
    finally:
        store.close()


def _tables(engine: object) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(engine).get_table_names())  # type: ignore[arg-type]


def test_a_database_from_a_newer_version_is_refused(db_url: str) -> None:
    Store.open(db_url).close()
    engine = make_engine(db_url)  # with the store's key, for an encrypted SQLite file
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer version of Interview Companion"):
        Store.open(db_url)


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"this is a shopping list, not a database\n" * 200)
    with pytest.raises(StoreError, match=f"{bad}: not a readable Interview Companion database"):
        Store.open(f"sqlite:///{bad}")
    assert bad.read_bytes().startswith(b"this is a shopping list")  # untouched


def test_a_server_that_is_down_is_named_without_its_password() -> None:
    url = "postgresql://caseworker:s3cret@127.0.0.1:9/interviews"
    with pytest.raises(StoreError) as caught:
        Store.open(url)
    message = str(caught.value)
    assert "cannot connect to the database server" in message
    assert "127.0.0.1:9/interviews" in message and "s3cret" not in message


def test_a_locked_database_gives_one_clear_line(tmp_path: Path) -> None:
    from models.encryption import cipher_module, store_key

    path = tmp_path / "store.db"
    Store.open(f"sqlite:///{path}").close()
    holder = cipher_module().connect(str(path), timeout=0)  # another program with the key
    holder.execute(f"PRAGMA key = {store_key(path).pragma}")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        store = Store.open(f"sqlite:///{path}", upgrade=False)
        with pytest.raises(StoreError, match="locked by another program"):
            store.create_session("IC-3")
        store.close()
    finally:
        holder.rollback()
        holder.close()


def test_sqlite_is_in_wal_mode_with_foreign_keys_in_the_data_dir(tmp_path: Path) -> None:
    store = Store.open()
    try:
        assert store.name == str(tmp_path / "data" / "interviews.db")
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        store.close()


def test_the_environment_variable_selects_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPANION_DATABASE_URL", f"sqlite:///{tmp_path / 'team.db'}")
    store = Store.open()
    store.close()
    assert store.name == str(tmp_path / "team.db")
    explicit = Store.open(f"sqlite:///{tmp_path / 'mine.db'}")
    explicit.close()
    assert explicit.name == str(tmp_path / "mine.db")


# Crash recovery -----------------------------------------------------------------------------


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_session_whose_process_died_is_interrupted_then_resumed_or_closed(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        dead = store.create_session("IC-dead", owner=recovery.owner_id(_dead_pid()))
        mine = store.create_session("IC-mine", owner=recovery.owner_id())
        elsewhere_recent = store.create_session("IC-far", owner="other-host:1")
        elsewhere_stale = store.create_session("IC-far-old", owner="other-host:2")
        with store.session() as db:
            record.add_segment(db, dead, 0, speaker="claimant", text="before the crash")
            record.start_break(db, dead, 30.0, reason="tired")
            found = db.get(record.InterviewSession, elsewhere_stale)
            assert found is not None
            found.heartbeat_at = datetime.now(UTC) - timedelta(minutes=10)
        interrupted = recovery.mark_interrupted(store)
        assert sorted(i.id for i in interrupted) == sorted([dead, elsewhere_stale])
        assert store.info(mine).state == LIVE and store.info(elsewhere_recent).state == LIVE
        resumed = recovery.resume(store, dead)
        assert resumed.next_position == 1  # the next segment goes after the old ones
        assert resumed.time_offset_s == 30.0  # and its time after the break that was open
        assert store.info(dead).state == ON_BREAK  # it was on a break when it died
        assert store.load(dead).owner == recovery.owner_id()
        recovery.close(store, elsewhere_stale)
        assert store.info(elsewhere_stale).state == ENDED
        with pytest.raises(StoreError, match="cannot be resumed"):
            recovery.resume(store, mine)
    finally:
        store.close()


_CRASHER = """
import os, signal, sys
from models.store import Store
from models.writer import SerialWriter
from models.recorder import SessionRecorder
from models.recovery import owner_id
from companion.transcription.events import CommittedSegment
store = Store.open(sys.argv[1])
sid = store.create_session("IC-crash", owner=owner_id())
writer = SerialWriter(store)
recorder = SessionRecorder(writer, sid)
for i in range(40):
    recorder.record(CommittedSegment(i, "call", "claimant", i, i + 0.5, f"segment {i}")).result()
    print(i, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_killed_recording_keeps_every_committed_segment(db_url: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _CRASHER, db_url],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert result.returncode == -9
    printed = result.stdout.split()
    store = Store.open(db_url)
    try:
        (interrupted,) = recovery.mark_interrupted(store)
        assert interrupted.state == INTERRUPTED
        loaded = store.load(interrupted.id)
        assert [s.text for s in loaded.segments] == [f"segment {i}" for i in map(int, printed)]
        assert len(printed) == 40
    finally:
        store.close()


def test_checklists_notes_prompts_and_episodes_are_recorded(db_url: str) -> None:
    from companion.analysis.live import EpisodeState

    store = Store.open(db_url)
    try:
        sid = store.create_session("IC-live")
        with store.session() as db:
            record.record_checklist(
                db,
                sid,
                "opening",
                [("breaks", "Breaks explained", True), ("fit", "Fit and well", False)],
            )
            record.add_note(db, sid, "claimant looked away", 65.0, 3)
            record.save_prompt(
                db,
                sid,
                key="episode:0",
                kind="episode",
                segment_position=3,
                evidence="they beat me",
                shown_at_s=60.0,
                state="open",
                reason="",
            )
        with store.session() as db:
            record.record_checklist(db, sid, "opening", [("fit", "Fit and well", True)])
            record.save_prompt(
                db,
                sid,
                key="episode:0",
                kind="episode",
                segment_position=3,
                evidence="they beat me",
                shown_at_s=99.0,
                state="not_now",
                reason="claimant upset",
            )
            episode = EpisodeState(
                0,
                3,
                "torture",
                "they beat me",
                True,
                False,
                (("when", True), ("where", False), ("how", True), ("by_whom", False)),
                True,
            )
            record.save_episodes(db, sid, [episode])
            record.save_episodes(db, sid, [episode])  # saved again at the end: replaced
        loaded = store.load(sid)
        ticks = {t.item_id: t.ticked for t in loaded.checklist_ticks}
        assert ticks == {"breaks": True, "fit": True}
        assert [(n.text, n.at_s, n.segment_position) for n in loaded.notes] == [
            ("claimant looked away", 65.0, 3)
        ]
        (prompt,) = loaded.prompts
        assert (prompt.state, prompt.reason, prompt.shown_at_s) == (
            "not_now",
            "claimant upset",
            60.0,
        )
        (stored,) = loaded.episodes
        assert {f.element: f.state for f in stored.followups} == {
            "when": "asked",
            "where": "not_asked",
            "how": "asked",
            "by_whom": "not_asked",
        }
        assert stored.probing_stopped_reason == "distress"
    finally:
        store.close()
