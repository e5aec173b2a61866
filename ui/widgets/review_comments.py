"""A review's comments and replies, oldest first: who wrote each, as what, when, on which
stage and about which transcript line. Clicking one about a line asks for that line."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from companion.usecases.review import Comment
from ui.review_format import comment_heading
from ui.widgets.wrapped_list import read_only_list


class CommentList(QListWidget):
    """The comments of one review, read-only."""

    #: A comment about a transcript line was clicked: the line's position.
    sig_line = Signal(int)

    def __init__(self, name: str = "Comments", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        read_only_list(name, self)
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)
        self.comments: list[Comment] = []

    def show_comments(self, comments: Sequence[Comment], empty: str = "No comments yet.") -> None:
        """List ``comments`` (the words ``empty`` when there are none)."""
        self.clear()
        self.comments = list(comments)
        for comment in self.comments:
            quoted = "  ↳ " if comment.reply_to is not None else ""
            item = QListWidgetItem(f"{quoted}{comment_heading(comment)}\n{quoted}{comment.text}")
            item.setData(Qt.ItemDataRole.UserRole, comment.segment_position)
            if comment.segment_position is not None:
                item.setToolTip(f"Click to show line {comment.segment_position} of the transcript")
            self.addItem(item)
        if not self.comments:
            placeholder = QListWidgetItem(empty)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(placeholder)

    def _clicked(self, item: QListWidgetItem) -> None:
        position = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(position, int):
            self.sig_line.emit(position)
