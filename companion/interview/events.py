"""What the interview tells the views that subscribe to it: immutable, plain data."""

from __future__ import annotations

from dataclasses import dataclass

from companion.analysis.prompt_board import PromptCard
from companion.interpreting.concerns import Concern
from companion.interview.state import InterviewState
from companion.timing.clock import ClockJump, TimingWarning


@dataclass(frozen=True)
class StateChanged:
    """The interview moved from one state to another."""

    state: InterviewState
    previous: InterviewState


@dataclass(frozen=True)
class SegmentShown:
    """A committed segment may be shown: the store has it (``saved``), or it did not come
    back in time and is shown marked as not saved yet. ``position`` is its one number."""

    position: int
    start_s: float
    speaker: str
    text: str
    saved: bool
    #: The speaker as recognised, if somebody corrected it since.
    speaker_auto: str = ""


@dataclass(frozen=True)
class SegmentSaved:
    """A segment shown before the store had it is now saved."""

    position: int


@dataclass(frozen=True)
class ClockChanged:
    """The clock moved (a tick or a change of state): show its times."""


@dataclass(frozen=True)
class WarningRaised:
    """A timing warning to show (once per occasion)."""

    warning: TimingWarning


@dataclass(frozen=True)
class SleepNoticed:
    """The computer slept; the time was not counted as questioning."""

    jump: ClockJump


@dataclass(frozen=True)
class BreakStarted:
    """A break began at interview time ``at_s``."""

    at_s: float
    reason: str
    asked_by: str


@dataclass(frozen=True)
class QuestioningResumed:
    """Questioning goes on (after a break, a pause or an interruption)."""

    at_s: float
    after_interruption: bool = False


@dataclass(frozen=True)
class ConcernRecorded:
    """A concern about interpreting was recorded."""

    concern: Concern


@dataclass(frozen=True)
class CardsChanged:
    """Prompt cards were created or changed; ``open_cards`` are those to show, in order."""

    changed: tuple[PromptCard, ...]
    open_cards: tuple[PromptCard, ...]


@dataclass(frozen=True)
class CaptureWanted:
    """Capture should run (or stop: a break, the end), or be restarted (the computer slept
    and the devices need reopening). Capture stopping commits what was being said."""

    run: bool
    restart: bool = False


InterviewEvent = (
    StateChanged
    | SegmentShown
    | SegmentSaved
    | ClockChanged
    | WarningRaised
    | SleepNoticed
    | BreakStarted
    | QuestioningResumed
    | ConcernRecorded
    | CardsChanged
    | CaptureWanted
)
