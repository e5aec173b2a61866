"""An interview as the store holds it, in plain data: what :meth:`Interview.restore` rebuilds
the whole interview from after a crash."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from companion.interpreting.concerns import Concern
from companion.interpreting.ledger import Check
from companion.session_setup import InterviewSetup


@dataclass(frozen=True)
class StoredSegment:
    """A committed segment with its checks (confirmations and corrections, oldest first)."""

    position: int
    start_s: float
    end_s: float
    speaker: str
    speaker_auto: str
    text: str
    language: str | None = None
    checks: tuple[Check, ...] = ()


@dataclass(frozen=True)
class StoredBreak:
    """A break in the record (``end_s`` None while it lasted at the crash)."""

    start_s: float
    end_s: float | None
    reason: str = ""
    asked_by: str = ""


@dataclass(frozen=True)
class StoredPrompt:
    """A prompt card's or timing warning's stored state (``key`` as the interview names it:
    ``episode:0``, ``distress:12``, ``warning:break-due:0:suggested``)."""

    key: str
    state: str
    reason: str = ""


@dataclass(frozen=True)
class InterviewRecord:
    """Everything of an interview that its store holds."""

    session_id: int | None
    setup: InterviewSetup
    segments: tuple[StoredSegment, ...] = ()
    breaks: tuple[StoredBreak, ...] = ()
    #: The clock's last saved snapshot (None for a session saved by an older version).
    clock: dict[str, Any] | None = None
    prompts: tuple[StoredPrompt, ...] = ()
    concerns: tuple[Concern, ...] = ()
    #: Which checklists were completed ("opening", "closing").
    checklists: frozenset[str] = field(default_factory=frozenset)
