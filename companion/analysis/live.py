"""The analysis during a live interview: committed segments in, prompt updates out.

Runs beside the transcription (off the UI thread). Each committed segment yields an
:class:`AnalysisUpdate`: the prompts it raised and an immutable snapshot of every disclosure
episode's follow-up checklist, so a view can show the checklist filling in without touching the
analyser.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.analysis.analyser import Analyser
from companion.analysis.events import AnalysisEvent
from companion.transcript.model import Segment
from companion.transcript.parse import NOTE_PATTERN
from companion.transcription.events import CommittedSegment


@dataclass(frozen=True)
class EpisodeState:
    """Where one disclosure episode stands: its follow-up elements covered so far."""

    number: int
    segment: int
    category: str
    evidence: str
    acknowledged: bool | None
    medical_signposted: bool
    #: (element, covered) for when, where, how, by_whom, in that order.
    checklist: tuple[tuple[str, bool], ...]
    probe_stopped: bool


@dataclass(frozen=True)
class AnalysisUpdate:
    """What one committed segment changed."""

    segment: int
    events: tuple[AnalysisEvent, ...]
    episodes: tuple[EpisodeState, ...]


class LiveAnalysis:
    """An :class:`Analyser` fed with committed segments, in order."""

    def __init__(self, analyser: Analyser | None = None) -> None:
        self.analyser = analyser or Analyser()

    def feed(self, segment: CommittedSegment) -> AnalysisUpdate:
        """Analyse the next committed segment."""
        index = len(self.analyser.segments)
        events = self.analyser.feed(
            Segment(
                index=index,
                speaker=segment.speaker,
                text=segment.text,
                start=segment.start,
                end=segment.end,
                notes=tuple(NOTE_PATTERN.findall(segment.text)),
                language=segment.language,
            )
        )
        return AnalysisUpdate(index, tuple(events), self.episodes())

    def finish(self) -> AnalysisUpdate:
        """The interview ended: prompts for anything an episode still misses."""
        events = self.analyser.finish()
        return AnalysisUpdate(len(self.analyser.segments) - 1, tuple(events), self.episodes())

    def episodes(self) -> tuple[EpisodeState, ...]:
        """A snapshot of every episode so far."""
        return tuple(
            EpisodeState(
                number=e.number,
                segment=e.segment,
                category=e.category,
                evidence=e.evidence,
                acknowledged=e.acknowledged,
                medical_signposted=e.medical_signposted is not None,
                checklist=tuple((name, el.covered) for name, el in e.elements.items()),
                probe_stopped=e.probe_stopped_at is not None,
            )
            for e in self.analyser.episodes
        )
