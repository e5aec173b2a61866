"""The form for a concern about interpreting: who raised it, what kind, what it is, and what
was done. The kinds and their hints are data (``resources/interpreting/concerns.toml``)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from companion.errors import UserError
from companion.interpreting.concerns import (
    RAISED_BY,
    Concern,
    concern_intro,
    concern_kinds,
)


class ConcernDialog(QDialog):
    """Asks for one concern; ``sig_recorded`` carries the :class:`Concern`."""

    sig_recorded = Signal(object)

    def __init__(self, at_s: float | None, segment: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.at_s, self.segment = at_s, segment
        title, intro, source = concern_intro()
        self.setWindowTitle(title)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setToolTip(source)
        self.raised_by = QComboBox()
        for who in RAISED_BY:
            self.raised_by.addItem(f"the {who}", who)
        self.raised_by.setAccessibleName("Raised or noticed by")
        self.kind = QComboBox()
        for kind in concern_kinds().values():
            self.kind.addItem(kind.text, kind.id)
        self.kind.setAccessibleName("Kind of concern")
        self.kind.currentIndexChanged.connect(self._show_hint)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "muted")
        self.details = QPlainTextEdit()
        self.details.setPlaceholderText("What was raised or noticed, in a few words")
        self.details.setAccessibleName("The concern")
        self.details.setFixedHeight(90)
        self.action = QLineEdit()
        self.action.setPlaceholderText("What was done (for example: confirmed the dialect)")
        self.action.setAccessibleName("What was done about it")
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Raised or noticed by", self.raised_by)
        form.addRow("Kind", self.kind)
        form.addRow("", self.hint)
        form.addRow("The concern", self.details)
        form.addRow("What was done", self.action)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._show_hint()
        self.resize(560, 380)

    def _show_hint(self, _index: int = 0) -> None:
        kind = concern_kinds().get(str(self.kind.currentData()))
        self.hint.setText(kind.hint if kind else "")
        self.hint.setVisible(bool(kind and kind.hint))

    def save(self) -> None:
        """Record the concern, or say in one line what is missing (nothing is lost)."""
        try:
            concern = Concern(
                raised_by=str(self.raised_by.currentData()),
                kind=str(self.kind.currentData()),
                details=self.details.toPlainText(),
                action=self.action.text(),
                at_s=self.at_s,
                segment=self.segment,
            )
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return
        self.sig_recorded.emit(concern)
        self.accept()
