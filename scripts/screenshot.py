"""Screenshots of every screen on a virtual X screen at 1366×768 (run under xvfb-run):

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshot.py docs/screenshots \
        [LIVE_SECONDS [NAMES]]

(NAMES: a comma-separated subset to save again, e.g. ``start,end``.)

The start screen (with a past session and an interrupted one), the opening checklist, the live
interview on the bundled sample (the real model, paced as live; after about four minutes the
disclosure card and its checklist are there), the same in compact mode and in the dark theme,
the closing checklist, the reflection summary, and the interrupted session resumed. The store
and the settings are in temporary folders.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

# A store and settings of its own, not the user's.
os.environ.setdefault("COMPANION_DATA_DIR", tempfile.mkdtemp(prefix="screens-"))
os.environ.setdefault("COMPANION_CONFIG_DIR", tempfile.mkdtemp(prefix="screens-"))

from models import record
from models.recovery import mark_interrupted
from models.store import Store
from ui.main_window import MainWindow
from ui.theme import apply_theme


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    live_seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 240.0
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    apply_theme(app, "light")
    store = Store.open()
    past = store.create_session("IC-2026-0031", language="ti", origin="live")
    crashed = store.create_session("IC-2026-0040", language="fa", owner="laptop-7:1")
    with store.session() as db:
        for i, (who, text) in enumerate(
            [
                ("caseworker", "Where were you held?"),
                ("interpreter", "In the camp near the border."),
            ]
        ):
            record.add_segment(
                db, past, i, speaker=who, text=text, start_s=i * 5.0, end_s=i * 5.0 + 4
            )
            record.add_segment(
                db, crashed, i, speaker=who, text=text, start_s=i * 5.0, end_s=i * 5.0 + 4
            )
        record.set_state(db, past, "ended")
        db.get(record.InterviewSession, crashed).heartbeat_at = None
    window = MainWindow(store=store, interrupted=mark_interrupted(store))
    window.move(0, 0)
    window.resize(1366, 740)
    window.show()
    only = set(sys.argv[3].split(",")) if len(sys.argv) > 3 else None

    def shot(name: str, whole_screen: bool = True) -> Callable[[], None]:
        def take() -> None:
            if only is not None and name not in only:
                return
            image = app.primaryScreen().grabWindow(0) if whole_screen else window.grab()
            image.save(str(out / f"{name}.png"))
            print(f"saved {out / name}.png", flush=True)

        return take

    def to_checklist() -> None:
        window.start_page.use_demo()
        window.new_interview(window.start_page.setup())
        window.opening_page.boxes[0].setChecked(True)

    def to_live() -> None:
        window._opening_done(window.opening_page.ticks())

    def compact(on: bool) -> Callable[[], None]:
        return lambda: window.set_compact(on)

    def theme(name: str) -> Callable[[], None]:
        return lambda: window.set_theme(name)

    def finish() -> None:
        window.closing_page.boxes[0].setChecked(True)
        window._closing_done(window.closing_page.ticks())

    def end() -> None:
        window.resize(1366, 740)
        window.end_interview()

    def interpreter(on: bool) -> Callable[[], None]:
        def show() -> None:
            view = window.interpreter
            if not on:
                view.hide()
                return
            # The sample's misheard words, corrected on the interpreter's word; and the newest
            # date confirmed, so both show at the bottom of the window.
            for rendering in window.interview.ledger.renderings():
                if rendering.text.startswith("For policemen"):
                    window.correct_rendering(
                        rendering.position,
                        "Four policemen came in a grey car and asked for me by name.",
                        "interpreter",
                        "the transcription misheard 'four' and 'grey'",
                    )
            dated = [r for r in window.interview.ledger.to_confirm() if "June" in r.text]
            if dated:
                window.confirm_rendering(dated[-1].position, "interpreter")
            view.move(0, 0)
            view.resize(1366, 740)
            window.show_interpreter_window()

        return show

    def read_back() -> None:
        window.interpreter.show_read_back(True)

    def resume_crashed() -> None:
        window.summary_page.sig_done.emit()
        window.start_page.resume_button.click()

    def quit_app() -> None:
        window.close()
        app.quit()

    steps = [
        (2, shot("start")),
        (1, to_checklist),
        (2, shot("opening-checklist")),
        (1, to_live),
        (live_seconds, shot("live")),
        (0.5, interpreter(True)),
        (2, shot("interpreter")),
        (0.5, read_back),
        (2, shot("read-back")),
        (0.5, interpreter(False)),
        (0.5, compact(True)),
        (2, shot("compact", whole_screen=False)),
        (0.5, compact(False)),
        (0.5, theme("dark")),
        (2, shot("live-dark")),
        (0.5, theme("light")),
        (0.5, end),
        (15, shot("closing-checklist")),
        (0.5, finish),
        (6, shot("summary")),
        (0.5, resume_crashed),
        (4, shot("resumed")),
        (1, quit_app),
    ]
    at = 0.0
    for delay, action in steps:
        at += delay
        QTimer.singleShot(int(at * 1000), action)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
