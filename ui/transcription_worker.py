"""A thin Qt worker around the core's live transcription (see STYLE.md, "thin Qt worker").

The worker lives on its own ``QThread``; it runs :class:`companion.transcription.live.
LiveTranscription` and re-emits each core event as a Qt signal, which Qt delivers on the UI
thread. Stopping asks the capture to end; the worker commits what is open, emits ``finished``
and the thread quits: the UI never waits on it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from companion.analysis.live import LiveAnalysis
from companion.transcription.events import (
    CommittedSegment,
    EngineStatus,
    Event,
    SoundNotice,
    SourceProblem,
    TentativeText,
)
from companion.transcription.live import LiveTranscription

log = logging.getLogger(__name__)


class TranscriptionWorker(QObject):
    """Runs live transcription off the UI thread and reports by signals."""

    #: A committed segment (CommittedSegment): it will never change.
    sig_committed = Signal(object)
    #: Tentative text for a source (TentativeText); replaces the previous one.
    sig_tentative = Signal(object)
    #: Engine health changed (EngineStatus), or the voice gate keeps rejecting sound that may
    #: be quiet speech (SoundNotice); both carry a one-line ``message``.
    sig_status = Signal(object)
    #: A source failed (SourceProblem); the session keeps what it has.
    sig_problem = Signal(object)
    #: Something unexpected broke the worker (a one-line message).
    sig_failed = Signal(str)
    #: What a committed segment changed in the analysis (AnalysisUpdate), right after it.
    sig_analysis = Signal(object)
    #: The worker has stopped; everything open was committed.
    finished = Signal()

    def __init__(
        self,
        build: Callable[[Callable[[Event], None]], LiveTranscription],
        analysis: LiveAnalysis | None = None,
    ) -> None:
        super().__init__()
        self._build = build
        self._analysis = analysis
        self._live: LiveTranscription | None = None
        self._stop_requested = False

    @Slot()
    def run(self) -> None:
        """Build the pipeline (loading the model here, not on the UI thread) and run it."""
        try:
            self._live = self._build(self._dispatch)
            if not self._stop_requested:
                self._live.run()
        except Exception as exc:
            log.exception("transcription worker failed")
            self.sig_failed.emit(str(exc))
        finally:
            # Hand the worker back to the UI thread before saying it finished, so that it is
            # destroyed there: destroying it on this thread takes Qt's connection lock and then
            # waits for Python's lock, while the UI thread may hold Python's lock and wait for
            # the connection lock (a deadlock seen when a prompt card was built at that moment).
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())
            self.finished.emit()

    def _dispatch(self, event: Event) -> None:
        if isinstance(event, CommittedSegment):
            self.sig_committed.emit(event)
            if self._analysis is not None:
                # The analysis runs here, on the worker thread, never on the UI thread.
                self.sig_analysis.emit(self._analysis.feed(event))
        elif isinstance(event, TentativeText):
            self.sig_tentative.emit(event)
        elif isinstance(event, EngineStatus | SoundNotice):
            self.sig_status.emit(event)
        elif isinstance(event, SourceProblem):
            self.sig_problem.emit(event)

    def stop(self) -> None:
        """Ask capture to stop (thread-safe); ``finished`` follows."""
        self._stop_requested = True
        if self._live is not None:
            self._live.stop()


def start_worker(worker: TranscriptionWorker, parent: QObject) -> QThread:
    """Move ``worker`` to a new thread and start it; the thread cleans itself up."""
    thread = QThread(parent)
    thread.setObjectName("transcription")
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.finished.connect(worker.deleteLater)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread
