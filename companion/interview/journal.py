"""Where an interview writes its record as it goes: a port the store's side implements.

The interview never touches the database: it hands each fact to a :class:`Journal`. This base
class keeps nothing (an interview without a store: the window says it is not saving); the
store's journal (``companion.usecases.journal``) queues each write on the store's serial writer.
Every method returns at once; :meth:`Journal.record_segment` returns the future of the write,
so the interview can show a segment once it is safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from typing import Any

from companion.analysis.live import EpisodeState
from companion.interpreting.concerns import Concern
from companion.transcription.events import CommittedSegment


class Journal:
    """The interview's record, written as it happens (each call queues; none blocks). Every
    method here keeps nothing; a journal on a store overrides them."""

    def record_segment(
        self, position: int, segment: CommittedSegment, offset_s: float
    ) -> Future[Any] | None:
        """A committed segment at ``position``; its engine times plus ``offset_s`` are
        interview times. The future (if any) is done once it is stored; None: nothing to
        wait for, shown at once."""
        return None

    def start_break(self, at_s: float, reason: str, asked_by: str) -> None:
        """A break began."""

    def end_break(self, at_s: float) -> None:
        """The open break ended."""

    def save_clock(self, snapshot: dict[str, Any]) -> None:
        """The clock as it stands (:meth:`SessionClock.snapshot`), for a crash."""

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
        """A prompt or timing warning as shown, and what was done about it (by ``key``)."""

    def save_episodes(self, episodes: Sequence[EpisodeState]) -> None:
        """The disclosure episodes found (replacing an earlier save)."""

    def save_checklist(self, name: str, ticks: Sequence[tuple[str, str, bool]]) -> None:
        """The opening or closing checklist's ticks."""

    def add_note(self, text: str, at_s: float, segment: int | None) -> None:
        """A caseworker's note."""

    def add_concern(self, concern: Concern) -> None:
        """A concern about interpreting."""

    def correct_speaker(self, position: int, speaker: str, by: str) -> None:
        """Who spoke was corrected."""

    def confirm(self, position: int, by: str) -> None:
        """A rendering was confirmed."""

    def correct_text(self, position: int, text: str, by: str, reason: str) -> None:
        """New words for a rendering (the original stays)."""

    def finish(self) -> Future[Any] | None:
        """The interview ended (the future, if any, is done once the store has it)."""
        return None
