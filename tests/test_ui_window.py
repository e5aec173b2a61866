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


@pytest.fixture
def window(qtbot, tmp_path: Path):
    from companion.transcription.live import build_live
    from ui.main_window import MainWindow

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

    win = MainWindow(pipeline=pipeline)
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
