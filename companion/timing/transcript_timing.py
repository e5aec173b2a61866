"""The timing rules applied to a finished transcript: the same :class:`SessionClock`, replayed.

Interview time starts at 0. Questioning runs from 0 to the end of the last segment or break,
minus the breaks. Warnings come out exactly where a live session would have raised them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from companion.errors import UserError
from companion.timing.clock import SessionClock, TimingWarning
from companion.timing.presets import Preset
from companion.transcript.model import Transcript


@dataclass
class TimingReport:
    """Timing of one interview (the ``timing`` object of the summary contract)."""

    preset: str
    elapsed_s: float
    questioning_s: float
    breaks: list[dict[str, Any]] = field(default_factory=list)
    longest_without_break_s: float = 0.0
    warnings: list[TimingWarning] = field(default_factory=list)
    #: False for a transcript without times (plain text): nothing could be measured.
    timed: bool = True

    def to_contract(self) -> dict[str, Any]:
        """The contract's JSON form."""
        return {
            "elapsed_s": round(self.elapsed_s, 2),
            "questioning_s": round(self.questioning_s, 2),
            "breaks": self.breaks,
            "longest_without_break_s": round(self.longest_without_break_s, 2),
            "warnings": [
                {
                    "at_s": round(w.at_s, 2),
                    "rule": w.rule,
                    "message": w.message,
                    "source": w.source,
                    "occasion": w.occasion,
                }
                for w in self.warnings
            ],
            "timed": self.timed,
        }


def _fixed() -> float:
    return 0.0


def evaluate_transcript(transcript: Transcript, preset: Preset) -> TimingReport:
    """Replay the transcript's timeline through the session clock."""
    ends = [s.end if s.end is not None else s.start for s in transcript.segments]
    times = [t for t in ends if t is not None] + [b.end for b in transcript.breaks]
    if not times:
        return TimingReport(preset.name, 0.0, 0.0, timed=False)
    end = max(times)
    clock = SessionClock(preset, now=_fixed, wall=_fixed)
    clock.start()
    position = 0.0
    previous_end = -1.0
    for item in sorted(transcript.breaks, key=lambda b: b.start):
        if item.start < previous_end:
            raise UserError(f"{transcript.source}:{item.line}: break overlaps the break before")
        clock.advance(item.start - position)
        clock.start_break(item.reason, asked_by="caseworker")
        clock.advance(item.end - item.start)
        clock.end_break()
        position = previous_end = item.end
    clock.advance(max(0.0, end - position))
    clock.end()
    breaks = [{"start_s": b.start_s, "end_s": b.end_s, "reason": b.reason} for b in clock.breaks]
    return TimingReport(
        preset=preset.name,
        elapsed_s=clock.elapsed_s,
        questioning_s=clock.questioning_s,
        breaks=breaks,
        longest_without_break_s=clock.longest_stretch_s,
        warnings=list(clock.warnings),
    )
