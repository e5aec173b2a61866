"""The session clock: questioning time, breaks, pauses and the warnings of a timing preset.

Plain Python with injected time: ``now`` (a monotonic clock) and ``wall`` (the calendar clock).
The UI calls :meth:`SessionClock.tick` about once a second; every state change and tick returns
the warnings it caused, and listeners registered with :meth:`subscribe` get them too. The same
clock, driven by a fake time source, evaluates a finished transcript (:mod:`.transcript_timing`):
one implementation of the rules.

States: *not started* → *questioning* ⇄ *on break* → *ended*, and *paused* (a technical
interruption: neither questioning nor a break). Breaks and pauses do not count as questioning.
The continuous stretch (questioning since the last break) resets at each break.

If the computer sleeps (the lid closed), the monotonic clock may stop while the calendar clock
runs on; a gap in the ticks is reported as a :class:`ClockJump` and never counted as
questioning: during questioning it counts as a pause, during a break as part of the break.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

from companion.timing.presets import Preset


class ClockState(Enum):
    """Where the interview is."""

    NOT_STARTED = "not started"
    QUESTIONING = "questioning"
    ON_BREAK = "on break"
    PAUSED = "paused"
    ENDED = "ended"


#: Who asked for a break.
ASKED_BY = ("claimant", "caseworker", "interpreter", "distress")


@dataclass
class BreakRecord:
    """A break in the log (``end_s`` is None while it lasts). Times are interview seconds."""

    start_s: float
    end_s: float | None
    reason: str = ""
    asked_by: str = "caseworker"

    @property
    def duration_s(self) -> float:
        """Length of the break (so far)."""
        return 0.0 if self.end_s is None else self.end_s - self.start_s


@dataclass(frozen=True)
class TimingWarning:
    """A warning event: the rule (contract names), when it fired, and a humane message."""

    rule: str
    at_s: float
    message: str
    #: Identifies the occasion (e.g. which stretch a break-due belongs to): once per occasion.
    occasion: str
    source: str = ""


@dataclass(frozen=True)
class ClockJump:
    """The clock found a gap it did not see pass (sleep/resume); it was not counted as
    questioning."""

    at_s: float
    gap_s: float
    state: ClockState


@dataclass
class WarningAction:
    """What the caseworker did with a warning: acknowledged or snoozed, with a reason."""

    occasion: str
    action: str
    at_s: float
    reason: str = ""


ClockEvent = TimingWarning | ClockJump


@dataclass
class _Pending:
    rule: str
    occasion: str
    #: Fires when the measure reaches this value.
    due: float
    #: "questioning", "stretch" or "elapsed": which measure ``due`` is in.
    measure: str
    message: str
    source: str


def _hm(minutes: float) -> str:
    hours, mins = divmod(round(minutes), 60)
    if hours and mins:
        return f"{hours} h {mins:02d} min"
    return f"{hours} h" if hours else f"{mins} min"


class SessionClock:
    """Questioning and break time against a preset. Not thread-safe: the UI thread owns it."""

    def __init__(
        self,
        preset: Preset,
        now: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        jump_threshold_s: float = 30.0,
    ) -> None:
        self.preset = preset
        self._now = now
        self._wall = wall
        self.jump_threshold_s = jump_threshold_s
        self.state = ClockState.NOT_STARTED
        self.elapsed_s = 0.0
        self.questioning_s = 0.0
        self.stretch_s = 0.0  # questioning since the last break
        self.paused_s = 0.0
        self.longest_stretch_s = 0.0
        self.breaks: list[BreakRecord] = []
        self.jumps: list[ClockJump] = []
        self.warnings: list[TimingWarning] = []
        self.actions: list[WarningAction] = []
        self._fired: set[str] = set()
        self._pending: list[_Pending] = []
        self._listeners: list[Callable[[ClockEvent], None]] = []
        self._last_now = 0.0
        self._last_wall = 0.0
        self._stretch_index = 0

    @property
    def since_break_s(self) -> float:
        """Interview time since the last break ended (or since the start)."""
        ended = [b.end_s for b in self.breaks if b.end_s is not None]
        if self.state is ClockState.ON_BREAK:
            return 0.0
        return self.elapsed_s - (ended[-1] if ended else 0.0)

    # -- saving and restoring ----------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """Everything the clock knows, as plain JSON-ready data (saved as the interview goes,
        so that a crash loses at most the seconds since the last save)."""
        return {
            "state": self.state.value,
            "elapsed_s": self.elapsed_s,
            "questioning_s": self.questioning_s,
            "stretch_s": self.stretch_s,
            "paused_s": self.paused_s,
            "longest_stretch_s": self.longest_stretch_s,
            "stretch_index": self._stretch_index,
            "breaks": [asdict(b) for b in self.breaks],
            "jumps": [
                {"at_s": j.at_s, "gap_s": j.gap_s, "state": j.state.value} for j in self.jumps
            ],
            "warnings": [asdict(w) for w in self.warnings],
            "actions": [asdict(a) for a in self.actions],
            "fired": sorted(self._fired),
            "pending": [asdict(p) for p in self._pending],
        }

    @classmethod
    def restore(
        cls,
        preset: Preset,
        snapshot: dict[str, Any],
        now: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        at_least_s: float = 0.0,
    ) -> SessionClock:
        """The clock of an interview that was interrupted (the app crashed or was killed), as
        it was last saved: its times, breaks, the warnings already given and what was done
        about them, and the warnings still to come. Questioning that was under way comes back
        *paused* (a technical interruption), a break as a break; the time the app was down
        is not counted. ``at_least_s`` is the last interview time the record holds (a segment
        committed after the last snapshot): the clock catches up with it."""
        clock = cls(preset, now=now, wall=wall)
        state = ClockState(snapshot["state"])
        clock.state = state
        clock.elapsed_s = float(snapshot["elapsed_s"])
        clock.questioning_s = float(snapshot["questioning_s"])
        clock.stretch_s = float(snapshot["stretch_s"])
        clock.paused_s = float(snapshot["paused_s"])
        clock.longest_stretch_s = float(snapshot["longest_stretch_s"])
        clock._stretch_index = int(snapshot["stretch_index"])
        clock.breaks = [BreakRecord(**b) for b in snapshot["breaks"]]
        clock.jumps = [
            ClockJump(j["at_s"], j["gap_s"], ClockState(j["state"])) for j in snapshot["jumps"]
        ]
        clock.warnings = [TimingWarning(**w) for w in snapshot["warnings"]]
        clock.actions = [WarningAction(**a) for a in snapshot["actions"]]
        clock._fired = set(snapshot["fired"])
        clock._pending = [_Pending(**p) for p in snapshot["pending"]]
        clock.advance(at_least_s - clock.elapsed_s)
        if clock.state is ClockState.QUESTIONING:
            clock.state = ClockState.PAUSED
        clock._last_now, clock._last_wall = now(), wall()
        return clock

    @classmethod
    def replay(
        cls,
        preset: Preset,
        breaks: Iterable[BreakRecord],
        elapsed_s: float,
        now: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> SessionClock:
        """The clock of an interrupted interview saved without a snapshot (an older version):
        questioning from the start to ``elapsed_s`` with ``breaks``, replayed through the
        preset's rules so that the warnings it gave are known; it comes back paused."""
        clock = cls(preset, now=lambda: 0.0, wall=lambda: 0.0)
        clock.start()
        for pause in sorted(breaks, key=lambda b: b.start_s):
            clock.advance(pause.start_s - clock.elapsed_s)
            clock.start_break(pause.reason, pause.asked_by)
            if pause.end_s is not None:
                clock.advance(pause.end_s - clock.elapsed_s)
                clock.end_break()
        if clock.state is ClockState.QUESTIONING:
            clock.advance(elapsed_s - clock.elapsed_s)
            clock.pause()
        clock._now, clock._wall = now, wall
        clock._last_now, clock._last_wall = now(), wall()
        return clock

    # -- observers -------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[ClockEvent], None]) -> None:
        """Call ``listener`` with every warning and clock jump."""
        self._listeners.append(listener)

    # -- state changes ---------------------------------------------------------------------
    def start(self) -> list[ClockEvent]:
        """Questioning begins."""
        if self.state is not ClockState.NOT_STARTED:
            raise RuntimeError(f"cannot start: the interview is {self.state.value}")
        self._last_now, self._last_wall = self._now(), self._wall()
        self.state = ClockState.QUESTIONING
        self._schedule_fixed()
        self._schedule_stretch()
        return []

    def start_break(self, reason: str = "", asked_by: str = "caseworker") -> list[ClockEvent]:
        """A break starts now (reason and who asked are logged)."""
        events = self.tick()
        if self.state not in (ClockState.QUESTIONING, ClockState.PAUSED):
            raise RuntimeError(f"cannot take a break: the interview is {self.state.value}")
        if asked_by not in ASKED_BY:
            raise ValueError(f"asked_by must be one of {ASKED_BY}")
        self.breaks.append(BreakRecord(self.elapsed_s, None, reason, asked_by))
        self.state = ClockState.ON_BREAK
        return events

    def end_break(self) -> list[ClockEvent]:
        """Questioning resumes; the continuous stretch starts again from zero."""
        events = self.tick()
        if self.state is not ClockState.ON_BREAK:
            raise RuntimeError(f"no break to end: the interview is {self.state.value}")
        self.breaks[-1].end_s = self.elapsed_s
        self.state = ClockState.QUESTIONING
        self.stretch_s = 0.0
        self._stretch_index += 1
        self._schedule_stretch()
        return events

    def pause(self) -> list[ClockEvent]:
        """A technical interruption (the call dropped): neither questioning nor a break."""
        events = self.tick()
        if self.state is not ClockState.QUESTIONING:
            raise RuntimeError(f"cannot pause: the interview is {self.state.value}")
        self.state = ClockState.PAUSED
        return events

    def resume(self) -> list[ClockEvent]:
        """Questioning resumes after a pause (the continuous stretch goes on)."""
        events = self.tick()
        if self.state is not ClockState.PAUSED:
            raise RuntimeError(f"cannot resume: the interview is {self.state.value}")
        self.state = ClockState.QUESTIONING
        return events

    def end(self) -> list[ClockEvent]:
        """The interview ends (an open break is closed now)."""
        events = self.tick()
        if self.state is ClockState.ON_BREAK:
            self.breaks[-1].end_s = self.elapsed_s
        self.state = ClockState.ENDED
        self._pending.clear()
        return events

    # -- warnings --------------------------------------------------------------------------
    def suggest_break(self, reason: str = "distress") -> list[ClockEvent]:
        """Bring a break suggestion forward (e.g. distress noticed); once per stretch."""
        events = self.tick()
        occasion = f"break-due:{self._stretch_index}:{reason}"
        if self.state is not ClockState.QUESTIONING or occasion in self._fired:
            return events
        warning = TimingWarning(
            "break-due",
            self.elapsed_s,
            "Distress was noticed. This may be a good moment to offer a break "
            f"({_hm(self.stretch_s / 60)} since the last one).",
            occasion,
            self.preset.break_source,
        )
        self._fire(warning, events)
        return events

    def acknowledge(self, occasion: str, note: str = "") -> None:
        """The caseworker saw the warning; it will not come back for this occasion."""
        self.actions.append(WarningAction(occasion, "acknowledged", self.elapsed_s, note))
        self._pending = [p for p in self._pending if p.occasion != occasion]

    def snooze(self, occasion: str, reason: str) -> None:
        """Remind again after the preset's snooze time; the reason is kept."""
        warning = next((w for w in reversed(self.warnings) if w.occasion == occasion), None)
        if warning is None:
            raise ValueError(f"no warning '{occasion}' to snooze")
        self.actions.append(WarningAction(occasion, "snoozed", self.elapsed_s, reason))
        self._fired.discard(occasion + ":reminder")
        self._pending.append(
            _Pending(
                warning.rule,
                occasion + ":reminder",
                self.elapsed_s + self.preset.snooze_min * 60,
                "elapsed",
                "Reminder: " + warning.message,
                warning.source,
            )
        )

    # -- time ------------------------------------------------------------------------------
    def tick(self) -> list[ClockEvent]:
        """Bring the clock up to now; returns the warnings and jumps that happened."""
        events: list[ClockEvent] = []
        if self.state in (ClockState.NOT_STARTED, ClockState.ENDED):
            return events
        now, wall = self._now(), self._wall()
        mono_dt = max(0.0, now - self._last_now)
        wall_dt = wall - self._last_wall
        self._last_now, self._last_wall = now, wall
        hidden = wall_dt - mono_dt  # time the monotonic clock did not see (suspend)
        if hidden > self.jump_threshold_s:
            self._jump(hidden, events)
        if mono_dt > self.jump_threshold_s:  # no tick for a long time: treat as a sleep too
            self._jump(mono_dt, events)
            mono_dt = 0.0
        self._advance(mono_dt, events)
        return events

    def _jump(self, gap: float, events: list[ClockEvent]) -> None:
        jump = ClockJump(self.elapsed_s, gap, self.state)
        self.jumps.append(jump)
        self.elapsed_s += gap
        if self.state is not ClockState.ON_BREAK:
            self.paused_s += gap
        self._emit(jump, events)

    def advance(self, seconds: float) -> list[ClockEvent]:
        """Move the clock forward by ``seconds`` of interview time without reading the time
        sources (used to replay a transcript)."""
        events: list[ClockEvent] = []
        if self.state not in (ClockState.NOT_STARTED, ClockState.ENDED):
            self._advance(max(0.0, seconds), events)
        return events

    def _advance(self, dt: float, events: list[ClockEvent]) -> None:
        if self.state is not ClockState.QUESTIONING:
            self.elapsed_s += dt
            if self.state is ClockState.PAUSED:
                self.paused_s += dt
            self._fire_due(events, elapsed_only=True)
            return
        remaining = dt
        while remaining > 0:
            step = min(remaining, self._next_crossing())
            self.elapsed_s += step
            self.questioning_s += step
            self.stretch_s += step
            self.longest_stretch_s = max(self.longest_stretch_s, self.stretch_s)
            remaining -= step
            self._fire_due(events)
            if step <= 0:
                break

    def _measure(self, name: str) -> float:
        return {
            "questioning": self.questioning_s,
            "stretch": self.stretch_s,
            "elapsed": self.elapsed_s,
        }[name]

    def _next_crossing(self) -> float:
        gaps = [p.due - self._measure(p.measure) for p in self._pending]
        gaps = [g for g in gaps if g > 1e-9]
        return min(gaps) if gaps else float("inf")

    def _fire_due(self, events: list[ClockEvent], elapsed_only: bool = False) -> None:
        for pending in sorted(self._pending, key=lambda p: p.due):
            if elapsed_only and pending.measure != "elapsed":
                continue
            if self._measure(pending.measure) + 1e-9 < pending.due:
                continue
            self._pending.remove(pending)
            if pending.occasion in self._fired:
                continue
            warning = TimingWarning(
                pending.rule, self.elapsed_s, pending.message, pending.occasion, pending.source
            )
            self._fire(warning, events)

    def _fire(self, warning: TimingWarning, events: list[ClockEvent]) -> None:
        self._fired.add(warning.occasion)
        self.warnings.append(warning)
        self._emit(warning, events)

    def _emit(self, event: ClockEvent, events: list[ClockEvent]) -> None:
        events.append(event)
        for listener in self._listeners:
            listener(event)

    # -- the preset's rules ----------------------------------------------------------------
    def _schedule_fixed(self) -> None:
        p = self.preset
        self._pending.append(
            _Pending(
                "approaching-limit",
                "approaching-limit",
                p.approaching_min * 60,
                "questioning",
                f"{_hm(p.approaching_min)} of questioning. The limit of {_hm(p.limit_min)} is "
                f"{_hm(p.limit_min - p.approaching_min)} away: plan how to close, and what is left "
                f"for {p.limit_suggestion}.",
                p.approaching_source,
            )
        )
        self._pending.append(
            _Pending(
                "limit-reached",
                "limit-reached",
                p.limit_min * 60,
                "questioning",
                f"{_hm(p.limit_min)} of questioning: the guidance is to stop now and seek what is "
                f"missing through {p.limit_suggestion}.",
                p.limit_source,
            )
        )
        for end_min, label, source in p.slot_ends_min():
            warn_at = end_min - p.slot_warn_before_min
            self._pending.append(
                _Pending(
                    "slot-ending",
                    f"slot-ending:{end_min:g}:before",
                    warn_at * 60,
                    "elapsed",
                    f"{label.capitalize()} ends in {_hm(p.slot_warn_before_min)} "
                    f"(at {_hm(end_min)}). Is there time for what is left, and for a break?",
                    source,
                )
            )
            self._pending.append(
                _Pending(
                    "slot-ending",
                    f"slot-ending:{end_min:g}:end",
                    end_min * 60,
                    "elapsed",
                    f"{label.capitalize()} has ended ({_hm(end_min)}). Close calmly, or continue "
                    "only with approval; do not end abruptly on a distressed claimant.",
                    source,
                )
            )

    def _schedule_stretch(self) -> None:
        p = self.preset
        index = self._stretch_index
        self._pending.append(
            _Pending(
                "break-due",
                f"break-due:{index}:suggested",
                p.break_after_min * 60,
                "stretch",
                f"{_hm(p.break_after_min)} of questioning without a break. Consider offering one: "
                "water, rest, a moment away from the screen.",
                p.break_source,
            )
        )
        self._pending.append(
            _Pending(
                "break-due",
                f"break-due:{index}:latest",
                p.break_latest_min * 60,
                "stretch",
                f"{_hm(p.break_latest_min)} without a break: a break is due now.",
                p.break_source,
            )
        )
        # Only this stretch's break warnings stay pending.
        self._pending = [
            q
            for q in self._pending
            if not (
                q.rule == "break-due"
                and q.measure == "stretch"
                and not q.occasion.startswith(f"break-due:{index}:")
            )
        ]
