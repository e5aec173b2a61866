"""A past session, read-only: its details and the transcript with corrections beside what was
recognised, breaks in place. (The reflection summary has its own screen.)"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from companion.usecases.sessions import SessionReview


class SessionPage(QWidget):
    """Shows one stored session."""

    sig_back = Signal()
    #: Show the reflection summary of the session (its id).
    sig_summary = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Past session")
        self.title = QLabel("")
        self.title.setWordWrap(True)
        self.text = QTextBrowser()
        self.text.setAccessibleName("Session transcript")
        back = QPushButton("&Back")
        back.clicked.connect(self.sig_back.emit)
        self._session_id = 0
        self.summary_button = QPushButton("Reflection &summary")
        self.summary_button.clicked.connect(lambda: self.sig_summary.emit(self._session_id))
        self._session_id = 0
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.summary_button)
        row.addWidget(back)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)

    def show_session(self, review: SessionReview) -> None:
        """Show a past session, read-only, with its plain-text record."""
        self._session_id = review.id
        self.title.setText(
            f"<h2>{html.escape(review.reference)}</h2><p>{review.started} · "
            f"{review.state} · {review.segments} segments · {review.breaks} "
            f"breaks · preset {html.escape(review.preset)}</p>"
        )
        self.text.setPlainText(review.text)
