"""The interview as one Qt-free object: its states, its clock, its live analysis and prompts,
the interpreter's ledger and the concerns, one numbering of its segments, and the rules that
cross those parts. The window shows it; the store keeps it; after a crash it is rebuilt from
the store (:meth:`Interview.restore`).
"""

from companion.interview.events import (
    BreakStarted,
    CaptureWanted,
    CardsChanged,
    ClockChanged,
    ConcernRecorded,
    InterviewEvent,
    QuestioningResumed,
    SegmentSaved,
    SegmentShown,
    SleepNoticed,
    StateChanged,
    WarningRaised,
)
from companion.interview.interview import Interview
from companion.interview.journal import Journal
from companion.interview.record import InterviewRecord, StoredPrompt, StoredSegment
from companion.interview.state import InterviewState, TransitionError

__all__ = [
    "BreakStarted",
    "CaptureWanted",
    "CardsChanged",
    "ClockChanged",
    "ConcernRecorded",
    "Interview",
    "InterviewEvent",
    "InterviewRecord",
    "InterviewState",
    "Journal",
    "QuestioningResumed",
    "SegmentSaved",
    "SegmentShown",
    "SleepNoticed",
    "StateChanged",
    "StoredPrompt",
    "StoredSegment",
    "TransitionError",
    "WarningRaised",
]
