"""The companion window in a process of its own, for the test that kills it at 3:00:00 of
interview time: ``python -m tests.e2e.three_hours_app DATABASE_URL (record|resume)``.

``record``: an interview on a fake clock — a disclosure whose card is marked asked, a
rendering confirmed and one corrected, 80 minutes, the break suggestion acted on, a break of
10 minutes, 90 minutes more (a second suggestion, left open) — to 3:00:00; once the store has
it all, one JSON line with what the window shows, then it waits to be killed.
``resume``: the interrupted session resumed in a new window; one JSON line with what it shows.
"""

from __future__ import annotations

import json
import sys
import threading
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from companion.transcription.events import CommittedSegment
from tests.fakes import FakeTime

SAID = [
    ("caseworker", "What happened to you at the detention centre in Herat?"),
    ("interpreter", "He says they beat him with cables and burned his arm with cigarettes."),
    ("caseworker", "Thank you for telling me. When did this happen?"),
    ("interpreter", "He says it was in 1399, in the month of Dey."),
]


class IdleCapture:
    """Capture that hears nothing until it is stopped (the words are given by the script)."""

    def __init__(self) -> None:
        self._stop = threading.Event()

    def run(self) -> None:
        self._stop.wait()

    def stop(self) -> None:
        self._stop.set()


def state(window: Any) -> dict[str, Any]:
    """What the window shows of the interview."""
    interview = window.interview
    clock = interview.clock
    return {
        "questioning_s": clock.questioning_s,
        "elapsed_s": clock.elapsed_s,
        "breaks": [[b.start_s, b.end_s, b.reason] for b in clock.breaks],
        "warnings": [w.occasion for w in clock.warnings],
        "actions": [[a.occasion, a.action] for a in clock.actions],
        "open_warning": getattr(interview.open_warning(), "occasion", None),
        "cards": {":".join(c.key): c.state for c in interview.board.cards},
        "checklists": {":".join(c.key): list(c.checklist) for c in interview.board.cards},
        "checks": {r.position: r.state for r in interview.ledger.all() if r.checks},
        "rows": [row.text for row in window.transcript.rows],
        "clock_text": window.clock_panel.questioning.text(),
    }


def main() -> int:
    url, mode = sys.argv[1], sys.argv[2]
    from models.recovery import mark_interrupted
    from models.store import Store
    from ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    store = Store.open(url)
    fake = FakeTime()
    window = MainWindow(
        pipeline=lambda _setup, _on_event: IdleCapture(),
        store=store,
        interrupted=mark_interrupted(store),
        now=fake.now,
        wall=fake.wall,
        tick_ms=60_000,
        devices=(["mic"], ["call"]),
    )

    def passes(seconds: float) -> None:
        for _ in range(int(seconds // 10)):
            fake.t += 10
            window.live.tick()

    def say() -> None:
        interview = window.interview
        for i, (speaker, words) in enumerate(SAID):
            segment = CommittedSegment(i, "call", speaker, 2.0 * i, 2.0 * i + 1.5, words)
            window.live.on_committed(segment)
            interview.apply_analysis(interview.analysis.feed(segment))

    def when(condition: Any, then: Any) -> None:
        def check() -> None:
            if condition():
                then()
            else:
                QTimer.singleShot(20, check)

        check()

    def record() -> None:
        window.start_page.reference.setText("IC-THREE-HOURS")
        window.start_page.start_button.click()
        window.opening_page.done_button.click()
        when(lambda: window.session_id is not None, questioning)

    def questioning() -> None:
        window.start_questioning()
        say()
        when(lambda: len(window.transcript.rows) == len(SAID), act)

    def act() -> None:
        interview = window.interview
        card = next(c for c in interview.board.cards if c.kind == "episode")
        window.prompts.widgets[card.id].asked.click()
        window.confirm_rendering(3, "interpreter")
        window.correct_rendering(1, SAID[1][1].replace("his arm", "his arms"), "interpreter", "")
        passes(80 * 60)
        warning = interview.open_warning()
        window.live_page._warning_action(warning.occasion, "acted", "offered water")
        passes(10 * 60)
        window.take_break("comfort break", "claimant")
        passes(10 * 60)
        window.resume_questioning()
        passes(80 * 60)
        when(lambda: window._bridge.writer.pending == 0, ready)

    def ready() -> None:
        print(json.dumps(state(window)), flush=True)  # the test kills this process now

    def resume() -> None:
        window.start_page.resume_button.click()
        when(
            lambda: window.interview is not None,
            lambda: (print(json.dumps(state(window)), flush=True), app.quit()),
        )

    QTimer.singleShot(0, record if mode == "record" else resume)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
