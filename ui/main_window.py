"""The main window (foundation build): live transcript from the microphone, the call or a file.

The full companion window (clock, prompts, checklists) is built on this in later work; this
window already runs the real live pipeline on a worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QThread
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QComboBox,
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
    ) -> None:
        super().__init__()
        self.setWindowTitle("Interview Companion")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self._pipeline = pipeline or default_pipeline(model)
        self._worker: TranscriptionWorker | None = None
        self._thread: QThread | None = None
        self._closing = False
        self.segments: list[CommittedSegment] = []

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
        layout = QVBoxLayout()
        layout.addLayout(controls)
        layout.addWidget(self.transcript, 1)
        layout.addWidget(self.tentative)
        layout.addWidget(self.status)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.resize(720, 520)

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
        if self._closing:
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

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Closing stops capture first and closes once the worker has finished."""
        if self._worker is not None:
            self._closing = True
            self.stop()
            event.ignore()
            return
        event.accept()
