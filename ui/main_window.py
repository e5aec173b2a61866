"""The companion window: start screen, opening checklist, the live interview (transcript,
clock, prompts), closing checklist, and the end.

It wires the core to the views and holds no rules of its own: the session clock
(:mod:`companion.timing.clock`) decides the timing, the analysis and the prompt board
(:mod:`companion.analysis`) decide the prompts, the store (:mod:`models`) keeps the record.
Transcription and analysis run on a worker thread, storage on the store's writer thread; the UI
thread only shows what they report.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.analysis.live import AnalysisUpdate, LiveAnalysis
from companion.analysis.prompt_board import PromptBoard, PromptCard
from companion.audio.source import AudioSource
from companion.checklists import load_checklist
from companion.clockfmt import hms
from companion.interpreting.concerns import Concern
from companion.interpreting.ledger import (
    CONFIRMED,
    CORRECTED,
    Check,
    CheckError,
    ConfirmationLedger,
    Rendering,
)
from companion.session_setup import InterviewSetup
from companion.timing.clock import ClockJump, ClockState, SessionClock, TimingWarning
from companion.timing.presets import available_presets, get_preset
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
from ui.interpreter_window import InterpreterWindow
from ui.pages.checklist_page import ChecklistPage
from ui.pages.session_page import SessionPage
from ui.pages.start_page import StartPage
from ui.pages.summary_page import SummaryPage
from ui.theme import THEMES, apply_theme, scale_font
from ui.transcription_worker import TranscriptionWorker, start_worker
from ui.widgets.clock_panel import ClockPanel
from ui.widgets.concern_dialog import ConcernDialog
from ui.widgets.prompt_panel import PromptPanel
from ui.widgets.transcript_view import Row, TranscriptView

log = logging.getLogger(__name__)

#: A segment the store has not committed within this time is shown anyway, marked unsaved.
SHOW_UNSAVED_AFTER_MS = 1000

#: Builds the live pipeline for an interview, sending events to the callback. Called on the
#: worker thread, so loading the model never blocks the UI.
PipelineFactory = Callable[[InterviewSetup, Callable[[Event], None]], LiveTranscription]


def default_sources(setup: InterviewSetup) -> list[AudioSource]:
    """Live devices, or the sample recording as the call for the demo."""
    from companion.audio.device_source import DeviceSource
    from companion.audio.masked_source import sample_sources

    if setup.demo:
        return sample_sources(realtime=True)
    sources: list[AudioSource] = [DeviceSource(setup.microphone, origin="microphone")]
    if setup.call:
        sources.append(DeviceSource(setup.call, origin="call"))
    return sources


def default_pipeline(model: str | None) -> PipelineFactory:
    """Real devices (or the sample recording) and the chosen speech model, offline."""

    def build(setup: InterviewSetup, on_event: Callable[[Event], None]) -> LiveTranscription:
        from companion.settings import Settings
        from companion.transcription.decoder import WhisperDecoder
        from companion.transcription.model_store import ModelStore

        settings = Settings.load()
        language = setup.language or settings.transcription.language or None
        info = ModelStore(allow_download=settings.transcription.allow_download).resolve(
            model or settings.transcription.model, language
        )
        transcriber: Transcriber = WhisperDecoder(
            info, cpu_threads=settings.transcription.cpu_threads
        )
        return build_live(default_sources(setup), transcriber, on_event, claimant_language=language)

    return build


def _device_names() -> tuple[list[str], list[str]]:
    """Input devices for the microphone, and loopback/monitor ones first for the call."""
    try:
        from companion.audio.devices import list_input_devices

        devices = list_input_devices()
    except Exception as exc:  # noqa: BLE001 - no audio system: the demo still works
        log.warning("audio devices cannot be listed: %s", exc)
        return [], []
    names = [d.name for d in devices]
    calls = [d.name for d in devices if d.is_loopback] + [
        d.name for d in devices if not d.is_loopback
    ]
    return names, calls


class MainWindow(QMainWindow):
    """The companion beside the video call."""

    def __init__(
        self,
        model: str | None = None,
        demo: bool = False,
        pipeline: PipelineFactory | None = None,
        store: Store | None = None,
        interrupted: Sequence[SessionInfo] = (),
        store_error: str = "",
        now: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        tick_ms: int = 1000,
        devices: tuple[list[str], list[str]] | None = None,
        ask_path: Callable[[str, str], str] | None = None,
    ) -> None:
        super().__init__()
        self._ask_path = ask_path or self._ask_save_path
        self.setWindowTitle("Interview Companion")
        # Beside a video call: never take the focus from it when shown.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self._pipeline = pipeline or default_pipeline(model)
        self._now, self._wall = now, wall
        self._worker: TranscriptionWorker | None = None
        self._thread: QThread | None = None
        self._closing = False
        self._ending = False
        self._bridge: Any = None
        self._recorder: Any = None
        self.setup: InterviewSetup | None = None
        self.clock: SessionClock | None = None
        self.analysis = LiveAnalysis()
        self.board = PromptBoard()
        #: Segments committed by the engine in this interview (shown or waiting for the store).
        self.segment_count = 0
        #: Every segment and each confirmation or correction of it (both windows show it).
        self.ledger = ConfirmationLedger()
        #: Concerns about interpreting recorded in this interview.
        self.concerns: list[Concern] = []
        self._analysis_base = 0  # position of the first segment the live analysis saw
        #: The stored session being recorded (or last recorded).
        self.session_id: int | None = None
        self._base_s = 0.0  # interview time before this run (a resumed session)
        self._run_offset = 0.0  # interview time at which this run of capture started
        self._restart_capture = False  # start capture again once the worker has finished
        #: Committed segments waiting for the store before they are shown, in order.
        self._waiting: list[Row] = []
        self._next_position = 0
        if store is not None:
            from ui.store_bridge import StoreBridge

            self._bridge = StoreBridge(store, self)
            self._bridge.sig_problem.connect(self._on_store_problem)
            self._bridge.sig_recovered.connect(self._on_store_recovered)

        microphones, calls = devices if devices is not None else _device_names()
        self.start_page = StartPage(list(available_presets().values()), microphones, calls)
        self.start_page.sig_new.connect(self.new_interview)
        self.start_page.sig_interrupted.connect(self._interrupted_action)
        self.opening_page = ChecklistPage(load_checklist("opening"), "&Go to the interview")
        self.opening_page.sig_done.connect(self._opening_done)
        self.read_back_banner = self._build_read_back_banner()
        self.closing_page = ChecklistPage(
            load_checklist("closing"), "&Finish the interview", self.read_back_banner
        )
        self.closing_page.sig_done.connect(self._closing_done)
        self.start_page.past.itemActivated.connect(self._open_past)
        self.session_page = SessionPage()
        self.session_page.sig_back.connect(lambda: self.pages.setCurrentWidget(self.start_page))
        self.session_page.sig_summary.connect(self.show_summary)
        self.live_page = self._build_live_page()
        self.interpreter = InterpreterWindow(self.ledger)
        self.interpreter.sig_confirm.connect(self.confirm_rendering)
        self.interpreter.sig_correct.connect(self.correct_rendering)
        self.interpreter.sig_concern.connect(lambda: self.record_concern(self.interpreter))
        self.ledger.subscribe(self._rendering_changed)
        self.summary_page = SummaryPage()
        self.summary_page.sig_save.connect(self._save_reflection)
        self.summary_page.sig_export.connect(self._export_summary)
        self.summary_page.sig_done.connect(self._back_to_start)
        self._summary: dict[str, Any] | None = None
        self._summary_session: int | None = None
        self.pages = QStackedWidget()
        for page in (
            self.start_page,
            self.opening_page,
            self.live_page,
            self.closing_page,
            self.summary_page,
            self.session_page,
        ):
            self.pages.addWidget(page)
        self.pages.currentChanged.connect(self._fit_pages)
        self._fit_pages()

        self.store_line = QLabel(store_error and f"Not saving: {store_error}")
        self.store_line.setProperty("role", "error")
        self.store_line.setAccessibleName("Storage status")
        self.store_line.setWordWrap(True)
        self.store_line.setVisible(bool(store_error))
        self.status = QLabel("Ready. Everything is transcribed on this computer; nothing is sent.")
        self.status.setAccessibleName("Status")
        self.status.setProperty("role", "muted")
        self.status.setWordWrap(True)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.store_line)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        self.setCentralWidget(central)
        self._build_menu()
        self.resize(1180, 720)

        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._tick)
        self.board.subscribe(self._cards_changed)
        if interrupted and self._bridge is not None:
            self.start_page.show_sessions(interrupted)
        self._refresh_sessions()
        if store is not None:
            self._show_storage(store)
        if demo:
            self.start_page.use_demo()

    # -- building ------------------------------------------------------------------------
    def _build_live_page(self) -> QWidget:
        self.clock_panel = ClockPanel()
        self.clock_panel.sig_start.connect(self.start_questioning)
        self.clock_panel.sig_break.connect(self.take_break)
        self.clock_panel.sig_resume.connect(self.resume_questioning)
        self.clock_panel.sig_end.connect(self.end_interview)
        self.clock_panel.sig_warning_action.connect(self._warning_action)
        self.transcript = TranscriptView()
        self.transcript.sig_speaker_corrected.connect(self._speaker_corrected)
        self.transcript.sig_note.connect(self._note)
        self.prompts = PromptPanel()
        self.prompts.sig_action.connect(self._prompt_action)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.transcript)
        self.splitter.addWidget(self.prompts)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        # When capture has a problem or stops on its own: said plainly, and a way to go on.
        self.capture_banner = QFrame()
        self.capture_banner.setProperty("role", "warning")
        self.capture_banner.setAccessibleName("Capture problem")
        self.capture_line = QLabel("")
        self.capture_line.setWordWrap(True)
        self.restart_button = QPushButton("Restart &capture")
        self.restart_button.setAccessibleName("Restart capturing the audio")
        self.restart_button.clicked.connect(self._start_capture)
        row = QHBoxLayout(self.capture_banner)
        row.addWidget(self.capture_line, 1)
        row.addWidget(self.restart_button)
        self.capture_banner.setVisible(False)
        self._capture_problem = ""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.clock_panel)
        layout.addWidget(self.capture_banner)
        layout.addWidget(self.splitter, 1)
        return page

    def _build_menu(self) -> None:
        view = self.menuBar().addMenu("&View")
        self.compact_action = QAction("&Compact (beside the call)", self, checkable=True)
        self.compact_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.compact_action.toggled.connect(self.set_compact)
        self.on_top_action = QAction("Always on &top", self, checkable=True)
        self.on_top_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.on_top_action.toggled.connect(self.set_always_on_top)
        self.dark_action = QAction("&Dark theme", self, checkable=True)
        self.dark_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.dark_action.toggled.connect(lambda on: self.set_theme("dark" if on else "light"))
        bigger = QAction("&Larger text", self)
        bigger.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        bigger.triggered.connect(lambda: self._font(+1))
        smaller = QAction("&Smaller text", self)
        smaller.setShortcut(QKeySequence("Ctrl+-"))
        smaller.triggered.connect(lambda: self._font(-1))
        for action in (self.compact_action, self.on_top_action, self.dark_action, bigger, smaller):
            view.addAction(action)
        interpreting = self.menuBar().addMenu("&Interpreting")
        window = QAction("The &interpreter's window", self)
        window.setShortcut(QKeySequence("Ctrl+I"))
        window.triggered.connect(lambda: self.show_interpreter_window(read_back=False))
        read_back = QAction("The &read-back list", self)
        read_back.setShortcut(QKeySequence("Ctrl+R"))
        read_back.triggered.connect(lambda: self.show_interpreter_window(read_back=True))
        concern = QAction("Record a &concern about interpreting…", self)
        concern.setShortcut(QKeySequence("Ctrl+Shift+I"))
        concern.triggered.connect(lambda: self.record_concern(self))
        for action in (window, read_back, concern):
            interpreting.addAction(action)

    def _build_read_back_banner(self) -> QWidget:
        banner = QFrame()
        banner.setProperty("role", "banner")
        self.read_back_line = QLabel()
        self.read_back_line.setWordWrap(True)
        open_list = QPushButton("Open the &read-back list")
        open_list.clicked.connect(lambda: self.show_interpreter_window(read_back=True))
        row = QHBoxLayout(banner)
        row.addWidget(self.read_back_line, 1)
        row.addWidget(open_list)
        return banner

    def _fit_pages(self, _index: int = 0) -> None:
        # Only the page shown counts for the window's size (compact mode must be narrow).
        current = self.pages.currentWidget()
        for i in range(self.pages.count()):
            page = self.pages.widget(i)
            policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.pages.adjustSize()

    # -- view options --------------------------------------------------------------------
    def set_compact(self, compact: bool) -> None:
        """Compact: the clock and the prompts only, narrow enough to sit beside the call."""
        self.transcript.setVisible(not compact)
        self.status.setVisible(not compact)
        self.clock_panel.set_compact(compact)
        if compact and self.width() > 480:
            self._wide_width = self.width()
        width = 420 if compact else getattr(self, "_wide_width", 1180)
        # Once the layouts have taken the change in (the minimum width drops in compact mode).
        QTimer.singleShot(0, lambda: self.resize(width, self.height()))
        self.compact_action.setChecked(compact)

    def set_always_on_top(self, on_top: bool) -> None:
        """Keep the window above the video call."""
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on_top)
        self.show()

    def set_theme(self, name: str) -> None:
        """Light or dark."""
        app = QApplication.instance()
        if name in THEMES and isinstance(app, QApplication):
            apply_theme(app, name)
        self.interpreter.set_dark(name == "dark")

    def _font(self, step: int) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            scale_font(app, step)

    # -- the start screen ----------------------------------------------------------------
    def _refresh_sessions(self) -> None:
        if self._bridge is None:
            return
        store = self._bridge.store
        self._bridge.call(
            lambda _db: store.list_sessions(),
            self.start_page.show_sessions,
            self._on_store_failure,
            "list sessions",
        )

    def _show_storage(self, store: Store) -> None:
        key = store.key
        if key is not None:
            words = f"Interviews are stored encrypted on this computer; the key is in {key.where}."
            if key.created:
                words = key.warning()
            self.start_page.show_storage(words, key.created, key.warning())
        elif store.is_sqlite:
            self.start_page.show_storage(
                f"⚠ Interviews are stored WITHOUT encryption in {store.name}.", True
            )
        else:
            self.start_page.show_storage(
                f"Interviews are stored in the team database {store.name}, protected by its "
                "server (TLS, encryption at rest, access control).",
                False,
            )

    def _open_past(self, item: Any) -> None:
        if self._bridge is None:
            return
        session_id = int(item.data(Qt.ItemDataRole.UserRole))
        store = self._bridge.store

        def load(_db: Any) -> tuple[Any, str]:
            from models.export import export_session

            session = store.load(session_id, words=False)
            return session, export_session(session, "txt")

        def show(result: tuple[Any, str]) -> None:
            self.session_page.show_session(*result)
            self.pages.setCurrentWidget(self.session_page)

        self._bridge.call(load, show, self._on_store_failure, "open session")

    def new_interview(self, setup: InterviewSetup) -> None:
        """The start screen's interview: record it, then the opening checklist."""
        self.setup = setup
        self._reset_interview(setup.preset)
        self.transcript.clear()
        if self._bridge is not None:
            from models.recorder import SessionRecorder

            self._recorder = SessionRecorder.create(
                self._bridge.writer,
                setup.reference,
                language=setup.language,
                dialect=setup.dialect,
                interpreter=setup.interpreter,
                preset=setup.preset,
                origin="demo" if setup.demo else "live",
                participants=setup.participants(),
            )
            self._bridge.when_done(
                self._recorder.ready, self._on_session_ready, self._on_store_failure
            )
        self.pages.setCurrentWidget(self.opening_page)
        self.status.setText(f"Interview {setup.reference}: the opening checklist.")

    def run_demo(self) -> None:
        """The bundled sample interview, straight into the live view (``--demo``)."""
        self.start_page.use_demo()
        self.new_interview(self.start_page.setup())
        self._opening_done(self.opening_page.ticks())

    def _reset_interview(self, preset: str) -> None:
        self.clock = SessionClock(get_preset(preset), now=self._now, wall=self._wall)
        self.clock.subscribe(self._clock_event)
        self.analysis = LiveAnalysis()
        self.board = PromptBoard()
        self.board.subscribe(self._cards_changed)
        self.prompts.show_cards([])
        self.segment_count = 0
        self.ledger = ConfirmationLedger(self.setup.language if self.setup else "")
        self.ledger.subscribe(self._rendering_changed)
        self.interpreter.set_ledger(self.ledger, self.setup.reference if self.setup else "")
        self.concerns = []
        self._analysis_base = 0
        self._update_read_back_banner()
        self._base_s = 0.0
        self._next_position = 0
        self.clock_panel.show_clock(self.clock)

    def _opening_done(self, ticks: list[tuple[str, str, bool]]) -> None:
        self._save_checklist("opening", ticks)
        self.pages.setCurrentWidget(self.live_page)
        self.status.setText("Press Start questioning when you begin.")
        if self.setup is not None and self.setup.demo:
            self.start_questioning()

    def _interrupted_action(self, session_id: int, action: str) -> None:
        if action != "resume":
            from models.recovery import close_in

            self._bridge.call(
                lambda db: close_in(db, session_id),
                lambda _r: (
                    self.status.setText(f"Session {session_id} ended as it stood."),
                    self._refresh_sessions(),
                ),
                self._on_store_failure,
                "close session",
            )
            return
        from models.recorder import SessionRecorder

        store = self._bridge.store
        loaded = store.load  # bound method, called on the writer thread

        def rows(_db: Any) -> tuple[InterviewSetup, list[tuple[Row, str, list[Check]]]]:
            from models.export import ledger_checks

            session = loaded(session_id, words=False)
            found = [
                (
                    Row(s.position, s.start_s, s.speaker, s.text),
                    s.speaker_auto,
                    ledger_checks(s),
                )
                for s in session.segments
            ]
            setup = InterviewSetup(
                reference=session.reference,
                preset=session.preset,
                language=session.language,
                dialect=session.dialect,
            )
            return setup, found

        def show(result: tuple[InterviewSetup, list[tuple[Row, str, list[Check]]]]) -> None:
            setup, found = result
            self.setup = setup
            self._reset_interview(setup.preset)
            self.transcript.clear()
            for row, speaker_auto, _checks in found:
                row.speaker_corrected = row.speaker != speaker_auto
            self.transcript.add_rows([row for row, _auto, _checks in found])
            for row, _auto, checks in found:
                self.ledger.add(row.position, row.start, row.speaker, row.text, checks=checks)
            self._next_position = len(found)
            self._analysis_base = len(found)
            self.session_id = session_id
            self._recorder = SessionRecorder.resume(self._bridge.writer, session_id)
            self._bridge.when_done(self._recorder.ready, self._on_resumed, self._on_store_failure)

        self._bridge.call(rows, show, self._on_store_failure, "load session")

    def _on_resumed(self, session_id: int) -> None:
        self._base_s = self._recorder.time_offset_s
        self.session_id = session_id
        self.pages.setCurrentWidget(self.live_page)
        self.status.setText(
            f"Session {session_id} resumed after {hms(self._base_s)}: press Start "
            "questioning to go on."
        )

    # -- the interview -------------------------------------------------------------------
    def interview_s(self) -> float:
        """Interview time now (a resumed session goes on from where it was)."""
        return self._base_s + (self.clock.elapsed_s if self.clock is not None else 0.0)

    @property
    def running(self) -> bool:
        """True while capture (a worker thread) runs."""
        return self._worker is not None

    def start_questioning(self) -> None:
        """Questioning begins: the clock starts and so does capture."""
        if self.clock is None or self.clock.state is not ClockState.NOT_STARTED:
            return
        self.clock.start()
        self._timer.start()
        self._start_capture()
        self._tick()

    def take_break(self, reason: str = "", asked_by: str = "caseworker") -> None:
        """A break: capture pauses (what is open is committed) and the break is logged."""
        if self.clock is None or self.clock.state is not ClockState.QUESTIONING:
            return
        self.clock.start_break(reason, asked_by)
        if self._recorder is not None:
            self._recorder.start_break(self.interview_s(), reason, asked_by)
        self.transcript.add_marker(
            f"  ⏸ Break at {hms(self.interview_s())}: {reason or 'no reason given'} "
            f"(asked by the {asked_by})"
        )
        self._stop_capture()
        self._tick()

    def resume_questioning(self) -> None:
        """Back from a break (or a pause): capture starts again."""
        if self.clock is None or self.clock.state not in (ClockState.ON_BREAK, ClockState.PAUSED):
            return
        was_break = self.clock.state is ClockState.ON_BREAK
        if was_break:
            self.clock.end_break()
        else:
            self.clock.resume()
        if self._recorder is not None and was_break:
            self._recorder.end_break(self.interview_s())
        self.transcript.add_marker(f"  ▶ Resumed at {hms(self.interview_s())}")
        self._start_capture()
        self._tick()

    def end_interview(self) -> None:
        """The end: capture stops; once the last words are in, the closing checklist."""
        if self.clock is None or self.clock.state in (ClockState.NOT_STARTED, ClockState.ENDED):
            return
        self.clock.end()
        self._timer.stop()
        self._tick()
        self._ending = True
        if self.running:
            self._stop_capture()
        else:
            self._after_capture_ended()

    def _after_capture_ended(self) -> None:
        self._ending = False
        self.board.apply(self.analysis.finish())
        self._save_analysis()
        self.pages.setCurrentWidget(self.closing_page)
        self.status.setText("The interview has ended: the closing checklist.")

    def _closing_done(self, ticks: list[tuple[str, str, bool]]) -> None:
        self._save_checklist("closing", ticks)
        if self._recorder is None:
            self._show_summary_of(self._in_memory_summary(), "Not saved.")
            return
        recorder, self._recorder = self._recorder, None
        self._bridge.when_done(
            recorder.finish(),
            lambda _r: (self._refresh_sessions(), self.show_summary(recorder.session_id)),
            self._on_store_failure,
        )
        self.status.setText("The interview has ended: the summary is being prepared.")

    def _in_memory_summary(self) -> dict[str, Any]:
        from companion.summary.report import SessionFacts, build_report
        from companion.transcript.model import Segment, Transcript

        transcript = Transcript(
            segments=[
                Segment(i, row.speaker, row.text, row.start)
                for i, row in enumerate(self.transcript.rows)
            ],
            source=self.setup.reference if self.setup else "interview",
        )
        breaks = tuple(
            {
                "start_s": b.start_s,
                "end_s": b.end_s or b.start_s,
                "reason": b.reason,
                "requested_by": b.asked_by,
            }
            for b in (self.clock.breaks if self.clock else [])
        )
        facts = SessionFacts(
            reference=transcript.source,
            language=self.setup.language if self.setup else "",
            breaks=breaks,
            corrections=tuple(self.ledger.corrections()),
            confirmed=tuple(self.ledger.confirmed()),
            concerns=tuple(c.fact() for c in self.concerns),
        )
        preset = self.clock.preset if self.clock else get_preset(None)
        return build_report(transcript, preset, facts)

    def show_summary(self, session_id: int) -> None:
        """Build a stored session's summary (on the store's thread) and show it."""
        store = self._bridge.store

        def build(_db: Any) -> dict[str, Any]:
            from companion.summary.report import build_report
            from models.export import session_facts, to_transcript

            session = store.load(session_id, words=False)
            return build_report(
                to_transcript(session), get_preset(session.preset), session_facts(session)
            )

        self._bridge.call(
            build,
            lambda summary: self._show_summary_of(
                summary, f"Saved as session {session_id}.", session_id
            ),
            self._on_store_failure,
            "summary",
        )

    def _show_summary_of(
        self, summary: dict[str, Any], saved_as: str, session_id: int | None = None
    ) -> None:
        self._summary, self._summary_session = summary, session_id
        self.summary_page.show_summary(summary, saved_as)
        self.pages.setCurrentWidget(self.summary_page)
        self.status.setText(saved_as)

    def _save_reflection(self, answers: list[tuple[str, str]]) -> None:
        session_id = self._summary_session
        if session_id is None or self._bridge is None:
            self.summary_page.note.setText("Not saved: there is no stored session.")
            return
        from models import record

        self._bridge.call(
            lambda db: record.save_reflections(db, session_id, answers),
            lambda _r: self.summary_page.note.setText("Your reflection is saved."),
            self._on_store_failure,
            "reflection",
        )

    def _export_summary(self, form: str) -> None:
        summary = self._summary
        if summary is None:
            return
        reference = summary["report"]["overview"]["reference"]
        if self.summary_page.redact.isChecked():
            from companion.redaction import redact_fields

            summary = redact_fields(summary)
        path = self._ask_path(form, f"summary-{reference}.{form}".replace("/", "-"))
        if not path:
            return

        redacted = self.summary_page.redact.isChecked()
        session_id = self._summary_session

        def write(db: Any) -> str:
            from pathlib import Path

            from companion.files import atomic_write_bytes
            from companion.summary.forms import render
            from models import record

            data = render(summary, form)
            assert isinstance(data, bytes)
            atomic_write_bytes(Path(path), data)
            if db is not None and session_id is not None:
                record.audit_export(
                    db,
                    "summary export",
                    session_id,
                    form=form,
                    output=path,
                    redacted=redacted,
                    tool="app",
                )
            return path

        if self._bridge is None:
            write(None)
            self.summary_page.note.setText(f"Written to {path}.")
            return
        self._bridge.call(
            write,
            lambda written: self.summary_page.note.setText(f"Written to {written}."),
            self._on_store_failure,
            "export",
        )

    def _ask_save_path(self, form: str, suggested: str) -> str:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self, f"Export the summary as {form.upper()}", suggested, f"{form.upper()} (*.{form})"
        )
        return path

    def _back_to_start(self) -> None:
        self.setup = None
        self.pages.setCurrentWidget(self.start_page)

    # -- capture -------------------------------------------------------------------------
    def _start_capture(self) -> None:
        if self.running or self.setup is None:
            return
        setup, pipeline = self.setup, self._pipeline
        if self._recorder is not None:
            self._recorder.set_time_offset(self.interview_s())
        self._run_offset = self.interview_s()
        self._capture_problem = ""
        self.capture_banner.setVisible(False)
        worker = TranscriptionWorker(lambda on_event: pipeline(setup, on_event), self.analysis)
        worker.sig_committed.connect(self._on_committed)
        worker.sig_tentative.connect(self._on_tentative)
        worker.sig_status.connect(self._on_status)
        worker.sig_problem.connect(self._on_problem)
        worker.sig_failed.connect(self._on_failed)
        worker.sig_analysis.connect(self._on_analysis)
        worker.finished.connect(self._on_finished)
        self._worker = worker
        self._thread = start_worker(worker, self)
        self.status.setText("Listening… (the speech model loads the first time)")

    def _stop_capture(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self.status.setText("Committing the last words…")

    # -- events from the worker ----------------------------------------------------------
    def _on_committed(self, segment: CommittedSegment) -> None:
        """A final segment: shown once the store has committed it (a few milliseconds), so a
        crash never loses words that were on screen; if the store is slow or failing it is
        shown after a second anyway, marked as not saved yet, and kept for the writer."""
        self.segment_count += 1
        position, start = self._next_position, segment.start + self._run_offset
        self._next_position += 1
        row = Row(position, start, segment.speaker, segment.text)
        if self._recorder is None or self._bridge is None:
            self._show_row(row)
        else:
            row.saved = False
            self._waiting.append(row)
            self._bridge.when_done(
                self._recorder.record(segment),
                lambda _position, r=row: self._row_saved(r),
                lambda _error, r=row: self._row_overdue(r),
            )
            QTimer.singleShot(SHOW_UNSAVED_AFTER_MS, lambda r=row: self._row_overdue(r))
        self.transcript.set_tentative("")
        self.status.setText("Listening.")

    def _show_row(self, row: Row) -> None:
        self.transcript.add_row(row)
        self.ledger.add(row.position, row.start, row.speaker, row.text)

    def _row_saved(self, row: Row) -> None:
        row.saved = True
        if row in self._waiting:
            self._flush_rows()
        else:  # shown before it was saved: take the mark away
            self.transcript.refresh_row(row)

    def _row_overdue(self, row: Row) -> None:
        if row in self._waiting:
            row.overdue = True
            self._flush_rows()

    def _flush_rows(self) -> None:
        """Show the waiting rows that may be shown, in the order they were said."""
        while self._waiting and (self._waiting[0].saved or self._waiting[0].overdue):
            self._show_row(self._waiting.pop(0))

    def _on_tentative(self, tentative: TentativeText) -> None:
        self.transcript.set_tentative(tentative.text)

    def _on_status(self, status: EngineStatus) -> None:
        self.status.setText(status.message)

    def _on_problem(self, problem: SourceProblem) -> None:
        self.status.setText(f"Audio problem: {problem.message}. The transcript so far is kept.")
        self._show_capture_problem(
            f"⚠ {problem.message}. Everything said before is kept; any other audio source is "
            "still being transcribed."
        )

    def _on_failed(self, message: str) -> None:
        self.status.setText(f"Transcription stopped: {message}")
        self._show_capture_problem(
            f"⚠ Transcription stopped: {message}. Everything said before is kept."
        )

    def _show_capture_problem(self, words: str) -> None:
        self._capture_problem = words
        self.capture_line.setText(words)
        self.restart_button.setVisible(not self.running)
        self.capture_banner.setVisible(True)

    def _on_analysis(self, update: AnalysisUpdate) -> None:
        if any(e.kind == "distress" for e in update.events) and self.clock is not None:
            for event in self.clock.suggest_break("distress"):
                self._clock_event(event)
        for event in update.events:
            if event.kind == "disclosure":
                self.ledger.mark_disclosure(self._analysis_base + event.segment)
        self.board.apply(update)

    def _on_finished(self) -> None:
        self._worker = None
        self._thread = None
        self.transcript.set_tentative("")
        if not self.status.text().startswith(("Audio problem", "Transcription stopped")):
            self.status.setText(f"Capture paused. {self.segment_count} segments.")
        restart, self._restart_capture = self._restart_capture, False
        if restart and not self._ending and not self._closing:
            self._start_capture()
            return
        unexpected = (
            self.clock is not None
            and self.clock.state is ClockState.QUESTIONING
            and not self._ending
            and not self._closing
        )
        if unexpected:  # not a break or the end: the audio stopped, or the model failed
            self._show_capture_problem(
                (self._capture_problem or "⚠ Capture has stopped: the audio ended.")
                + " The interview clock goes on; restart capture to go on transcribing."
            )
        if self._ending:
            self._after_capture_ended()
        if self._closing:
            self.close()

    # -- the clock -----------------------------------------------------------------------
    def _tick(self) -> None:
        if self.clock is None:
            return
        if self.clock.state in (ClockState.QUESTIONING, ClockState.ON_BREAK, ClockState.PAUSED):
            self.clock.tick()
        self.clock_panel.show_clock(self.clock)

    def _clock_event(self, event: TimingWarning | ClockJump) -> None:
        if isinstance(event, TimingWarning):
            self.clock_panel.show_warning(event)
            self._save_warning(event.occasion, "open")
        else:
            self.transcript.add_marker(
                f"  ⏱ The computer slept for {hms(event.gap_s)}: not counted as questioning"
            )
            if event.state is ClockState.QUESTIONING:
                self._recover_capture()

    def _recover_capture(self) -> None:
        """After the computer slept: reopen the audio devices (a device often does not come
        back by itself), keeping everything said so far."""
        self.status.setText("The computer slept: capture is being restarted.")
        if self.running:
            self._restart_capture = True
            self._stop_capture()
        else:
            self._start_capture()

    def _warning_action(self, occasion: str, action: str, reason: str) -> None:
        if self.clock is None:
            return
        if action == "snooze":
            self.clock.snooze(occasion, reason or "not now")
        else:
            self.clock.acknowledge(occasion, reason)
        self._save_warning(occasion, "not_now" if action == "snooze" else "acted", reason)

    def _save_warning(self, occasion: str, state: str, reason: str = "") -> None:
        """A timing warning as shown, and what was done about it (for the summary)."""
        self._store_prompt(f"warning:{occasion}", "timing-warning", None, occasion, state, reason)

    # -- prompts, corrections, notes -----------------------------------------------------
    def _cards_changed(self, cards: list[PromptCard]) -> None:
        self.prompts.show_cards(self.board.open_cards())
        for card in cards:
            self._save_prompt(card)

    def _prompt_action(self, card_id: int, action: str, reason: str) -> None:
        self.board.act(card_id, action, reason)

    def _save_prompt(self, card: PromptCard) -> None:
        self._store_prompt(
            ":".join(card.key), card.kind, card.segment, card.evidence, card.state, card.reason
        )

    def _store_prompt(
        self,
        key: str,
        kind: str,
        segment: int | None,
        evidence: str,
        state: str,
        reason: str,
    ) -> None:
        """A prompt or warning as shown, and what was done about it (one row per ``key``)."""
        if self._recorder is None:
            return
        from models import record

        at = self.interview_s()
        self._recorder.write(
            kind,
            lambda db, sid: record.save_prompt(
                db,
                sid,
                key=key,
                kind=kind,
                segment_position=segment,
                evidence=evidence,
                shown_at_s=at,
                state=state,
                reason=reason,
            ),
        )

    def _save_analysis(self) -> None:
        if self._recorder is None:
            return
        from models import record

        episodes = self.analysis.episodes()
        self._recorder.write("episodes", lambda db, sid: record.save_episodes(db, sid, episodes))

    def _save_checklist(self, name: str, ticks: list[tuple[str, str, bool]]) -> None:
        if self._recorder is None:
            return
        from models import record

        self._recorder.write(
            f"{name} checklist", lambda db, sid: record.record_checklist(db, sid, name, ticks)
        )

    def _speaker_corrected(self, position: int, speaker: str) -> None:
        if self._recorder is not None:
            self._recorder.correct_speaker(position, speaker, "caseworker")
        self.ledger.set_speaker(position, speaker)
        self.status.setText(f"Segment {position}: speaker corrected to {speaker}.")

    # -- interpreting: confirmations, corrections, concerns --------------------------------
    def show_interpreter_window(self, read_back: bool = False) -> None:
        """Open the interpreter's window (on the read-back list, if asked)."""
        self.interpreter.show_read_back(read_back)
        self.interpreter.show()
        self.interpreter.raise_()

    def confirm_rendering(self, position: int, by: str) -> None:
        """A rendering was read back and confirmed: both windows show it; the store keeps it."""
        try:
            self.ledger.confirm(position, by, self.interview_s())
        except CheckError as exc:
            self.interpreter.report_problem(position, str(exc))
            return
        if self._recorder is not None:
            self._recorder.confirm(position, by)
        self.status.setText(f"Segment {position} confirmed by the {by}.")

    def correct_rendering(self, position: int, text: str, by: str, reason: str) -> None:
        """New words for a rendering, added beside the original: both windows and the store."""
        try:
            rendering = self.ledger.correct(position, text, by, reason, self.interview_s())
        except CheckError as exc:
            self.interpreter.report_problem(position, str(exc))
            return
        if self._recorder is not None:
            self._recorder.correct_text(position, rendering.text, by, reason.strip())
        self.status.setText(f"Segment {position} corrected by the {by}; the original is kept.")

    def _rendering_changed(self, rendering: Rendering) -> None:
        self.interpreter.show_rendering(rendering)
        mark = {CONFIRMED: "✓", CORRECTED: "✎ corrected"}.get(rendering.state, "")
        self.transcript.update_row(rendering.position, rendering.text, mark, rendering.original)
        self._update_read_back_banner()

    def _update_read_back_banner(self) -> None:
        items, segments = self.ledger.still_to_read_back()
        self.read_back_line.setText(
            f"<b>{items} dates, numbers, names or places</b> in {segments} renderings are "
            "not yet confirmed. Read them back to the claimant through the interpreter before "
            "you close."
            if items
            else "Every date, number, name and place said has been confirmed or corrected."
        )

    def record_concern(self, parent: QWidget | None = None) -> None:
        """Ask for a concern about interpreting; it is kept with the interview."""
        last = self.transcript.rows[-1].position if self.transcript.rows else None
        at = self.interview_s() if self.clock is not None else None
        self.concern_dialog = ConcernDialog(at, last, parent or self)
        self.concern_dialog.sig_recorded.connect(self._concern_recorded)
        self.concern_dialog.open()

    def _concern_recorded(self, concern: Concern) -> None:
        self.concerns.append(concern)
        self.transcript.add_marker(
            f"  ⚑ Concern about interpreting, raised by the {concern.raised_by}: "
            f"{concern.details.strip()}"
        )
        self.status.setText("The concern about interpreting is recorded; it is in the summary.")
        if self._recorder is not None:
            from models import record

            self._recorder.write(
                "interpreting concern", lambda db, sid: record.add_concern(db, sid, concern)
            )

    def _note(self, text: str, position: int) -> None:
        if self._recorder is None:
            return
        from models import record

        at, segment = self.interview_s(), position if position >= 0 else None
        self._recorder.write("note", lambda db, sid: record.add_note(db, sid, text, at, segment))

    # -- storage ---------------------------------------------------------------------------
    def _on_session_ready(self, session_id: int) -> None:
        self.session_id = session_id

    def _on_store_problem(self, message: str) -> None:
        self.store_line.setText(f"Not saved yet: {message}. Kept in memory and retried.")
        self.store_line.setVisible(True)

    def _on_store_recovered(self) -> None:
        self.store_line.setText("Saving again; nothing was lost.")

    def _on_store_failure(self, error: object) -> None:
        self.store_line.setText(f"Not saving: {error}")
        self.store_line.setVisible(True)

    # -- closing -------------------------------------------------------------------------
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
        if self._bridge is not None:
            self._bridge.close(timeout_ms / 1000)
            self._bridge = None

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Closing stops capture first and closes once the worker has finished and what was
        said is saved. A session closed mid-interview stays live in the store until the
        process ends, then counts as interrupted: it can be resumed."""
        if self._worker is not None:
            self._closing = True
            self._stop_capture()
            event.ignore()
            return
        if self._bridge is not None and self._bridge.pending:
            self._closing = True
            self._bridge.call(lambda _db: None, lambda _r: self.close(), None, "close")
            event.ignore()
            return
        self._timer.stop()
        if self._bridge is not None:
            self._bridge.close()  # nothing is pending: returns at once
            self._bridge = None
        self.interpreter.hide()
        event.accept()
