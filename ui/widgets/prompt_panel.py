"""The prompt panel: one card per open prompt from the analysis — the words that raised it, the
suggested wording, and actions (asked; not appropriate now, with a reason; dismiss, with a
reason). Disclosure cards show the when / where / how / by-whom checklist filling in live.
Gentle: no sound, no dialogs, no flashing; only the safeguarding card insists (red, first)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.analysis.prompt_board import ASKED, DISMISSED, NOT_NOW, PromptCard

_ELEMENT = {"when": "When", "where": "Where", "how": "How", "by_whom": "By whom"}


class PromptCardWidget(QFrame):
    """One card."""

    #: (card id, action, reason)
    sig_action = Signal(int, str, str)

    def __init__(self, card: PromptCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card_id = card.id
        self.setProperty("role", "card")
        self.setProperty("urgency", card.urgency)
        self.setAccessibleName(f"Prompt: {card.title}")
        self.title = QLabel(card.title)
        self.title.setProperty("role", "card-title")
        self.title.setWordWrap(True)
        # An answer's evidence quotes the question and the answer itself.
        quoted = "“" in card.evidence
        self.evidence = QLabel(f"Words: {card.evidence}" if quoted else f"Words: “{card.evidence}”")
        self.evidence.setProperty("role", "muted")
        self.evidence.setWordWrap(True)
        self.say = QLabel(card.say)
        self.say.setProperty("role", "say")
        self.say.setWordWrap(True)
        self.say.setAccessibleName("Suggested wording")
        self.checklist = QLabel("")
        self.checklist.setAccessibleName("Follow-up checklist")
        self.why = QLabel(card.why)
        self.why.setProperty("role", "muted")
        self.why.setWordWrap(True)
        self.why.setVisible(False)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason")
        self.reason.setVisible(False)
        self.reason.returnPressed.connect(self._confirm)
        self._pending = ""
        self.asked = QPushButton("Asked")
        self.asked.setAccessibleName(f"Done: {card.title}")
        self.asked.clicked.connect(lambda: self.sig_action.emit(self.card_id, ASKED, ""))
        self.not_now = QPushButton("Not now…")
        self.not_now.setAccessibleName(f"Not appropriate now: {card.title}")
        self.not_now.clicked.connect(lambda: self._ask_reason(NOT_NOW, "Why not now?"))
        self.dismiss = QPushButton("Dismiss…")
        self.dismiss.setAccessibleName(f"Dismiss: {card.title}")
        self.dismiss.clicked.connect(lambda: self._ask_reason(DISMISSED, "Why dismiss it?"))
        self.more = QPushButton("Why?")
        self.more.setFlat(True)
        self.more.clicked.connect(lambda: self.why.setVisible(not self.why.isVisible()))
        buttons = QHBoxLayout()
        for button in (self.asked, self.not_now, self.dismiss):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.more)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.evidence, self.say, self.checklist, self.why):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.reason)
        self.update_card(card)

    def update_card(self, card: PromptCard) -> None:
        """Show the card's latest wording and checklist."""
        self.say.setText(f"You could say: {card.say}" if card.say else "")
        self.why.setText(card.why)
        if card.checklist:
            marks = "   ".join(
                f"{'☑' if covered else '☐'} {_ELEMENT.get(name, name)}"
                for name, covered in card.checklist
            )
            acknowledged = {True: "acknowledged", False: "not acknowledged yet", None: ""}[
                card.acknowledged
            ]
            self.checklist.setText(f"{marks}    {acknowledged}".rstrip())
        self.checklist.setVisible(bool(card.checklist))

    def _ask_reason(self, action: str, placeholder: str) -> None:
        self._pending = action
        self.reason.setPlaceholderText(f"{placeholder} (Enter to record)")
        self.reason.setVisible(True)
        self.reason.setFocus()

    def _confirm(self) -> None:
        if self._pending:
            self.sig_action.emit(self.card_id, self._pending, self.reason.text().strip())


class PromptPanel(QScrollArea):
    """The open cards, the insisting one first."""

    #: (card id, action, reason)
    sig_action = Signal(int, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Prompts")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self.empty = QLabel("No prompts. They appear here, quietly, when something may need you.")
        self.empty.setProperty("role", "muted")
        self.empty.setWordWrap(True)
        self._layout.addWidget(self.empty)
        # Cards at the top, the space below them empty. (A top alignment on the layout instead
        # would give each card its width-less size hint: a long quote was cut off.)
        self._layout.addStretch(1)
        self.setWidget(self._inner)
        self.widgets: dict[int, PromptCardWidget] = {}

    def show_cards(self, cards: list[PromptCard]) -> None:
        """Show exactly these open cards, in this order; keep widgets (and any reason being
        typed) of cards that stay."""
        wanted = {c.id for c in cards}
        for card_id in list(self.widgets):
            if card_id not in wanted:
                self.widgets.pop(card_id).deleteLater()
        for index, card in enumerate(cards):
            widget = self.widgets.get(card.id)
            if widget is None:
                widget = PromptCardWidget(card)
                widget.sig_action.connect(self.sig_action.emit)
                self.widgets[card.id] = widget
            else:
                widget.update_card(card)
            self._layout.insertWidget(index + 1, widget)
        self.empty.setVisible(not cards)
