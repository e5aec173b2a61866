"""The live interview page: the clock panel, a capture banner, the transcript and the prompt
cards. It shows one :class:`~companion.interview.Interview` by subscribing to its events and
hands the caseworker's actions back to it; it decides nothing itself."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from companion.clockfmt import hms
from companion.interpreting.ledger import CONFIRMED, CORRECTED, Rendering
from companion.interview import (
    BreakStarted,
    CardsChanged,
    ClockChanged,
    ConcernRecorded,
    Interview,
    InterviewEvent,
    InterviewState,
    QuestioningResumed,
    SegmentSaved,
    SegmentShown,
    SleepNoticed,
    StateChanged,
    WarningRaised,
)
from ui.widgets.clock_panel import ClockPanel
from ui.widgets.prompt_panel import PromptPanel
from ui.widgets.transcript_view import Row, TranscriptView


def _row(shown: SegmentShown) -> Row:
    row = Row(shown.position, shown.start_s, shown.speaker, shown.text, saved=shown.saved)
    row.speaker_corrected = bool(shown.speaker_auto) and shown.speaker_auto != shown.speaker
    row.overdue = not shown.saved
    return row


class LivePage(QWidget):
    """The interview as it happens."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.interview: Interview | None = None
        self.clock_panel = ClockPanel()
        self.transcript = TranscriptView()
        self.prompts = PromptPanel()
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
        row = QHBoxLayout(self.capture_banner)
        row.addWidget(self.capture_line, 1)
        row.addWidget(self.restart_button)
        self.capture_banner.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.clock_panel)
        layout.addWidget(self.capture_banner)
        layout.addWidget(self.splitter, 1)
        self.clock_panel.sig_warning_action.connect(self._warning_action)
        self.prompts.sig_action.connect(self._prompt_action)

    # -- showing an interview ------------------------------------------------------------
    def show_interview(self, interview: Interview) -> None:
        """Show ``interview`` from now on (a new one, or one restored with its rows, cards,
        clock and the warning still open)."""
        if self.interview is not None:
            self.interview.unsubscribe(self.on_event)
        self.interview = interview
        interview.subscribe(self.on_event)
        interview.ledger.subscribe(self._rendering_changed)
        self.transcript.clear()
        self.transcript.add_rows([_row(s) for s in interview.restored])
        for rendering in interview.ledger.all():
            if rendering.checks:
                self._rendering_changed(rendering)
        if interview.state is InterviewState.INTERRUPTED:
            self.transcript.add_marker(
                f"  ⚡ Interrupted at {hms(interview.interview_s)}: the app stopped here. "
                "Everything above was saved; the time it was down is not counted."
            )
        self.prompts.show_cards(interview.open_cards())
        self._show_clock()
        warning = interview.open_warning()
        if warning is not None:
            self.clock_panel.show_warning(warning)
        self.capture_banner.setVisible(False)

    def on_event(self, event: InterviewEvent) -> None:
        """One event of the interview, shown."""
        interview = self.interview
        if interview is None:
            return
        if isinstance(event, SegmentShown):
            self.transcript.add_row(_row(event))
        elif isinstance(event, SegmentSaved):
            row = self.transcript.row_at(event.position)
            if row is not None:
                row.saved = True
                self.transcript.refresh_row(row)
        elif isinstance(event, ClockChanged | StateChanged):
            self._show_clock()
        elif isinstance(event, WarningRaised):
            self.clock_panel.show_warning(event.warning)
        elif isinstance(event, CardsChanged):
            self.prompts.show_cards(list(event.open_cards))
        elif isinstance(event, BreakStarted):
            self.transcript.add_marker(
                f"  ⏸ Break at {hms(event.at_s)}: {event.reason or 'no reason given'} "
                f"(asked by the {event.asked_by})"
            )
        elif isinstance(event, QuestioningResumed):
            after = " after the interruption" if event.after_interruption else ""
            self.transcript.add_marker(f"  ▶ Resumed{after} at {hms(event.at_s)}")
        elif isinstance(event, SleepNoticed):
            self.transcript.add_marker(
                f"  ⏱ The computer slept for {hms(event.jump.gap_s)}: not counted as questioning"
            )
        elif isinstance(event, ConcernRecorded):
            self.transcript.add_marker(
                f"  ⚑ Concern about interpreting, raised by the {event.concern.raised_by}: "
                f"{event.concern.details.strip()}"
            )

    def _show_clock(self) -> None:
        interview = self.interview
        if interview is not None:
            interrupted = interview.state is InterviewState.INTERRUPTED
            words = "Interrupted: press Resume to go on" if interrupted else ""
            self.clock_panel.show_clock(interview.clock, words)

    def _rendering_changed(self, rendering: Rendering) -> None:
        mark = {CONFIRMED: "✓", CORRECTED: "✎ corrected"}.get(rendering.state, "")
        self.transcript.update_row(rendering.position, rendering.text, mark, rendering.original)

    def show_capture_problem(self, words: str, running: bool) -> None:
        """Capture has a problem: said plainly, with a way to go on when it has stopped."""
        self.capture_line.setText(words)
        self.restart_button.setVisible(not running)
        self.capture_banner.setVisible(True)

    # -- the caseworker's actions --------------------------------------------------------
    def _warning_action(self, occasion: str, action: str, reason: str) -> None:
        if self.interview is not None:
            self.interview.act_on_warning(occasion, action, reason)

    def _prompt_action(self, card_id: int, action: str, reason: str) -> None:
        if self.interview is not None:
            self.interview.act_on_prompt(card_id, action, reason)
