"""The start screen: a new interview (reference, language and dialect, interpreter, timing
preset, the caseworker's microphone and the call's audio), an interrupted session to resume,
and the past sessions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.session_setup import DEMO_SOURCE, INTERPRETER_MODES, LANGUAGES, InterviewSetup
from companion.timing.presets import Preset
from models.store import SessionInfo
from ui.theme import repolish


def _level_meter(device: str, origin: str) -> Any:
    from companion.audio.level import LevelMeter

    return LevelMeter(device, origin=origin)


class StartPage(QWidget):
    """Set up a new interview, resume an interrupted one, or look at past ones."""

    #: A new interview, set up and checked.
    sig_new = Signal(object)
    #: An interrupted session to "resume" or to "close" (end as it stands): (id, action).
    sig_interrupted = Signal(int, str)
    #: Show the feedback a reviewer sent.
    sig_feedback = Signal()

    def __init__(
        self,
        presets: Sequence[Preset],
        microphones: Sequence[str],
        calls: Sequence[str],
        parent: QWidget | None = None,
        meter_factory: Callable[[str, str], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self._meter_factory = meter_factory or _level_meter
        self._meters: list[tuple[Any, QProgressBar]] = []
        self._meter_timer = QTimer(self)
        self._meter_timer.setInterval(100)
        self._meter_timer.timeout.connect(self._show_levels)
        self._meter_ticks = 0
        self.setAccessibleName("Start")
        heading = QLabel("<h2>New interview</h2>")
        self.reference = QLineEdit()
        self.reference.setPlaceholderText("Case or appointment reference (not the name)")
        self.reference.setAccessibleName("Interview reference")
        self.language = QComboBox()
        self.language.setEditable(True)
        self.language.setAccessibleName("Claimant's language")
        for code, name in LANGUAGES:
            self.language.addItem(f"{name} ({code})" if code else name, code)
        self.dialect = QLineEdit()
        self.dialect.setPlaceholderText("Dialect, if known (e.g. Hazaragi)")
        self.dialect.setAccessibleName("Dialect")
        self.interpreter = QComboBox()
        self.interpreter.setAccessibleName("Interpreter")
        for mode, label in INTERPRETER_MODES:
            self.interpreter.addItem(label, mode)
        self.preset = QComboBox()
        self.preset.setAccessibleName("Timing preset")
        for preset in presets:
            self.preset.addItem(preset.title, preset.name)
            self.preset.setItemData(
                self.preset.count() - 1, preset.description, Qt.ItemDataRole.ToolTipRole
            )
        default = self.preset.findData("trauma-informed")
        self.preset.setCurrentIndex(max(0, default))
        self.microphone = QComboBox()
        self.microphone.setAccessibleName("Caseworker's microphone")
        self.microphone.addItem("Default microphone", "")
        for name in microphones:
            self.microphone.addItem(name, name)
        self.call = QComboBox()
        self.call.setAccessibleName("Call audio")
        self.call.addItem("No call audio (microphone only)", "")
        for name in calls:
            self.call.addItem(name, name)
        self.call.addItem("Sample interview (demo, no microphone needed)", DEMO_SOURCE)
        self.mic_level = QProgressBar()
        self.mic_level.setAccessibleName("Microphone level")
        self.call_level = QProgressBar()
        self.call_level.setAccessibleName("Call audio level")
        for bar in (self.mic_level, self.call_level):
            bar.setRange(0, 60)
            bar.setTextVisible(False)
            bar.setProperty("level", "ok")
        self.test_button = QPushButton("&Test audio")
        self.test_button.setAccessibleName("Test the audio devices for ten seconds")
        self.test_button.clicked.connect(self.toggle_test)
        self.test_result = QLabel("Speak, and play some sound on the call, while testing.")
        self.test_result.setProperty("role", "muted")
        self.test_result.setWordWrap(True)
        self.problems = QLabel("")
        self.problems.setProperty("role", "error")
        self.problems.setWordWrap(True)
        self.start_button = QPushButton("&Continue to the opening checklist")
        self.start_button.setProperty("primary", True)
        self.start_button.setAccessibleName("Continue to the opening checklist")
        self.start_button.clicked.connect(self._start)
        self.reference.returnPressed.connect(self._start)

        form = QFormLayout()
        form.addRow("&Reference", self.reference)
        form.addRow("&Language", self.language)
        form.addRow("&Dialect", self.dialect)
        form.addRow("&Interpreter", self.interpreter)
        form.addRow("&Timing preset", self.preset)
        form.addRow("&Microphone", self.microphone)
        form.addRow("", self.mic_level)
        form.addRow("&Call audio", self.call)
        form.addRow("", self.call_level)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        form.addRow("", test_row)
        note = QLabel("Everything is transcribed and stored on this computer; nothing is sent.")
        note.setProperty("role", "muted")

        # An interrupted session.
        self.recovery = QFrame()
        self.recovery.setProperty("role", "banner")
        self.recovery.setAccessibleName("Interrupted session")
        self.recovery_label = QLabel("")
        self.recovery_label.setWordWrap(True)
        self.resume_button = QPushButton("&Resume it")
        self.resume_button.setAccessibleName("Resume the interrupted session")
        self.close_session_button = QPushButton("&End it as it stands")
        self.close_session_button.setAccessibleName("End the interrupted session")
        self.resume_button.clicked.connect(lambda: self._interrupted_action("resume"))
        self.close_session_button.clicked.connect(lambda: self._interrupted_action("close"))
        row = QHBoxLayout(self.recovery)
        row.addWidget(self.recovery_label, 1)
        row.addWidget(self.resume_button)
        row.addWidget(self.close_session_button)
        self.recovery.setVisible(False)
        self._interrupted: list[SessionInfo] = []

        # Feedback from a reviewer, not yet read.
        self.feedback_banner = QFrame()
        self.feedback_banner.setProperty("role", "banner")
        self.feedback_banner.setAccessibleName("Feedback from a reviewer")
        self.feedback_label = QLabel("")
        self.feedback_label.setWordWrap(True)
        self.feedback_button = QPushButton("Read the &feedback")
        self.feedback_button.setAccessibleName("Read the feedback a reviewer sent")
        self.feedback_button.clicked.connect(self.sig_feedback.emit)
        feedback_row = QHBoxLayout(self.feedback_banner)
        feedback_row.addWidget(self.feedback_label, 1)
        feedback_row.addWidget(self.feedback_button)
        self.feedback_banner.setVisible(False)

        self.past = QListWidget()
        self.past.setAccessibleName("Past sessions")
        #: How the interviews are protected on this computer (and, the first time, what losing
        #: the key means).
        self.storage = QLabel("")
        self.storage.setWordWrap(True)
        self.storage.setProperty("role", "muted")
        self.storage.setAccessibleName("How the interviews are stored")
        self.storage.setVisible(False)

        left = QVBoxLayout()
        left.addWidget(heading)
        left.addLayout(form)
        left.addWidget(note)
        left.addWidget(self.problems)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        left.addLayout(buttons)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(QLabel("<h3>Past sessions</h3>"))
        right.addWidget(self.past, 1)
        right.addWidget(self.storage)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.recovery)
        layout.addWidget(self.feedback_banner)
        layout.addLayout(columns, 1)

    def show_storage(self, words: str, first_time: bool, details: str = "") -> None:
        """Say how the interviews are kept; the first time, as a banner that stays."""
        self.storage.setText(words)
        self.storage.setToolTip(details)
        self.storage.setProperty("role", "banner" if first_time else "muted")
        self.storage.setVisible(bool(words))
        repolish(self.storage)

    def show_feedback_count(self, unseen: int) -> None:
        """Say that a reviewer sent feedback on ``unseen`` interviews not yet read (0: hide)."""
        self.feedback_label.setText(f"A reviewer sent feedback on {unseen} interview(s).")
        self.feedback_banner.setVisible(unseen > 0)

    # -- data ------------------------------------------------------------------------------
    def choose(self, preset: str, language: str, microphone: str, call: str) -> None:
        """Preselect the choices the caseworker made last time (those still offered)."""
        for box, value in (
            (self.preset, preset),
            (self.language, language),
            (self.microphone, microphone),
            (self.call, call),
        ):
            index = box.findData(value) if value else -1
            if index >= 0:
                box.setCurrentIndex(index)

    def setup(self) -> InterviewSetup:
        """The interview as set up in the form."""
        index = self.language.currentIndex()
        typed = self.language.currentText().strip()
        code = self.language.itemData(index) if self.language.itemText(index) == typed else typed
        return InterviewSetup(
            reference=self.reference.text().strip(),
            language=str(code or ""),
            dialect=self.dialect.text().strip(),
            interpreter=str(self.interpreter.currentData()),
            preset=str(self.preset.currentData()),
            microphone=str(self.microphone.currentData() or ""),
            call=str(self.call.currentData() or ""),
        )

    def show_sessions(self, sessions: Sequence[SessionInfo]) -> None:
        """List past sessions; offer the newest interrupted one for recovery."""
        self.past.clear()
        for info in sessions:
            started = info.started_at or info.created_at
            item = QListWidgetItem(
                f"{started:%d %b %Y %H:%M}  {info.reference}  ·  {info.state}  ·  "
                f"{info.segments} segments"
            )
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.past.addItem(item)
        self._interrupted = [i for i in sessions if i.state == "interrupted"]
        if self._interrupted:
            newest = self._interrupted[0]
            started = newest.started_at or newest.created_at
            self.recovery_label.setText(
                f"Session {newest.id} ({newest.reference}, started {started:%d %b %H:%M} UTC) "
                f"was interrupted. Its {newest.segments} segments are saved."
            )
        self.recovery.setVisible(bool(self._interrupted))

    def use_demo(self) -> None:
        """Fill the form for the bundled sample interview."""
        self.reference.setText("DEMO sample interview")
        self.call.setCurrentIndex(self.call.findData(DEMO_SOURCE))

    # -- the audio test --------------------------------------------------------------------
    @property
    def testing(self) -> bool:
        """Whether the level meters are running."""
        return bool(self._meters)

    def toggle_test(self) -> None:
        """Meter the chosen devices for ten seconds (or stop early)."""
        if self.testing:
            self.stop_test()
            return
        setup = self.setup()
        messages = []
        choices = [(setup.microphone, "microphone", self.mic_level)]
        if setup.call and not setup.demo:
            choices.append((setup.call, "call", self.call_level))
        elif setup.demo:
            messages.append("The sample interview needs no device.")
        for device, origin, bar in choices:
            try:
                meter = self._meter_factory(device, origin)
                meter.start()
            except Exception as exc:  # noqa: BLE001 - shown to the user, one line each
                messages.append(str(exc))
                continue
            self._meters.append((meter, bar))
        self.test_result.setText(
            " ".join(messages) or "Testing… speak, and play sound on the call."
        )
        if self._meters:
            self._meter_ticks = 0
            self.test_button.setText("Stop &test")
            self._meter_timer.start()

    def stop_test(self) -> None:
        """Stop metering and say what was heard."""
        self._meter_timer.stop()
        verdicts = []
        for meter, bar in self._meters:
            meter.stop()
            verdicts.append(meter.verdict())
            bar.setValue(0)
        self._meters = []
        self.test_button.setText("&Test audio")
        if verdicts:
            self.test_result.setText(". ".join(verdicts) + ".")

    def _show_levels(self) -> None:
        self._meter_ticks += 1
        for meter, bar in self._meters:
            bar.setValue(int(meter.level_db + 60))
            level = "due" if meter.level_db >= -1 else "ok"
            if bar.property("level") != level:
                bar.setProperty("level", level)
                repolish(bar)
        if self._meter_ticks >= 100:  # ten seconds
            self.stop_test()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        """Leaving the start screen releases the devices."""
        self.stop_test()
        super().hideEvent(event)

    # -- actions ---------------------------------------------------------------------------
    def _start(self) -> None:
        setup = self.setup()
        problems = setup.problems()
        self.problems.setText(" ".join(problems))
        if problems:
            self.reference.setFocus()
            return
        self.sig_new.emit(setup)

    def _interrupted_action(self, action: str) -> None:
        if self._interrupted:
            self.recovery.setVisible(False)
            self.sig_interrupted.emit(self._interrupted[0].id, action)
