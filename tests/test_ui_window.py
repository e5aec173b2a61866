"""The foundation window runs the live pipeline on a worker thread and never blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from companion.audio.wav_source import FileSource
from companion.transcription.scripted import (
    EnergyVad,
    ScriptedTranscriber,
    script_from_text,
    tone_track,
)
from companion.transcription.vad import SpeechGate
from tests.audio_helpers import write_wav

pytestmark = pytest.mark.qt


def _pipeline(tmp_path: Path):
    from companion.transcription.live import build_live

    call = write_wav(tmp_path / "call.wav", tone_track([(0.5, 2.5), (4.0, 6.0)], 8.0))
    script = script_from_text("What happened next?", 0.6) + script_from_text(
        "They took me to the police station.", 4.1
    )

    def pipeline(choice: str, on_event):
        return build_live(
            [FileSource(call, origin="call", realtime=True)],
            ScriptedTranscriber(script),
            on_event,
            gate_factory=lambda: SpeechGate(EnergyVad()),
        )

    return pipeline


@pytest.fixture
def window(qtbot, tmp_path: Path):
    from ui.main_window import MainWindow

    win = MainWindow(pipeline=_pipeline(tmp_path))
    qtbot.addWidget(win)
    win.show()
    return win


def test_live_transcript_fills_in_while_the_ui_stays_responsive(qtbot, window) -> None:
    window.start()
    assert window.running and not window.start_button.isEnabled()
    qtbot.waitUntil(lambda: window.transcript.count() >= 1, timeout=10_000)
    assert "Interpreter: What happened next?" in window.transcript.item(0).text()
    qtbot.waitUntil(lambda: window.transcript.count() >= 2, timeout=10_000)
    assert "police station" in window.transcript.item(1).text()
    with qtbot.waitSignal(window.stop_button.clicked, timeout=1000):
        window.stop_button.click()
    qtbot.waitUntil(lambda: not window.running, timeout=10_000)
    assert window.start_button.isEnabled()
    assert "Stopped. 2 segments" in window.status.text()


def test_closing_while_running_stops_the_worker_first(qtbot, window) -> None:
    window.start()
    qtbot.waitUntil(lambda: window.transcript.count() >= 1, timeout=10_000)
    window.close()
    qtbot.waitUntil(lambda: not window.running, timeout=10_000)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)


def test_quitting_the_app_while_running_stops_the_worker_cleanly(qtbot, window) -> None:
    window.start()
    qtbot.waitUntil(lambda: window.transcript.count() >= 1, timeout=10_000)
    thread = window._thread
    window.shutdown()
    assert thread is None or not thread.isRunning()


@pytest.fixture
def store(tmp_path: Path):
    from models.store import Store

    opened = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    yield opened
    opened.close()


def _stored_window(qtbot, tmp_path: Path, store, interrupted=()):
    from ui.main_window import MainWindow

    win = MainWindow(pipeline=_pipeline(tmp_path), store=store, interrupted=interrupted)
    qtbot.addWidget(win)
    win.show()
    return win


def test_a_live_session_is_saved_as_it_is_transcribed(qtbot, tmp_path: Path, store) -> None:
    win = _stored_window(qtbot, tmp_path, store)
    assert not win.recovery.isVisible()
    win.start()
    qtbot.waitUntil(lambda: win.transcript.count() >= 1, timeout=10_000)
    qtbot.waitUntil(
        lambda: win.session_id is not None and store.info(win.session_id).segments >= 1,
        timeout=5_000,
    )
    assert store.info(win.session_id).state == "live"  # saved while it runs, not at the end
    qtbot.waitUntil(lambda: win.transcript.count() >= 2, timeout=10_000)
    win.stop()
    qtbot.waitUntil(lambda: "Saved as session" in win.status.text(), timeout=10_000)
    loaded = store.load(win.session_id)
    assert loaded.state == "ended"
    assert [s.text for s in loaded.segments] == [
        "What happened next?",
        "They took me to the police station.",
    ]
    win.close()
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=5_000)


def test_an_interrupted_session_is_offered_and_resumed(qtbot, tmp_path: Path, store) -> None:
    from models import record
    from models.recovery import mark_interrupted

    sid = store.create_session("IC-crashed", owner="gone-host:1")
    with store.session() as db:
        record.add_segment(
            db, sid, 0, speaker="claimant", text="Before the crash.", start_s=100.0, end_s=104.0
        )
        found = db.get(record.InterviewSession, sid)
        found.heartbeat_at = None
    interrupted = mark_interrupted(store)
    win = _stored_window(qtbot, tmp_path, store, interrupted)
    assert win.recovery.isVisible() and "IC-crashed" in win.recovery_label.text()
    win.resume_button.click()
    qtbot.waitUntil(lambda: win.transcript.count() == 1, timeout=5_000)
    assert "Before the crash." in win.transcript.item(0).text()
    win.start()
    qtbot.waitUntil(lambda: win.transcript.count() >= 3, timeout=10_000)
    win.close()
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=10_000)
    loaded = store.load(sid)
    assert [s.text for s in loaded.segments] == [
        "Before the crash.",
        "What happened next?",
        "They took me to the police station.",
    ]
    assert loaded.segments[1].start_s >= 104.0  # after what was recorded before
    assert loaded.state == "ended"


def test_an_interrupted_session_can_be_ended_as_it_stands(qtbot, tmp_path: Path, store) -> None:
    from models.recovery import mark_interrupted

    sid = store.create_session("IC-crashed", owner="gone-host:1")
    with store.session() as db:
        from models.entities import InterviewSession

        db.get(InterviewSession, sid).heartbeat_at = None
    win = _stored_window(qtbot, tmp_path, store, mark_interrupted(store))
    win.close_session_button.click()
    qtbot.waitUntil(lambda: "ended as it stood" in win.status.text(), timeout=5_000)
    assert store.info(sid).state == "ended" and not win.recovery.isVisible()
    win.close()
