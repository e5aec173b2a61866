"""The interview as one Qt-free object: its states and rules, and rebuilt after a crash with
everything it had: clock, breaks, warnings and what was done about them, episodes and their
follow-ups, prompt states, confirmations and corrections, one numbering of segments."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from typing import Any

import pytest

from companion.interpreting.concerns import Concern
from companion.interpreting.ledger import CONFIRM, CORRECT, Check
from companion.interview import (
    CaptureWanted,
    Interview,
    InterviewRecord,
    InterviewState,
    StoredPrompt,
    StoredSegment,
    TransitionError,
)
from companion.interview.journal import Journal
from companion.interview.record import StoredBreak
from companion.session_setup import InterviewSetup
from companion.transcription.events import CommittedSegment
from tests.fakes import FakeTime


class MemoryJournal(Journal):
    """What the store would hold, kept in memory (the store's own tests cover the store)."""

    def __init__(self) -> None:
        self.segments: dict[int, StoredSegment] = {}
        self.breaks: list[list[Any]] = []
        self.clock: dict[str, Any] | None = None
        self.prompts: dict[str, tuple[str, str]] = {}
        self.checks: dict[int, list[Check]] = {}
        self.concerns: list[Concern] = []
        self.checklists: set[str] = set()

    def record_segment(self, position: int, segment: CommittedSegment, offset_s: float):
        assert position not in self.segments, f"position {position} given twice"
        self.segments[position] = StoredSegment(
            position,
            segment.start + offset_s,
            segment.end + offset_s,
            segment.speaker,
            segment.speaker,
            segment.text,
        )
        done: Future[Any] = Future()
        done.set_result(position)
        return done

    def start_break(self, at_s: float, reason: str, asked_by: str) -> None:
        self.breaks.append([at_s, None, reason, asked_by])

    def end_break(self, at_s: float) -> None:
        self.breaks[-1][1] = at_s

    def save_clock(self, snapshot: dict[str, Any]) -> None:
        self.clock = snapshot

    def save_prompt(self, key, kind, segment, evidence, state, reason, at_s) -> None:
        self.prompts[key] = (state, reason)

    def save_checklist(self, name: str, ticks: Sequence[tuple[str, str, bool]]) -> None:
        self.checklists.add(name)

    def add_concern(self, concern: Concern) -> None:
        self.concerns.append(concern)

    def confirm(self, position: int, by: str) -> None:
        self.checks.setdefault(position, []).append(Check(CONFIRM, by, None))

    def correct_text(self, position: int, text: str, by: str, reason: str) -> None:
        self.checks.setdefault(position, []).append(Check(CORRECT, by, None, text, reason))

    def record(self, setup: InterviewSetup) -> InterviewRecord:
        """The record as the store gives it back after a crash."""
        return InterviewRecord(
            session_id=7,
            setup=setup,
            segments=tuple(
                StoredSegment(
                    s.position,
                    s.start_s,
                    s.end_s,
                    s.speaker,
                    s.speaker_auto,
                    s.text,
                    checks=tuple(self.checks.get(p, ())),
                )
                for p, s in sorted(self.segments.items())
            ),
            breaks=tuple(StoredBreak(*b) for b in self.breaks),
            clock=self.clock,
            prompts=tuple(StoredPrompt(k, s, r) for k, (s, r) in self.prompts.items()),
            concerns=tuple(self.concerns),
            checklists=frozenset(self.checklists),
        )


SETUP = InterviewSetup("IC-2026-0300", language="fa")


def _pass(interview: Interview, time: FakeTime, seconds: float) -> None:
    """Time passes with the clock ticking every 10 s (a gap without ticks is a sleep)."""
    for _ in range(int(seconds // 10)):
        time.t += 10
        interview.tick()


def _say(interview: Interview, speaker: str, text: str, at: float = 1.0) -> int:
    segment = CommittedSegment(0, "call", speaker, at, at + 2.0, text)
    position, future = interview.commit(segment)
    if future is not None and future.done():  # what the app's controller does for the store
        interview.segment_saved(position)
    interview.apply_analysis(interview.analysis.feed(segment))
    return position


def _three_hours(journal: MemoryJournal, time: FakeTime) -> Interview:
    """2 h 50 of questioning, one break of 10 minutes, a disclosure acted on, warnings given
    and acted on, a rendering confirmed and one corrected: at 3:00:00 of interview time."""
    interview = Interview(SETUP, journal=journal, now=time.now, wall=time.wall)
    interview.begin()
    interview.opening_done([("fit", "Fit and well", True)])
    interview.start_questioning()
    _say(interview, "caseworker", "What happened to you at the detention centre?")
    _say(interview, "interpreter", "He says they beat him with cables and burned his arm.")
    card = next(c for c in interview.open_cards() if c.kind == "episode")
    interview.act_on_prompt(card.id, "asked")
    _say(interview, "caseworker", "Thank you for telling me. When did this happen?")
    _say(interview, "interpreter", "He says it was in 1399, in the month of Dey, in Herat.")
    interview.confirm(3, "interpreter")
    interview.correct(1, "He says they beat him with cables and burned his arms.", "interpreter")
    _pass(interview, time, 80 * 60)  # the 75-minute break suggestion fires
    suggested = interview.open_warning()
    assert suggested is not None and suggested.rule == "break-due"
    interview.act_on_warning(suggested.occasion, "acted", "offered water")
    _pass(interview, time, 10 * 60)
    interview.take_break("comfort break", "claimant")
    _pass(interview, time, 10 * 60)
    interview.resume_questioning()
    _pass(interview, time, 80 * 60)  # a second suggestion, in the second stretch
    second = interview.open_warning()
    assert second is not None and second.occasion != suggested.occasion
    interview.act_on_warning(second.occasion, "snooze", "claimant wants to finish this part")
    return interview


def test_a_session_interrupted_at_three_hours_comes_back_as_it_was() -> None:
    journal, time = MemoryJournal(), FakeTime()
    before = _three_hours(journal, time)
    assert round(before.clock.elapsed_s) == 3 * 3600
    # The app dies here. Later, the record is all there is.
    time.t += 600  # ten minutes down: not counted
    after = Interview.restore(journal.record(SETUP), now=time.now, wall=time.wall)

    assert after.state is InterviewState.INTERRUPTED
    assert after.clock.questioning_s == pytest.approx(before.clock.questioning_s, abs=5)
    assert after.clock.questioning_s == pytest.approx(2 * 3600 + 50 * 60, abs=5)
    assert after.clock.elapsed_s == pytest.approx(3 * 3600, abs=5)
    assert [(b.start_s, b.end_s, b.reason) for b in after.clock.breaks] == [
        (b.start_s, b.end_s, b.reason) for b in before.clock.breaks
    ]
    # The warnings already given, and what was done about them: none comes back as new.
    assert [w.occasion for w in after.clock.warnings] == [w.occasion for w in before.clock.warnings]
    assert [(a.occasion, a.action) for a in after.clock.actions] == [
        (a.occasion, a.action) for a in before.clock.actions
    ]
    assert after.open_warning() is None
    # The disclosure's card, with its state and its follow-up checklist.
    (episode,) = [c for c in after.board.cards if c.kind == "episode"]
    (was,) = [c for c in before.board.cards if c.kind == "episode"]
    assert (episode.key, episode.state, episode.checklist) == (was.key, "asked", was.checklist)
    assert dict(episode.checklist)["when"] and dict(episode.checklist)["where"]
    # Confirmations and corrections, the original kept.
    assert after.ledger.get(3).state == "confirmed"
    assert after.ledger.get(1).text.endswith("burned his arms.")
    assert after.ledger.get(1).original.endswith("burned his arm.")
    assert after.next_position == 4

    # Going on: questioning from where it was; the snoozed reminder and the 4-hour limit
    # still come, at the right questioning time, and nothing fires twice.
    after.go_on_after_interruption()
    assert after.state is InterviewState.QUESTIONING
    fired: list[str] = []
    after.subscribe(lambda e: fired.append(e.warning.occasion) if hasattr(e, "warning") else None)
    _pass(after, time, 70 * 60)
    assert "approaching-limit" in fired  # at 3 h 30 of questioning
    assert any(o.endswith(":reminder") for o in fired)
    assert len(fired) == len(set(fired))


def test_a_new_disclosure_after_a_resume_is_a_new_episode_and_keeps_the_old_card() -> None:
    journal, time = MemoryJournal(), FakeTime()
    _three_hours(journal, time)
    after = Interview.restore(journal.record(SETUP), journal=journal, now=time.now, wall=time.wall)
    after.go_on_after_interruption()
    position = _say(after, "interpreter", "He says the second time they took him they raped him.")
    assert position == 4  # one numbering: the store, the analysis and the windows agree
    assert set(journal.segments) == {0, 1, 2, 3, 4}
    cards = [c for c in after.board.cards if c.kind == "episode"]
    assert [c.key for c in cards] == [("episode", "0"), ("episode", "1")]
    assert cards[1].segment == 4
    assert journal.prompts["episode:0"][0] == "asked"  # the earlier card's row is untouched
    assert journal.prompts["episode:1"][0] == "open"
    assert after.ledger.get(4).disclosure


def test_restoring_writes_nothing_again() -> None:
    journal, time = MemoryJournal(), FakeTime()
    _three_hours(journal, time)
    record = journal.record(SETUP)
    quiet = MemoryJournal()
    Interview.restore(record, journal=quiet, now=time.now, wall=time.wall)
    assert (quiet.segments, quiet.prompts, quiet.clock, quiet.breaks) == ({}, {}, None, [])


def test_a_session_saved_without_a_clock_snapshot_is_replayed_from_its_breaks() -> None:
    record = InterviewRecord(
        session_id=3,
        setup=SETUP,
        segments=(StoredSegment(0, 9000.0, 9004.0, "claimant", "claimant", "Before the crash."),),
        breaks=(StoredBreak(3600.0, 4200.0, "lunch", "claimant"),),
    )
    interview = Interview.restore(record, now=FakeTime().now, wall=FakeTime().wall)
    assert interview.state is InterviewState.INTERRUPTED
    assert interview.clock.elapsed_s == pytest.approx(9004.0)
    assert interview.clock.questioning_s == pytest.approx(9004.0 - 600.0)
    assert {w.rule for w in interview.clock.warnings} == {"break-due"}


def test_the_course_of_an_interview_and_its_rules() -> None:
    time = FakeTime()
    interview = Interview(SETUP, now=time.now, wall=time.wall)
    wanted: list[bool] = []
    interview.subscribe(lambda e: wanted.append(e.run) if isinstance(e, CaptureWanted) else None)
    with pytest.raises(TransitionError):
        interview.start_questioning()  # not before the opening checklist
    interview.begin()
    interview.opening_done([])
    interview.start_questioning()
    _say(interview, "claimant", "[Claimant crying] I can't talk about this, please stop.")
    # Distress brings the break suggestion forward, long before 75 minutes.
    warning = interview.open_warning()
    assert warning is not None and warning.occasion.endswith(":distress")
    interview.take_break("distress", "caseworker")
    interview.resume_questioning()
    interview.end()
    assert wanted == [True, False, True, False]  # a break and the end stop capture
    assert interview.state is InterviewState.CLOSING
    interview.closing_done([])
    assert interview.state is InterviewState.ENDED


def test_segments_show_in_order_once_saved_or_overdue() -> None:
    class Slow(Journal):
        def __init__(self) -> None:
            self.futures: list[Future[Any]] = []

        def record_segment(self, position, segment, offset_s):
            self.futures.append(Future())
            return self.futures[-1]

    journal = Slow()
    interview = Interview(SETUP, journal=journal)
    shown: list[tuple[int, bool]] = []
    interview.subscribe(
        lambda e: shown.append((e.position, e.saved)) if hasattr(e, "saved") else None
    )
    first, _ = interview.commit(CommittedSegment(0, "call", "claimant", 1.0, 2.0, "One."))
    second, _ = interview.commit(CommittedSegment(1, "call", "claimant", 3.0, 4.0, "Two."))
    interview.segment_saved(second)
    assert shown == []  # not before the one said before it
    interview.segment_overdue(first)
    assert shown == [(0, False), (1, True)]
    interview.segment_saved(first)
    assert interview.ledger.get(1).original == "Two."
