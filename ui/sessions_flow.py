"""Stored interviews from the start screen: the list, a past session to read, an interrupted
one resumed (taken over on the store's writer, rebuilt on the jobs thread) or ended as it
stood, and a new interview's record created. Results come back as signals on the UI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from companion.interview import Interview, InterviewRecord
from companion.session_setup import InterviewSetup
from companion.usecases import sessions
from companion.usecases.journal import StoreJournal
from ui.jobs import Jobs
from ui.store_bridge import StoreBridge


class SessionsFlow(QObject):
    """The stored interviews, for the window."""

    #: Every stored session's line (list of ``SessionInfo``), newest first.
    sig_listed = Signal(object)
    #: A past session to read (``SessionReview``).
    sig_review = Signal(object)
    #: An interrupted interview, rebuilt as it was (``Interview``).
    sig_resumed = Signal(object)
    #: A line for the status bar.
    sig_status = Signal(str)

    def __init__(
        self,
        bridge: Callable[[], StoreBridge | None],
        jobs: Jobs,
        now: Callable[[], float],
        wall: Callable[[], float],
        on_failure: Callable[[object], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bridge, self._jobs, self._now, self._wall = bridge, jobs, now, wall
        self._on_failure = on_failure

    def refresh(self) -> None:
        """List the stored sessions again."""
        bridge = self._bridge()
        if bridge is not None:
            store = bridge.store
            bridge.call(
                lambda _db: sessions.list_sessions(store),
                self.sig_listed.emit,
                self._on_failure,
                "list sessions",
            )

    def review(self, session_id: int) -> None:
        """Read a past session."""
        bridge = self._bridge()
        if bridge is not None:
            store = bridge.store
            bridge.call(
                lambda _db: sessions.review(store, session_id),
                self.sig_review.emit,
                self._on_failure,
                "open session",
            )

    def new_interview(self, setup: InterviewSetup) -> Interview:
        """A new interview, recorded in a new session if there is a store."""
        bridge = self._bridge()
        journal = None if bridge is None else StoreJournal.create(bridge.writer, setup)
        interview = Interview(setup, journal=journal, now=self._now, wall=self._wall)
        if bridge is not None and journal is not None:
            bridge.when_done(
                journal.ready, lambda sid: setattr(interview, "session_id", sid), self._on_failure
            )
        return interview

    def close(self, session_id: int) -> None:
        """End an interrupted session as it stands."""
        bridge = self._bridge()
        if bridge is None:
            return

        def closed(_result: object) -> None:
            self.sig_status.emit(f"Session {session_id} ended as it stood.")
            self.refresh()

        bridge.call(
            lambda db: sessions.close(db, session_id), closed, self._on_failure, "close session"
        )

    def resume(self, session_id: int) -> None:
        """Take an interrupted session over and rebuild its interview."""
        bridge = self._bridge()
        if bridge is None:
            return
        store, writer, now, wall = bridge.store, bridge.writer, self._now, self._wall

        def rebuild(record: InterviewRecord) -> None:
            # Analysing the whole record again takes a while on a long interview: not on the
            # writer (live words wait there), not on the UI thread.
            journal = StoreJournal.taken_over(writer, session_id)
            self._jobs.run(
                lambda: Interview.restore(record, journal=journal, now=now, wall=wall),
                self.sig_resumed.emit,
                self._on_failure,
            )

        bridge.call(
            lambda db: sessions.resume(store, db, session_id),
            rebuild,
            self._on_failure,
            "resume session",
        )
