"""Light and dark themes (QSS in ``resources/styles``) and the font size, for the whole app."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from companion.resources import read_text

THEMES = ("light", "dark")
MIN_POINT, MAX_POINT = 8, 24


def apply_theme(app: QApplication, name: str) -> None:
    """Style the whole app with the named theme."""
    if name not in THEMES:
        name = "light"
    app.setStyleSheet(read_text("styles", f"{name}.qss"))


def scale_font(app: QApplication, step: int) -> int:
    """Make the app's text bigger (+1) or smaller (-1); returns the new point size."""
    font = QFont(app.font())
    size = max(MIN_POINT, min(MAX_POINT, (font.pointSize() or 10) + step))
    font.setPointSize(size)
    app.setFont(font)
    return size


def repolish(widget: QWidget) -> None:
    """Re-apply the style after a dynamic property (level, urgency) changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
