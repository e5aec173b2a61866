"""The interview: one object that owns the clock, the live analysis, the prompt board, the
interpreter's ledger and the concerns, numbers every segment once, and holds the rules that
cross those parts. Plain Python, owned by one thread (the UI's); views subscribe to its events
and call its methods; it writes its record through a :class:`Journal`.

Rules that live here because they cross parts:

- a segment has one position, given here, used by the analysis, both windows and the store;
- a segment is shown once the store has it (or, if the store is slow or failing, a second
  later marked as not saved yet), in the order it was said;
- distress noticed by the analysis brings the break suggestion forward;
- a break (and the end) stops capture, which commits what was being said; questioning starts
  it again; after the computer slept, capture is restarted (the devices reopened);
- a disclosure marks its segment in the interpreter's view;
- the clock is saved as it goes, so that :meth:`Interview.restore` gives back after a crash
  the time, the breaks, the warnings given and what was done about them, every episode with
  its follow-ups, every prompt's state and every confirmation and correction.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from companion.analysis.live import AnalysisUpdate, LiveAnalysis
from companion.analysis.prompt_board import PromptBoard, PromptCard
from companion.interpreting.concerns import Concern
from companion.interpreting.ledger import ConfirmationLedger, Rendering
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
from companion.interview.journal import Journal
from companion.interview.record import InterviewRecord
from companion.interview.state import UNDER_WAY, InterviewState, check_move
from companion.session_setup import InterviewSetup
from companion.summary.report import SessionFacts, build_report
from companion.timing.clock import (
    BreakRecord,
    ClockEvent,
    ClockState,
    SessionClock,
    TimingWarning,
)
from companion.timing.presets import get_preset
from companion.transcript.model import Segment, Transcript
from companion.transcription.events import CommittedSegment

#: The clock is saved at least this often (interview seconds) while it runs.
CLOCK_SAVE_EVERY_S = 5.0

S = InterviewState
Listener = Callable[[InterviewEvent], None]


@dataclass
class _Waiting:
    """A committed segment not shown yet: waiting for the store (or its second to pass)."""

    position: int
    start_s: float
    speaker: str
    text: str
    language: str | None
    saved: bool = False
    overdue: bool = False


class Interview:
    """One interview, from its set-up to its end (or its interruption and restoring)."""

    def __init__(
        self,
        setup: InterviewSetup,
        *,
        journal: Journal | None = None,
        now: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        clock: SessionClock | None = None,
        session_id: int | None = None,
    ) -> None:
        self.setup = setup
        self.journal = journal or Journal()
        #: The stored session (None while it is being created, or without a store).
        self.session_id = session_id
        self.state = S.SET_UP
        self.clock = clock or SessionClock(get_preset(setup.preset), now=now, wall=wall)
        self.clock.subscribe(self._clock_event)
        #: Fed by the transcription worker (off the UI thread), in commit order.
        self.analysis = LiveAnalysis()
        self.board = PromptBoard()
        self.board.subscribe(self._cards_changed)
        self.ledger = ConfirmationLedger(setup.language)
        self.concerns: list[Concern] = []
        self._listeners: list[Listener] = []
        self._next_position = 0
        self._waiting: list[_Waiting] = []
        self._shown: dict[int, bool] = {}  # position -> saved
        self._disclosures: set[int] = set()  # positions the analysis found a disclosure in
        self._capture_offset = 0.0
        self._clock_saved_at = -CLOCK_SAVE_EVERY_S
        self._silent = False  # while restoring: nothing is written again
        #: The segments an interview was restored with (shown in one go by a view).
        self.restored: list[SegmentShown] = []

    # -- observers ---------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` with every event of this interview."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop calling ``listener``."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, event: InterviewEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    def _move(self, target: InterviewState) -> None:
        check_move(self.state, target)
        previous, self.state = self.state, target
        self._save_clock(force=True)
        self._emit(StateChanged(target, previous))

    # -- reading -----------------------------------------------------------------------------
    @property
    def interview_s(self) -> float:
        """Interview time now (breaks included; a restored interview goes on from its time)."""
        return self.clock.elapsed_s

    @property
    def next_position(self) -> int:
        """The position the next committed segment will get."""
        return self._next_position

    @property
    def under_way(self) -> bool:
        """Questioning, on a break, or interrupted (not before the start, not after the end)."""
        return self.state in UNDER_WAY

    def open_cards(self) -> list[PromptCard]:
        """The prompt cards to show, in order."""
        return self.board.open_cards()

    def open_warning(self) -> TimingWarning | None:
        """The latest timing warning nothing was done about yet (shown in the clock panel)."""
        done = {a.occasion for a in self.clock.actions}
        for warning in reversed(self.clock.warnings):
            if warning.occasion not in done:
                return warning
        return None

    def last_position(self) -> int | None:
        """The newest segment shown, if any."""
        return max(self._shown) if self._shown else None

    # -- the interview's course --------------------------------------------------------------
    def begin(self) -> None:
        """The set-up is done: the opening checklist."""
        self._move(S.OPENING)

    def opening_done(self, ticks: Sequence[tuple[str, str, bool]]) -> None:
        """The opening checklist is done (its ticks are kept): the live view."""
        self.journal.save_checklist("opening", ticks)
        self._move(S.READY)

    def start_questioning(self) -> None:
        """Questioning begins: the clock starts, and so does capture."""
        self._move(S.QUESTIONING)
        self.clock.start()
        self._save_clock(force=True)
        self._emit(CaptureWanted(True))
        self._emit(ClockChanged())

    def take_break(self, reason: str = "", asked_by: str = "caseworker") -> None:
        """A break: logged, and capture stops (what was being said is committed)."""
        if self.state is S.INTERRUPTED and self.clock.state is ClockState.ON_BREAK:
            return  # it died during a break: that break goes on
        self.clock.start_break(reason, asked_by)
        at = self.interview_s
        self.journal.start_break(at, reason, asked_by)
        self._move(S.ON_BREAK)
        self._emit(BreakStarted(at, reason, asked_by))
        self._emit(CaptureWanted(False))
        self._emit(ClockChanged())

    def resume_questioning(self) -> None:
        """Back from a break, a pause or an interruption: capture starts again."""
        interrupted = self.state is S.INTERRUPTED
        if self.clock.state is ClockState.ON_BREAK:
            self.clock.end_break()
            self.journal.end_break(self.interview_s)
        elif self.clock.state is ClockState.PAUSED:
            self.clock.resume()
        elif self.clock.state is ClockState.NOT_STARTED:  # interrupted before questioning
            self.clock.start()
        self._move(S.QUESTIONING)
        self._emit(QuestioningResumed(self.interview_s, interrupted))
        self._emit(CaptureWanted(True))
        self._emit(ClockChanged())

    def go_on_after_interruption(self) -> None:
        """An interrupted interview goes on where it was: on its break if it died during
        one (capture stays off), else questioning."""
        if self.state is not S.INTERRUPTED:
            return
        if self.clock.state is ClockState.ON_BREAK:
            self._move(S.ON_BREAK)
            self._emit(ClockChanged())
        else:
            self.resume_questioning()

    def end(self) -> None:
        """The end of questioning: the clock stops, capture stops (committing the last
        words); call :meth:`capture_ended` once it has, for the closing checklist."""
        self.clock.end()
        self._move(S.CLOSING)
        self._emit(CaptureWanted(False))
        self._emit(ClockChanged())

    def capture_ended(self) -> None:
        """The last words are in: the analysis closes (prompts for anything an episode still
        misses) and the episodes are saved."""
        self.board.apply(self.analysis.finish())
        self.journal.save_episodes(self.analysis.episodes())

    def closing_done(self, ticks: Sequence[tuple[str, str, bool]]) -> Future[Any] | None:
        """The closing checklist is done: the interview has ended (the future, if any, is
        done once the store has closed the session)."""
        self.journal.save_checklist("closing", ticks)
        self._move(S.ENDED)
        return self.journal.finish()

    # -- time --------------------------------------------------------------------------------
    def tick(self) -> None:
        """Bring the clock up to now (about once a second); the clock is saved every few
        seconds so that a crash loses at most those."""
        if self.clock.state in (ClockState.NOT_STARTED, ClockState.ENDED):
            return
        self.clock.tick()
        self._save_clock()
        self._emit(ClockChanged())

    def act_on_warning(self, occasion: str, action: str, reason: str = "") -> None:
        """The caseworker acknowledged (``acted``) or snoozed (``not_now``) a warning."""
        if action == "snooze":
            self.clock.snooze(occasion, reason or "not now")
        else:
            self.clock.acknowledge(occasion, reason)
        self._save_warning(occasion, "not_now" if action == "snooze" else "acted", reason)
        self._save_clock(force=True)

    def _clock_event(self, event: ClockEvent) -> None:
        if isinstance(event, TimingWarning):
            self._save_warning(event.occasion, "open")
            self._emit(WarningRaised(event))
            return
        self._emit(SleepNoticed(event))
        if event.state is ClockState.QUESTIONING:
            self._emit(CaptureWanted(True, restart=True))

    def _save_warning(self, occasion: str, state: str, reason: str = "") -> None:
        if not self._silent:
            self.journal.save_prompt(
                f"warning:{occasion}",
                "timing-warning",
                None,
                occasion,
                state,
                reason,
                self.interview_s,
            )

    def _save_clock(self, force: bool = False) -> None:
        if self._silent or self.clock.state is ClockState.NOT_STARTED:
            return
        if force or abs(self.clock.elapsed_s - self._clock_saved_at) >= CLOCK_SAVE_EVERY_S:
            self._clock_saved_at = self.clock.elapsed_s
            self.journal.save_clock(self.clock.snapshot())

    # -- capture and segments ----------------------------------------------------------------
    def capture_starting(self) -> float:
        """Capture (re)starts now: its engine times start from this interview time."""
        self._capture_offset = self.interview_s
        return self._capture_offset

    def commit(self, segment: CommittedSegment) -> tuple[int, Future[Any] | None]:
        """A committed segment from the engine: its position, and the future of its write.
        It is shown (:class:`SegmentShown`) once :meth:`segment_saved` or
        :meth:`segment_overdue` lets it, in order; without a store, at once."""
        position = self._next_position
        self._next_position += 1
        waiting = _Waiting(
            position,
            segment.start + self._capture_offset,
            segment.speaker,
            segment.text,
            segment.language,
        )
        future = self.journal.record_segment(position, segment, self._capture_offset)
        self._waiting.append(waiting)
        if future is None:
            waiting.saved = True
            self._release()
        return position, future

    def segment_saved(self, position: int) -> None:
        """The store has committed the segment at ``position``."""
        for waiting in self._waiting:
            if waiting.position == position:
                waiting.saved = True
                self._release()
                return
        if self._shown.get(position) is False:  # shown before it was saved
            self._shown[position] = True
            self._emit(SegmentSaved(position))

    def segment_overdue(self, position: int) -> None:
        """The store did not confirm the segment in time: show it, marked not saved yet."""
        for waiting in self._waiting:
            if waiting.position == position:
                waiting.overdue = True
                self._release()
                return

    def _release(self) -> None:
        """Show the waiting segments that may be shown, in the order they were said."""
        while self._waiting and (self._waiting[0].saved or self._waiting[0].overdue):
            w = self._waiting.pop(0)
            self._show(w.position, w.start_s, w.speaker, w.text, w.saved)

    def _show(
        self,
        position: int,
        start_s: float,
        speaker: str,
        text: str,
        saved: bool,
        *,
        speaker_auto: str = "",
        checks: Iterable[Any] = (),
    ) -> Rendering:
        self._shown[position] = saved
        shown = SegmentShown(position, start_s, speaker, text, saved, speaker_auto)
        if self._silent:  # restoring: the views take these in one go
            self.restored.append(shown)
        self._emit(shown)
        return self.ledger.add(
            position,
            start_s,
            speaker,
            text,
            disclosure=position in self._disclosures,
            checks=checks,
        )

    @property
    def unshown(self) -> int:
        """Committed segments still waiting for the store."""
        return len(self._waiting)

    # -- analysis ----------------------------------------------------------------------------
    def apply_analysis(self, update: AnalysisUpdate) -> None:
        """What a committed segment changed in the analysis (its segment numbers are
        positions): prompts, disclosure marks, and distress brings the break forward."""
        for event in update.events:
            if event.kind == "disclosure":
                self._disclosures.add(event.segment)
                self.ledger.mark_disclosure(event.segment)
        if (
            any(e.kind == "distress" for e in update.events)
            and self.clock.state is ClockState.QUESTIONING
        ):
            self.clock.suggest_break("distress")
        self.board.apply(update)

    def act_on_prompt(self, card_id: int, action: str, reason: str = "") -> PromptCard:
        """What the caseworker did with a prompt card (asked, not now, dismissed)."""
        return self.board.act(card_id, action, reason)

    def _cards_changed(self, cards: list[PromptCard]) -> None:
        if not self._silent:
            for card in cards:
                self.journal.save_prompt(
                    ":".join(card.key),
                    card.kind,
                    card.segment,
                    card.evidence,
                    card.state,
                    card.reason,
                    self.interview_s,
                )
        self._emit(CardsChanged(tuple(cards), tuple(self.board.open_cards())))

    # -- corrections, confirmations, notes, concerns -----------------------------------------
    def correct_speaker(self, position: int, speaker: str, by: str = "caseworker") -> None:
        """Who spoke was corrected (the recognised speaker stays in the record)."""
        self.ledger.set_speaker(position, speaker)
        self.journal.correct_speaker(position, speaker, by)

    def confirm(self, position: int, by: str) -> Rendering:
        """A rendering was read back and confirmed (raises ``CheckError`` if it cannot be)."""
        rendering = self.ledger.confirm(position, by, self.interview_s)
        self.journal.confirm(position, by)
        return rendering

    def correct(self, position: int, text: str, by: str, reason: str = "") -> Rendering:
        """New words for a rendering, beside the original (raises ``CheckError``)."""
        rendering = self.ledger.correct(position, text, by, reason, self.interview_s)
        self.journal.correct_text(position, rendering.text, by, reason.strip())
        return rendering

    def add_note(self, text: str, position: int | None) -> None:
        """A caseworker's note, at this moment (and on a segment, if one was chosen)."""
        self.journal.add_note(text, self.interview_s, position)

    def add_concern(self, concern: Concern) -> None:
        """A concern about interpreting."""
        self.concerns.append(concern)
        self.journal.add_concern(concern)
        self._emit(ConcernRecorded(concern))

    # -- the summary of an interview that was not saved --------------------------------------
    def summary(self) -> dict[str, Any]:
        """The reflection summary from what this interview holds in memory."""
        transcript = Transcript(
            segments=[
                Segment(i, r.speaker, r.original, r.start_s)
                for i, r in enumerate(self.ledger.all())
            ],
            source=self.setup.reference,
        )
        facts = SessionFacts(
            reference=self.setup.reference,
            language=self.setup.language,
            breaks=tuple(
                {
                    "start_s": b.start_s,
                    "end_s": b.end_s or b.start_s,
                    "reason": b.reason,
                    "requested_by": b.asked_by,
                }
                for b in self.clock.breaks
            ),
            corrections=tuple(self.ledger.corrections()),
            confirmed=tuple(self.ledger.confirmed()),
            concerns=tuple(c.fact() for c in self.concerns),
        )
        return build_report(transcript, self.clock.preset, facts)

    # -- after a crash -----------------------------------------------------------------------
    @classmethod
    def restore(
        cls,
        record: InterviewRecord,
        *,
        journal: Journal | None = None,
        now: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> Interview:
        """Rebuild an interview from its stored record: the clock as last saved (questioning
        comes back paused), every segment at its position with its checks, the analysis
        and every episode's follow-ups (the segments analysed again, in order), every
        prompt's state and reason, and the concerns. Nothing is written while restoring.
        Can run off the UI thread: nobody listens yet."""
        preset = get_preset(record.setup.preset)
        ends = [s.end_s for s in record.segments] + [
            b.end_s if b.end_s is not None else b.start_s for b in record.breaks
        ]
        if record.clock is not None:
            clock = SessionClock.restore(
                preset, record.clock, now=now, wall=wall, at_least_s=max(ends, default=0.0)
            )
        else:
            clock = SessionClock.replay(
                preset,
                [
                    BreakRecord(b.start_s, b.end_s, b.reason, b.asked_by or "caseworker")
                    for b in record.breaks
                ],
                max(ends, default=0.0),
                now=now,
                wall=wall,
            )
        interview = cls(
            record.setup,
            journal=journal,
            now=now,
            wall=wall,
            clock=clock,
            session_id=record.session_id,
        )
        interview._silent = True
        for stored in record.segments:
            update = interview.analysis.feed(
                CommittedSegment(
                    stored.position,
                    "",
                    stored.speaker_auto,
                    stored.start_s,
                    stored.end_s,
                    stored.text,
                    language=stored.language,
                )
            )
            interview.apply_analysis(update)
            interview._show(
                stored.position,
                stored.start_s,
                stored.speaker,
                stored.text,
                True,
                speaker_auto=stored.speaker_auto,
                checks=stored.checks,
            )
        interview._next_position = len(record.segments)
        for prompt in record.prompts:
            if prompt.key.startswith("warning:"):
                if record.clock is None and prompt.state != "open":
                    interview.clock.acknowledge(prompt.key.removeprefix("warning:"), prompt.reason)
                continue
            interview.board.restore_state(prompt.key, prompt.state, prompt.reason)
        interview.concerns = list(record.concerns)
        interview._silent = False
        interview._clock_saved_at = clock.elapsed_s
        if clock.state is ClockState.ENDED:
            interview.state = S.CLOSING
        elif clock.state is ClockState.NOT_STARTED:
            interview.state = S.READY if "opening" in record.checklists else S.OPENING
        else:
            interview.state = S.INTERRUPTED
        return interview
