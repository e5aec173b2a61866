"""The companion window: the shell around the interview — its pages, menus and wiring.

The interview itself (its states, clock, prompts, ledger, numbering and crash restoring) is the
Qt-free :class:`companion.interview.Interview`; the live page shows it, the interpreter's
window checks its renderings, and :class:`ui.live_controller.LiveController` runs capture and
the tick for it. Stored sessions are reached through the use cases
(:mod:`companion.usecases`) on the store's serial writer; slow work (summaries, PDF, DOCX,
files) runs on :class:`ui.jobs.Jobs`. The UI thread only shows what they report.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.checklists import load_checklist
from companion.clockfmt import hms
from companion.interview import Interview, InterviewState, StateChanged
from companion.interview.events import InterviewEvent
from companion.session_setup import InterviewSetup
from companion.settings import Settings
from companion.timing.presets import available_presets
from companion.usecases.sessions import SessionReview, storage_words
from models.store import SessionInfo, Store
from ui.interpreting_flow import InterpretingFlow
from ui.jobs import Jobs
from ui.live_controller import LiveController, PipelineFactory
from ui.pages.checklist_page import ChecklistPage
from ui.pages.live_page import LivePage
from ui.pages.session_page import SessionPage
from ui.pages.start_page import StartPage
from ui.pages.summary_page import SummaryPage
from ui.pipeline import default_pipeline, device_names
from ui.review_wiring import ReviewScreens
from ui.sessions_flow import SessionsFlow
from ui.store_bridge import StoreBridge
from ui.summary_flow import SummaryFlow
from ui.view_options import ViewOptions, add_action


class MainWindow(QMainWindow):
    """The companion beside the video call."""

    store_line: QLabel
    status: QLabel
    pages: QStackedWidget

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
        self.settings = Settings.load()  # loaded once; saved (off this thread) on change
        self.jobs = Jobs(self)
        self._bridge: StoreBridge | None = None
        if store is not None:
            self._bridge = StoreBridge(store, self)
            self._bridge.sig_problem.connect(self._on_store_problem)
            self._bridge.sig_recovered.connect(self._on_store_recovered)
        self.live = LiveController(
            pipeline or default_pipeline(model, self.settings), self._bridge, tick_ms, self
        )
        self.interview: Interview | None = None
        self.sessions = SessionsFlow(
            lambda: self._bridge, self.jobs, now, wall, self._on_store_failure, self
        )
        self.sessions.sig_listed.connect(lambda found: self.start_page.show_sessions(found))
        self.sessions.sig_review.connect(self._show_review)
        self.sessions.sig_resumed.connect(self._resumed)
        self.sessions.sig_status.connect(lambda words: self.status.setText(words))
        self._build_pages(devices if devices is not None else device_names())
        self._build_menu()
        self.review_screens = ReviewScreens(
            self,
            self.pages,
            self.start_page,
            lambda: self._bridge,
            self.jobs,
            lambda form, name: self._ask_path(form, name),
            self._on_store_failure,
        )
        self._fit_pages()
        self._wire_live()
        self.view.apply()
        remembered, audio = self.settings.window, self.settings.audio
        self.start_page.choose(
            remembered.last_preset, remembered.last_language, audio.microphone, audio.call
        )
        if interrupted and self._bridge is not None:
            self.start_page.show_sessions(interrupted)
        self._refresh_sessions()
        if store is not None:
            said = storage_words(store)
            self.start_page.show_storage(said.words, said.prominent, said.details)
        if store_error:  # the store could not be opened: the app transcribes but does not save
            self._on_store_failure(store_error)
        self.review_screens.start()  # the Review menu per role; feedback to read
        if demo:
            self.start_page.use_demo()

    # -- building ------------------------------------------------------------------------
    def _build_pages(self, devices: tuple[list[str], list[str]]) -> None:
        microphones, calls = devices
        self.start_page = StartPage(list(available_presets().values()), microphones, calls)
        self.start_page.sig_new.connect(self.new_interview)
        self.start_page.sig_interrupted.connect(self._interrupted_action)
        self.start_page.past.itemActivated.connect(self._open_past)
        self.opening_page = ChecklistPage(load_checklist("opening"), "&Go to the interview")
        self.opening_page.sig_done.connect(self._opening_done)
        self.interpreting = InterpretingFlow(lambda: self.interview, self)
        self.interpreting.sig_status.connect(lambda words: self.status.setText(words))
        self.interpreter = self.interpreting.window
        self.read_back_banner = self.interpreting.banner
        self.read_back_line = self.interpreting.read_back_line
        self.closing_page = ChecklistPage(
            load_checklist("closing"), "&Finish the interview", self.read_back_banner
        )
        self.closing_page.sig_done.connect(self._closing_done)
        self.session_page = SessionPage()
        self.session_page.sig_back.connect(lambda: self.pages.setCurrentWidget(self.start_page))
        self.session_page.sig_summary.connect(self.show_summary)
        self.live_page = LivePage()
        # The live page's parts, named for the menus, the shortcuts and the tests.
        self.transcript = self.live_page.transcript
        self.prompts = self.live_page.prompts
        self.clock_panel = self.live_page.clock_panel
        self.capture_banner = self.live_page.capture_banner
        self.capture_line = self.live_page.capture_line
        self.restart_button = self.live_page.restart_button
        self.clock_panel.sig_start.connect(self.start_questioning)
        self.clock_panel.sig_break.connect(self.take_break)
        self.clock_panel.sig_resume.connect(self.resume_questioning)
        self.clock_panel.sig_end.connect(self.end_interview)
        self.transcript.sig_speaker_corrected.connect(self._speaker_corrected)
        self.transcript.sig_note.connect(self._note)
        self.restart_button.clicked.connect(self.live.start)
        self.summary_page = SummaryPage()
        self.summary_page.sig_done.connect(self._back_to_start)
        self.summary = SummaryFlow(
            self.summary_page,
            lambda: self._bridge,
            self.jobs,
            lambda form, name: self._ask_path(form, name),
            self._on_store_failure,
            self,
        )
        self.summary.sig_shown.connect(self._summary_shown)
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
        self.store_line = QLabel("")
        self.store_line.setProperty("role", "error")
        self.store_line.setAccessibleName("Storage status")
        self.store_line.setWordWrap(True)
        self.store_line.setVisible(False)
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
        self.resize(1180, 720)

    def _build_menu(self) -> None:
        self.view = ViewOptions(
            self,
            self.settings,
            self.jobs,
            [self.transcript, self.status],
            self.clock_panel,
            self.interpreter.set_dark,
        )
        self.compact_action, self.on_top_action = self.view.compact, self.view.on_top
        self.dark_action = self.view.dark
        interpreting = self.menuBar().addMenu("&Interpreting")
        for text, keys, slot in (
            ("The &interpreter's window", "Ctrl+I", lambda: self.show_interpreter_window(False)),
            ("The &read-back list", "Ctrl+R", lambda: self.show_interpreter_window(True)),
            (
                "Record a &concern about interpreting…",
                "Ctrl+Shift+I",
                lambda: self.record_concern(self),
            ),
        ):
            add_action(self, interpreting, text, keys, slot)

    def _wire_live(self) -> None:
        self.live.sig_tentative.connect(self.transcript.set_tentative)
        self.live.sig_status.connect(self.status.setText)
        self.live.sig_capture_problem.connect(
            lambda words: self.live_page.show_capture_problem(words, self.running)
        )
        self.live.sig_capture_started.connect(lambda: self.capture_banner.setVisible(False))
        self.live.sig_capture_ended.connect(self._capture_ended)
        self.live.sig_may_close.connect(self.close)

    def _fit_pages(self, _index: int = 0) -> None:
        # Only the page shown counts for the window's size (compact mode must be narrow).
        current = self.pages.currentWidget()
        for i in range(self.pages.count()):
            page = self.pages.widget(i)
            if page is None:
                continue
            policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.pages.adjustSize()

    # -- view options, remembered ----------------------------------------------------------
    def set_compact(self, compact: bool) -> None:
        """Compact: the clock and the prompts only (see :class:`ViewOptions`)."""
        self.view.set_compact(compact)

    def set_theme(self, name: str) -> None:
        """Light or dark."""
        self.view.set_theme(name)

    def _font(self, step: int) -> None:
        self.view.font_step(step)

    # -- the start screen ----------------------------------------------------------------
    def _refresh_sessions(self) -> None:
        self.sessions.refresh()

    def _open_past(self, item: QListWidgetItem) -> None:
        self.sessions.review(int(item.data(Qt.ItemDataRole.UserRole)))

    def _show_review(self, review: SessionReview) -> None:
        self.session_page.show_session(review)
        self.pages.setCurrentWidget(self.session_page)

    def new_interview(self, setup: InterviewSetup) -> None:
        """The start screen's interview: record it, then the opening checklist."""
        self.view.remember(last_preset=setup.preset, last_language=setup.language)
        interview = self.sessions.new_interview(setup)
        self._hold(interview)
        interview.begin()
        self.status.setText(f"Interview {setup.reference}: the opening checklist.")

    def run_demo(self) -> None:
        """The bundled sample interview, straight into the live view (``--demo``)."""
        self.start_page.use_demo()
        self.new_interview(self.start_page.setup())
        self._opening_done(self.opening_page.ticks())

    def _hold(self, interview: Interview) -> None:
        """Show and run ``interview`` (new, or restored after a crash)."""
        self.interview = interview
        interview.subscribe(self._on_interview_event)
        self.live.attach(interview)
        self.live_page.show_interview(interview)
        self.interpreting.attach(interview)

    def _on_interview_event(self, event: InterviewEvent) -> None:
        if not isinstance(event, StateChanged):
            return
        page = {
            InterviewState.OPENING: self.opening_page,
            InterviewState.READY: self.live_page,
            InterviewState.QUESTIONING: self.live_page,
            InterviewState.ON_BREAK: self.live_page,
        }.get(event.state)
        if page is not None:
            self.pages.setCurrentWidget(page)

    def _opening_done(self, ticks: list[tuple[str, str, bool]]) -> None:
        if self.interview is None:
            return
        self.interview.opening_done(ticks)
        self.status.setText("Press Start questioning when you begin.")
        if self.interview.setup.demo:
            self.start_questioning()

    def _interrupted_action(self, session_id: int, action: str) -> None:
        if action == "resume":
            self.sessions.resume(session_id)
        else:
            self.sessions.close(session_id)

    def _resumed(self, interview: Interview) -> None:
        self._hold(interview)
        self.pages.setCurrentWidget(self.live_page)
        self.status.setText(
            f"Session {interview.session_id} resumed after {hms(interview.interview_s)} "
            f"({hms(interview.clock.questioning_s)} of questioning): press "
            "Resume to go on."
        )

    # -- the interview -------------------------------------------------------------------
    def interview_s(self) -> float:
        """Interview time now."""
        return self.interview.interview_s if self.interview is not None else 0.0

    @property
    def running(self) -> bool:
        """True while capture runs."""
        return self.live.running

    @property
    def session_id(self) -> int | None:
        """The stored session being recorded (or last recorded)."""
        return self.interview.session_id if self.interview is not None else None

    def start_questioning(self) -> None:
        """Questioning begins: the clock starts and so does capture."""
        if self.interview is None:
            return
        if self.interview.state is InterviewState.READY:
            self.interview.start_questioning()
        elif self.interview.state is InterviewState.INTERRUPTED:
            self.interview.go_on_after_interruption()

    def take_break(self, reason: str = "", asked_by: str = "caseworker") -> None:
        """A break: capture pauses (what is open is committed) and the break is logged."""
        if self.interview is not None and self.interview.state is InterviewState.QUESTIONING:
            self.interview.take_break(reason, asked_by)

    def resume_questioning(self) -> None:
        """Back from a break, or on after an interruption: capture starts again."""
        if self.interview is not None and self.interview.state in (
            InterviewState.ON_BREAK,
            InterviewState.INTERRUPTED,
        ):
            self.interview.resume_questioning()

    def end_interview(self) -> None:
        """The end: capture stops; once the last words are in, the closing checklist."""
        if self.interview is not None and self.interview.under_way:
            self.interview.end()

    def _capture_ended(self) -> None:
        self.pages.setCurrentWidget(self.closing_page)
        self.status.setText("The interview has ended: the closing checklist.")

    def _closing_done(self, ticks: list[tuple[str, str, bool]]) -> None:
        interview = self.interview
        if interview is None:
            return
        finished = interview.closing_done(ticks)
        if finished is None or self._bridge is None:
            self.summary.show(interview.summary(), "Not saved.")
            return
        self._bridge.when_done(
            finished, lambda _r: self._ended(interview.session_id or 0), self._on_store_failure
        )
        self.status.setText("The interview has ended: the summary is being prepared.")

    def _ended(self, session_id: int) -> None:
        self._refresh_sessions()
        self.show_summary(session_id)

    # -- the summary -----------------------------------------------------------------------
    def show_summary(self, session_id: int) -> None:
        """Show a stored session's reflection summary (built off the UI thread)."""
        self.summary.show_stored(session_id)

    def _summary_shown(self, saved_as: str) -> None:
        self.pages.setCurrentWidget(self.summary_page)
        self.status.setText(saved_as)

    def _ask_save_path(self, form: str, suggested: str) -> str:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self, f"Save as {form.upper()}", suggested, f"{form.upper()} (*.{form})"
        )
        return path

    def _back_to_start(self) -> None:
        self.pages.setCurrentWidget(self.start_page)

    # -- corrections, notes, interpreting --------------------------------------------------
    def _speaker_corrected(self, position: int, speaker: str) -> None:
        if self.interview is not None:
            self.interview.correct_speaker(position, speaker)
            self.status.setText(f"Segment {position}: speaker corrected to {speaker}.")

    def _note(self, text: str, position: int) -> None:
        if self.interview is not None:
            self.interview.add_note(text, position if position >= 0 else None)

    def show_interpreter_window(self, read_back: bool = False) -> None:
        """Open the interpreter's window (on the read-back list, if asked)."""
        self.interpreting.show_window(read_back)

    def confirm_rendering(self, position: int, by: str) -> None:
        """A rendering was confirmed (see :class:`InterpretingFlow`)."""
        self.interpreting.confirm(position, by)

    def correct_rendering(self, position: int, text: str, by: str, reason: str) -> None:
        """New words for a rendering (see :class:`InterpretingFlow`)."""
        self.interpreting.correct(position, text, by, reason)

    def record_concern(self, parent: QWidget | None = None) -> None:
        """Ask for a concern about interpreting."""
        self.interpreting.record_concern(parent)

    # -- storage ---------------------------------------------------------------------------
    def _on_store_problem(self, message: str) -> None:
        self.store_line.setText(f"Not saved yet: {message}. Kept in memory and retried.")
        self.store_line.setVisible(True)

    def _on_store_recovered(self) -> None:
        rescued = self._bridge.store.rescued_to if self._bridge is not None else None
        self.store_line.setText(
            f"Saving again, in {rescued}: the store's file was deleted or replaced while the "
            "interview was recorded, and everything was copied there. Nothing was lost."
            if rescued is not None
            else "Saving again; nothing was lost."
        )

    def _on_store_failure(self, error: object) -> None:
        self.store_line.setText(f"Not saving: {error}")
        self.store_line.setVisible(True)

    # -- closing -------------------------------------------------------------------------
    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Last resort when the application quits with the worker still running (the normal
        path is :meth:`closeEvent`: stop, then close on ``finished``)."""
        self.live.shutdown(timeout_ms)
        if self._bridge is not None:
            self._bridge.close(timeout_ms / 1000)
            self._bridge = None
        self.jobs.close()

    def _close_later(self) -> None:
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Closing stops capture first and closes once the worker has finished and what was
        said is saved. A session closed mid-interview stays live in the store until the
        process ends, then counts as interrupted: it can be resumed."""
        if self.live.running:
            self.live.closing = True
            self.live.stop()
            event.ignore()
            return
        if self._bridge is not None and self._bridge.pending:
            self._bridge.call(lambda _db: None, lambda _r: self._close_later(), None, "close")
            event.ignore()
            return
        self.live.timer.stop()
        self.view.remember(geometry=bytes(self.saveGeometry().toHex().data()).decode("ascii"))
        if self._bridge is not None:
            self._bridge.close()  # nothing is pending: returns at once
            self._bridge = None
        self.jobs.close()
        self.interpreter.hide()
        event.accept()
