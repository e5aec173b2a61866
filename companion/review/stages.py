"""The stages of the quality framework a reviewer scores an interview against.

The reflection summary already maps its sections to them (``report["quality_map"]``, after the
EUAA Quality Assurance Tool for personal interviews); the review uses the same five, on a
1-5 scale.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    """One stage of the interview as a reviewer assesses it."""

    id: str
    title: str
    #: What the reviewer looks at (one line, shown beside the score).
    looks_at: str
    #: The summary's key in ``report["quality_map"]``.
    summary_key: str


STAGES: tuple[Stage, ...] = (
    Stage(
        "opening",
        "Opening",
        "Introductions, the interpreter understood, the purpose and confidentiality explained",
        "opening",
    ),
    Stage(
        "conducting",
        "Conducting",
        "Pace and breaks, open questions, distress and vulnerability met with care",
        "conducting",
    ),
    Stage(
        "substance",
        "Substance",
        "Material facts established; each disclosure acknowledged and followed up",
        "substance",
    ),
    Stage(
        "closing",
        "Closing",
        "Anything to add, documents, medical evidence, next steps explained",
        "closing",
    ),
    Stage(
        "record",
        "Interview record",
        "Dates, numbers, names and places read back; interpreting concerns recorded",
        "interview record",
    ),
)
STAGE_IDS: tuple[str, ...] = tuple(s.id for s in STAGES)
#: The score scale.
LOWEST, HIGHEST = 1, 5
SCORE_WORDS = {
    1: "1 — serious shortcomings",
    2: "2 — below standard",
    3: "3 — meets the standard with lapses",
    4: "4 — meets the standard",
    5: "5 — exemplary",
}


def stage(stage_id: str) -> Stage:
    """The stage named ``stage_id`` (a ``ValueError`` naming it if there is none)."""
    for found in STAGES:
        if found.id == stage_id:
            return found
    raise ValueError(f"no review stage {stage_id!r}; the stages are {', '.join(STAGE_IDS)}")


def check_score(stage_id: str, score: int | None) -> int | None:
    """``score`` if it is a score for ``stage_id`` (or None: not scored yet), else a one-line
    ``ValueError``."""
    stage(stage_id)
    if score is None:
        return None
    if isinstance(score, bool) or not isinstance(score, int) or not LOWEST <= score <= HIGHEST:
        raise ValueError(f"score for {stage_id}: {score!r} is not a whole number from 1 to 5")
    return score
