"""The reviewer's scoring panel: for each stage of the quality framework a score from 1 to 5
and a comment, which may be about the transcript line selected; and a comment on the review as
a whole. What is typed stays until it is saved."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from companion.review.stages import HIGHEST, LOWEST, SCORE_WORDS, STAGES, Stage
from companion.usecases.review import NewComment, ReviewState
from ui.review_format import anchor_words


class CommentBox(QWidget):
    """A comment being written, and the transcript line it is about (if any)."""

    def __init__(self, stage_id: str, about: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage_id = stage_id
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(f"Comment on {about} (optional)")
        self.text.setAccessibleName(f"Comment on {about}")
        self.text.setFixedHeight(46)
        self.text.setTabChangesFocus(True)
        self.anchor = QCheckBox("About the selected line")
        self.anchor.setAccessibleName(f"Comment on {about}: about the transcript line selected")
        self.anchor.setEnabled(False)
        self.anchor.toggled.connect(self._anchor_toggled)
        self._selected: int | None = None
        #: The line the comment is about, fixed when the box is ticked.
        self.position: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.text)
        layout.addWidget(self.anchor)

    def select_line(self, position: int | None) -> None:
        """The transcript line now selected (the comment follows it until ticked)."""
        self._selected = position
        if self.anchor.isChecked():
            return
        self.anchor.setEnabled(position is not None)
        self.anchor.setText(
            "About the selected line" if position is None else anchor_words(position).capitalize()
        )

    def _anchor_toggled(self, on: bool) -> None:
        self.position = self._selected if on else None
        if not on:
            self.select_line(self._selected)

    def comment(self) -> NewComment | None:
        """The comment to save, or None if nothing was typed."""
        words = self.text.toPlainText().strip()
        if not words:
            return None
        return NewComment(words, self.stage_id, self.position)

    def clear(self) -> None:
        """Empty (once saved)."""
        self.text.clear()
        self.anchor.setChecked(False)


class StageScore(QFrame):
    """One stage: what the reviewer looks at, a score from 1 to 5, and a comment."""

    def __init__(self, stage: Stage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(f"Stage: {stage.title}")
        title = QLabel(f"<b>{stage.title}</b>")
        looks_at = QLabel(stage.looks_at)
        looks_at.setWordWrap(True)
        looks_at.setProperty("role", "muted")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[int, QRadioButton] = {}
        row = QHBoxLayout()
        row.setSpacing(10)
        for score in range(LOWEST, HIGHEST + 1):
            button = QRadioButton(str(score))
            button.setToolTip(SCORE_WORDS[score])
            button.setAccessibleName(f"{stage.title}: {SCORE_WORDS[score]}")
            self.group.addButton(button, score)
            self.buttons[score] = button
            row.addWidget(button)
        self.meaning = QLabel("not scored")
        self.meaning.setProperty("role", "muted")
        row.addWidget(self.meaning, 1)
        self.group.idToggled.connect(self._show_meaning)
        self.comment = CommentBox(stage.id, f"the {stage.title.lower()}")
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 4, 8, 4)
        layout.setSpacing(3)
        layout.addWidget(title)
        layout.addWidget(looks_at)
        layout.addLayout(row)
        layout.addWidget(self.comment)
        layout.addSpacing(4)
        layout.addWidget(rule)

    def score(self) -> int | None:
        """The score chosen, or None."""
        chosen = self.group.checkedId()
        return chosen if chosen >= LOWEST else None

    def set_score(self, score: int | None) -> None:
        """Show ``score`` chosen (None: none)."""
        self.group.setExclusive(False)
        for value, button in self.buttons.items():
            button.setChecked(value == score)
        self.group.setExclusive(True)
        self._show_meaning()

    def _show_meaning(self, _id: int = 0, _on: bool = False) -> None:
        score = self.score()
        self.meaning.setText(SCORE_WORDS[score] if score is not None else "not scored")


class ScoringPanel(QWidget):
    """Every stage's score and comment, and a comment on the review as a whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Scores and comments")
        self.stages = [StageScore(stage) for stage in STAGES]
        self.overall = CommentBox("", "the review as a whole")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for row in self.stages:
            layout.addWidget(row)
        self.overall_title = QLabel("<b>The review as a whole</b>")
        layout.addWidget(self.overall_title)
        layout.addWidget(self.overall)
        layout.addStretch(1)

    @property
    def boxes(self) -> list[CommentBox]:
        """Every comment box, the stages' first."""
        return [row.comment for row in self.stages] + [self.overall]

    def stage(self, stage_id: str) -> StageScore:
        """The row of ``stage_id``."""
        return next(row for row in self.stages if row.stage.id == stage_id)

    def select_line(self, position: int | None) -> None:
        """The transcript line now selected."""
        for box in self.boxes:
            box.select_line(position)

    def show_review(self, state: ReviewState) -> None:
        """Show a review's scores (its comments are listed elsewhere); the boxes empty."""
        for row in self.stages:
            row.set_score(state.scores.get(row.stage.id))
        for box in self.boxes:
            box.clear()
        self.set_read_only(state.submitted_at is not None)

    def set_read_only(self, read_only: bool) -> None:
        """A sent review is only read."""
        for row in self.stages:
            for button in row.buttons.values():
                button.setEnabled(not read_only)
        for box in self.boxes:
            box.text.setReadOnly(read_only)
            box.setVisible(not read_only)
        self.overall_title.setVisible(not read_only)

    def scores(self) -> dict[str, int | None]:
        """Each stage's score (None while not scored)."""
        return {row.stage.id: row.score() for row in self.stages}

    def new_comments(self) -> tuple[NewComment, ...]:
        """The comments typed and not yet saved."""
        found = (box.comment() for box in self.boxes)
        return tuple(c for c in found if c is not None)

    def clear_comments(self) -> None:
        """Empty every comment box (once saved)."""
        for box in self.boxes:
            box.clear()
