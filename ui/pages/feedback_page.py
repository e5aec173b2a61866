"""The caseworker's feedback: the reviews of their own interviews that a reviewer sent, each
with its scores per stage, the reviewer's comments (and the lines they are about), the replies
so far, and room for a reply. Reading one marks it seen; nothing here changes the record."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from companion.usecases.review import Feedback
from ui.review_format import scores_html, when
from ui.widgets.review_comments import CommentList
from ui.widgets.wrapped_list import read_only_list


class FeedbackPage(QWidget):
    """Feedback on the caseworker's interviews, and their replies."""

    #: The feedback on this session was read.
    sig_seen = Signal(int)
    #: A reply: (session id, its words, the id of the comment it answers or None).
    sig_reply = Signal(int, str, object)
    sig_back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Feedback on my interviews")
        self.feedback: list[Feedback] = []
        self.current: Feedback | None = None
        self.interviews = read_only_list("Interviews with feedback")
        self.interviews.currentRowChanged.connect(self._chosen)
        back = QPushButton("&Back")
        back.clicked.connect(self.sig_back.emit)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<h3>Feedback on my interviews</h3>"))
        left_layout.addWidget(self.interviews, 1)
        left_layout.addWidget(back, 0, Qt.AlignmentFlag.AlignRight)

        self.heading = QLabel("<h3>Pick an interview on the left.</h3>")
        self.heading.setWordWrap(True)
        self.scores = QLabel("")
        self.scores.setAccessibleName("Scores per stage")
        self.scores.setTextFormat(Qt.TextFormat.RichText)
        self.comments = CommentList("The reviewer's comments and the replies")
        self.reply_box = QPlainTextEdit()
        self.reply_box.setPlaceholderText(
            "Your reply (to the comment selected above, or to the review as a whole)"
        )
        self.reply_box.setAccessibleName("Your reply")
        self.reply_box.setFixedHeight(72)
        self.error = QLabel("")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.reply_button = QPushButton("Send &reply")
        self.reply_button.setProperty("primary", True)
        self.reply_button.setAccessibleName("Send the reply to the reviewer")
        self.reply_button.clicked.connect(self._reply)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.scores)
        right_layout.addWidget(QLabel("<b>Comments and replies</b>"))
        right_layout.addWidget(self.comments, 1)
        right_layout.addWidget(self.reply_box)
        right_layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.reply_button)
        right_layout.addLayout(row)
        columns = QSplitter(Qt.Orientation.Horizontal)
        columns.addWidget(left)
        columns.addWidget(right)
        columns.setSizes([320, 820])
        layout = QVBoxLayout(self)
        layout.addWidget(columns, 1)
        self.reply_button.setEnabled(False)

    def show_feedback(self, feedback: Sequence[Feedback]) -> None:
        """List the feedback (the one read stays open)."""
        keep = self.current.session_id if self.current is not None else None
        self.feedback = list(feedback)
        self.interviews.blockSignals(True)
        self.interviews.clear()
        chosen = -1
        for row, found in enumerate(self.feedback):
            new = "  ● new" if found.unseen else ""
            item = QListWidgetItem(
                f"{found.reference}{new}\nfrom {found.review.reviewer}, "
                f"{when(found.review.submitted_at)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, found.session_id)
            self.interviews.addItem(item)
            if found.session_id == keep:
                chosen = row
        if not self.feedback:
            empty = QListWidgetItem("No reviewer has sent feedback yet.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.interviews.addItem(empty)
        self.interviews.blockSignals(False)
        if chosen < 0 and self.feedback:
            chosen = 0
        self.interviews.setCurrentRow(chosen)
        if chosen >= 0:
            self._chosen(chosen)

    def _chosen(self, row: int) -> None:
        if not 0 <= row < len(self.feedback):
            return
        found = self.feedback[row]
        self.current = found
        self.heading.setText(
            f"<h3>{html.escape(found.reference)}</h3><p>Reviewed by "
            f"{html.escape(found.review.reviewer)}, sent {when(found.review.submitted_at)}. "
            "The review never changes the interview's record.</p>"
        )
        self.scores.setText(scores_html(found.review))
        self.comments.show_comments(found.review.comments, "The reviewer left no comments.")
        self.reply_button.setEnabled(True)
        self.error.setText("")
        if found.unseen and self.isVisible():
            self.sig_seen.emit(found.session_id)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Opening the page reads the feedback selected."""
        super().showEvent(event)
        self._chosen(self.interviews.currentRow())

    def _reply(self) -> None:
        if self.current is None:
            return
        words = self.reply_box.toPlainText()
        row = self.comments.currentRow()
        reply_to = (
            self.comments.comments[row].id if 0 <= row < len(self.comments.comments) else None
        )
        self.error.setText("")
        self.sig_reply.emit(self.current.session_id, words, reply_to)

    def replied(self) -> None:
        """The reply is saved: the box empties."""
        self.reply_box.clear()

    def show_error(self, message: str) -> None:
        """Why the reply was not sent (what was typed stays)."""
        self.error.setText(message)
