"""The live recording of a session: engine events in, rows out through the serial writer.

Tentative text is never stored. Each committed segment is queued the moment it arrives and is
committed within a fraction of a second; :meth:`SessionRecorder.record` returns the future so a
caller that must not show a segment before it is safe (``transcribe --save``) can wait on it.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from typing import Any

from sqlalchemy.orm import Session

from companion.transcription.events import CommittedSegment
from models import record
from models.entities import ENDED
from models.writer import SerialWriter

log = logging.getLogger(__name__)


class SessionRecorder:
    """Writes one session's segments, breaks, corrections and state changes, in order."""

    def __init__(self, writer: SerialWriter, session_id: int, next_position: int = 0) -> None:
        self.writer = writer
        self.session_id = session_id
        self._position = next_position
        writer.keep_alive(session_id)

    @property
    def next_position(self) -> int:
        """The position the next committed segment takes."""
        return self._position

    def record(self, segment: CommittedSegment) -> Future[Any]:
        """Queue a committed segment; returns the future of its write."""
        position = self._position
        self._position += 1
        words = [
            {
                "w": w.text,
                "s": round(w.start, 2),
                "e": round(w.end, 2),
                "p": round(w.probability, 3),
            }
            for w in segment.words
        ]
        sid = self.session_id

        def write(db: Session) -> int:
            record.add_segment(
                db,
                sid,
                position,
                speaker=segment.speaker,
                text=segment.text,
                start_s=round(segment.start, 2),
                end_s=round(segment.end, 2),
                language=segment.language,
                confidence=None if segment.confidence is None else round(segment.confidence, 3),
                source=segment.source,
                words=words,
            )
            return position

        return self.writer.submit(write, f"segment {position}")

    def start_break(self, start_s: float, reason: str = "", requested_by: str = "") -> Future[Any]:
        """Queue the start of a break."""
        sid = self.session_id
        return self.writer.submit(
            lambda db: (
                record.start_break(db, sid, start_s, reason=reason, requested_by=requested_by).id
            ),
            "break start",
        )

    def end_break(self, end_s: float) -> Future[Any]:
        """Queue the end of the open break."""
        sid = self.session_id
        return self.writer.submit(lambda db: record.end_break(db, sid, end_s), "break end")

    def correct_text(self, position: int, value: str, author: str, reason: str = "") -> Future[Any]:
        """Queue a text correction of segment ``position`` (the original stays)."""
        sid = self.session_id
        return self.writer.submit(
            lambda db: (
                record.correct_text(db, sid, position, value, author=author, reason=reason).id
            ),
            "correction",
        )

    def correct_speaker(
        self, position: int, speaker: str, author: str = "caseworker", reason: str = ""
    ) -> Future[Any]:
        """Queue a speaker correction of segment ``position``."""
        sid = self.session_id
        return self.writer.submit(
            lambda db: (
                record.correct_speaker(db, sid, position, speaker, author=author, reason=reason).id
            ),
            "speaker correction",
        )

    def confirm(self, position: int, author: str = "interpreter") -> Future[Any]:
        """Queue a confirmation of segment ``position``."""
        sid = self.session_id
        return self.writer.submit(
            lambda db: record.confirm(db, sid, position, author=author).id, "confirmation"
        )

    def finish(self, state: str = ENDED) -> Future[Any]:
        """Queue the end of the session (or another final state); stops its heartbeat."""
        sid = self.session_id
        self.writer.keep_alive(sid, alive=False)
        return self.writer.submit(lambda db: record.set_state(db, sid, state), f"session {state}")
