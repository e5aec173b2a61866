"""The unit's shares as horizontal bars, painted (no chart library): each share's name, a bar
as long as the share, and its value; a suppressed share is a grey hatched bar labelled
"suppressed", never a length that could be read back into a small count."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from companion.review.figures import Figure

#: The bar of a share shown.
FILL = QColor("#2f6fde")
#: The track behind a bar, and the hatching of a suppressed one.
TRACK = QColor("#dcdce2")
HATCH = QColor("#7a7a82")
#: The same on the dark theme.
TRACK_DARK = QColor("#3a3b40")
HATCH_DARK = QColor("#9a9aa2")
SUPPRESSED = "suppressed"


@dataclass(frozen=True)
class Bar:
    """Where one share is drawn: its name's line and its bar's track."""

    figure: Figure
    label: QRect
    track: QRect
    value: QRect


class ShareBars(QWidget):
    """Shares (figures of kind "share") as bars."""

    MARGIN, GAP, BAR_HEIGHT, VALUE_WIDTH = 8, 12, 14, 96

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Shares, as bars")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.figures: list[Figure] = []

    def set_figures(self, figures: Sequence[Figure]) -> None:
        """Draw the shares among ``figures``."""
        self.figures = [f for f in figures if f.kind == "share"]
        words = "; ".join(f"{f.label}: {f.shown()}" for f in self.figures)
        self.setAccessibleDescription(words)
        self.setToolTip(words.replace("; ", "\n"))
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 4 + self.BAR_HEIGHT + self.GAP

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Wide enough for the names, tall enough for every bar."""
        return QSize(420, 2 * self.MARGIN + max(1, len(self.figures)) * self._row_height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Every bar, however narrow."""
        return QSize(240, self.sizeHint().height())

    def bars(self) -> list[Bar]:
        """Where each share is drawn at the widget's present size."""
        line = self.fontMetrics().height()
        width = self.width() - 2 * self.MARGIN
        track_width = max(40, width - self.VALUE_WIDTH - 8)
        out = []
        for row, figure in enumerate(self.figures):
            top = self.MARGIN + row * self._row_height()
            bar_top = top + line + 4
            out.append(
                Bar(
                    figure,
                    QRect(self.MARGIN, top, width, line),
                    QRect(self.MARGIN, bar_top, track_width, self.BAR_HEIGHT),
                    QRect(
                        self.MARGIN + track_width + 8,
                        bar_top - 2,
                        self.VALUE_WIDTH,
                        self.BAR_HEIGHT + 4,
                    ),
                )
            )
        return out

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Each share: its name, its bar (hatched grey when suppressed), its value."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        if not self.figures:
            painter.setPen(ink)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No shares to show.")
            return
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        track, hatch = (TRACK_DARK, HATCH_DARK) if dark else (TRACK, HATCH)
        plain, slanted = QFont(self.font()), QFont(self.font())
        slanted.setItalic(True)
        for bar in self.bars():
            figure = bar.figure
            painter.setPen(ink)
            painter.setFont(plain)
            label = self.fontMetrics().elidedText(
                figure.label, Qt.TextElideMode.ElideRight, bar.label.width()
            )
            painter.drawText(
                bar.label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label
            )
            painter.fillRect(bar.track, track)
            if figure.suppressed:
                painter.fillRect(bar.track, QBrush(hatch, Qt.BrushStyle.BDiagPattern))
                painter.setPen(QPen(hatch))
                painter.drawRect(bar.track.adjusted(0, 0, -1, -1))
            elif figure.value is not None:
                share = min(1.0, max(0.0, figure.value))
                filled = QRect(bar.track)
                filled.setWidth(round(bar.track.width() * share))
                painter.fillRect(filled, FILL)
            painter.setPen(ink)
            painter.setFont(slanted if figure.suppressed else plain)
            painter.drawText(
                bar.value,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                SUPPRESSED if figure.suppressed else figure.shown(),
            )
        painter.end()
