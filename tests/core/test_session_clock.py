"""The session clock against the presets, with a fake clock: a 6-hour day in milliseconds."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.errors import UserError
from companion.timing.clock import ClockJump, ClockState, SessionClock, TimingWarning
from companion.timing.presets import available_presets, get_preset, load_preset, user_presets_dir

MIN = 60.0
HOUR = 3600.0


class FakeTime:
    """A monotonic and a calendar clock that tests move by hand."""

    def __init__(self) -> None:
        self.mono = 1000.0
        self.wall = 1_700_000_000.0

    def now(self) -> float:
        return self.mono

    def wall_now(self) -> float:
        return self.wall

    def run(self, clock: SessionClock, seconds: float, tick: float = 1.0) -> list:
        """Let ``seconds`` pass, ticking every ``tick`` seconds like the UI timer."""
        events = []
        steps = round(seconds / tick)
        for _ in range(steps):
            self.mono += tick
            self.wall += tick
            events += clock.tick()
        return events

    def sleep_machine(self, seconds: float) -> None:
        """The laptop lid closed: the calendar moves, the monotonic clock does not."""
        self.wall += seconds


def make(preset: str = "trauma-informed") -> tuple[SessionClock, FakeTime]:
    fake = FakeTime()
    clock = SessionClock(get_preset(preset), now=fake.now, wall=fake.wall_now, jump_threshold_s=120)
    return clock, fake


def rules(events) -> list[tuple[str, float]]:
    return [(e.rule, e.at_s) for e in events if isinstance(e, TimingWarning)]


def test_a_45_minute_interview_gets_no_warning_at_all() -> None:
    for preset in available_presets():
        clock, fake = make(preset)
        clock.start()
        events = fake.run(clock, 45 * MIN, tick=1.0)
        events += clock.end()
        assert events == [], preset


def test_trauma_informed_thresholds_fire_once_at_the_right_time() -> None:
    clock, fake = make()
    clock.start()
    events = fake.run(clock, 5 * HOUR, tick=5.0)
    assert rules(events) == [
        ("break-due", 75 * MIN),
        ("break-due", 120 * MIN),
        ("approaching-limit", 210 * MIN),
        ("limit-reached", 240 * MIN),
    ]
    limit = next(e for e in events if e.rule == "limit-reached")
    assert "continuation interview" in limit.message and "Beyond Belief" in limit.source


def test_a_break_resets_the_continuous_stretch_but_not_questioning_time() -> None:
    clock, fake = make()
    clock.start()
    events = fake.run(clock, 70 * MIN, tick=10)
    clock.start_break("comfort break", asked_by="claimant")
    events += fake.run(clock, 15 * MIN, tick=10)
    assert clock.state is ClockState.ON_BREAK
    clock.end_break()
    events += fake.run(clock, 70 * MIN, tick=10)
    assert rules(events) == []  # never 75 minutes without a break
    events += fake.run(clock, 10 * MIN, tick=10)
    assert rules(events) == [("break-due", (70 + 15 + 75) * MIN)]
    assert clock.questioning_s == pytest.approx(150 * MIN)
    assert clock.elapsed_s == pytest.approx(165 * MIN)
    assert clock.breaks[0].reason == "comfort break" and clock.breaks[0].asked_by == "claimant"
    assert clock.breaks[0].duration_s == pytest.approx(15 * MIN)
    assert clock.longest_stretch_s == pytest.approx(80 * MIN)
    assert clock.since_break_s == pytest.approx(80 * MIN)


def test_a_technical_pause_is_neither_questioning_nor_a_break() -> None:
    clock, fake = make()
    clock.start()
    fake.run(clock, 60 * MIN, tick=30)
    clock.pause()
    events = fake.run(clock, 30 * MIN, tick=30)
    clock.resume()
    assert rules(events) == []
    assert clock.questioning_s == pytest.approx(60 * MIN) and clock.paused_s == pytest.approx(
        30 * MIN
    )
    events = fake.run(clock, 15 * MIN, tick=30)
    # The pause did not reset the stretch: 75 minutes of questioning without a break.
    assert rules(events) == [("break-due", 105 * MIN)]


def test_acknowledged_warnings_stay_quiet_and_snoozed_ones_come_back_once() -> None:
    clock, fake = make()
    clock.start()
    first = next(e for e in fake.run(clock, 76 * MIN, tick=60) if isinstance(e, TimingWarning))
    clock.snooze(first.occasion, reason="claimant mid-answer")
    later = fake.run(clock, 20 * MIN, tick=60)
    reminders = [e for e in later if isinstance(e, TimingWarning)]
    assert len(reminders) == 1 and reminders[0].message.startswith("Reminder:")
    assert reminders[0].at_s == pytest.approx(first.at_s + 15 * MIN, abs=60)
    clock.acknowledge(first.occasion, note="break offered, declined")
    assert [a.action for a in clock.actions] == ["snoozed", "acknowledged"]
    assert clock.actions[0].reason == "claimant mid-answer"
    assert rules(fake.run(clock, 10 * MIN, tick=60)) == []


def test_distress_brings_a_break_suggestion_forward_once_per_stretch() -> None:
    clock, fake = make()
    clock.start()
    fake.run(clock, 20 * MIN, tick=60)
    events = clock.suggest_break("distress")
    assert rules(events) == [("break-due", 20 * MIN)] and "Distress" in events[0].message
    assert clock.suggest_break("distress") == []
    clock.start_break("distress", asked_by="distress")
    fake.run(clock, 5 * MIN, tick=60)
    clock.end_break()
    assert len(rules(clock.suggest_break("distress"))) == 1  # a new stretch, a new occasion


def test_home_office_slot_warns_before_each_slot_end() -> None:
    clock, fake = make("home-office-slot")
    clock.start()
    events = fake.run(clock, 70 * MIN, tick=60)
    clock.start_break("lunch")
    events += fake.run(clock, 10 * MIN, tick=60)
    clock.end_break()
    events += fake.run(clock, 120 * MIN, tick=60)
    slot = [(r, t / MIN) for r, t in rules(events) if r == "slot-ending"]
    # The slot is booked time: it counts elapsed minutes, breaks included.
    assert slot == [
        ("slot-ending", 105),
        ("slot-ending", 120),
        ("slot-ending", 135),
        ("slot-ending", 150),
        ("slot-ending", 165),
        ("slot-ending", 180),
    ]
    assert ("approaching-limit", 175 * MIN) in rules(events)  # 165 min of questioning


def test_a_six_hour_day_ticked_every_second_stays_exact() -> None:
    clock, fake = make()
    clock.start()
    fake.run(clock, 2 * HOUR, tick=1.0)
    clock.start_break("lunch")
    fake.run(clock, 1 * HOUR, tick=1.0)
    clock.end_break()
    fake.run(clock, 3 * HOUR, tick=1.0)
    clock.end()
    assert clock.elapsed_s == pytest.approx(6 * HOUR)
    assert clock.questioning_s == pytest.approx(5 * HOUR)
    assert clock.state is ClockState.ENDED
    assert [w.rule for w in clock.warnings].count("limit-reached") == 1


def test_lid_closed_during_a_break_is_break_not_questioning() -> None:
    clock, fake = make()
    clock.start()
    fake.run(clock, 30 * MIN, tick=1)
    clock.start_break("lunch")
    fake.sleep_machine(40 * MIN)
    events = fake.run(clock, 1, tick=1)
    clock.end_break()
    jumps = [e for e in events if isinstance(e, ClockJump)]
    assert len(jumps) == 1 and jumps[0].state is ClockState.ON_BREAK
    assert clock.questioning_s == pytest.approx(30 * MIN)
    assert clock.breaks[0].duration_s == pytest.approx(40 * MIN + 1, abs=1)


def test_lid_closed_while_questioning_counts_as_a_pause_and_is_reported() -> None:
    clock, fake = make()
    clock.start()
    fake.run(clock, 10 * MIN, tick=1)
    fake.mono += 25 * MIN  # an OS whose monotonic clock runs through sleep: a tick gap
    fake.wall += 25 * MIN
    events = clock.tick()
    assert [type(e).__name__ for e in events] == ["ClockJump"]
    assert clock.questioning_s == pytest.approx(10 * MIN)
    assert clock.elapsed_s == pytest.approx(35 * MIN)
    assert clock.paused_s == pytest.approx(25 * MIN)


def test_wrong_transitions_are_refused() -> None:
    clock, _ = make()
    with pytest.raises(RuntimeError, match="not started"):
        clock.start_break()
    clock.start()
    with pytest.raises(RuntimeError, match="no break to end"):
        clock.end_break()


def test_user_presets_are_added_and_bad_ones_named() -> None:
    folder = user_presets_dir()
    folder.mkdir(parents=True)
    text = (
        (Path(get_preset().path))
        .read_text()
        .replace('name = "trauma-informed"', 'name = "team-90"')
    )
    (folder / "team.toml").write_text(text.replace("after_minutes = 75", "after_minutes = 90"))
    assert get_preset("team-90").break_after_min == 90
    (folder / "bad.toml").write_text('name = "bad"\ntitle = "x"\n[break_due]\nafter_minutes = -5\n')
    with pytest.raises(
        UserError, match=r"bad\.toml: 'break_due\.after_minutes' must be a positive"
    ):
        available_presets()
    (folder / "bad.toml").unlink()
    assert load_preset(folder / "team.toml").name == "team-90"
    with pytest.raises(UserError, match="unknown preset 'nope'; available: home-office-slot"):
        get_preset("nope")
