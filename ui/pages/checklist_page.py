"""A checklist page (opening or closing): optional ticks, recorded with the interview."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from companion.checklists import Checklist


class ChecklistPage(QWidget):
    """Shows a checklist; ``sig_done`` carries ``[(item id, words, ticked)]``."""

    sig_done = Signal(list)

    def __init__(
        self,
        checklist: Checklist,
        action: str,
        extra: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.checklist = checklist
        self.setAccessibleName(checklist.title)
        title = QLabel(f"<h2>{checklist.title}</h2>")
        intro = QLabel(checklist.intro)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        if extra is not None:  # for example the read-back reminder before closing
            layout.addWidget(extra)
        self.boxes: list[QCheckBox] = []
        for item in checklist.items:
            box = QCheckBox(item.text)
            box.setToolTip(item.source)
            box.setAccessibleName(item.text)
            box.setAccessibleDescription(item.source)
            self.boxes.append(box)
            layout.addWidget(box)
        layout.addStretch(1)
        self.done_button = QPushButton(action)
        self.done_button.setProperty("primary", True)
        self.done_button.setAccessibleName(action.replace("&", ""))
        self.done_button.clicked.connect(self._done)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.done_button)
        layout.addLayout(row)

    def ticks(self) -> list[tuple[str, str, bool]]:
        """Each item with whether it is ticked."""
        return [
            (item.id, item.text, box.isChecked())
            for item, box in zip(self.checklist.items, self.boxes, strict=True)
        ]

    def _done(self) -> None:
        self.sig_done.emit(self.ticks())
