"""Lists of several-line entries the user selects in but never edits (a transcript read for
review, comments, interviews to pick): each entry wraps to the list's width and is never cut
short, whatever the width or the scroll bar."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QListWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

#: Room kept for the item's own margins and a scroll bar appearing later.
_SLACK = 24


class WrappedItems(QStyledItemDelegate):
    """Measures each entry at a little less than the list's width, so that the lines it is
    painted in always fit the height it was given."""

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(  # noqa: N802 - Qt's name
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """The height of the entry's words wrapped to the list's width."""
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        width = max(80, self._view.viewport().width() - 2 * self._view.spacing() - _SLACK)
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        bounds = option.fontMetrics.boundingRect(0, 0, width, 1_000_000, flags, text)
        return QSize(width, bounds.height() + 6)


def read_only_list(name: str, found: QListWidget | None = None) -> QListWidget:
    """``found`` (or a new list) set up to be read and selected in, never edited."""
    found = found if found is not None else QListWidget()
    found.setAccessibleName(name)
    found.setWordWrap(True)
    found.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    found.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    found.setSpacing(3)
    found.setTextElideMode(Qt.TextElideMode.ElideNone)
    # Measured again whenever the list is resized.
    found.setResizeMode(QListView.ResizeMode.Adjust)
    found.setItemDelegate(WrappedItems(found))
    return found
