"""The interpreter's side of the interview, wired: the interpreter's window on the interview's
ledger, confirmations and corrections handed to the interview, the read-back banner of the
closing checklist, and concerns about interpreting."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from companion.interpreting.concerns import Concern
from companion.interpreting.ledger import CheckError, ConfirmationLedger, Rendering
from companion.interview import Interview
from ui.interpreter_window import InterpreterWindow
from ui.widgets.concern_dialog import ConcernDialog


class InterpretingFlow(QObject):
    """The interpreter's window and the read-back banner for the interview being held."""

    #: A line for the status bar.
    sig_status = Signal(str)

    def __init__(self, interview: Callable[[], Interview | None], parent: QWidget) -> None:
        super().__init__(parent)
        self._interview, self._parent = interview, parent
        self.window = InterpreterWindow(ConfirmationLedger())
        self.window.sig_confirm.connect(self.confirm)
        self.window.sig_correct.connect(self.correct)
        self.window.sig_concern.connect(lambda: self.record_concern(self.window))
        self.concern_dialog: ConcernDialog | None = None
        self.banner = QFrame()
        self.banner.setProperty("role", "banner")
        self.read_back_line = QLabel()
        self.read_back_line.setWordWrap(True)
        open_list = QPushButton("Open the &read-back list")
        open_list.clicked.connect(lambda: self.show_window(read_back=True))
        row = QHBoxLayout(self.banner)
        row.addWidget(self.read_back_line, 1)
        row.addWidget(open_list)

    def attach(self, interview: Interview) -> None:
        """Show ``interview``'s renderings from now on."""
        self.window.set_ledger(interview.ledger, interview.setup.reference)
        interview.ledger.subscribe(self._rendering_changed)
        self._update_banner(interview)

    def show_window(self, read_back: bool = False) -> None:
        """Open the interpreter's window (on the read-back list, if asked)."""
        self.window.show_read_back(read_back)
        self.window.show()
        self.window.raise_()

    def confirm(self, position: int, by: str) -> None:
        """A rendering was read back and confirmed: both windows show it; the store keeps it."""
        interview = self._interview()
        try:
            if interview is not None:
                interview.confirm(position, by)
                self.sig_status.emit(f"Segment {position} confirmed by the {by}.")
        except CheckError as exc:
            self.window.report_problem(position, str(exc))

    def correct(self, position: int, text: str, by: str, reason: str) -> None:
        """New words for a rendering, added beside the original: both windows and the store."""
        interview = self._interview()
        try:
            if interview is not None:
                interview.correct(position, text, by, reason)
                self.sig_status.emit(
                    f"Segment {position} corrected by the {by}; the original is kept."
                )
        except CheckError as exc:
            self.window.report_problem(position, str(exc))

    def _rendering_changed(self, rendering: Rendering) -> None:
        self.window.show_rendering(rendering)
        interview = self._interview()
        if interview is not None:
            self._update_banner(interview)

    def _update_banner(self, interview: Interview) -> None:
        items, segments = interview.ledger.still_to_read_back()
        self.read_back_line.setText(
            f"<b>{items} dates, numbers, names or places</b> in {segments} renderings are "
            "not yet confirmed. Read them back to the claimant through the interpreter before "
            "you close."
            if items
            else "Every date, number, name and place said has been confirmed or corrected."
        )

    def record_concern(self, parent: QWidget | None = None) -> None:
        """Ask for a concern about interpreting; it is kept with the interview."""
        interview = self._interview()
        last = interview.last_position() if interview is not None else None
        at = interview.interview_s if interview is not None and interview.under_way else None
        self.concern_dialog = ConcernDialog(at, last, parent or self._parent)
        self.concern_dialog.sig_recorded.connect(self._concern_recorded)
        self.concern_dialog.open()

    def _concern_recorded(self, concern: Concern) -> None:
        interview = self._interview()
        if interview is not None:
            interview.add_concern(concern)
            self.sig_status.emit(
                "The concern about interpreting is recorded; it is in the summary."
            )
