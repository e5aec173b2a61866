"""The reflection summary's screen at work: a stored session's summary read on the store's
thread and built on the jobs thread, the reflection answers saved, and exports written on the
jobs thread and then audited on the store (the same two steps as the command line's)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from companion.errors import UserError
from companion.usecases import exports, review
from ui.jobs import Jobs
from ui.pages.summary_page import SummaryPage
from ui.store_bridge import StoreBridge


class SummaryFlow(QObject):
    """Feeds the summary page and carries out what is asked on it."""

    #: A summary is on the page (the words saying where it is saved): show the page.
    sig_shown = Signal(str)

    def __init__(
        self,
        page: SummaryPage,
        bridge: Callable[[], StoreBridge | None],
        jobs: Jobs,
        ask_path: Callable[[str, str], str],
        on_failure: Callable[[object], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.page, self._bridge, self._jobs = page, bridge, jobs
        self._ask_path, self._on_failure = ask_path, on_failure
        self.summary: dict[str, Any] | None = None
        self.session_id: int | None = None
        page.sig_save.connect(self._save_reflection)
        page.sig_export.connect(self._export)

    def show_stored(self, session_id: int) -> None:
        """Read a stored session (store's thread), build its summary (jobs thread), show it."""
        bridge = self._bridge()
        if bridge is None:
            return
        store = bridge.store

        def built(summary: dict[str, Any]) -> None:
            self.show(summary, f"Saved as session {session_id}.", session_id)
            # An ended interview's facts (numbers only) for its unit's figures and the sampling.
            bridge.call(
                lambda db: review.keep_facts(db, session_id, summary),
                None,
                self._on_failure,
                "interview facts",
            )

        def build(inputs: exports.SummaryInputs) -> None:
            self._jobs.run(lambda: exports.build_summary(inputs), built, self._on_failure)

        bridge.call(
            lambda _db: exports.summary_inputs(store, session_id),
            build,
            self._on_failure,
            "summary",
        )

    def show(self, summary: dict[str, Any], saved_as: str, session_id: int | None = None) -> None:
        """Put ``summary`` on the page."""
        self.summary, self.session_id = summary, session_id
        self.page.show_summary(summary, saved_as)
        self.sig_shown.emit(saved_as)

    def _save_reflection(self, answers: list[tuple[str, str]]) -> None:
        session_id, bridge = self.session_id, self._bridge()
        if session_id is None or bridge is None:
            self.page.note.setText("Not saved: there is no stored session.")
            return
        bridge.call(
            lambda db: exports.save_reflections(db, session_id, answers),
            lambda _r: self.page.note.setText("Your reflection is saved."),
            self._on_failure,
            "reflection",
        )

    def _export(self, form: str) -> None:
        summary = self.summary
        if summary is None:
            return
        reference = summary["report"]["overview"]["reference"]
        path = self._ask_path(form, f"summary-{reference}.{form}".replace("/", "-"))
        if not path:
            return
        redacted, session_id, bridge = self.page.redact.isChecked(), self.session_id, self._bridge()
        audit = None
        if bridge is not None and session_id is not None:
            writer = bridge.writer

            def audit() -> None:  # on the store's writer, waited for on the jobs thread
                done = writer.submit(
                    lambda db: exports.audit_export(
                        db,
                        session_id,
                        action="summary export",
                        form=form,
                        output=path,
                        redacted=redacted,
                        tool="app",
                    ),
                    "audit export",
                )
                try:
                    done.result(timeout=60)
                except TimeoutError as exc:
                    raise UserError(
                        "the export could not be recorded in the audit trail (the store is not "
                        "writable just now), so nothing was written"
                    ) from exc

        protected = bridge.store.protected_files() if bridge is not None else []
        # The save dialog has already asked before replacing a file: force.
        self._jobs.run(
            lambda: exports.deliver(
                exports.rendered_summary(summary, form, redact=redacted),
                path,
                audit=audit,
                force=True,
                protected=protected,
            ),
            lambda _done: self.page.note.setText(f"Written to {path}."),
            lambda error: self.page.note.setText(f"Not written: {error}"),
        )
