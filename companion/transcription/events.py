"""What the streaming engine tells its listeners: tentative text, committed segments, status.

These are plain, immutable values: the UI re-emits them as Qt signals, the command line prints
them, the store saves committed segments. Times are seconds of interview time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Speaker roles of the transcript contract.
ROLES = ("caseworker", "interpreter", "claimant", "unknown")
#: Each role as a transcript shows it.
ROLE_LABELS = {role: role.capitalize() for role in ROLES}


@dataclass(frozen=True)
class Word:
    """One recognised word with its timing and the model's probability."""

    text: str
    start: float
    end: float
    probability: float = 1.0


@dataclass(frozen=True)
class TentativeText:
    """Provisional text for the audio after the last emitted segment.

    Its ``settled`` words are final already; the rest may still change.

    A newer ``TentativeText`` for the same ``source`` replaces the older one; an empty
    ``text`` clears it.
    """

    source: str
    speaker: str
    text: str
    start: float
    end: float
    emitted_at: float = 0.0
    #: The leading words of ``text`` that are already final: committed (they will never
    #: change) but waiting for the end of their sentence to be emitted as a segment.
    settled: str = ""
    #: When the last settled word ends (interview time), or None when nothing is settled.
    settled_until: float | None = None


@dataclass(frozen=True)
class CommittedSegment:
    """A piece of transcript that will never change again (corrections are stored separately)."""

    index: int
    source: str
    speaker: str
    start: float
    end: float
    text: str
    language: str | None = None
    language_probability: float | None = None
    confidence: float | None = None
    words: tuple[Word, ...] = field(default=(), repr=False)
    emitted_at: float = 0.0

    def to_contract(self) -> dict[str, Any]:
        """The JSON Lines form of the transcript contract, with a few extra keys."""
        record: dict[str, Any] = {
            "start": round(self.start, 2),
            "end": round(self.end, 2),
            "speaker": self.speaker,
            "text": self.text,
            "source": self.source,
        }
        if self.language:
            record["language"] = self.language
        if self.confidence is not None:
            record["confidence"] = round(self.confidence, 3)
        if self.words:
            record["words"] = [
                {
                    "w": w.text,
                    "s": round(w.start, 2),
                    "e": round(w.end, 2),
                    "p": round(w.probability, 3),
                }
                for w in self.words
            ]
        return record


@dataclass(frozen=True)
class EngineStatus:
    """The engine's health: how far behind live audio it is and whether it degraded.

    ``level`` 0 is normal; 1 means larger steps between passes; 2 means tentative passes are
    dropped and text is committed only at pauses. ``message`` is a short human sentence.
    """

    source: str
    level: int
    backlog_s: float
    message: str


@dataclass(frozen=True)
class SourceProblem:
    """A capture source failed (device unplugged, file unreadable); the session keeps its text."""

    source: str
    message: str
    fatal: bool = False


@dataclass(frozen=True)
class SoundNotice:
    """The voice gate keeps hearing sound that may be speech but is not sure enough to pass it
    to the model (a quiet voice, a whisper, speech far from the microphone): said, not silently
    dropped, with the sound's level so the caseworker can check the volume."""

    source: str
    level_db: float
    message: str


Event = TentativeText | CommittedSegment | EngineStatus | SourceProblem | SoundNotice
