"""The long session, accelerated: four and a half hours of interview through the engines, the
live analysis, the prompt board, the interpreter's ledger and the store, in a minute or two.
Memory stays flat, nothing loops, nothing slows down as the session grows, every segment is
stored."""

from __future__ import annotations

from pathlib import Path

from companion.bench.measure import repeats_itself
from companion.bench.soak import accelerated_session, soak_report


def test_a_four_and_a_half_hour_session_stays_steady(tmp_path: Path) -> None:
    figures = accelerated_session(4.5, f"sqlite:///{tmp_path / 'soak.db'}")
    print(soak_report(figures))
    assert figures["segments"] > 3000  # the whole session went through
    assert figures["stored"] == figures["segments"]
    assert figures["rss_growth_mb"] < 50
    assert figures["looping_segments"] == 0
    # Whether the last half hour is as fast as the first is a figure `make bench` prints
    # (soak_report), not a test: wall-clock ratios are noise on a shared machine.


def test_the_loop_detector_sees_a_loop() -> None:
    assert repeats_itself("he says he says he says he was beaten")
    assert not repeats_itself("he says they beat him, he says it was in 1399")
