"""A unit's figures for a period: a table of every figure, the shares as bars, the suppression
rule under them, and the figures saved as CSV or PDF. Numbers only, never testimony; small
counts are suppressed by :mod:`companion.review.figures`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.review.figures import SUPPRESSION_RULE, UnitFigures
from ui.widgets.share_bars import ShareBars


def last_full_month(today: date) -> tuple[date, date]:
    """The first and last days of the calendar month before ``today``'s."""
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


class FiguresPage(QWidget):
    """Ask for a unit's figures and show them."""

    #: Show the figures of (first day, last day, unit; "" for every unit).
    sig_show = Signal(object, object, str)
    #: Save the figures shown as "csv" or "pdf".
    sig_save = Signal(str)
    sig_back = Signal()

    def __init__(
        self, parent: QWidget | None = None, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Unit figures")
        self.figures: UnitFigures | None = None
        start, end = last_full_month(today())
        self.start = QDateEdit(_qdate(start))
        self.end = QDateEdit(_qdate(end))
        for edit, name in ((self.start, "First day"), (self.end, "Last day")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd MMM yyyy")
            edit.setAccessibleName(name)
        self.unit = QLineEdit()
        self.unit.setMaximumWidth(280)
        self.unit.setPlaceholderText("Every unit")
        self.unit.setAccessibleName("Unit (empty for every unit)")
        self.unit.returnPressed.connect(self._show)
        self.show_button = QPushButton("S&how")
        self.show_button.setProperty("primary", True)
        self.show_button.setAccessibleName("Show the figures")
        self.show_button.clicked.connect(self._show)
        controls = QHBoxLayout()
        for text, widget in (("&From", self.start), ("&To", self.end), ("&Unit", self.unit)):
            label = QLabel(text)
            label.setBuddy(widget)
            controls.addWidget(label)
            controls.addWidget(widget)
        controls.addWidget(self.show_button)
        controls.addStretch(1)

        self.heading = QLabel("<h2>Unit figures</h2>")
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName("Figures")
        self.table.setHorizontalHeaderLabels(["Figure", "Value"])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.rule = QLabel(SUPPRESSION_RULE)
        self.rule.setProperty("role", "muted")
        self.rule.setWordWrap(True)
        self.rule.setAccessibleName("Suppression rule")
        self.bars = ShareBars()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.rule)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("<b>Shares</b>"))
        right_layout.addWidget(self.bars)
        legend = QLabel(
            "A hatched bar is suppressed: too few interviews to show it without the risk of "
            "identifying someone."
        )
        legend.setProperty("role", "muted")
        legend.setWordWrap(True)
        right_layout.addWidget(legend)
        right_layout.addStretch(1)
        columns = QSplitter(Qt.Orientation.Horizontal)
        columns.addWidget(left)
        columns.addWidget(right)
        columns.setSizes([620, 520])

        self.note = QLabel("")
        self.note.setProperty("role", "muted")
        self.note.setWordWrap(True)
        self.note.setAccessibleName("What happened")
        self.csv_button = QPushButton("Save &CSV…")
        self.csv_button.clicked.connect(lambda: self.sig_save.emit("csv"))
        self.pdf_button = QPushButton("Save &PDF…")
        self.pdf_button.clicked.connect(lambda: self.sig_save.emit("pdf"))
        back = QPushButton("&Back")
        back.clicked.connect(self.sig_back.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        for button in (self.csv_button, self.pdf_button, back):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(controls)
        layout.addWidget(columns, 1)
        layout.addLayout(buttons)
        self._can_save(False)

    def period(self) -> tuple[date, date, str]:
        """The period and the unit asked for."""
        return _day(self.start.date()), _day(self.end.date()), self.unit.text().strip()

    def _show(self) -> None:
        start, end, unit = self.period()
        self.note.setText("Counting…")
        self.sig_show.emit(start, end, unit)

    def _can_save(self, can: bool) -> None:
        self.csv_button.setEnabled(can)
        self.pdf_button.setEnabled(can)

    def show_figures(self, figures: UnitFigures) -> None:
        """Show ``figures`` in the table and as bars."""
        self.figures = figures
        self.heading.setText(
            f"<h2>Unit figures</h2><p>{figures.unit or 'All units'} · {figures.period}</p>"
        )
        self.table.setRowCount(len(figures.figures))
        for row, figure in enumerate(figures.figures):
            name = QTableWidgetItem(figure.label)
            value = QTableWidgetItem(figure.shown())
            value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if figure.suppressed:
                value.setToolTip(SUPPRESSION_RULE)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, value)
        self.bars.set_figures(figures.figures)
        suppressed = sum(1 for f in figures.figures if f.suppressed)
        self.note.setText(
            f"{suppressed} figure(s) suppressed: see the rule under the table."
            if suppressed
            else "No figure is suppressed."
        )
        self._can_save(True)

    def show_problem(self, message: str) -> None:
        """Why the figures could not be shown or saved, in one line."""
        self.note.setText(message)
