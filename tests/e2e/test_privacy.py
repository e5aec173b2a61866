"""Nothing leaves the machine and nothing leaks into the logs: a whole interview — capture,
store, the interpreter's window, the summary and its PDF and DOCX — makes no network
connection (any attempt fails the test), the real speech model loads and transcribes offline,
and the log holds no word of what was said, even when a write fails."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest

from companion.transcription.events import CommittedSegment

SAID = [
    ("caseworker", "What happened to you at the checkpoint near Sayedabad?"),
    ("interpreter", "He says the soldiers beat him with rifle butts in Esfand 1398."),
    ("claimant", "Commander Rahimi watched and laughed."),
]


class NetworkAttemptError(AssertionError):
    """A connection out of the machine was tried."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every attempt to connect over IP fails the test, and is remembered."""
    attempts: list[object] = []
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex

    def guard(real):
        def guarded(self: socket.socket, address: object) -> object:
            if self.family in (socket.AF_INET, socket.AF_INET6):
                attempts.append(address)
                raise NetworkAttemptError(f"network connection attempted to {address!r}")
            return real(self, address)

        return guarded

    def no_lookup(host: object, *args: object, **kwargs: object) -> object:
        attempts.append(host)
        raise NetworkAttemptError(f"name lookup attempted for {host!r}")

    monkeypatch.setattr(socket.socket, "connect", guard(connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guard(connect_ex))
    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    return attempts


def test_the_guard_catches_a_connection(no_network: list[object]) -> None:
    with pytest.raises(NetworkAttemptError):
        socket.create_connection(("192.0.2.1", 443), timeout=1)
    assert no_network  # so the tests below would see any attempt


@pytest.mark.qt
def test_a_whole_interview_makes_no_network_connection_and_logs_no_words(
    qtbot, tmp_path: Path, no_network: list[object], caplog: pytest.LogCaptureFixture
) -> None:
    pytest.importorskip("PySide6")
    from models import record
    from models.store import Store
    from tests.ui.test_ui_window import _to_live, _window

    caplog.set_level(logging.DEBUG)
    store = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        win = _window(qtbot, tmp_path, store)
        _to_live(qtbot, win)
        qtbot.waitUntil(lambda: win.session_id is not None, timeout=5_000)
        win.start_questioning()  # the scripted capture: two sources, paced as live
        for i, (speaker, words) in enumerate(SAID):
            win.live.on_committed(CommittedSegment(i, "call", speaker, 1.0 + i, 2.0 + i, words))
        qtbot.waitUntil(lambda: len(win.interpreter.cards) >= len(SAID), timeout=5_000)
        win.show_interpreter_window()
        win.correct_rendering(1, SAID[1][1].replace("1398", "1397"), "interpreter", "the year")
        win.confirm_rendering(2, "caseworker")
        # A write that fails, with the testimony in the failing statement's values.
        sid = win.session_id
        failed = win.interview.journal.recorder.write(
            "bad segment",
            lambda db, s: record.add_segment(db, s, 0, speaker="claimant", text=SAID[2][1]),
        )
        qtbot.waitUntil(failed.done, timeout=5_000)
        assert failed.exception() is not None
        qtbot.waitUntil(lambda: not win.running, timeout=15_000)
        win.end_interview()
        qtbot.waitUntil(lambda: win.pages.currentWidget() is win.closing_page, timeout=5_000)
        win._ask_path = lambda form, suggested: str(tmp_path / f"summary.{form}")
        win.closing_page.done_button.click()
        qtbot.waitUntil(lambda: win.pages.currentWidget() is win.summary_page, timeout=10_000)
        win.summary_page.pdf_button.click()
        win.summary_page.docx_button.click()
        qtbot.waitUntil(
            lambda: (tmp_path / "summary.pdf").exists() and (tmp_path / "summary.docx").exists(),
            timeout=20_000,
        )
        assert store.info(sid).state == "ended"
    finally:
        store.close()
    assert no_network == []
    logged = "\n".join(f"{r.getMessage()}\n{r.exc_text or ''}" for r in caplog.records).lower()
    assert "store: bad segment failed" in logged  # the failure itself is logged ...
    words = {w.strip(".,?").lower() for _, said in SAID for w in said.split() if len(w) > 6}
    assert words and not [w for w in words if w in logged]  # ... but never what was said


@pytest.mark.slow
def test_the_real_model_transcribes_offline(
    tmp_path: Path, no_network: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    from companion.audio.wav_source import read_audio
    from companion.cli import main
    from companion.resources import sample_interview_path
    from tests.audio_helpers import write_wav

    excerpt = write_wav(
        tmp_path / "excerpt.wav", read_audio(sample_interview_path())[: 15 * 16_000]
    )
    assert main(["transcribe", str(excerpt), "--model", "tiny.en"]) == 0
    assert "feeling well" in capsys.readouterr().out  # it heard the sample's first answer
    assert no_network == []
