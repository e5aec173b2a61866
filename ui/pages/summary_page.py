"""The reflection summary screen: after the interview, and for any past session. It shows the
summary built by :mod:`companion.summary` (the same as the PDF and DOCX), the timeline picture,
and the reflection questions with room for the caseworker's answers, which are saved."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from companion.summary.html_form import timeline_svg, to_html


class SummaryPage(QWidget):
    """One interview's summary and the caseworker's reflection."""

    #: The reflection answers to save: [(question, answer)].
    sig_save = Signal(list)
    #: Export as "pdf" or "docx".
    sig_export = Signal(str)
    sig_done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Reflection summary")
        self.heading = QLabel("")
        self.heading.setWordWrap(True)
        self.timeline = QSvgWidget()
        self.timeline.setAccessibleName("Timeline of the interview")
        self.timeline.setFixedSize(640, 78)  # the picture's own size: never stretched
        self.text = QTextBrowser()
        self.text.setAccessibleName("Summary")
        self.reflection = QWidget()
        self._reflection_layout = QVBoxLayout(self.reflection)
        self.answers: list[tuple[str, QPlainTextEdit]] = []
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.reflection)
        self.save_button = QPushButton("&Save reflection")
        self.save_button.setAccessibleName("Save the reflection answers")
        self.save_button.clicked.connect(self._save)
        self.pdf_button = QPushButton("Export &PDF…")
        self.pdf_button.clicked.connect(lambda: self.sig_export.emit("pdf"))
        self.docx_button = QPushButton("Export &DOCX…")
        self.docx_button.clicked.connect(lambda: self.sig_export.emit("docx"))
        self.redact = QCheckBox("&Mask names and places")
        self.redact.setToolTip(
            "The exported file shows [name] and [place] instead; read it before you share it."
        )
        self.done_button = QPushButton("&New interview")
        self.done_button.clicked.connect(self.sig_done.emit)
        self.note = QLabel("")
        self.note.setProperty("role", "muted")
        self.note.setWordWrap(True)
        columns = QHBoxLayout()
        columns.addWidget(self.text, 3)
        columns.addWidget(scroll, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.redact)
        for button in (self.pdf_button, self.docx_button, self.done_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.timeline)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)

    def show_summary(self, summary: dict[str, Any], saved_as: str = "") -> None:
        """Show a summary (from :func:`companion.summary.report.build_report`)."""
        report = summary["report"]
        self.heading.setText(
            f"<h2>Reflection summary — {report['overview']['reference']}</h2>"
            + (f"<p>{saved_as}</p>" if saved_as else "")
        )
        self.timeline.load(QByteArray(timeline_svg(report["timeline"]).encode("utf-8")))
        self.text.setHtml(to_html(summary, svg=False))
        while self._reflection_layout.count():
            item = self._reflection_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.answers = []
        self._reflection_layout.addWidget(QLabel("<h3>Reflection</h3>"))
        given = {a["prompt"]: a["answer"] for a in report["reflection"]["answers"]}
        for prompt in report["reflection"]["prompts"]:
            label = QLabel(prompt)
            label.setWordWrap(True)
            edit = QPlainTextEdit(given.get(prompt, ""))
            edit.setAccessibleName(prompt)
            edit.setFixedHeight(64)
            self._reflection_layout.addWidget(label)
            self._reflection_layout.addWidget(edit)
            self.answers.append((prompt, edit))
        support = QLabel(report["reflection"]["support"])
        support.setProperty("role", "muted")
        support.setWordWrap(True)
        self._reflection_layout.addWidget(support)
        self._reflection_layout.addStretch(1)
        self.note.setText(report["disclaimer"])

    def _save(self) -> None:
        self.sig_save.emit([(prompt, edit.toPlainText()) for prompt, edit in self.answers])
