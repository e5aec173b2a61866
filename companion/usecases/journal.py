"""The interview's journal on the store: each fact queued on the serial writer, in order."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from typing import Any

from companion.analysis.live import EpisodeState
from companion.interpreting.concerns import Concern
from companion.interview.journal import Journal
from companion.session_setup import InterviewSetup
from companion.transcription.events import CommittedSegment
from models import record
from models.recorder import SessionRecorder
from models.writer import SerialWriter


class StoreJournal(Journal):
    """Writes one interview's record through a :class:`SessionRecorder`."""

    def __init__(self, recorder: SessionRecorder) -> None:
        super().__init__()
        self.recorder = recorder

    @classmethod
    def create(cls, writer: SerialWriter, setup: InterviewSetup) -> StoreJournal:
        """Queue a new live session for ``setup`` (``ready`` gives its id)."""
        return cls(
            SessionRecorder.create(
                writer,
                setup.reference,
                language=setup.language,
                dialect=setup.dialect,
                interpreter=setup.interpreter,
                preset=setup.preset,
                origin="demo" if setup.demo else "live",
                participants=setup.participants(),
            )
        )

    @classmethod
    def taken_over(cls, writer: SerialWriter, session_id: int) -> StoreJournal:
        """The journal of a session this process has already taken over (resumed)."""
        return cls(SessionRecorder(writer, session_id))

    @property
    def ready(self) -> Future[Any]:
        """Done once the session exists; its result is the session id."""
        return self.recorder.ready

    def record_segment(
        self, position: int, segment: CommittedSegment, offset_s: float
    ) -> Future[Any] | None:
        """Queue the segment at its position."""
        return self.recorder.record(segment, position, offset_s)

    def start_break(self, at_s: float, reason: str, asked_by: str) -> None:
        """Queue the break's start."""
        self.recorder.start_break(at_s, reason, asked_by)

    def end_break(self, at_s: float) -> None:
        """Queue the break's end."""
        self.recorder.end_break(at_s)

    def save_clock(self, snapshot: dict[str, Any]) -> None:
        """Queue the clock's snapshot."""
        self.recorder.write("clock", lambda db, sid: record.save_clock(db, sid, snapshot))

    def save_prompt(
        self,
        key: str,
        kind: str,
        segment: int | None,
        evidence: str,
        state: str,
        reason: str,
        at_s: float,
    ) -> None:
        """Queue a prompt's (or warning's) state."""
        self.recorder.write(
            kind,
            lambda db, sid: record.save_prompt(
                db,
                sid,
                key=key,
                kind=kind,
                segment_position=segment,
                evidence=evidence,
                shown_at_s=at_s,
                state=state,
                reason=reason,
            ),
        )

    def save_episodes(self, episodes: Sequence[EpisodeState]) -> None:
        """Queue the episodes."""
        found = tuple(episodes)
        self.recorder.write("episodes", lambda db, sid: record.save_episodes(db, sid, found))

    def save_checklist(self, name: str, ticks: Sequence[tuple[str, str, bool]]) -> None:
        """Queue a checklist's ticks."""
        done = list(ticks)
        self.recorder.write(
            f"{name} checklist", lambda db, sid: record.record_checklist(db, sid, name, done)
        )

    def add_note(self, text: str, at_s: float, segment: int | None) -> None:
        """Queue a note."""
        self.recorder.write("note", lambda db, sid: record.add_note(db, sid, text, at_s, segment))

    def add_concern(self, concern: Concern) -> None:
        """Queue a concern."""
        self.recorder.write(
            "interpreting concern", lambda db, sid: record.add_concern(db, sid, concern)
        )

    def correct_speaker(self, position: int, speaker: str, by: str) -> None:
        """Queue a speaker correction."""
        self.recorder.correct_speaker(position, speaker, by)

    def confirm(self, position: int, by: str) -> None:
        """Queue a confirmation."""
        self.recorder.confirm(position, by)

    def correct_text(self, position: int, text: str, by: str, reason: str) -> None:
        """Queue a correction."""
        self.recorder.correct_text(position, text, by, reason)

    def finish(self) -> Future[Any] | None:
        """Queue the session's end."""
        return self.recorder.finish()
