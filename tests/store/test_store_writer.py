"""The serial writer: a burst of segments committed in order, an unwritable database waited
out without losing anything, one bad operation not sinking the rest."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import event

from companion.errors import UserError
from companion.transcription.events import CommittedSegment, Word
from models import record
from models.recorder import SessionRecorder
from models.store import Store
from models.writer import SerialWriter


def _segment(i: int) -> CommittedSegment:
    return CommittedSegment(
        index=i,
        source="call",
        speaker="claimant" if i % 2 else "caseworker",
        start=i * 2.0,
        end=i * 2.0 + 1.5,
        text=f"segment number {i}",
        language="en",
        confidence=0.9123456,
        words=(Word("segment", i * 2.0, i * 2.0 + 0.4, 0.97),),
    )


def test_a_burst_of_a_thousand_segments_is_committed_in_order(db_url: str) -> None:
    store = Store.open(db_url)
    writer = SerialWriter(store)
    try:
        sid = store.create_session("IC-burst")
        recorder = SessionRecorder(writer, sid)
        futures = [recorder.record(_segment(i)) for i in range(1000)]
        assert writer.flush(timeout=120)
        assert [f.result() for f in futures] == list(range(1000))
        loaded = store.load(sid)
        assert [s.position for s in loaded.segments] == list(range(1000))
        assert [s.text for s in loaded.segments] == [f"segment number {i}" for i in range(1000)]
        assert loaded.segments[3].confidence == 0.912 and loaded.segments[3].words == [
            {"w": "segment", "s": 6.0, "e": 6.4, "p": 0.97}
        ]
        assert len(writer.latencies) == 1000 and writer.pending == 0
    finally:
        assert writer.close()
        store.close()


def test_segments_from_several_threads_all_arrive(db_url: str) -> None:
    store = Store.open(db_url)
    writer = SerialWriter(store)
    try:
        sid = store.create_session("IC-threads")

        def add(offset: int) -> None:
            for i in range(offset, offset + 50):
                writer.submit(
                    lambda db, i=i: record.add_segment(db, sid, i, speaker="claimant", text=str(i)),
                    "segment",
                )

        threads = [threading.Thread(target=add, args=(n * 50,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert writer.flush(timeout=60)
        assert sorted(int(s.text) for s in store.load(sid).segments) == list(range(200))
    finally:
        writer.close()
        store.close()


def test_a_full_disk_is_waited_out_and_nothing_is_lost(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    sid = store.create_session("IC-full")
    limit = {"pages": 0}

    @event.listens_for(store.engine, "checkout")
    def _cap(dbapi_connection: object, *_: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        if limit["pages"]:
            cursor.execute(f"PRAGMA max_page_count = {limit['pages']}")
        else:
            cursor.execute("PRAGMA max_page_count = 1073741823")
        cursor.close()

    with store.engine.connect() as connection:
        limit["pages"] = int(connection.exec_driver_sql("PRAGMA page_count").scalar() or 0)
    problems: list[str] = []
    recovered = threading.Event()
    writer = SerialWriter(
        store,
        on_problem=problems.append,
        on_recovered=recovered.set,
        retry_s=0.02,
        max_retry_s=0.05,
    )
    try:
        recorder = SessionRecorder(writer, sid)
        big = CommittedSegment(0, "call", "claimant", 0.0, 1.0, "what was said " * 3000)
        futures = [recorder.record(big)] + [recorder.record(_segment(i)) for i in range(1, 20)]
        assert not writer.flush(timeout=0.5)  # the disk is full: nothing can be committed
        assert writer.pending == 20
        assert problems == [f"{store.name}: the disk is full; free some space and try again"]
        limit["pages"] = 0  # space freed
        assert writer.flush(timeout=30)
        assert recovered.is_set() and writer.problem is None
        assert [f.result() for f in futures] == list(range(20))
        assert store.info(sid).segments == 20
    finally:
        writer.close()
        store.close()


def test_one_bad_operation_fails_alone(db_url: str) -> None:
    store = Store.open(db_url)
    writer = SerialWriter(store)
    try:
        sid = store.create_session("IC-bad")
        good = [
            writer.submit(
                lambda db, i=i: record.add_segment(db, sid, i, speaker="claimant", text="fine")
            )
            for i in range(3)
        ]
        bad = writer.submit(lambda db: record.correct_text(db, sid, 99, "x", author="caseworker"))
        later = writer.submit(
            lambda db: record.add_segment(db, sid, 3, speaker="claimant", text="still fine")
        )
        assert writer.flush(timeout=30)
        with pytest.raises(UserError, match="no segment 99"):
            bad.result()
        assert all(f.done() and f.exception() is None for f in [*good, later])
        assert store.info(sid).segments == 4
    finally:
        writer.close()
        store.close()


def test_the_heartbeat_keeps_a_quiet_live_session_alive(db_url: str) -> None:
    store = Store.open(db_url)
    writer = SerialWriter(store, heartbeat_s=0.05)
    try:
        sid = store.create_session("IC-quiet", owner="other-host:1")
        before = store.load(sid).heartbeat_at
        recorder = SessionRecorder(writer, sid)
        deadline = threading.Event()
        for _ in range(100):
            if store.load(sid).heartbeat_at != before:
                break
            deadline.wait(0.05)
        assert store.load(sid).heartbeat_at != before
        recorder.finish().result(timeout=10)
        assert store.info(sid).state == "ended"
    finally:
        writer.close()
        store.close()


def test_a_resumed_session_records_after_what_it_held(db_url: str) -> None:
    from models.recovery import mark_interrupted

    store = Store.open(db_url)
    writer = SerialWriter(store)
    try:
        first = SessionRecorder.create(writer, "IC-resume", language="ar")
        for i in range(3):
            first.record(_segment(i))
        sid = first.ready.result(timeout=10)
        assert writer.flush(timeout=10)
        with store.session() as db:  # as if its process had died
            found = db.get(record.InterviewSession, sid)
            assert found is not None
            found.owner = "gone-host:1"
            found.heartbeat_at = None
        assert [i.id for i in mark_interrupted(store)] == [sid]
        again = SessionRecorder.resume(writer, sid)
        assert again.record(_segment(0)).result(timeout=10) == 3
        assert again.time_offset_s == 5.5  # the end of the last segment before the crash
        loaded = store.load(sid)
        assert [s.start_s for s in loaded.segments] == [0.0, 2.0, 4.0, 5.5]
        assert loaded.segments[3].words == [{"w": "segment", "s": 5.5, "e": 5.9, "p": 0.97}]
        assert loaded.state == "live" and loaded.language == "ar"
    finally:
        writer.close()
        store.close()


def test_writes_after_a_failed_creation_fail_instead_of_waiting(db_url: str) -> None:
    store = Store.open(db_url)
    writer = SerialWriter(store)
    try:
        recorder = SessionRecorder.create(writer, "   ")  # no reference
        later = recorder.record(_segment(0))
        with pytest.raises(UserError, match="needs a reference"):
            recorder.ready.result(timeout=10)
        with pytest.raises(RuntimeError, match="could not be created"):
            later.result(timeout=10)
        assert store.list_sessions() == []
    finally:
        writer.close()
        store.close()
