"""The reviewer's screen: the interviews drawn for review on the left; the one opened read
beside its key facts, read-only; its five stages scored and commented on the right, comments
perhaps about a transcript line; saved as a draft or sent to the caseworker. Nothing here
changes the record."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from companion.usecases.review import ReviewCase, ReviewState, SampledInterview
from ui.review_format import key_facts_html, review_status, sample_line, transcript_line
from ui.widgets.review_comments import CommentList
from ui.widgets.review_scoring import ScoringPanel
from ui.widgets.wrapped_list import read_only_list


class ReviewPage(QWidget):
    """Read a sampled interview and review it."""

    #: Open the sampled interview (its session id).
    sig_open = Signal(int)
    #: Save the review: (session id, scores by stage, new comments, send to the caseworker).
    sig_save = Signal(int, object, object, bool)
    #: List the sampled interviews again.
    sig_refresh = Signal()
    sig_back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Interviews to review")
        self.case: ReviewCase | None = None
        self._samples: dict[int, SampledInterview] = {}
        self._rows: dict[int, int] = {}  # segment position -> transcript row

        self.samples = read_only_list("Interviews drawn for review")
        self.samples.itemActivated.connect(self._open)
        self.samples.itemClicked.connect(self._open)
        refresh = QPushButton("&Refresh")
        refresh.setAccessibleName("List the interviews to review again")
        refresh.clicked.connect(self.sig_refresh.emit)
        back = QPushButton("&Back")
        back.clicked.connect(self.sig_back.emit)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<h3>Interviews to review</h3>"))
        left_layout.addWidget(self.samples, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(refresh)
        buttons.addStretch(1)
        buttons.addWidget(back)
        left_layout.addLayout(buttons)

        self.heading = QLabel("<h3>Pick an interview on the left to read it.</h3>")
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("The interview opened")
        self.transcript = read_only_list("Transcript, read-only")
        self.transcript.currentRowChanged.connect(self._line_selected)
        self.facts = QTextBrowser()
        self.facts.setAccessibleName("Key facts of the interview")
        self.facts.setOpenLinks(False)
        middle = QSplitter(Qt.Orientation.Vertical)
        middle.addWidget(self._titled("Transcript (read-only)", self.transcript))
        middle.addWidget(self._titled("Key facts", self.facts))
        middle.setSizes([430, 250])

        self.scoring = ScoringPanel()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.scoring)
        scroll.setAccessibleName("Scores and comments")
        self.scoring_scroll = scroll
        self.comments = CommentList("Comments so far")
        self.comments.sig_line.connect(self.select_line)
        self.status_line = QLabel("")
        self.status_line.setProperty("role", "muted")
        self.status_line.setWordWrap(True)
        self.error = QLabel("")
        self.error.setProperty("role", "error")
        self.error.setAccessibleName("Why the review was not saved")
        self.error.setWordWrap(True)
        self.save_button = QPushButton("Save &draft")
        self.save_button.setAccessibleName("Save the review as a draft")
        self.save_button.clicked.connect(lambda: self._save(False))
        self.send_button = QPushButton("&Send to caseworker")
        self.send_button.setProperty("primary", True)
        self.send_button.setAccessibleName("Send the review to the caseworker")
        self.send_button.clicked.connect(lambda: self._save(True))
        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(scroll)
        right_split.addWidget(self._titled("Comments so far", self.comments))
        right_split.setSizes([470, 170])
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(right_split, 1)
        right_layout.addWidget(self.status_line)
        right_layout.addWidget(self.error)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        actions.addWidget(self.send_button)
        right_layout.addLayout(actions)

        columns = QSplitter(Qt.Orientation.Horizontal)
        columns.addWidget(left)
        columns.addWidget(middle)
        columns.addWidget(right)
        columns.setStretchFactor(1, 3)
        columns.setStretchFactor(2, 2)
        columns.setSizes([270, 590, 470])
        self.columns = columns
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(columns, 1)
        self._enable(False)

    @staticmethod
    def _titled(title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        label = QLabel(f"<b>{title}</b>")
        label.setBuddy(widget)
        layout.addWidget(label)
        layout.addWidget(widget, 1)
        return box

    # -- the list ---------------------------------------------------------------------------
    def show_samples(self, samples: Sequence[SampledInterview]) -> None:
        """List the interviews drawn for review (the one open stays selected)."""
        self.samples.clear()
        self._samples = {sample.session_id: sample for sample in samples}
        for sample in samples:
            item = QListWidgetItem(sample_line(sample))
            item.setData(Qt.ItemDataRole.UserRole, sample.session_id)
            item.setToolTip(f"Session {sample.session_id}: {', '.join(sample.reasons)}")
            self.samples.addItem(item)
            if self.case is not None and sample.session_id == self.case.session_id:
                self.samples.setCurrentItem(item)
        if not samples:
            empty = QListWidgetItem("No interviews are drawn for you to review.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.samples.addItem(empty)

    def _open(self, item: QListWidgetItem) -> None:
        session_id = item.data(Qt.ItemDataRole.UserRole)
        if not isinstance(session_id, int):
            return
        if self.case is not None and self.case.session_id == session_id:
            return
        if self.unsaved():
            self.error.setText(
                "Your scores or comments here are not saved: save the draft first, then open "
                "another interview."
            )
            self._select_sample(self.case.session_id if self.case is not None else None)
            return
        self.sig_open.emit(session_id)

    def _select_sample(self, session_id: int | None) -> None:
        for row in range(self.samples.count()):
            if self.samples.item(row).data(Qt.ItemDataRole.UserRole) == session_id:
                self.samples.setCurrentRow(row)
                return
        self.samples.clearSelection()

    def unsaved(self) -> bool:
        """Whether scores or comments typed here are not saved yet."""
        if self.case is None or self.case.review.submitted_at is not None:
            return False
        return bool(self.scoring.new_comments()) or (
            self.scoring.scores() != dict(self.case.review.scores)
        )

    # -- the interview opened ----------------------------------------------------------------
    def show_case(self, case: ReviewCase) -> None:
        """Show a sampled interview, its key facts and the review so far."""
        self.case = case
        sample = self._samples.get(case.session_id)
        drawn = (
            f" · {html.escape(sample.unit or 'no unit')} · drawn for: "
            f"{html.escape(', '.join(sample.reasons))}"
            if sample is not None
            else ""
        )
        self.heading.setText(
            f"<h3>{html.escape(case.reference)}</h3><p>Started {html.escape(case.started)} · "
            f"{len(case.lines)} lines{drawn}</p>"
        )
        self.transcript.clear()
        self._rows.clear()
        for row, line in enumerate(case.lines):
            item = QListWidgetItem(transcript_line(line))
            item.setData(Qt.ItemDataRole.UserRole, line.position)
            self.transcript.addItem(item)
            self._rows[line.position] = row
        self.facts.setHtml(key_facts_html(case.summary, case.facts))
        self.error.setText("")
        self.show_review(case.review)
        self.scoring.select_line(None)

    def show_review(self, state: ReviewState) -> None:
        """The review as saved: scores, comments, whether it was sent (then read-only)."""
        self.scoring.show_review(state)
        self.comments.show_comments(state.comments)
        self.status_line.setText(review_status(state))
        self._enable(state.submitted_at is None)
        if self.case is not None and self.case.session_id == state.session_id:
            self.case = replace(self.case, review=state)

    def show_error(self, message: str) -> None:
        """Why the review was not saved, in one line (what was typed stays)."""
        self.error.setText(message)

    def select_line(self, position: int) -> None:
        """Select (and show) the transcript line at ``position``."""
        row = self._rows.get(position)
        if row is None:
            return
        self.transcript.setCurrentRow(row)
        self.transcript.scrollToItem(
            self.transcript.item(row), QAbstractItemView.ScrollHint.PositionAtCenter
        )

    def selected_line(self) -> int | None:
        """The position of the transcript line selected, if any."""
        item = self.transcript.currentItem()
        found = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return found if isinstance(found, int) else None

    def _line_selected(self, _row: int) -> None:
        self.scoring.select_line(self.selected_line())

    def _enable(self, editable: bool) -> None:
        for button in (self.save_button, self.send_button):
            button.setEnabled(editable and self.case is not None)
            button.setVisible(editable or self.case is None)

    def _save(self, submit: bool) -> None:
        if self.case is None:
            return
        self.error.setText("")
        self.sig_save.emit(
            self.case.session_id, self.scoring.scores(), self.scoring.new_comments(), submit
        )
