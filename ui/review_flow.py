"""Quality assurance at work for the window: who may do what, the interviews drawn for review,
one opened and its review saved or sent, the caseworker's feedback read and replied to, and a
unit's figures shown and saved. Every use case of :mod:`companion.usecases.review` runs on the
store's writer; files are written on the jobs thread. Results come back as signals on the UI
thread; a refusal (a stage not scored, an empty reply) comes back as its one line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal

from companion.errors import UserError
from companion.review.figures import UnitFigures
from companion.usecases import exports, review
from ui.jobs import Jobs
from ui.store_bridge import StoreBridge


def refusal(error: object, doing: str) -> str:
    """A failure in one line: a refusal's own words, anything else after ``doing``."""
    if isinstance(error, ValueError | UserError):
        return str(error)
    return f"{doing}: {error}"


def suggested_name(figures: UnitFigures, form: str) -> str:
    """A file name for the figures: unit and period."""
    unit = (figures.unit or "all-units").replace("/", "-").replace(" ", "-")
    return f"figures-{unit}-{figures.start}-{figures.end}.{form}"


class ReviewFlow(QObject):
    """The review use cases, off the UI thread."""

    #: Who is connected and their roles (``review.Access``).
    sig_access = Signal(object)
    #: The interviews drawn for review (list of ``SampledInterview``).
    sig_samples = Signal(object)
    #: A sampled interview opened (``ReviewCase``).
    sig_case = Signal(object)
    #: A review saved or sent (``ReviewState``).
    sig_saved = Signal(object)
    #: A review not saved: why, in one line.
    sig_save_refused = Signal(str)
    #: The caseworker's feedback (list of ``Feedback``), newest first.
    sig_feedback = Signal(object)
    #: A reply saved (``Comment``).
    sig_replied = Signal(object)
    #: A reply not saved: why, in one line.
    sig_reply_refused = Signal(str)
    #: A unit's figures (``UnitFigures``).
    sig_figures = Signal(object)
    #: Figures not counted, or not saved: why, in one line.
    sig_figures_problem = Signal(str)
    #: A file was written (the words saying where).
    sig_written = Signal(str)

    def __init__(
        self,
        bridge: Callable[[], StoreBridge | None],
        jobs: Jobs,
        ask_path: Callable[[str, str], str],
        on_failure: Callable[[object], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bridge, self._jobs, self._ask_path = bridge, jobs, ask_path
        self._on_failure = on_failure
        self.access: review.Access | None = None

    def _call(
        self,
        operation: Callable[[Any], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[object], None],
        label: str,
    ) -> bool:
        bridge = self._bridge()
        if bridge is None:
            return False
        store = bridge.store
        bridge.call(lambda _db: operation(store), on_success, on_failure, label)
        return True

    # -- who may do what --------------------------------------------------------------------
    def check_access(self) -> None:
        """Ask who is connected and what they may do, and (for a caseworker) for feedback
        to read: one call on the writer, so that a window closed at once waits for nothing
        more."""

        def ask(store: Any) -> tuple[review.Access, list[review.Feedback] | None]:
            found = review.access(store)
            mine = review.feedback_for_me(store) if found.can(review.CASEWORKER) else None
            return found, mine

        self._call(ask, self._got_access, self._on_failure, "review access")

    def _got_access(self, answer: tuple[review.Access, list[review.Feedback] | None]) -> None:
        self.access, feedback = answer
        self.sig_access.emit(self.access)
        if feedback is not None:
            self.sig_feedback.emit(feedback)

    def can(self, role: str) -> bool:
        """Whether this connection holds ``role`` (False until known, and with no store)."""
        return self.access is not None and self.access.can(role)

    # -- the reviewer -----------------------------------------------------------------------
    def list_samples(self) -> None:
        """List the interviews drawn for this reviewer."""
        self._call(review.samples_for_review, self.sig_samples.emit, self._on_failure, "samples")

    def open_case(self, session_id: int) -> None:
        """Open a sampled interview for review: read it on the store's writer (the read is
        audited there), build its summary on the jobs thread."""

        def refused(error: object) -> None:
            self.sig_save_refused.emit(refusal(error, "Not opened"))

        def build(read: review.ReviewRead) -> None:
            self._jobs.run(lambda: review.review_case(read), self.sig_case.emit, refused)

        self._call(
            lambda store: review.read_for_review(store, session_id),
            build,
            refused,
            "open for review",
        )

    def save(
        self,
        session_id: int,
        scores: dict[str, int | None],
        comments: tuple[review.NewComment, ...],
        submit: bool,
    ) -> None:
        """Keep the scores and new comments; ``submit`` sends the review to the caseworker."""

        def saved(state: review.ReviewState) -> None:
            self.sig_saved.emit(state)
            self.list_samples()

        self._call(
            lambda store: review.save_review(store, session_id, scores, comments, submit=submit),
            saved,
            lambda error: self.sig_save_refused.emit(refusal(error, "Not saved")),
            "send review" if submit else "save review",
        )

    # -- the caseworker ---------------------------------------------------------------------
    def check_feedback(self) -> None:
        """Ask for the feedback on this caseworker's interviews (if they are one)."""
        if self.can(review.CASEWORKER):
            self._call(review.feedback_for_me, self.sig_feedback.emit, self._on_failure, "feedback")

    def mark_seen(self, session_id: int) -> None:
        """The caseworker has read the feedback on ``session_id``."""
        self._call(
            lambda store: review.mark_seen(store, session_id),
            lambda _r: None,
            self._on_failure,
            "feedback seen",
        )

    def reply(self, session_id: int, text: str, reply_to: int | None = None) -> None:
        """The caseworker's reply to the feedback on ``session_id``."""

        def replied(comment: review.Comment) -> None:
            self.sig_replied.emit(comment)
            self.check_feedback()

        self._call(
            lambda store: review.reply(store, session_id, text, reply_to),
            replied,
            lambda error: self.sig_reply_refused.emit(refusal(error, "Not sent")),
            "reply",
        )

    # -- the unit's figures -----------------------------------------------------------------
    def figures(self, start: date, end: date, unit: str = "") -> None:
        """Count the unit's figures for ``start``..``end``."""
        self._call(
            lambda store: review.figures(store, start, end, unit),
            self.sig_figures.emit,
            lambda error: self.sig_figures_problem.emit(refusal(error, "Not counted")),
            "figures",
        )

    def save_figures(self, figures: UnitFigures, form: str) -> None:
        """Ask where, then write the figures as "csv" or "pdf" (rendered and written on the
        jobs thread)."""
        path = self._ask_path(form, suggested_name(figures, form))
        if not path:
            return
        bridge = self._bridge()
        protected = bridge.store.protected_files() if bridge is not None else []

        def write() -> None:
            data: str | bytes = figures.to_pdf() if form == "pdf" else figures.to_csv()
            # The save dialog has already asked before replacing a file: force.
            exports.deliver(data, path, force=True, protected=protected)

        self._jobs.run(
            write,
            lambda _done: self.sig_written.emit(f"Written to {path}."),
            lambda error: self.sig_figures_problem.emit(refusal(error, "Not written")),
        )
