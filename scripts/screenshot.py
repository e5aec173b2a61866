"""Screenshots of every screen on a virtual X screen at 1366×768 (run under xvfb-run):

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshot.py docs/screenshots \
        [LIVE_SECONDS [NAMES]]

(NAMES: a comma-separated subset to save again, e.g. ``start,end``; ``review,figures`` alone
skips the interview and takes only the quality-assurance shots, in seconds.)

The start screen (with a past session and an interrupted one), the opening checklist, the live
interview on the bundled sample (the real model, paced as live; after about four minutes the
disclosure card and its checklist are there), the same in compact mode and in the dark theme,
the closing checklist, the reflection summary, and the interrupted session resumed. Then, on a
store of their own filled through the review use cases (a month of a unit's interviews, a draw,
a draft review): the reviewer's screen with an interview opened, scored and commented on, and
the unit's figures with the small counts suppressed. The stores and the settings are in
temporary folders.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

# A store and settings of its own, not the user's.
os.environ.setdefault("COMPANION_DATA_DIR", tempfile.mkdtemp(prefix="screens-"))
os.environ.setdefault("COMPANION_CONFIG_DIR", tempfile.mkdtemp(prefix="screens-"))

from companion.usecases import review
from models import record
from models.recovery import mark_interrupted
from models.store import Store
from ui.main_window import MainWindow
from ui.pages.figures_page import last_full_month
from ui.theme import apply_theme

#: The shots of the quality-assurance screens (taken on a store of their own).
REVIEW_SHOTS = {"review", "figures"}
SAMPLE = Path(__file__).parents[1] / "resources" / "samples" / "sample_interview.ref.jsonl"
#: A month of one unit's interviews, varied: (time scale, lines left out, interpreter, read
#: back, a break halfway). Line 22 asks when the beating happened; line 29 answers distress.
MONTH = [
    (9, (), "remote", True, True),
    (12, (22,), "remote", False, False),
    (15, (), "none", False, False),
    (18, (29,), "remote", False, True),
    (22, (22,), "remote", False, False),
    (29, (), "remote", True, False),
    (31, (), "present", False, True),
    (10, (22,), "remote", False, False),
    (14, (), "remote", True, False),
    (16, (22,), "remote", False, True),
    (56, (), "remote", True, False),
    (13, (), "none", False, False),
    (19, (22,), "remote", False, True),
    (30, (), "remote", True, False),
    (11, (29,), "remote", False, False),
    (17, (22,), "present", False, True),
    (28, (), "remote", True, False),
    (12, (), "none", False, False),
    (20, (22,), "remote", False, True),
    (58, (), "remote", True, False),
    (15, (22,), "remote", False, False),
    (29, (), "remote", True, True),
    (14, (22,), "remote", False, False),
]


def review_interview(
    store: Store, number: int, day: date, unit: str, recipe: tuple[object, ...]
) -> int:
    """The bundled sample as one of the month's ended interviews, its facts kept."""
    scale, drop, interpreter, read_back, with_break = recipe
    assert isinstance(scale, int) and isinstance(drop, tuple)
    lines = [
        json.loads(line)
        for i, line in enumerate(SAMPLE.read_text(encoding="utf-8").splitlines())
        if i not in drop
    ]
    session_id = store.create_session(
        f"IC-2026-{number:04d}",
        language="ti",
        interpreter=str(interpreter),
        unit=unit,
        started_at=datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC),
    )
    halfway, gap = len(lines) // 2, 0.0
    with store.session() as db:
        for i, line in enumerate(lines):
            start, end = line["start"] * scale + gap, line["end"] * scale + gap
            if with_break and i == halfway:
                record.add_break(
                    db,
                    session_id,
                    start,
                    start + 900,
                    reason="comfort break",
                    requested_by="claimant",
                    after_segments=i,
                )
                gap = 905.0
                start, end = start + gap, end + gap
            record.add_segment(
                db,
                session_id,
                i,
                speaker=line["speaker"],
                text=line["text"],
                start_s=start,
                end_s=end,
            )
        record.set_state(db, session_id, "ended")
    if read_back:
        summary = review.summary_of(store.load(session_id, words=False))
        with store.session() as db:
            for row in summary["report"]["interpreting"]["dates_and_numbers_not_confirmed"]:
                record.confirm(db, session_id, row["segment"], author="interpreter")
    review.record_facts(store, session_id)
    return session_id


def fill_review_store(store: Store, today: date) -> int:
    """Last month's interviews of two units, a draw, one review sent and one drafted with an
    anchored comment; the drafted interview's id."""
    start, end = last_full_month(today)
    days = (end - start).days
    for n, recipe in enumerate(MONTH):
        day = start.replace(day=1 + n * days // len(MONTH))
        review_interview(store, 31 + n, day, "Croydon B", recipe)
    for n in range(4):
        review_interview(store, 90 + n, start.replace(day=3 + 6 * n), "Leeds A", MONTH[n])
    review.draw_sample(store, start, end, rate=0.035, seed=2026)
    samples = review.samples_for_review(store)
    missing = [s for s in samples if any("follow-ups" in r for r in s.reasons)]
    drafted, sent = missing[0].session_id, samples[-1].session_id
    review.save_review(store, sent, dict.fromkeys(review.STAGE_IDS, 4), submit=True)
    review.save_review(
        store,
        drafted,
        {"opening": 4, "conducting": 4, "substance": 2},
        (
            review.NewComment(
                "The beating was acknowledged with care, but when it happened was never asked.",
                "substance",
                21,
            ),
            review.NewComment("Offered a break at once when he cried.", "conducting", 28),
        ),
    )
    return drafted


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

    def review_screens(review_store: Store, drafted: int) -> list[tuple[float, Callable[[], None]]]:
        view: list[MainWindow] = []

        def open_window() -> None:
            window.hide()
            shown = MainWindow(store=review_store)
            shown.move(0, 0)
            shown.resize(1366, 740)
            shown.show()
            view.append(shown)
            shown.review_screens.show_reviewing()

        def open_case() -> None:
            view[0].review_screens.flow.open_case(drafted)

        def comment() -> None:
            page = view[0].review_screens.review_page
            page.scoring.stage("closing").buttons[4].click()
            page.select_line(22)
            substance = page.scoring.stage("substance")
            substance.comment.text.setPlainText(
                "“The first night”: ask for the date, or the month, and how many nights."
            )
            substance.comment.anchor.setChecked(True)
            page.scoring_scroll.verticalScrollBar().setValue(substance.y() - 4)

        def figures() -> None:
            screens = view[0].review_screens
            screens.show_figures()
            screens.figures_page.unit.setText("Croydon B")
            screens.figures_page.show_button.click()

        def done() -> None:
            view[0].close()

        return [
            (0.5, open_window),
            (1.5, open_case),
            (1.5, comment),
            (1.5, shot("review")),
            (0.5, figures),
            (2, shot("figures")),
            (0.5, done),
        ]

    review_only = only is not None and only <= REVIEW_SHOTS
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
    ]
    if review_only:
        steps = []
    if only is None or only & REVIEW_SHOTS:
        os.environ["LOGNAME"] = "m.osei"  # the reviewer (the login on SQLite is the OS user's)
        folder = tempfile.mkdtemp(prefix="screens-review-")
        review_store = Store.open(f"sqlite:///{folder}/review.db")
        steps += review_screens(review_store, fill_review_store(review_store, date.today()))
    steps.append((1, quit_app))
    at = 0.0
    for delay, action in steps:
        at += delay
        QTimer.singleShot(int(at * 1000), action)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
