"""The clock panel: questioning time, elapsed time, time since the last break, progress toward
the preset's thresholds (colour changes before each), and Start / Break / Resume / End.

It shows a :class:`companion.timing.clock.SessionClock` and reports the caseworker's actions as
signals; it decides nothing itself. A break asks for its reason and who asked for it inline,
never in a dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.clockfmt import hms
from companion.timing.clock import ASKED_BY, ClockState, SessionClock, TimingWarning
from ui.theme import repolish


def _level(value: float, soon: float, due: float) -> str:
    return "due" if value >= due else "soon" if value >= soon else "ok"


class ClockPanel(QFrame):
    """Glanceable timing beside the call."""

    sig_start = Signal()
    #: A break: reason, who asked.
    sig_break = Signal(str, str)
    sig_resume = Signal()
    sig_end = Signal()
    #: What the caseworker did with a warning: occasion, "acknowledge" or "snooze", reason.
    sig_warning_action = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "panel")
        self.setAccessibleName("Session clock")
        self.questioning = QLabel("0:00:00")
        self.questioning.setProperty("role", "clock")
        self.questioning.setAccessibleName("Questioning time")
        self.elapsed = QLabel("elapsed 0:00:00")
        self.elapsed.setAccessibleName("Elapsed time")
        self.since_break = QLabel("since break 0:00:00")
        self.since_break.setAccessibleName("Time since the last break")
        self.state_label = QLabel("Not started")
        self.state_label.setProperty("role", "muted")
        self.stretch_bar = QProgressBar()
        self.stretch_bar.setAccessibleName("Progress toward a break")
        self.stretch_bar.setTextVisible(False)
        self.limit_bar = QProgressBar()
        self.limit_bar.setAccessibleName("Progress toward the questioning limit")
        self.limit_bar.setTextVisible(False)
        self.stretch_caption = QLabel("")
        self.stretch_caption.setProperty("role", "muted")
        self.limit_caption = QLabel("")
        self.limit_caption.setProperty("role", "muted")

        self.start_button = QPushButton("&Start questioning")
        self.start_button.setProperty("primary", True)
        self.start_button.setAccessibleName("Start questioning")
        self.break_button = QPushButton("&Break…")
        self.break_button.setAccessibleName("Take a break")
        self.resume_button = QPushButton("&Resume")
        self.resume_button.setAccessibleName("Resume after the break")
        self.end_button = QPushButton("&End interview")
        self.end_button.setAccessibleName("End the interview")
        self.start_button.clicked.connect(self.sig_start.emit)
        self.break_button.clicked.connect(self._ask_break)
        self.resume_button.clicked.connect(self.sig_resume.emit)
        self.end_button.clicked.connect(self.sig_end.emit)

        # The inline break form.
        self.break_form = QFrame()
        self.break_form.setProperty("role", "banner")
        self.break_reason = QLineEdit()
        self.break_reason.setPlaceholderText("Reason (e.g. comfort break, the claimant is upset)")
        self.break_reason.setAccessibleName("Reason for the break")
        self.break_asked_by = QComboBox()
        self.break_asked_by.setAccessibleName("Who asked for the break")
        for who in ASKED_BY:
            self.break_asked_by.addItem(
                f"asked by the {who}" if who != "distress" else "because of distress", who
            )
        self.break_asked_by.setCurrentIndex(ASKED_BY.index("caseworker"))
        confirm = QPushButton("Start &break")
        confirm.setAccessibleName("Start the break now")
        confirm.clicked.connect(self._confirm_break)
        self.break_reason.returnPressed.connect(self._confirm_break)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(lambda: self.break_form.setVisible(False))
        form = QHBoxLayout(self.break_form)
        form.addWidget(self.break_reason, 2)
        form.addWidget(self.break_asked_by, 1)
        form.addWidget(confirm)
        form.addWidget(cancel)
        self.break_form.setVisible(False)

        # A timing warning: calm, inline, acknowledged or snoozed with a reason.
        self.warning = QFrame()
        self.warning.setProperty("role", "warning")
        self.warning.setAccessibleName("Timing warning")
        self.warning_text = QLabel("")
        self.warning_text.setWordWrap(True)
        self.warning_source = QLabel("")
        self.warning_source.setProperty("role", "muted")
        self.warning_source.setWordWrap(True)
        self.snooze_reason = QLineEdit()
        self.snooze_reason.setPlaceholderText("Why not now (for the record)")
        self.snooze_reason.setAccessibleName("Reason for snoozing the warning")
        ack = QPushButton("&Noted")
        ack.setAccessibleName("Acknowledge the timing warning")
        ack.clicked.connect(lambda: self._warning_done("acknowledge"))
        snooze = QPushButton("Snooze")
        snooze.setAccessibleName("Snooze the timing warning")
        snooze.clicked.connect(lambda: self._warning_done("snooze"))
        warning_layout = QVBoxLayout(self.warning)
        warning_layout.addWidget(self.warning_text)
        warning_layout.addWidget(self.warning_source)
        row = QHBoxLayout()
        row.addWidget(self.snooze_reason, 1)
        row.addWidget(ack)
        row.addWidget(snooze)
        warning_layout.addLayout(row)
        self.warning.setVisible(False)
        self._warning: TimingWarning | None = None

        self._grid = QGridLayout()
        self._buttons = QGridLayout()
        self._labels = {
            self.start_button: ("&Start questioning", "&Start"),
            self.break_button: ("&Break…", "&Break…"),
            self.resume_button: ("&Resume", "&Resume"),
            self.end_button: ("&End interview", "&End"),
        }
        self.set_compact(False)
        layout = QVBoxLayout(self)
        layout.addLayout(self._grid)
        layout.addLayout(self._buttons)
        layout.addWidget(self.break_form)
        layout.addWidget(self.warning)

    def set_compact(self, compact: bool) -> None:
        """Lay the panel out wide (beside the transcript) or narrow (beside the call)."""
        grid, buttons = self._grid, self._buttons
        for layout in (grid, buttons):
            while layout.count():
                layout.takeAt(0)
        if compact:
            grid.addWidget(self.questioning, 0, 0, 1, 2)
            grid.addWidget(self.state_label, 0, 2)
            grid.addWidget(self.elapsed, 1, 0)
            grid.addWidget(self.since_break, 1, 1, 1, 2)
            grid.addWidget(self.stretch_bar, 2, 0, 1, 3)
            grid.addWidget(self.limit_bar, 3, 0, 1, 3)
        else:
            grid.addWidget(self.questioning, 0, 0, 2, 1)
            grid.addWidget(self.state_label, 0, 1)
            grid.addWidget(self.elapsed, 0, 2)
            grid.addWidget(self.since_break, 0, 3)
            grid.addWidget(self.stretch_caption, 1, 1)
            grid.addWidget(self.stretch_bar, 1, 2, 1, 2)
            grid.addWidget(self.limit_caption, 2, 1)
            grid.addWidget(self.limit_bar, 2, 2, 1, 2)
        self.stretch_caption.setVisible(not compact)
        self.limit_caption.setVisible(not compact)
        for column, (button, (wide, narrow)) in enumerate(self._labels.items()):
            button.setText(narrow if compact else wide)
            buttons.addWidget(button, 0, column)

    # -- showing the clock -----------------------------------------------------------------
    def show_clock(self, clock: SessionClock, state_words: str = "") -> None:
        """Show the clock's times, progress and the buttons its state allows; ``state_words``
        name the state when the interview's say more than the clock's (interrupted)."""
        preset = clock.preset
        self.questioning.setText(hms(clock.questioning_s))
        self.elapsed.setText(f"elapsed {hms(clock.elapsed_s)}")
        self.since_break.setText(f"since break {hms(clock.since_break_s)}")
        self.state_label.setText(state_words or clock.state.value.capitalize())
        stretch_min = clock.stretch_s / 60
        self._bar(self.stretch_bar, stretch_min, preset.break_after_min, preset.break_latest_min)
        self.stretch_caption.setText(
            f"break by {preset.break_latest_min:g} min (suggested at {preset.break_after_min:g})"
        )
        questioning_min = clock.questioning_s / 60
        self._bar(self.limit_bar, questioning_min, preset.approaching_min, preset.limit_min)
        self.limit_caption.setText(f"limit {preset.limit_min / 60:g} h of questioning")
        state = clock.state
        self.start_button.setVisible(state is ClockState.NOT_STARTED)
        self.break_button.setEnabled(state is ClockState.QUESTIONING)
        self.resume_button.setEnabled(state in (ClockState.ON_BREAK, ClockState.PAUSED))
        self.end_button.setEnabled(state not in (ClockState.NOT_STARTED, ClockState.ENDED))

    def _bar(self, bar: QProgressBar, value: float, soon: float, due: float) -> None:
        bar.setRange(0, 1000)
        bar.setValue(int(min(1.0, value / due if due else 0.0) * 1000))
        level = _level(value, soon, due)
        if bar.property("level") != level:
            bar.setProperty("level", level)
            repolish(bar)

    def show_warning(self, warning: TimingWarning) -> None:
        """Show a timing warning inline (no sound, no dialog)."""
        self._warning = warning
        self.warning_text.setText(warning.message)
        self.warning_source.setText(f"Source: {warning.source}" if warning.source else "")
        self.snooze_reason.clear()
        self.warning.setVisible(True)

    # -- actions ---------------------------------------------------------------------------
    def _ask_break(self) -> None:
        self.break_form.setVisible(True)
        self.break_reason.setFocus()

    def _confirm_break(self) -> None:
        self.break_form.setVisible(False)
        self.sig_break.emit(self.break_reason.text().strip(), self.break_asked_by.currentData())
        self.break_reason.clear()

    def _warning_done(self, action: str) -> None:
        if self._warning is not None:
            self.sig_warning_action.emit(
                self._warning.occasion, action, self.snooze_reason.text().strip()
            )
        self._warning = None
        self.warning.setVisible(False)
