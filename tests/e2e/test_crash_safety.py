"""Crash safety, proven: the companion window runs a scripted interview in its own process and
is killed with SIGKILL at a random moment. Every segment it had shown, and every break,
confirmation, correction and prompt action it had done, is in the store afterwards; the session
is found interrupted and resumes after what it held."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.paths import ROOT

pytest.importorskip("PySide6")

pytestmark = pytest.mark.qt


#: An action done this long before the kill must be stored (it commits within milliseconds;
#: one done in the last instant before a crash may be lost, never one shown as saved).
SETTLE_S = 0.5


def _run(
    url: str, folder: Path, seconds: float, after_rows: int | None, *extra: str
) -> tuple[list[dict[str, Any]], float]:
    """Start the window; kill it ``seconds`` after it started, or the instant it shows its
    ``after_rows``-th new row; its lines and the kill's wall time."""
    # A slow disk (0.15 s a segment) opens the gap between saying and saving wide.
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "CRASH_APP_WRITE_DELAY": "0.15"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.crash_app", url, str(folder), *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: list[dict[str, Any]] = []
    shown_enough = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        new_rows, capturing = 0, False
        for line in process.stdout:
            lines.append(json.loads(line))
            capturing = capturing or "capture" in lines[-1]
            if capturing and "shown" in lines[-1]:
                new_rows += 1
                if after_rows is not None and new_rows >= after_rows:
                    os.kill(process.pid, signal.SIGKILL)  # at once, from this thread
                    shown_enough.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + 30
    while not lines and time.monotonic() < deadline:  # started (Qt and the store are up)
        time.sleep(0.05)
    assert lines, "the window did not start"
    shown_enough.wait(seconds)
    killed_at = time.time()
    if not shown_enough.is_set():
        os.kill(process.pid, signal.SIGKILL)
    process.wait(10)
    reader.join(5)
    assert process.returncode == -signal.SIGKILL
    return lines, killed_at


def _check_everything_is_kept(store: Any, sid: int, lines: list[dict[str, Any]], killed_at: float):
    loaded = store.load(sid)
    segments = {s.position: s for s in loaded.segments}
    shown = [x for x in lines if "shown" in x and x["saved"] is True]
    assert shown, "nothing was shown before the kill"
    for row in shown:
        assert segments[row["shown"]].text == row["text"]
    must = [x for x in lines if "did" in x and x["t"] < killed_at - SETTLE_S]
    saved = {(x["saved"], json.dumps(x["key"])) for x in lines if "saved" in x and "key" in x}
    must += [x for x in lines if "did" in x and (x["did"], json.dumps(x["key"])) in saved]
    prompts = {p.kind: p.state for p in loaded.prompts}  # a prompt row is keyed by its card
    for action in must:
        kind, key = action["did"], action["key"]
        if kind == "confirm":
            assert "confirm" in [c.kind for c in segments[key].corrections]
        elif kind == "correct":
            assert "text" in [c.kind for c in segments[key].corrections]
        elif kind == "prompt":
            assert prompts[key] == "asked"
        elif kind == "break":
            assert any(abs(b.start_s - key) < 0.2 for b in loaded.breaks), key
    return loaded, len(shown), len(must)


def test_a_killed_window_keeps_all_it_showed_and_the_session_resumes(tmp_path: Path) -> None:
    from models.recovery import mark_interrupted
    from models.store import Store

    seed = random.randrange(1_000_000)
    chance = random.Random(seed)
    print(f"seed {seed}")
    url = f"sqlite:///{tmp_path / 'store.db'}"
    # Killed at a random time, then twice the instant a random row appears (a window that
    # showed words before saving them would lose those); a resumed window needs a moment more.
    kills = [
        (chance.uniform(2.5, 9.0), None),
        (12.0, chance.randint(1, 6)),
        (12.0, chance.randint(1, 6)),
    ]
    totals = []
    sid = None
    held: list[float] = []
    for run, (seconds, after_rows) in enumerate(kills):
        folder = tmp_path / f"run{run}"
        folder.mkdir()
        lines, killed_at = _run(url, folder, seconds, after_rows, *(["resume"] if run else []))
        store = Store.open(url)
        try:
            (interrupted,) = mark_interrupted(store)  # the dead window's session
            if sid is None:
                sid = interrupted.id
            assert interrupted.id == sid  # one session, resumed after each crash
            loaded, shown, done = _check_everything_is_kept(store, sid, lines, killed_at)
            positions = [s.position for s in loaded.segments]
            assert positions == list(range(len(positions)))  # nothing missing in between
            if held:  # a resumed run goes on after what was held, at the right interview time
                new = [s.start_s for s in loaded.segments[len(held) :]]
                assert not new or min(new) >= max(held)
            held = [s.start_s for s in loaded.segments]
            totals.append((after_rows or round(seconds, 1), shown, done, len(positions)))
        finally:
            store.close()
    print("killed after (s or new rows), rows shown, actions checked, segments:", totals)
    assert totals[-1][3] > totals[0][3]  # the resumed runs added to the same session
