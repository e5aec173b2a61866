"""The interpreter's window: the renderings in large type, newest at the bottom, with what must
be exactly right highlighted, each to confirm or correct; and the read-back list.

For a second screen, or to share in the video call: it shows the interview's words and nothing
of the caseworker's prompts. What is highlighted and how a year reads in each calendar comes
from :mod:`companion.interpreting`; what a confirmation or correction does is decided by the
main window (the ledger and the store). This window only shows and asks.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.clockfmt import hms
from companion.interpreting.highlight import (
    AGE,
    DATE,
    DURATION,
    NAME,
    NUMBER,
    PLACE,
    TERM,
    Highlight,
)
from companion.interpreting.ledger import (
    CONFIRMED,
    CORRECT,
    CORRECTED,
    TO_CONFIRM,
    ConfirmationLedger,
    Rendering,
)
from companion.transcription.events import ROLE_LABELS
from ui.theme import repolish

#: Highlight colours (background, text) per kind, for light and dark.
PALETTES = {
    "light": {
        TERM: ("#ffd3c9", "#5a1300"),
        DATE: ("#ffe59a", "#3d2c00"),
        NUMBER: ("#cfe2ff", "#0b2a5c"),
        DURATION: ("#d4f0cb", "#143d0b"),
        AGE: ("#f6d3ef", "#4a0b40"),
        NAME: ("#e2dbff", "#2a1766"),
        PLACE: ("#c6eeea", "#07403a"),
    },
    "dark": {
        TERM: ("#7a2a18", "#ffe9e3"),
        DATE: ("#6b5200", "#fff4cf"),
        NUMBER: ("#1d4680", "#e6f0ff"),
        DURATION: ("#2c5a22", "#e8fbe2"),
        AGE: ("#6a2a60", "#fde8f9"),
        NAME: ("#433482", "#eeeaff"),
        PLACE: ("#125a53", "#e0fbf8"),
    },
}
KIND_WORDS = {
    TERM: "key term",
    DATE: "date",
    NUMBER: "number",
    DURATION: "duration",
    AGE: "age",
    NAME: "name",
    PLACE: "place",
}
_BY = {"interpreter": "the interpreter", "caseworker": "the caseworker, on the interpreter's word"}


def rich_text(text: str, marks: tuple[Highlight, ...], palette: dict[str, tuple[str, str]]) -> str:
    """The words as rich text, each highlight in its kind's colours (key terms in bold)."""
    out, at = [], 0
    for mark in marks:
        out.append(escape(text[at : mark.start]))
        back, fore = palette[mark.kind]
        weight = "font-weight:700;" if mark.kind in (TERM, DATE) else "font-weight:600;"
        out.append(
            f'<span style="background-color:{back};color:{fore};{weight}">'
            f"{escape(text[mark.start : mark.end])}</span>"
        )
        at = mark.end
    out.append(escape(text[at:]))
    return "".join(out)


def calendar_lines(marks: tuple[Highlight, ...]) -> list[str]:
    """For each year said: its reading in each calendar, and the question when it is ambiguous."""
    lines = []
    for mark in marks:
        if not mark.readings or (len(mark.readings) == 1 and "=" not in mark.readings[0]):
            continue  # a plain Gregorian year: nothing to convert
        readings = "; ".join(mark.readings)
        if mark.ambiguous:
            lines.append(f"“{mark.text}”: which calendar was meant? {readings}")
        else:
            lines.append(f"“{mark.text}”: {readings}")
    return lines


def state_words(rendering: Rendering) -> str:
    """The badge: what has been done to this rendering, and by whom."""
    check = rendering.last_check
    state = rendering.state
    if state == CORRECTED:
        correction = next(c for c in reversed(rendering.checks) if c.kind == CORRECT)
        when = f" at {hms(correction.at_s)}" if correction.at_s is not None else ""
        return f"✎ Corrected by {_BY.get(correction.by, correction.by)}{when}"
    if state == CONFIRMED and check is not None:
        when = f" at {hms(check.at_s)}" if check.at_s is not None else ""
        return f"✓ Confirmed by {_BY.get(check.by, check.by)}{when}"
    if state == TO_CONFIRM:
        return "To confirm"
    return ""


class RenderingCard(QFrame):
    """One segment: time and speaker, the words with highlights, calendar readings, what was
    done, and the Confirm / Correct buttons (renderings only)."""

    sig_confirm = Signal(int)
    #: (position, corrected words, reason)
    sig_correct = Signal(int, str, str)

    def __init__(self, rendering: Rendering, palette: dict[str, tuple[str, str]]) -> None:
        super().__init__()
        self.position = rendering.position
        self.setProperty("role", "rendering")
        self.palette_colours = palette
        self.header = QLabel()
        self.header.setProperty("role", "muted")
        self.badge = QLabel()
        self.badge.setProperty("role", "badge")
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setTextFormat(Qt.TextFormat.RichText)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.words.setProperty("role", "rendering-words")
        self.calendars = QLabel()
        self.calendars.setWordWrap(True)
        self.calendars.setProperty("role", "calendar")
        self.original = QLabel()
        self.original.setWordWrap(True)
        self.original.setProperty("role", "muted")
        self.confirm_button = QPushButton("✓ &Confirm")
        self.confirm_button.setToolTip("Read back and right as it stands")
        self.confirm_button.clicked.connect(lambda: self.sig_confirm.emit(self.position))
        self.correct_button = QPushButton("Co&rrect…")
        self.correct_button.setToolTip("Give the right words; the original words are kept")
        self.correct_button.clicked.connect(self.open_editor)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setVisible(False)
        #: The correction box, made the first time it is opened (most segments never are:
        #: a long session's cards are built in half the time).
        self.edit_box: QWidget | None = None

        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.badge)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.correct_button)
        self.buttons.addWidget(self.confirm_button)
        layout = self._layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.words)
        layout.addWidget(self.calendars)
        layout.addWidget(self.original)
        layout.addWidget(self.error)
        layout.addLayout(self.buttons)
        self.show_rendering(rendering)

    def show_rendering(self, rendering: Rendering) -> None:
        """Show the rendering as it stands now."""
        self.rendering = rendering
        when = hms(rendering.start_s) if rendering.start_s is not None else "—"
        speaker = ROLE_LABELS.get(rendering.speaker, rendering.speaker.capitalize())
        disclosure = " · disclosure" if rendering.disclosure else ""
        self.header.setText(f"{when} · {speaker} · segment {rendering.position}{disclosure}")
        self.words.setText(rich_text(rendering.text, rendering.highlights, self.palette_colours))
        self.words.setAccessibleName(f"Segment {rendering.position}: {rendering.text}")
        lines = calendar_lines(rendering.highlights)
        self.calendars.setText("\n".join(lines))
        self.calendars.setVisible(bool(lines))
        corrected = rendering.text != rendering.original
        if corrected:
            reasons = [c.reason for c in rendering.checks if c.kind == CORRECT and c.reason]
            why = f" — why: {reasons[-1]}" if reasons else ""
            self.original.setText(f"As first transcribed (kept): {rendering.original}{why}")
        self.original.setVisible(corrected)
        self.badge.setText(state_words(rendering))
        self.setProperty("state", rendering.state)
        self.setProperty("context", not rendering.is_rendering)
        if hasattr(self, "points"):  # the speaker may have been corrected
            self.set_text_size(self.points)
        for button in (self.confirm_button, self.correct_button):
            button.setVisible(rendering.is_rendering)
        last = rendering.last_check
        # A correction can itself be read back and confirmed; a confirmation needs no second.
        self.confirm_button.setEnabled(last is None or last.kind == CORRECT)
        self.error.setVisible(False)
        repolish(self)

    def set_text_size(self, points: int) -> None:
        """Large type for a rendering; the caseworker's questions smaller, as context."""
        self.points = points
        if self.rendering.is_rendering:
            self.words.setStyleSheet(f"font-size: {points}pt;")
        else:
            self.words.setStyleSheet(
                f"font-size: {max(10, round(points * 0.7))}pt; color: #6e6e73;"
            )

    def set_palette(self, palette: dict[str, tuple[str, str]]) -> None:
        """New highlight colours (the theme changed)."""
        self.palette_colours = palette
        self.show_rendering(self.rendering)

    def _build_editor(self) -> QWidget:
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Corrected words")
        self.editor.setFixedHeight(90)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            "Why (for example: the date was in the Solar Hijri calendar)"
        )
        self.reason.setAccessibleName("Reason for the correction")
        self.save_button = QPushButton("Save the correction")
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self._save)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.close_editor)
        box = QWidget()
        edit_layout = QVBoxLayout(box)
        edit_layout.setContentsMargins(0, 0, 0, 0)
        edit_layout.addWidget(self.editor)
        edit_layout.addWidget(self.reason)
        edit_buttons = QHBoxLayout()
        edit_buttons.addStretch(1)
        edit_buttons.addWidget(self.cancel_button)
        edit_buttons.addWidget(self.save_button)
        edit_layout.addLayout(edit_buttons)
        self._layout.insertWidget(self._layout.indexOf(self.error), box)
        return box

    def open_editor(self) -> None:
        """Show the correction box, holding the words as they stand."""
        if self.edit_box is None:
            self.edit_box = self._build_editor()
        self.editor.setPlainText(self.rendering.text)
        self.reason.clear()
        self.edit_box.setVisible(True)
        self.editor.setFocus()

    def close_editor(self) -> None:
        """Hide the correction box (nothing is saved)."""
        if self.edit_box is not None:
            self.edit_box.setVisible(False)
        self.error.setVisible(False)

    def show_error(self, message: str) -> None:
        """Why the last confirmation or correction was not made."""
        self.error.setText(message)
        self.error.setVisible(True)

    def _save(self) -> None:
        self.sig_correct.emit(self.position, self.editor.toPlainText(), self.reason.text())


class InterpreterWindow(QWidget):
    """The interpreter's check of the record, segment by segment, and the read-back list."""

    #: (position, by): read back and confirmed.
    sig_confirm = Signal(int, str)
    #: (position, corrected words, by, reason)
    sig_correct = Signal(int, str, str, str)
    #: The user wants to record a concern about interpreting.
    sig_concern = Signal()

    def __init__(self, ledger: ConfirmationLedger, reference: str = "") -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setAccessibleName("Interpreter's check")
        self.setProperty("role", "interpreter-window")
        self.palette_colours = PALETTES["light"]
        self.cards: dict[int, RenderingCard] = {}
        self._newest = -1  # the latest position shown
        self._listed: list[int] = []  # the positions in the read-back list
        self._point_size = 17
        self.ledger = ledger

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.checker = QComboBox()
        for who, words in _BY.items():
            self.checker.addItem(words, who)
        self.checker.setAccessibleName("Confirming and correcting as")
        self.only_open = QCheckBox("Only what is still to &confirm")
        self.only_open.toggled.connect(self._apply_filter)
        self.show_questions = QCheckBox("Show the &questions")
        self.show_questions.setChecked(True)
        self.show_questions.toggled.connect(self._apply_filter)
        self.counts = QLabel()
        self.counts.setAccessibleName("How many renderings are confirmed")
        self.read_back_button = QPushButton("&Read-back list")
        self.read_back_button.setCheckable(True)
        self.read_back_button.toggled.connect(self.show_read_back)
        self.concern_button = QPushButton("Record a concern about &interpreting…")
        self.concern_button.clicked.connect(self.sig_concern.emit)
        smaller = QPushButton("A−")
        smaller.setAccessibleName("Smaller text")
        smaller.clicked.connect(lambda: self.set_text_size(self._point_size - 2))
        bigger = QPushButton("A+")
        bigger.setAccessibleName("Larger text")
        bigger.clicked.connect(lambda: self.set_text_size(self._point_size + 2))
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAccessibleName("What the colours mean")

        self.cards_box = QWidget()
        self.cards_layout = QVBoxLayout(self.cards_box)
        self.cards_layout.addStretch(1)
        self.empty = QLabel("Nothing said yet. Each segment appears here as soon as it is final.")
        self.empty.setProperty("role", "muted")
        self.cards_layout.addWidget(self.empty)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(self.cards_box)
        self.scroller.setAccessibleName("The interview, newest at the bottom")
        self.scroller.verticalScrollBar().rangeChanged.connect(self._range_changed)
        self._follow = True
        self.scroller.verticalScrollBar().valueChanged.connect(self._scrolled)

        self.read_back_intro = QLabel()
        self.read_back_intro.setWordWrap(True)
        self.read_back = QTableWidget(0, 5)
        self.read_back.setHorizontalHeaderLabels(
            ["When", "Read back", "In the words", "Calendar", ""]
        )
        font = self.read_back.font()
        font.setPointSize(12)
        self.read_back.setFont(font)
        self.read_back.setAccessibleName("Read-back list")
        self.read_back.verticalHeader().setVisible(False)
        self.read_back.setWordWrap(True)
        self.read_back.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.read_back.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        read_back_page = QWidget()
        read_back_layout = QVBoxLayout(read_back_page)
        read_back_layout.setContentsMargins(0, 0, 0, 0)
        read_back_layout.addWidget(self.read_back_intro)
        read_back_layout.addWidget(self.read_back, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.scroller)
        self.pages.addWidget(read_back_page)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(QLabel("Checking as"))
        top.addWidget(self.checker)
        top.addWidget(smaller)
        top.addWidget(bigger)
        filters = QHBoxLayout()
        filters.addWidget(self.only_open)
        filters.addWidget(self.show_questions)
        filters.addStretch(1)
        filters.addWidget(self.counts)
        filters.addWidget(self.read_back_button)
        filters.addWidget(self.concern_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.legend)
        layout.addWidget(self.pages, 1)
        QShortcut(QKeySequence("Ctrl+="), self, lambda: self.set_text_size(self._point_size + 2))
        QShortcut(QKeySequence("Ctrl+-"), self, lambda: self.set_text_size(self._point_size - 2))
        self.resize(900, 700)
        self.set_ledger(ledger, reference)

    # -- content -----------------------------------------------------------------------------
    def set_ledger(self, ledger: ConfirmationLedger, reference: str = "") -> None:
        """A new interview (or a resumed one): show its segments."""
        self.ledger = ledger
        for card in self.cards.values():
            card.deleteLater()
        self.cards = {}
        self._newest = -1
        self.title.setText(f"<b>Interpreter's check</b> — {escape(reference)}" if reference else "")
        self.setWindowTitle(
            f"Interpreter's check — {reference}" if reference else "Interpreter's check"
        )
        for rendering in ledger.all():
            self.show_rendering(rendering)
        self._update_legend()
        self._update_counts()

    def show_rendering(self, rendering: Rendering) -> None:
        """A segment was added or changed (confirmed, corrected, speaker corrected)."""
        card = self.cards.get(rendering.position)
        if card is None:
            card = RenderingCard(rendering, self.palette_colours)
            card.set_text_size(self._point_size)
            card.sig_confirm.connect(lambda p: self.sig_confirm.emit(p, self.checked_by()))
            card.sig_correct.connect(
                lambda p, text, reason: self.sig_correct.emit(p, text, self.checked_by(), reason)
            )
            self.cards[rendering.position] = card
            # In position order, before the "nothing said" line: the newest at the bottom.
            index = self.cards_layout.count() - 1
            if rendering.position < self._newest:  # out of order (not in practice): its place
                index -= sum(1 for p in self.cards if p > rendering.position)
            self._newest = max(self._newest, rendering.position)
            self.cards_layout.insertWidget(index, card)
            self.empty.setVisible(False)
        else:
            card.show_rendering(rendering)
            card.close_editor()
        self._filter_card(card)
        self._update_counts()
        listed = rendering.state == TO_CONFIRM or rendering.position in self._listed
        if self.read_back_button.isChecked() and self.isVisible() and listed:
            self._fill_read_back()

    def checked_by(self) -> str:
        """Who is confirming or correcting: "interpreter" or "caseworker"."""
        return str(self.checker.currentData())

    def report_problem(self, position: int, message: str) -> None:
        """A confirmation or correction could not be made: say why on its card."""
        card = self.cards.get(position)
        if card is not None:
            card.show_error(message)

    # -- filters and the read-back list ------------------------------------------------------
    def set_only_unconfirmed(self, only: bool) -> None:
        """Show only the renderings with a date, number, name or place still to confirm."""
        self.only_open.setChecked(only)

    def visible_positions(self) -> list[int]:
        """The segments shown now, in order (for tests and the accessible summary)."""
        return [p for p, card in sorted(self.cards.items()) if not card.isHidden()]

    def _filter_card(self, card: RenderingCard) -> None:
        rendering = card.rendering
        hidden = (self.only_open.isChecked() and rendering.state != TO_CONFIRM) or (
            not rendering.is_rendering and not self.show_questions.isChecked()
        )
        card.setHidden(hidden)

    def _apply_filter(self) -> None:
        for card in self.cards.values():
            self._filter_card(card)

    def show_read_back(self, on: bool = True) -> None:
        """The read-back list (on) or the segments (off)."""
        if self.read_back_button.isChecked() != on:
            self.read_back_button.setChecked(on)  # comes back here through toggled
            return
        if on:
            self._fill_read_back()
        self.pages.setCurrentIndex(1 if on else 0)

    def _fill_read_back(self) -> None:
        by_segment = {r.position: list(r.to_read_back) for r in self.ledger.to_confirm()}
        self._listed = list(by_segment)
        items, segments = self.ledger.still_to_read_back()
        self.read_back_intro.setText(
            f"{items} dates, numbers, names and places in {segments} renderings are "
            "still to confirm. Read each back to the claimant through the interpreter, then "
            "confirm it or correct it."
            if items
            else "Everything with a date, number, name or place has been confirmed or corrected."
        )
        self.read_back.setRowCount(len(by_segment))
        for row, (position, marks) in enumerate(by_segment.items()):
            rendering = self.ledger.get(position)
            when = hms(rendering.start_s) if rendering.start_s is not None else "—"
            said = "\n".join(f"{m.text} ({KIND_WORDS[m.kind]})" for m in marks)
            cells = [
                f"{when}\nsegment {position}",
                said,
                f"“{rendering.text}”",
                "\n".join(calendar_lines(tuple(marks))),
            ]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column == 1:
                    bold = item.font()
                    bold.setBold(True)
                    item.setFont(bold)
                self.read_back.setItem(row, column, item)
            actions = QWidget()
            actions_layout = QHBoxLayout(actions)
            actions_layout.setContentsMargins(2, 2, 2, 2)
            confirm = QPushButton("✓ Confirm")
            confirm.setAccessibleName(f"Confirm segment {position}")
            confirm.clicked.connect(
                lambda _c=False, p=position: self.sig_confirm.emit(p, self.checked_by())
            )
            correct = QPushButton("Correct…")
            correct.setAccessibleName(f"Correct segment {position}")
            correct.clicked.connect(lambda _c=False, p=position: self.correct_from_list(p))
            actions_layout.addWidget(correct)
            actions_layout.addWidget(confirm)
            self.read_back.setCellWidget(row, 4, actions)
        self.read_back.resizeRowsToContents()
        # Again once the columns have their widths (the first fill comes before the layout).
        QTimer.singleShot(0, self.read_back.resizeRowsToContents)

    def read_back_rows(self) -> list[int]:
        """The segments in the read-back list, in order."""
        return list(self._listed)

    def correct_from_list(self, position: int) -> None:
        """Go to a segment of the read-back list and open its correction box."""
        self.show_read_back(False)
        card = self.cards[position]
        card.setHidden(False)
        card.open_editor()
        QTimer.singleShot(0, lambda: self.scroller.ensureWidgetVisible(card))

    def _update_counts(self) -> None:
        counts = self.ledger.counts()
        self.counts.setText(
            f"{counts[TO_CONFIRM]} to confirm · {counts[CONFIRMED]} confirmed · "
            f"{counts[CORRECTED]} corrected"
        )

    # -- look --------------------------------------------------------------------------------
    def set_dark(self, dark: bool) -> None:
        """Highlight colours for the dark or the light theme."""
        self.palette_colours = PALETTES["dark" if dark else "light"]
        for card in self.cards.values():
            card.set_palette(self.palette_colours)
        self._update_legend()

    def set_text_size(self, points: int) -> None:
        """The size of the words (12 to 36 points)."""
        self._point_size = max(12, min(36, points))
        for card in self.cards.values():
            card.set_text_size(self._point_size)

    def _update_legend(self) -> None:
        chips = []
        for kind, word in KIND_WORDS.items():
            back, fore = self.palette_colours[kind]
            chips.append(
                f'<span style="background-color:{back};color:{fore};">&nbsp;{word}&nbsp;</span>'
            )
        self.legend.setText("Highlighted: " + " ".join(chips))

    # -- following the newest words ----------------------------------------------------------
    def _scrolled(self, value: int) -> None:
        bar = self.scroller.verticalScrollBar()
        self._follow = value >= bar.maximum() - 8

    def _range_changed(self, _low: int, high: int) -> None:
        if self._follow:
            self.scroller.verticalScrollBar().setValue(high)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Shown again: the read-back list catches up with what changed while it was hidden."""
        super().showEvent(event)
        if self.read_back_button.isChecked():
            self._fill_read_back()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Closing only hides it; the interview goes on in the main window."""
        event.ignore()
        self.hide()
