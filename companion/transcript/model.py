"""A transcript in memory: segments in spoken order, and breaks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: Speaker roles of the contract.
ROLES = ("caseworker", "interpreter", "claimant", "unknown")


@dataclass(frozen=True)
class Segment:
    """One turn (or part of one). ``notes`` are bracketed observations recorded with it
    ("[Claimant upset and crying]"): evidence, not speech. ``line`` is where it started in the
    file it came from (1-based)."""

    index: int
    speaker: str
    text: str
    start: float | None = None
    end: float | None = None
    notes: tuple[str, ...] = ()
    line: int = 0
    language: str | None = None
    #: The whole JSON Lines record it came from (extra keys such as corrections), if any.
    raw: Mapping[str, Any] | None = field(default=None, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class BreakLine:
    """A break recorded in a transcript (interview seconds)."""

    start: float
    end: float
    reason: str = ""
    line: int = 0
    #: Who asked for it (claimant, caseworker, interpreter, distress), if recorded.
    requested_by: str = ""
    #: How many segments came before it in the file, if it was read from one.
    after_segments: int | None = None


@dataclass
class Transcript:
    """Segments in spoken order plus breaks, as read from ``source``."""

    segments: list[Segment] = field(default_factory=list)
    breaks: list[BreakLine] = field(default_factory=list)
    source: str = ""
    #: "jsonl" or "text".
    form: str = "jsonl"
