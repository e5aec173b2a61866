"""The main window (foundation build): live transcript from the microphone, the call or a file.

The full companion window (clock, prompts, checklists) is built on this in later work; this
window already runs the real live pipeline on a worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QThread
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.audio.source import AudioSource
from companion.transcription.decoder import Transcriber
from companion.transcription.events import (
    CommittedSegment,
    EngineStatus,
    Event,
    SourceProblem,
    TentativeText,
)
from companion.transcription.live import LiveTranscription, build_live
from models.store import SessionInfo, Store
from ui.transcription_worker import TranscriptionWorker, start_worker

log = logging.getLogger(__name__)

#: Builds the live pipeline for a source choice, sending events to the callback. Called on the
#: worker thread, so loading the model never blocks the UI.
PipelineFactory = Callable[[str, Callable[[Event], None]], LiveTranscription]


def _clock_text(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def default_sources(choice: str) -> list[AudioSource]:
    """Sources for the choice in the source box: live devices or the sample recording."""
    from companion.audio.device_source import DeviceSource
    from companion.audio.wav_source import FileSource
    from companion.resources import sample_interview_path

    if choice == "demo":
        return [FileSource(sample_interview_path(), origin="call", realtime=True)]
    sources: list[AudioSource] = [DeviceSource("", origin="microphone")]
    if choice == "microphone+call":
        sources.append(DeviceSource("", origin="call"))
    return sources


def default_pipeline(model: str | None) -> PipelineFactory:
    """Real devices (or the sample recording) and the chosen speech model, offline."""

    def build(choice: str, on_event: Callable[[Event], None]) -> LiveTranscription:
        from companion.settings import Settings
        from companion.transcription.decoder import WhisperDecoder
        from companion.transcription.model_store import ModelStore

        settings = Settings.load()
        info = ModelStore(allow_download=settings.transcription.allow_download).resolve(
            model or settings.transcription.model, settings.transcription.language or None
        )
        transcriber: Transcriber = WhisperDecoder(
            info, cpu_threads=settings.transcription.cpu_threads
        )
        return build_live(
            default_sources(choice),
            transcriber,
            on_event,
            claimant_language=settings.transcription.language or None,
        )

    return build


class MainWindow(QMainWindow):
    """Transcript list with tentative text, Start/Stop and a status line."""

    def __init__(
        self,
        model: str | None = None,
        demo: bool = False,
        pipeline: PipelineFactory | None = None,
        store: Store | None = None,
        interrupted: Sequence[SessionInfo] = (),
        store_error: str = "",
    ) -> None:
        super().__init__()
        self.setWindowTitle("Interview Companion")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self._pipeline = pipeline or default_pipeline(model)
        self._worker: TranscriptionWorker | None = None
        self._thread: QThread | None = None
        self._closing = False
        self.segments: list[CommittedSegment] = []
        self._bridge: Any = None
        self._recorder: Any = None
        self._resume_id: int | None = None
        #: The stored session being recorded (or last recorded).
        self.session_id: int | None = None
        if store is not None:
            from ui.store_bridge import StoreBridge

            self._bridge = StoreBridge(store, self)
            self._bridge.sig_problem.connect(self._on_store_problem)
            self._bridge.sig_recovered.connect(self._on_store_recovered)

        self.source_box = QComboBox()
        self.source_box.setAccessibleName("Audio source")
        self.source_box.addItem("Sample interview (demo)", "demo")
        self.source_box.addItem("Microphone only", "microphone")
        self.source_box.addItem("Microphone and call audio", "microphone+call")
        if not demo:
            self.source_box.setCurrentIndex(1)
        self.start_button = QPushButton("&Start")
        self.start_button.setAccessibleName("Start transcribing")
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton("S&top")
        self.stop_button.setAccessibleName("Stop transcribing")
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)

        self.transcript = QListWidget()
        self.transcript.setAccessibleName("Transcript")
        self.transcript.setWordWrap(True)
        self.tentative = QLabel("")
        self.tentative.setAccessibleName("Tentative text")
        self.tentative.setWordWrap(True)
        font = QFont(self.tentative.font())
        font.setItalic(True)
        self.tentative.setFont(font)
        self.tentative.setStyleSheet("color: palette(mid);")
        self.status = QLabel("Ready. Everything is transcribed on this computer; nothing is sent.")
        self.status.setAccessibleName("Status")
        self.status.setWordWrap(True)

        controls = QHBoxLayout()
        controls.addWidget(QLabel("Source:"))
        controls.addWidget(self.source_box, 1)
        controls.addWidget(self.start_button)
        controls.addWidget(self.stop_button)
        self.store_line = QLabel(store_error and f"Not saving: {store_error}")
        self.store_line.setAccessibleName("Storage status")
        self.store_line.setWordWrap(True)
        self.store_line.setStyleSheet("color: #b00020;")
        self.store_line.setVisible(bool(store_error))
        self.recovery = self._recovery_banner(interrupted)
        layout = QVBoxLayout()
        layout.addWidget(self.recovery)
        layout.addWidget(self.store_line)
        layout.addLayout(controls)
        layout.addWidget(self.transcript, 1)
        layout.addWidget(self.tentative)
        layout.addWidget(self.status)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.resize(720, 520)

    # -- recovery --------------------------------------------------------------------------
    def _recovery_banner(self, interrupted: Sequence[SessionInfo]) -> QFrame:
        banner = QFrame()
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setAccessibleName("Interrupted session")
        row = QHBoxLayout(banner)
        self.recovery_label = QLabel("")
        self.recovery_label.setWordWrap(True)
        self.resume_button = QPushButton("&Resume it")
        self.resume_button.setAccessibleName("Resume the interrupted session")
        self.close_session_button = QPushButton("&End it as it stands")
        self.close_session_button.setAccessibleName("End the interrupted session")
        row.addWidget(self.recovery_label, 1)
        row.addWidget(self.resume_button)
        row.addWidget(self.close_session_button)
        banner.setVisible(False)
        if interrupted and self._bridge is not None:
            newest = interrupted[0]
            started = newest.started_at or newest.created_at
            self._interrupted = newest
            self.recovery_label.setText(
                f"Session {newest.id} ({newest.reference}, started {started:%d %b %H:%M} UTC) "
                f"was interrupted. Its {newest.segments} segments are saved."
            )
            self.resume_button.clicked.connect(self.resume_interrupted)
            self.close_session_button.clicked.connect(self.close_interrupted)
            banner.setVisible(True)
        return banner

    def resume_interrupted(self) -> None:
        """Show the interrupted session's transcript; the next Start records after it."""
        info = self._interrupted
        self._resume_id = info.id
        self.recovery.setVisible(False)
        self.status.setText(f"Session {info.id} will go on when you start. Loading its record…")
        store = self._bridge.store

        def load(_db: Any) -> list[tuple[float | None, str, str]]:
            from models.export import to_transcript

            transcript = to_transcript(store.load(info.id))
            return [(s.start, s.speaker, s.text) for s in transcript.segments]

        def show(rows: list[tuple[float | None, str, str]]) -> None:
            for start, speaker, text in rows:
                when = f"[{_clock_text(start)}] " if start is not None else ""
                self.transcript.addItem(f"{when}{speaker.capitalize()}: {text}")
            self.transcript.scrollToBottom()
            self.status.setText(
                f"Session {info.id} loaded ({len(rows)} segments). Press Start to go on."
            )

        self._bridge.call(load, show, self._on_store_failure, "load session")

    def close_interrupted(self) -> None:
        """End the interrupted session as it stands."""
        from models.recovery import close_in

        info = self._interrupted
        self.recovery.setVisible(False)
        self._bridge.call(
            lambda db: close_in(db, info.id),
            lambda _r: self.status.setText(f"Session {info.id} ended as it stood."),
            self._on_store_failure,
            "close session",
        )

    # -- storage -----------------------------------------------------------------------------
    def _begin_recording(self, choice: str) -> None:
        if self._bridge is None:
            return
        from models.recorder import SessionRecorder

        writer = self._bridge.writer
        if self._resume_id is not None:
            self._recorder = SessionRecorder.resume(writer, self._resume_id)
            self._resume_id = None
        else:
            origin = "demo" if choice == "demo" else "live"
            participants = [("caseworker", "microphone", "")] if choice != "demo" else []
            if choice != "microphone":
                participants.append(("claimant", "call", ""))
            self._recorder = SessionRecorder.create(
                writer,
                f"IC {datetime.now():%Y-%m-%d %H:%M}",
                origin=origin,
                participants=participants,
            )
        self._bridge.when_done(self._recorder.ready, self._on_session_ready, self._on_store_failure)

    def _on_session_ready(self, session_id: int) -> None:
        self.session_id = session_id
        self.store_line.setVisible(False)

    def _on_store_problem(self, message: str) -> None:
        self.store_line.setText(f"Not saved yet: {message}. Kept in memory and retried.")
        self.store_line.setVisible(True)

    def _on_store_recovered(self) -> None:
        self.store_line.setText("Saving again; nothing was lost.")

    def _on_store_failure(self, error: object) -> None:
        self.store_line.setText(f"Not saving: {error}")
        self.store_line.setVisible(True)

    def _end_recording(self) -> None:
        if self._recorder is None:
            return
        recorder, self._recorder = self._recorder, None

        def saved(_result: object) -> None:
            if recorder.session_id is not None:
                self.status.setText(f"{self.status.text()} Saved as session {recorder.session_id}.")
            if self._closing:
                self.close()

        self._bridge.when_done(recorder.finish(), saved, self._on_store_failure)

    # -- running ---------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """True while a worker thread is alive."""
        return self._worker is not None

    def start(self) -> None:
        """Start live transcription on a worker thread (the model loads there too)."""
        if self.running:
            return
        choice = str(self.source_box.currentData())
        pipeline = self._pipeline
        worker = TranscriptionWorker(lambda on_event: pipeline(choice, on_event))
        worker.sig_committed.connect(self._on_committed)
        worker.sig_tentative.connect(self._on_tentative)
        worker.sig_status.connect(self._on_status)
        worker.sig_problem.connect(self._on_problem)
        worker.sig_failed.connect(self._on_failed)
        worker.finished.connect(self._on_finished)
        self._worker = worker
        self._begin_recording(choice)
        self._thread = start_worker(worker, self)
        self.start_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.source_box.setEnabled(False)
        self.status.setText("Listening… loading the speech model.")

    def stop(self) -> None:
        """Ask the worker to stop; the UI never blocks on it."""
        if self._worker is not None:
            self._worker.stop()
            self.stop_button.setEnabled(False)
            self.status.setText("Stopping: committing the last words…")

    # -- events from the worker ------------------------------------------------------------
    def _on_committed(self, segment: CommittedSegment) -> None:
        self.segments.append(segment)
        if self._recorder is not None:
            self._recorder.record(segment)  # queued; committed on the store's thread
        scrollbar = self.transcript.verticalScrollBar()
        at_bottom = scrollbar.value() >= scrollbar.maximum() - 4
        item = QListWidgetItem(
            f"[{_clock_text(segment.start)}] {segment.speaker.capitalize()}: {segment.text}"
        )
        self.transcript.addItem(item)
        if at_bottom:
            self.transcript.scrollToBottom()
        self.status.setText("Listening.")

    def _on_tentative(self, tentative: TentativeText) -> None:
        self.tentative.setText(tentative.text)

    def _on_status(self, status: EngineStatus) -> None:
        self.status.setText(status.message)

    def _on_problem(self, problem: SourceProblem) -> None:
        self.status.setText(f"Audio problem: {problem.message}. The transcript so far is kept.")

    def _on_failed(self, message: str) -> None:
        self.status.setText(f"Transcription stopped: {message}")

    def _on_finished(self) -> None:
        self._worker = None
        self._thread = None
        self.tentative.setText("")
        self.start_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.source_box.setEnabled(True)
        if not self.status.text().startswith(("Audio problem", "Transcription stopped")):
            self.status.setText(f"Stopped. {len(self.segments)} segments.")
        if self._recorder is not None:
            self._end_recording()  # closes the window, if asked, once the record is saved
        elif self._closing:
            self.close()

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Last resort when the application quits with the worker still running.

        The normal path is :meth:`closeEvent` (stop, then close on ``finished``). Here the event
        loop is already over, so waiting is the only way not to kill a running thread.
        """
        thread = self._thread
        if self._worker is not None:
            self._worker.stop()
        try:
            if thread is not None and thread.isRunning():
                thread.quit()
                thread.wait(timeout_ms)
        except RuntimeError:  # the thread object was already deleted: nothing left to wait for
            pass
        if self._recorder is not None:
            self._recorder.finish()
            self._recorder = None
        if self._bridge is not None:
            self._bridge.close(timeout_ms / 1000)
            self._bridge = None

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Closing stops capture first and closes once the worker has finished."""
        if self._worker is not None:
            self._closing = True
            self.stop()
            event.ignore()
            return
        if self._bridge is not None and self._bridge.pending:
            # The last words are still being saved: close once they are.
            self._closing = True
            self._bridge.call(lambda _db: None, lambda _r: self.close(), None, "close")
            event.ignore()
            return
        if self._bridge is not None:
            self._bridge.close()  # nothing is pending: returns at once
            self._bridge = None
        event.accept()
