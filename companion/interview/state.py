"""The interview's named states and the moves between them.

set-up → opening checklist → ready → questioning ⇄ on break → closing checklist → ended;
an interview rebuilt after a crash is *interrupted* until the caseworker goes on (back to
questioning, or to the break it died in) or ends it.
"""

from __future__ import annotations

from enum import Enum


class InterviewState(Enum):
    """Where the interview is."""

    SET_UP = "set-up"
    OPENING = "opening checklist"
    READY = "ready"  # the live view is shown; questioning has not started
    QUESTIONING = "questioning"
    ON_BREAK = "on break"
    CLOSING = "closing checklist"
    ENDED = "ended"
    INTERRUPTED = "interrupted"


S = InterviewState

#: The moves the interview allows, from each state.
MOVES: dict[InterviewState, frozenset[InterviewState]] = {
    S.SET_UP: frozenset({S.OPENING}),
    S.OPENING: frozenset({S.READY}),
    S.READY: frozenset({S.QUESTIONING, S.CLOSING}),
    S.QUESTIONING: frozenset({S.ON_BREAK, S.CLOSING}),
    S.ON_BREAK: frozenset({S.QUESTIONING, S.CLOSING}),
    S.INTERRUPTED: frozenset({S.QUESTIONING, S.ON_BREAK, S.CLOSING}),
    S.CLOSING: frozenset({S.ENDED}),
    S.ENDED: frozenset(),
}

#: States in which the interview is under way (capture may run, time counts).
UNDER_WAY = frozenset({S.QUESTIONING, S.ON_BREAK, S.INTERRUPTED})


class TransitionError(RuntimeError):
    """A move the interview does not allow from where it is (a bug in the caller)."""


def check_move(current: InterviewState, target: InterviewState) -> None:
    """Raise :class:`TransitionError` unless ``current → target`` is allowed."""
    if target not in MOVES[current]:
        raise TransitionError(f"the interview cannot go from {current.value} to {target.value}")
