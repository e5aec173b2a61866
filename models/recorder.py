"""The live recording of a session: engine events in, rows out through the serial writer.

Tentative text is never stored. Each committed segment is queued the moment it arrives and is
committed within a fraction of a second; :meth:`SessionRecorder.record` returns the future of
the write (its result is the segment's position), so a caller that must not show a segment
before it is safe (``transcribe --save``) can wait on it. Nothing here blocks: creating or
resuming the session is itself a queued write, and every later write runs after it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any

from sqlalchemy.orm import Session

from companion.transcription.events import CommittedSegment
from models import record, recovery
from models.entities import ENDED
from models.writer import SerialWriter

log = logging.getLogger(__name__)


class SessionRecorder:
    """Writes one session's segments, breaks, corrections and state changes, in order.

    ``time_offset_s`` is added to engine times (a resumed session goes on after what was
    recorded before the interruption)."""

    def __init__(
        self, writer: SerialWriter, session_id: int | None = None, time_offset_s: float = 0.0
    ) -> None:
        self.writer = writer
        self._session_id = session_id
        self._offset = time_offset_s
        #: Done once the session exists (created or resumed); its result is the session id.
        self.ready: Future[Any] = Future()
        if session_id is not None:
            self.ready.set_result(session_id)
            writer.keep_alive(session_id)

    @classmethod
    def create(
        cls,
        writer: SerialWriter,
        reference: str,
        *,
        participants: Sequence[tuple[str, str, str]] = (),
        **fields: Any,
    ) -> SessionRecorder:
        """Queue a new live session owned by this process and record into it."""
        recorder = cls(writer)

        def create(db: Session) -> int:
            sid = record.create_session(
                db, reference, participants=participants, owner=recovery.owner_id(), **fields
            )
            recorder._session_id = sid
            return sid

        recorder._begin(writer.submit(create, "new session"))
        return recorder

    @classmethod
    def resume(cls, writer: SerialWriter, session_id: int) -> SessionRecorder:
        """Queue taking over an interrupted session and record after what it holds."""
        recorder = cls(writer)

        def resume(db: Session) -> int:
            resumed = recovery.resume_in(db, session_id)
            recorder._session_id = session_id
            recorder._offset = resumed.time_offset_s
            return session_id

        recorder._begin(writer.submit(resume, "resume session"))
        return recorder

    def _begin(self, future: Future[Any]) -> None:
        self.ready = future
        future.add_done_callback(
            lambda f: self.writer.keep_alive(f.result()) if f.exception() is None else None
        )

    @property
    def session_id(self) -> int | None:
        """The session's id, once it exists."""
        return self._session_id

    @property
    def time_offset_s(self) -> float:
        """Seconds added to engine times (non-zero for a resumed session)."""
        return self._offset

    def _sid(self) -> int:
        if self._session_id is None:  # its creation failed: every later write fails with it
            raise RuntimeError("the session could not be created or resumed")
        return self._session_id

    def _submit(self, label: str, operation: Callable[[Session, int], Any]) -> Future[Any]:
        return self.writer.submit(lambda db: operation(db, self._sid()), label)

    def record(
        self,
        segment: CommittedSegment,
        position: int | None = None,
        offset_s: float | None = None,
    ) -> Future[Any]:
        """Queue a committed segment; the future's result is its position in the session.

        ``position`` is the segment's one number, given by the interview (else the next free
        one); ``offset_s`` the interview time its engine times start from (else the
        recorder's offset)."""
        confidence = None if segment.confidence is None else round(segment.confidence, 3)
        # The offset in force now; a resumed session's is known only once it was taken over.
        now_offset = (
            offset_s if offset_s is not None else self._offset if self.ready.done() else None
        )

        def write(db: Session, sid: int) -> int:
            at = record.next_position(db, sid) if position is None else position
            offset = self._offset if now_offset is None else now_offset
            record.add_segment(
                db,
                sid,
                at,
                speaker=segment.speaker,
                text=segment.text,
                start_s=round(segment.start + offset, 2),
                end_s=round(segment.end + offset, 2),
                language=segment.language,
                confidence=confidence,
                source=segment.source,
                words=[
                    {
                        "w": w.text,
                        "s": round(w.start + offset, 2),
                        "e": round(w.end + offset, 2),
                        "p": round(w.probability, 3),
                    }
                    for w in segment.words
                ],
            )
            return at

        return self._submit("segment", write)

    def set_time_offset(self, seconds: float) -> None:
        """Interview time at which the engine's clock starts from now on (capture restarts
        from zero after a break)."""
        self._offset = seconds

    def write(self, label: str, operation: Callable[[Session, int], Any]) -> Future[Any]:
        """Queue any operation on this session: ``operation(db, session_id)``."""
        return self._submit(label, operation)

    def start_break(self, start_s: float, reason: str = "", requested_by: str = "") -> Future[Any]:
        """Queue the start of a break at interview time ``start_s``."""
        return self._submit(
            "break start",
            lambda db, sid: (
                record.start_break(db, sid, start_s, reason=reason, requested_by=requested_by).id
            ),
        )

    def end_break(self, end_s: float) -> Future[Any]:
        """Queue the end of the open break at interview time ``end_s``."""
        return self._submit("break end", lambda db, sid: record.end_break(db, sid, end_s))

    def correct_text(self, position: int, value: str, author: str, reason: str = "") -> Future[Any]:
        """Queue a text correction of segment ``position`` (the original stays)."""
        return self._submit(
            "correction",
            lambda db, sid: (
                record.correct_text(db, sid, position, value, author=author, reason=reason).id
            ),
        )

    def correct_speaker(
        self, position: int, speaker: str, author: str = "caseworker", reason: str = ""
    ) -> Future[Any]:
        """Queue a speaker correction of segment ``position``."""
        return self._submit(
            "speaker correction",
            lambda db, sid: (
                record.correct_speaker(db, sid, position, speaker, author=author, reason=reason).id
            ),
        )

    def confirm(self, position: int, author: str = "interpreter") -> Future[Any]:
        """Queue a confirmation of segment ``position``."""
        return self._submit(
            "confirmation", lambda db, sid: record.confirm(db, sid, position, author=author).id
        )

    def finish(self, state: str = ENDED) -> Future[Any]:
        """Queue the end of the session (or another final state); stops its heartbeat."""

        def finish(db: Session, sid: int) -> None:
            self.writer.keep_alive(sid, alive=False)
            record.set_state(db, sid, state)

        return self._submit(f"session {state}", finish)
