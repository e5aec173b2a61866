"""The start screen: a new interview (reference, language and dialect, interpreter, timing
preset, the caseworker's microphone and the call's audio), an interrupted session to resume,
and the past sessions."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.session_setup import DEMO_SOURCE, INTERPRETER_MODES, LANGUAGES, InterviewSetup
from companion.timing.presets import Preset
from models.store import SessionInfo


class StartPage(QWidget):
    """Set up a new interview, resume an interrupted one, or look at past ones."""

    #: A new interview, set up and checked.
    sig_new = Signal(object)
    #: Resume (True) or end as it stands (False) an interrupted session: (id, resume).
    sig_interrupted = Signal(int, bool)

    def __init__(
        self,
        presets: Sequence[Preset],
        microphones: Sequence[str],
        calls: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
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
        form.addRow("&Call audio", self.call)
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
        self.resume_button.clicked.connect(lambda: self._interrupted_action(True))
        self.close_session_button.clicked.connect(lambda: self._interrupted_action(False))
        row = QHBoxLayout(self.recovery)
        row.addWidget(self.recovery_label, 1)
        row.addWidget(self.resume_button)
        row.addWidget(self.close_session_button)
        self.recovery.setVisible(False)
        self._interrupted: list[SessionInfo] = []

        self.past = QListWidget()
        self.past.setAccessibleName("Past sessions")

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
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.recovery)
        layout.addLayout(columns, 1)

    # -- data ------------------------------------------------------------------------------
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

    # -- actions ---------------------------------------------------------------------------
    def _start(self) -> None:
        setup = self.setup()
        problems = setup.problems()
        self.problems.setText(" ".join(problems))
        if problems:
            self.reference.setFocus()
            return
        self.sig_new.emit(setup)

    def _interrupted_action(self, resume: bool) -> None:
        if self._interrupted:
            self.recovery.setVisible(False)
            self.sig_interrupted.emit(self._interrupted[0].id, resume)
