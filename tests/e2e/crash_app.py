"""The companion window as a separate process for the crash test: a scripted interview paced
as live (two sources, a scripted transcriber, no model), with breaks, corrections,
confirmations and prompt actions done along the way. Killed by the test with SIGKILL.

    python -m tests.e2e.crash_app DATABASE_URL WORK_FOLDER [resume]

``CRASH_APP_WRITE_DELAY`` (seconds) makes each segment slow to commit, like a slow disk: a
window that showed words before they were saved would lose them in the crash.

Prints one JSON line per thing, flushed at once:
``{"shown": position, "saved": bool, "text": ...}`` when a row appears in the transcript;
``{"did": kind, "key": ..., "t": wall time}`` when an action is done in the window; and
``{"saved": kind, "key": ...}`` once the store has committed it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from companion.transcription.scripted import (
    EnergyVad,
    ScriptedTranscriber,
    script_from_text,
    tone_track,
)
from companion.transcription.vad import SpeechGate
from tests.audio_helpers import write_wav

#: Twenty turns of a scripted interview; each source hears its own turns.
TURNS = [
    ("microphone", "What happened to you in detention?"),
    ("call", "He says they beat him with sticks every day in Herat."),
    ("microphone", "Thank you for telling me. When was this?"),
    ("call", "He says it was in 1399, in the month of Dey."),
    ("microphone", "Who did this to you?"),
    ("call", "He says two officers of the intelligence service."),
    ("microphone", "How long were you held there?"),
    ("call", "He says for three weeks with twelve other men."),
    ("microphone", "Did anyone see your injuries afterwards?"),
    ("call", "He says a doctor in Kabul saw the scars on his back."),
    ("microphone", "Where did they keep you?"),
    ("call", "He says in a cell under the police station near the river."),
    ("microphone", "What happened after you were released?"),
    ("call", "He says he went to his uncle in Mazar for two months."),
    ("microphone", "Why did you leave your country?"),
    ("call", "He says the officers came back looking for him in 2021."),
    ("microphone", "Is there anything you want to add?"),
    ("call", "He says his brother was also arrested in 1400."),
    ("microphone", "Thank you. We will take a short pause now."),
    ("call", "He says thank you, he understands."),
]
SPEED = 6.0


def emit(**fields: Any) -> None:
    """One line for the test, at once."""
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def pipeline_factory(folder: Path):
    from companion.audio.wav_source import FileSource
    from companion.transcription.live import build_live

    regions: dict[str, list[tuple[float, float]]] = {"microphone": [], "call": []}
    script = []
    at = 0.6
    for source, words in TURNS:
        length = 0.3 * len(words.split()) + 0.2
        regions[source].append((at - 0.1, at + length))
        script += script_from_text(words, at)
        at += length + 1.0
    files = {
        origin: write_wav(folder / f"{origin}.wav", tone_track(spans, at + 2.0))
        for origin, spans in regions.items()
    }

    def pipeline(setup, on_event):
        return build_live(
            [
                FileSource(files[o], origin=o, realtime=True, speed=SPEED)
                for o in ("microphone", "call")
            ],
            ScriptedTranscriber(script),
            on_event,
            gate_factory=lambda: SpeechGate(EnergyVad()),
        )

    return pipeline


def main() -> int:
    url, folder = sys.argv[1], Path(sys.argv[2])
    resume = len(sys.argv) > 3 and sys.argv[3] == "resume"
    from models.recovery import mark_interrupted
    from models.store import Store
    from ui.main_window import MainWindow
    from ui.widgets.transcript_view import Row, TranscriptView

    delay = float(os.environ.get("CRASH_APP_WRITE_DELAY", "0"))
    if delay:  # a slow disk: each segment takes this long to commit
        from models import record

        add_segment = record.add_segment

        def slow_add_segment(*args: Any, **kwargs: Any) -> Any:
            time.sleep(delay)
            return add_segment(*args, **kwargs)

        record.add_segment = slow_add_segment  # type: ignore[assignment]
    app = QApplication(sys.argv[:1])
    store = Store.open(url)
    interrupted = mark_interrupted(store)
    window = MainWindow(
        pipeline=pipeline_factory(folder),
        store=store,
        interrupted=interrupted,
        devices=(["mic"], ["call"]),
    )
    shown_add = TranscriptView.add_row

    def add_row(view: TranscriptView, row: Row) -> None:
        shown_add(view, row)
        if view is window.transcript:
            emit(shown=row.position, saved=row.saved, text=row.text)

    TranscriptView.add_row = add_row  # type: ignore[method-assign]

    def committed(kind: str, key: Any) -> None:
        """Say so once everything queued so far (this action included) is committed."""
        emit(did=kind, key=key, t=time.time())
        window._bridge.call(lambda _db: None, lambda _r: emit(saved=kind, key=key))

    def act() -> None:
        if window.interview is None or window.session_id is None:
            return
        renderings = [r for r in window.interview.ledger.renderings() if not r.checks]
        if len(renderings) >= 2:
            first, second = renderings[0], renderings[1]
            window.confirm_rendering(first.position, "interpreter")
            committed("confirm", first.position)
            window.correct_rendering(
                second.position, second.text + " (read back)", "caseworker", ""
            )
            committed("correct", second.position)
        for card in window.interview.board.open_cards():
            window.interview.board.act(card.id, "asked")
            committed("prompt", ":".join(card.key))

    def take_break() -> None:
        if window.interview is not None and window.running:
            window.take_break("comfort break", "claimant")
            committed("break", round(window.interview_s(), 1))
            QTimer.singleShot(800, window.resume_questioning)

    def capture() -> None:
        emit(capture=True, t=time.time())  # rows shown before this were loaded, not said
        if resume:  # go on where it was: questioning, or out of the break it died in
            window.resume_questioning()
        else:
            window.start_questioning()

    if resume:
        window.start_page.resume_button.click()
        QTimer.singleShot(1500, capture)
    else:
        window.start_page.reference.setText("IC-CRASH-1")
        window.start_page.start_button.click()
        window.opening_page.done_button.click()
        capture()
    actions = QTimer()
    actions.timeout.connect(act)
    actions.start(700)
    breaks = QTimer()
    breaks.timeout.connect(take_break)
    breaks.start(3100)
    emit(started=window.session_id, t=time.time())
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
