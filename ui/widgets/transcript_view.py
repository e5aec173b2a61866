"""The live transcript: committed segments steady, tentative text visibly provisional, the
speaker role and time on each; shortcuts to correct the speaker of the last segment;
auto-scroll that stops when the user scrolls up and resumes on request; search; notes attached
to a moment."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.clockfmt import hms
from companion.transcription.events import ROLE_LABELS

#: Keyboard shortcuts for the speaker of the last (or selected) segment.
SPEAKER_KEYS = (("Ctrl+1", "caseworker"), ("Ctrl+2", "interpreter"), ("Ctrl+3", "claimant"))


@dataclass(eq=False)
class Row:
    """A transcript row: its position in the stored session, time, speaker and text."""

    position: int
    start: float | None
    speaker: str
    text: str
    speaker_corrected: bool = False
    #: "✓" once confirmed, "✎ corrected" once corrected (by the interpreter's window).
    mark: str = ""
    #: The words as first transcribed, when they were corrected since.
    original: str = ""
    #: False until the store has committed the segment.
    saved: bool = True
    #: Shown before it was saved (the store was slow or failing).
    overdue: bool = False


class TranscriptView(QWidget):
    """Committed rows, the tentative line, search and notes."""

    #: The caseworker corrected who spoke: (position, speaker).
    sig_speaker_corrected = Signal(int, str)
    #: A note attached to a moment: (text, position of the segment it follows, or -1).
    sig_note = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self._items: list[QListWidgetItem] = []  # the list's item of each row, by row index
        self._index: dict[int, int] = {}  # segment position -> row index
        self.follow = True
        self.list = QListWidget()
        self.list.setAccessibleName("Transcript")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        # Laid out a batch at a time: a four-hour transcript (thousands of wrapped rows) is not
        # measured again whole for each new segment (50 ms a row at 2,000 rows; 2 ms batched).
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(100)
        self.list.verticalScrollBar().valueChanged.connect(self._scrolled)
        # Batched layout lengthens the list after a scroll to the bottom: follow it down.
        self.list.verticalScrollBar().rangeChanged.connect(self._range_changed)
        self.tentative = QLabel("")
        self.tentative.setProperty("role", "tentative")
        self.tentative.setAccessibleName("Tentative text (may still change)")
        self.tentative.setWordWrap(True)
        self.tentative.setTextFormat(Qt.TextFormat.RichText)
        self.jump = QPushButton("↓ Back to live")
        self.jump.setAccessibleName("Scroll back to the live transcript")
        self.jump.setVisible(False)
        self.jump.clicked.connect(self.resume_follow)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the transcript (Ctrl+F, Enter for the next)")
        self.search.setAccessibleName("Search the transcript")
        self.search.returnPressed.connect(self.find_next)
        self.search_result = QLabel("")
        self.search_result.setProperty("role", "muted")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Note for this moment (Ctrl+N, Enter to save)")
        self.note.setAccessibleName("Note attached to this moment")
        self.note.returnPressed.connect(self._save_note)

        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.search_result)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.jump)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.tentative)
        layout.addLayout(bottom)

        for keys, speaker in SPEAKER_KEYS:
            QShortcut(QKeySequence(keys), self, lambda s=speaker: self.correct_speaker(s))
        QShortcut(QKeySequence("Ctrl+F"), self, self.search.setFocus)
        QShortcut(QKeySequence("Ctrl+N"), self, self.note.setFocus)

    # -- rows ------------------------------------------------------------------------------
    def add_row(self, row: Row) -> None:
        """Append a committed segment (kept steady from now on)."""
        self.add_rows([row])

    def add_rows(self, rows: list[Row]) -> None:
        """Append committed segments, scrolling once (a resumed session's thousands of rows:
        scrolling lays the whole list out, so once per row would take minutes)."""
        for row in rows:
            self._index[row.position] = len(self.rows)
            self.rows.append(row)
            item = QListWidgetItem(self._text(row))
            item.setData(Qt.ItemDataRole.UserRole, len(self.rows) - 1)
            item.setToolTip(self._tooltip(row))
            self._items.append(item)
            self.list.addItem(item)
        if self.follow and rows:
            self.list.scrollToBottom()

    def row_at(self, position: int) -> Row | None:
        """The row of the segment at ``position``, if shown."""
        index = self._index.get(position)
        return None if index is None else self.rows[index]

    def clear(self) -> None:
        """No rows (a new or resumed interview)."""
        self.rows.clear()
        self._items.clear()
        self._index.clear()
        self.list.clear()

    def add_marker(self, text: str) -> None:
        """A line that is not speech (a break, a note), shown in the flow."""
        item = QListWidgetItem(text)
        item.setForeground(QColor("#7a7a80"))
        item.setData(Qt.ItemDataRole.UserRole, -1)
        self.list.addItem(item)
        if self.follow:
            self.list.scrollToBottom()

    def set_tentative(self, text: str, settled: str = "") -> None:
        """Show the words not yet in a row (empty clears them): the ``settled`` ones, which
        are final already, in the transcript's own ink; the rest, which may still change,
        greyed and slanted."""
        if not text:
            self.tentative.setText("")
            return
        if settled and text.startswith(settled):
            rest = text[len(settled) :]
        else:
            settled, rest = "", text
        ink = self.list.palette().color(QPalette.ColorRole.Text).name()
        self.tentative.setText(
            f'… <span style="color:{ink}; font-style:normal">{html.escape(settled)}</span>'
            f"{html.escape(rest)}"
        )
        self.tentative.setToolTip(
            "Black words are final; grey ones may still change." if settled else ""
        )

    def update_row(self, position: int, text: str, mark: str, original: str) -> None:
        """A segment was confirmed or corrected: show the words as they stand, and keep the
        first transcription in the row's tooltip."""
        index = self._index.get(position)
        if index is None:
            return
        row = self.rows[index]
        if (row.text, row.mark) == (text, mark):
            return
        row.text, row.mark = text, mark
        row.original = original if original != text else ""
        self.refresh_row(row)

    def refresh_row(self, row: Row) -> None:
        """Show a row again as it stands (saved at last, corrected, for example)."""
        index = self._index.get(row.position)
        if index is not None and self.rows[index] is row:
            self._items[index].setText(self._text(row))
            self._items[index].setToolTip(self._tooltip(row))

    def _text(self, row: Row) -> str:
        when = f"[{hms(row.start)}] " if row.start is not None else ""
        speaker = " (speaker corrected)" if row.speaker_corrected else ""
        mark = f"  {row.mark}" if row.mark else ""
        unsaved = "" if row.saved else "  ⌛ not saved yet"
        return (
            f"{when}{ROLE_LABELS.get(row.speaker, row.speaker)}{speaker}: {row.text}{mark}{unsaved}"
        )

    def _tooltip(self, row: Row) -> str:
        first = f"\nAs first transcribed: {row.original}" if row.original else ""
        return f"Segment {row.position}{first}"

    # -- speaker corrections ---------------------------------------------------------------
    def correct_speaker(self, speaker: str) -> None:
        """The selected segment, or the last one, was spoken by ``speaker``."""
        index = self._selected_row()
        if index is None:
            return
        row = self.rows[index]
        if row.speaker == speaker:
            return
        row.speaker, row.speaker_corrected = speaker, True
        self.refresh_row(row)
        self.sig_speaker_corrected.emit(row.position, speaker)

    def _selected_row(self) -> int | None:
        item = self.list.currentItem()
        if item is not None and item.isSelected():
            index = item.data(Qt.ItemDataRole.UserRole)
            if isinstance(index, int) and index >= 0:
                return index
        return len(self.rows) - 1 if self.rows else None

    # -- scrolling -------------------------------------------------------------------------
    def _scrolled(self, value: int) -> None:
        if not self.list.isVisible():  # hidden (compact mode): the user did not scroll
            return
        bar = self.list.verticalScrollBar()
        at_bottom = value >= bar.maximum() - 4
        if not at_bottom and self.follow and bar.maximum() > 0:
            self.follow = False
            self.jump.setVisible(True)
        elif at_bottom and not self.follow:
            self.resume_follow()

    def _range_changed(self, _low: int, high: int) -> None:
        if self.follow:
            self.list.verticalScrollBar().setValue(high)

    def resume_follow(self) -> None:
        """Scroll to the newest words and keep following them."""
        self.follow = True
        self.jump.setVisible(False)
        self.list.scrollToBottom()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Shown again (after compact mode): still following the newest words if it was."""
        super().showEvent(event)
        if self.follow:
            self.list.scrollToBottom()

    # -- search and notes ------------------------------------------------------------------
    def find_next(self) -> None:
        """Select the next row containing the search words (case-insensitive)."""
        needle = self.search.text().strip().lower()
        if not needle:
            self.search_result.setText("")
            return
        count = self.list.count()
        start = self.list.currentRow() + 1
        matches = [i for i in range(count) if needle in self.list.item(i).text().lower()]
        if not matches:
            self.search_result.setText("not found")
            return
        following = [i for i in matches if i >= start] or matches
        self.follow = False
        self.jump.setVisible(True)
        self.list.setCurrentRow(following[0])
        self.list.scrollToItem(self.list.item(following[0]))
        self.search_result.setText(f"{matches.index(following[0]) + 1} of {len(matches)}")

    def _save_note(self) -> None:
        text = self.note.text().strip()
        if not text:
            return
        position = self.rows[-1].position if self.rows else -1
        self.note.clear()
        self.add_marker(f"  ✎ Note: {text}")
        self.sig_note.emit(text, position)
