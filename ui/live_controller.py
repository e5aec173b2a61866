"""The live part of the window's wiring: the transcription worker's thread, the one-second
tick, and the store's answers, all handed to the interview (which decides what they mean).

The interview asks for capture (:class:`CaptureWanted`); this starts and stops the worker.
Committed segments go to :meth:`Interview.commit`; the store's "saved" (or a second passing)
lets the interview show them. The UI thread never waits: the worker stops by itself and
says ``finished``.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from companion.analysis.live import AnalysisUpdate
from companion.interview import (
    CaptureWanted,
    Interview,
    InterviewEvent,
    InterviewState,
    StateChanged,
)
from companion.session_setup import InterviewSetup
from companion.transcription.events import (
    CommittedSegment,
    Event,
    SourceProblem,
)
from companion.transcription.live import LiveTranscription
from ui.store_bridge import StoreBridge
from ui.transcription_worker import TranscriptionWorker, start_worker

#: A segment the store has not committed within this time is shown anyway, marked unsaved.
SHOW_UNSAVED_AFTER_MS = 1000

#: Builds the live pipeline for an interview, sending events to the callback. Called on the
#: worker thread, so loading the model never blocks the UI.
PipelineFactory = Callable[[InterviewSetup, Callable[[Event], None]], LiveTranscription]


class LiveController(QObject):
    """Capture, tick and store answers for the interview being held."""

    #: Text not yet in a row and its settled (final) lead; replaces the previous one, empty
    #: clears it.
    sig_tentative = Signal(str, str)
    #: A line for the status bar.
    sig_status = Signal(str)
    #: Capture has a problem or stopped on its own: the words to show.
    sig_capture_problem = Signal(str)
    #: Capture started (the problem banner can go).
    sig_capture_started = Signal()
    #: The last words are in after the end of questioning: the closing checklist.
    sig_capture_ended = Signal()
    #: The worker has stopped and the window asked to close: it may close now.
    sig_may_close = Signal()

    def __init__(
        self,
        pipeline: PipelineFactory,
        bridge: StoreBridge | None,
        tick_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pipeline = pipeline
        self._bridge = bridge
        self.interview: Interview | None = None
        self._worker: TranscriptionWorker | None = None
        self._thread: QThread | None = None
        self._restart = False
        self._problem = ""
        self.closing = False
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.tick)

    # -- the interview -------------------------------------------------------------------
    def attach(self, interview: Interview) -> None:
        """Hold ``interview`` (a new one, or one restored after a crash)."""
        if self.interview is not None:
            self.interview.unsubscribe(self._on_event)
        self.interview = interview
        interview.subscribe(self._on_event)
        self.timer.start()

    @property
    def running(self) -> bool:
        """True while capture (a worker thread) runs."""
        return self._worker is not None

    def _on_event(self, event: InterviewEvent) -> None:
        if isinstance(event, StateChanged):
            if event.state is InterviewState.CLOSING and not self.running:
                # Ended with capture off (from a break): the last words are already in.
                assert self.interview is not None
                self.interview.capture_ended()
                self.sig_capture_ended.emit()
            return
        if not isinstance(event, CaptureWanted):
            return
        if event.restart:
            self.sig_status.emit("The computer slept: capture is being restarted.")
            if self.running:
                self._restart = True
                self.stop()
            else:
                self.start()
        elif event.run:
            self.start()
        else:
            self.stop()

    def tick(self) -> None:
        """Once a second: the interview's clock."""
        if self.interview is not None:
            self.interview.tick()

    # -- capture -------------------------------------------------------------------------
    def start(self) -> None:
        """Start capture (no-op if it runs); engine times start at the interview's now."""
        interview = self.interview
        if self.running or interview is None:
            return
        interview.capture_starting()
        setup, pipeline = interview.setup, self._pipeline
        self._problem = ""
        worker = TranscriptionWorker(lambda on_event: pipeline(setup, on_event), interview.analysis)
        worker.sig_committed.connect(self.on_committed)
        worker.sig_tentative.connect(lambda t: self.sig_tentative.emit(t.text, t.settled))
        worker.sig_status.connect(lambda s: self.sig_status.emit(s.message))
        worker.sig_problem.connect(self._on_problem)
        worker.sig_failed.connect(self._on_failed)
        worker.sig_analysis.connect(self._on_analysis)
        worker.finished.connect(self._on_finished)
        self._worker = worker
        self._thread = start_worker(worker, self)
        self.sig_capture_started.emit()
        self.sig_status.emit("Listening… (the speech model loads the first time)")

    def stop(self) -> None:
        """Ask capture to stop; what is open is committed, then ``finished``."""
        if self._worker is not None:
            self._worker.stop()
            self.sig_status.emit("Committing the last words…")

    def on_committed(self, segment: CommittedSegment) -> None:
        """A final segment: numbered by the interview, shown once the store has it (or a
        second later, marked not saved yet)."""
        if self.interview is None:
            return
        interview = self.interview
        position, future = interview.commit(segment)
        if future is not None:
            self._when_saved(interview, position, future)
        self.sig_tentative.emit("", "")
        self.sig_status.emit("Listening.")

    def _when_saved(self, interview: Interview, position: int, future: Future[Any]) -> None:
        if self._bridge is not None:
            self._bridge.when_done(
                future,
                lambda _p: interview.segment_saved(position),
                lambda _e: interview.segment_overdue(position),
            )
        QTimer.singleShot(SHOW_UNSAVED_AFTER_MS, lambda: interview.segment_overdue(position))

    def _on_analysis(self, update: AnalysisUpdate) -> None:
        if self.interview is not None:
            self.interview.apply_analysis(update)

    def _on_problem(self, problem: SourceProblem) -> None:
        self.sig_status.emit(f"Audio problem: {problem.message}. The transcript so far is kept.")
        self._say_problem(
            f"⚠ {problem.message}. Everything said before is kept; any other audio source is "
            "still being transcribed."
        )

    def _on_failed(self, message: str) -> None:
        self.sig_status.emit(f"Transcription stopped: {message}")
        self._say_problem(f"⚠ Transcription stopped: {message}. Everything said before is kept.")

    def _say_problem(self, words: str) -> None:
        self._problem = words
        self.sig_capture_problem.emit(words)

    def _on_finished(self) -> None:
        self._worker = None
        self._thread = None
        self.sig_tentative.emit("", "")
        restart, self._restart = self._restart, False
        interview = self.interview
        if self.closing:
            self.sig_may_close.emit()
            return
        if interview is None:
            return
        if restart and interview.state is InterviewState.QUESTIONING:
            self.start()
            return
        if interview.state is InterviewState.QUESTIONING:
            # Not a break or the end: the audio stopped, or the model failed.
            self._say_problem(
                (self._problem or "⚠ Capture has stopped: the audio ended.")
                + " The interview clock goes on; restart capture to go on transcribing."
            )
        elif interview.state is InterviewState.CLOSING:
            interview.capture_ended()
            self.sig_capture_ended.emit()
        else:
            self.sig_status.emit(f"Capture paused. {interview.next_position} segments.")

    # -- closing -------------------------------------------------------------------------
    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Last resort when the application quits with the worker still running: the event
        loop is over, so waiting is the only way not to kill a running thread."""
        self.timer.stop()
        thread = self._thread
        if self._worker is not None:
            self._worker.stop()
        try:
            if thread is not None and thread.isRunning():
                thread.quit()
                thread.wait(timeout_ms)
        except RuntimeError:  # the thread object was already deleted
            pass
