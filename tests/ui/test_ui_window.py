"""The companion window, driven offscreen with a scripted transcriber and a fake clock: start,
the opening checklist, the transcript, a disclosure card filling in, a break, the end, the
closing checklist, and resuming an interrupted session. Everything it shows is also stored."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from companion.audio.wav_source import FileSource
from companion.transcription.scripted import (
    EnergyVad,
    ScriptedTranscriber,
    script_from_text,
    tone_track,
)
from companion.transcription.vad import SpeechGate
from tests.audio_helpers import write_wav
from tests.fakes import FakeTime

pytestmark = pytest.mark.qt

LINES = [  # (source, start, words)
    ("microphone", 0.6, "What happened to you in detention?"),
    ("call", 3.6, "They beat me with sticks every day."),
    ("microphone", 7.1, "Thank you for telling me. I am sorry. When was this?"),
    ("call", 10.6, "It was in March twenty twenty two."),
]


def _pipeline(tmp_path: Path, speed: float = 6.0):
    from companion.transcription.live import build_live

    regions = {"microphone": [], "call": []}
    script = []
    for source, start, words in LINES:
        regions[source].append((start - 0.1, start + 0.3 * len(words.split()) + 0.2))
        script += script_from_text(words, start)
    files = {
        origin: write_wav(tmp_path / f"{origin}.wav", tone_track(spans, 14.0))
        for origin, spans in regions.items()
    }

    def pipeline(setup, on_event):
        return build_live(
            [
                FileSource(files[o], origin=o, realtime=True, speed=speed)
                for o in ("microphone", "call")
            ],
            ScriptedTranscriber(script),
            on_event,
            gate_factory=lambda: SpeechGate(EnergyVad()),
        )

    return pipeline


@pytest.fixture
def store(tmp_path: Path):
    from models.store import Store

    opened = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    yield opened
    opened.close()


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


def _window(qtbot, tmp_path: Path, store=None, interrupted=(), speed=6.0, fake=None):
    from ui.main_window import MainWindow

    fake = fake or FakeTime()
    win = MainWindow(
        pipeline=_pipeline(tmp_path, speed),
        store=store,
        interrupted=interrupted,
        now=fake.now,
        wall=fake.wall,
        tick_ms=60_000,
        devices=(["USB mic"], ["Monitor of Teams"]),
    )
    qtbot.addWidget(win)
    win.show()
    return win


def _pass(win, fake: FakeTime, seconds: float) -> None:
    """Time passes with the window's clock ticking (a gap without ticks would be a sleep)."""
    for _ in range(int(seconds // 10)):
        fake.t += 10
        win.live.tick()


def _to_live(qtbot, win, reference: str = "IC-2026-0042") -> None:
    win.start_page.reference.setText(reference)
    win.start_page.start_button.click()
    assert win.pages.currentWidget() is win.opening_page
    win.opening_page.boxes[0].setChecked(True)
    win.opening_page.boxes[1].setChecked(True)
    win.opening_page.done_button.click()
    assert win.pages.currentWidget() is win.live_page


def test_a_whole_interview_is_shown_prompted_and_stored(qtbot, tmp_path, store, fake_time) -> None:
    win = _window(qtbot, tmp_path, store, fake=fake_time)
    _to_live(qtbot, win)
    assert win.clock_panel.start_button.isVisible()
    win.clock_panel.start_button.click()
    qtbot.waitUntil(lambda: len(win.transcript.rows) >= 2, timeout=10_000)
    assert win.transcript.rows[0].speaker == "caseworker"
    assert "Interpreter: They beat me with sticks" in win.transcript.list.item(1).text()
    # The disclosure card appears, asking first for an acknowledgement.
    qtbot.waitUntil(
        lambda: any(c.kind == "episode" for c in win.interview.board.open_cards()), timeout=5_000
    )
    card = next(c for c in win.interview.board.open_cards() if c.kind == "episode")
    widget = win.prompts.widgets[card.id]
    assert "Thank you for telling me" in widget.say.text()
    assert "☐ When" in widget.checklist.text()
    # ... and its checklist fills in as the interview goes on.
    qtbot.waitUntil(lambda: len(win.transcript.rows) >= 4, timeout=10_000)
    qtbot.waitUntil(lambda: "☑ When" in widget.checklist.text(), timeout=5_000)
    assert "acknowledged" in widget.checklist.text()
    qtbot.waitUntil(lambda: not win.running, timeout=10_000)  # the recording ran out
    first_run = len(win.transcript.rows)

    # A break: logged with its reason; capture pauses and comes back.
    _pass(win, fake_time, 600)
    win.clock_panel.break_button.click()
    win.clock_panel.break_reason.setText("comfort break")
    win.clock_panel.break_asked_by.setCurrentIndex(0)  # the claimant
    qtbot.keyClick(win.clock_panel.break_reason, "\r")
    assert win.interview.clock.state.value == "on break" and not win.running
    assert "Break at 0:10:00: comfort break (asked by the claimant)" in (
        win.transcript.list.item(win.transcript.list.count() - 1).text()
    )
    _pass(win, fake_time, 300)
    win.clock_panel.resume_button.click()
    assert win.running
    qtbot.waitUntil(lambda: len(win.transcript.rows) >= 2 * first_run, timeout=10_000)
    assert win.transcript.rows[first_run].start >= 900.0  # after the break, interview time
    qtbot.waitUntil(lambda: not win.running, timeout=10_000)

    win.clock_panel.end_button.click()
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.closing_page, timeout=5_000)
    win.closing_page.boxes[5].setChecked(True)
    win.closing_page.done_button.click()
    # The reflection summary follows, built from what was stored.
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.summary_page, timeout=10_000)
    shown = win.summary_page.text.toPlainText()
    assert "Missing follow-ups" in shown and "comfort break" in shown
    assert "IC-2026-0042" in win.summary_page.heading.text()
    qtbot.waitUntil(
        lambda: win.session_id is not None and store.info(win.session_id).state == "ended",
        timeout=10_000,
    )
    loaded = store.load(win.session_id)
    assert loaded.reference == "IC-2026-0042" and len(loaded.segments) == 2 * first_run
    assert [(b.start_s, b.end_s, b.reason, b.requested_by) for b in loaded.breaks] == [
        (600.0, 900.0, "comfort break", "claimant")
    ]
    ticks = {(t.checklist, t.item_id): t.ticked for t in loaded.checklist_ticks}
    assert ticks[("opening", "fit-and-well")] and ticks[("opening", "breaks")]
    assert not ticks[("opening", "gender-request")] and ticks[("closing", "signing")]
    assert loaded.episodes and loaded.episodes[0].acknowledged
    assert any(p.kind == "episode:0" for p in loaded.prompts)


def test_a_missing_reference_is_said_inline(qtbot, tmp_path) -> None:
    win = _window(qtbot, tmp_path)
    win.start_page.start_button.click()
    assert win.pages.currentWidget() is win.start_page
    assert "Give the interview a reference" in win.start_page.problems.text()


def test_a_prompt_set_aside_with_a_reason_is_kept(qtbot, tmp_path, store) -> None:
    win = _window(qtbot, tmp_path, store)
    _to_live(qtbot, win)
    win.start_questioning()
    qtbot.waitUntil(
        lambda: any(c.kind == "episode" for c in win.interview.board.open_cards()), timeout=10_000
    )
    card = next(c for c in win.interview.board.open_cards() if c.kind == "episode")
    widget = win.prompts.widgets[card.id]
    widget.not_now.click()
    widget.reason.setText("the claimant is upset; after the break")
    qtbot.keyClick(widget.reason, "\r")
    assert card.state == "not_now" and card.id not in win.prompts.widgets
    qtbot.waitUntil(lambda: not win.running, timeout=10_000)
    qtbot.waitUntil(
        lambda: any(p.state == "not_now" for p in store.load(win.session_id).prompts), timeout=5_000
    )
    (stored,) = [p for p in store.load(win.session_id).prompts if p.kind == "episode:0"]
    assert stored.reason == "the claimant is upset; after the break"


def test_the_speaker_of_the_last_segment_is_corrected_by_keyboard(qtbot, tmp_path, store):
    from PySide6.QtCore import Qt

    win = _window(qtbot, tmp_path, store)
    _to_live(qtbot, win)
    win.start_questioning()
    qtbot.waitUntil(lambda: len(win.transcript.rows) >= 4 and not win.running, timeout=10_000)
    last = len(win.transcript.rows) - 1
    assert win.transcript.rows[last].speaker == "interpreter"
    win.transcript.list.setFocus()
    qtbot.keyClick(win.transcript.list, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert win.transcript.rows[last].speaker == "claimant"
    assert "Claimant (speaker corrected)" in win.transcript.list.item(last).text()
    qtbot.waitUntil(
        lambda: store.load(win.session_id).segments[last].speaker == "claimant", timeout=5_000
    )
    assert store.load(win.session_id).segments[last].speaker_auto == "interpreter"


def test_a_timing_warning_shows_inline_and_the_bar_changes_colour(qtbot, tmp_path, fake_time):
    win = _window(qtbot, tmp_path, fake=fake_time)
    _to_live(qtbot, win)
    win.start_questioning()
    assert win.clock_panel.stretch_bar.property("level") == "ok"
    for _ in range(76 * 3):  # ticks every 20 s (a longer gap would read as the laptop asleep)
        fake_time.t += 20
        win.live.tick()
    assert win.clock_panel.warning.isVisible()
    assert "without a break" in win.clock_panel.warning_text.text()
    assert win.clock_panel.stretch_bar.property("level") == "soon"
    assert win.clock_panel.questioning.text() == "1:16:00"
    win.clock_panel.snooze_reason.setText("the claimant wants to finish this part")
    win.clock_panel._warning_done("snooze")
    assert not win.clock_panel.warning.isVisible()
    assert win.interview.clock.actions[-1].reason == "the claimant wants to finish this part"
    qtbot.waitUntil(lambda: not win.running, timeout=10_000)


def test_an_interrupted_session_is_offered_and_resumed(qtbot, tmp_path: Path, store) -> None:
    from models import record
    from models.recovery import mark_interrupted

    sid = store.create_session("IC-crashed", owner="gone-host:1")
    with store.session() as db:
        record.add_segment(
            db, sid, 0, speaker="claimant", text="Before the crash.", start_s=100.0, end_s=104.0
        )
        db.get(record.InterviewSession, sid).heartbeat_at = None
    win = _window(qtbot, tmp_path, store, mark_interrupted(store))
    assert win.start_page.recovery.isVisible()
    assert "IC-crashed" in win.start_page.recovery_label.text()
    win.start_page.resume_button.click()
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.live_page, timeout=5_000)
    assert "Before the crash." in win.transcript.list.item(0).text()
    win.start_questioning()
    qtbot.waitUntil(lambda: len(win.transcript.rows) >= 5 and not win.running, timeout=10_000)
    win.end_interview()
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.closing_page, timeout=5_000)
    win.closing_page.done_button.click()
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.summary_page, timeout=10_000)
    assert store.info(sid).state == "ended"
    loaded = store.load(sid)
    assert [s.text for s in loaded.segments][:2] == [
        "Before the crash.",
        "What happened to you in detention?",
    ]
    assert loaded.segments[1].start_s >= 104.0  # after what was recorded before


def test_an_interrupted_session_can_be_ended_as_it_stands(qtbot, tmp_path: Path, store) -> None:
    from models.entities import InterviewSession
    from models.recovery import mark_interrupted

    sid = store.create_session("IC-crashed", owner="gone-host:1")
    with store.session() as db:
        db.get(InterviewSession, sid).heartbeat_at = None
    win = _window(qtbot, tmp_path, store, mark_interrupted(store))
    win.start_page.close_session_button.click()
    qtbot.waitUntil(lambda: "ended as it stood" in win.status.text(), timeout=5_000)
    assert store.info(sid).state == "ended"
    qtbot.waitUntil(lambda: not win.start_page.recovery.isVisible(), timeout=5_000)


def test_compact_always_on_top_theme_and_text_size(qtbot, tmp_path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    win = _window(qtbot, tmp_path)
    _to_live(qtbot, win)
    win.compact_action.trigger()
    assert not win.transcript.isVisibleTo(win) and win.prompts.isVisibleTo(win)
    qtbot.waitUntil(lambda: win.width() <= 480, timeout=2_000)
    win.on_top_action.trigger()
    assert win.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    win.dark_action.trigger()
    assert "#1e1f22" in QApplication.instance().styleSheet()
    before = QApplication.instance().font().pointSize()
    win._font(+2)
    assert QApplication.instance().font().pointSize() == before + 2


def test_closing_while_running_stops_capture_first(qtbot, tmp_path) -> None:
    win = _window(qtbot, tmp_path, speed=1.0)
    _to_live(qtbot, win)
    win.start_questioning()
    qtbot.waitUntil(lambda: len(win.transcript.rows) >= 1, timeout=10_000)
    win.close()
    qtbot.waitUntil(lambda: not win.running, timeout=10_000)
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=5_000)


def test_quitting_the_app_while_running_stops_the_worker_cleanly(qtbot, tmp_path) -> None:
    win = _window(qtbot, tmp_path, speed=1.0)
    _to_live(qtbot, win)
    win.start_questioning()
    qtbot.waitUntil(lambda: len(win.transcript.rows) >= 1, timeout=10_000)
    thread = win.live._thread
    assert thread is not None and thread.isRunning()
    win.shutdown()
    assert not thread.isRunning()


def test_the_demo_goes_straight_to_the_live_view_and_is_stored(qtbot, tmp_path, store) -> None:
    win = _window(qtbot, tmp_path, store)
    win.run_demo()
    assert win.pages.currentWidget() is win.live_page and win.running
    assert win.interview is not None and win.interview.setup.demo
    qtbot.waitUntil(lambda: len(win.transcript.rows) >= 4 and not win.running, timeout=10_000)
    qtbot.waitUntil(lambda: win.session_id is not None, timeout=5_000)
    info = store.info(win.session_id)
    assert info.origin == "demo" and info.segments == len(win.transcript.rows)


class FakeMeter:
    def __init__(self, device: str, origin: str) -> None:
        self.device, self.origin = device, origin
        self.level_db = self.peak_db = -60.0
        self.running = False

    def start(self) -> None:
        if self.origin == "call":
            raise RuntimeError(f"audio device '{self.device}' cannot be opened: busy")
        self.running = True
        self.level_db = self.peak_db = -12.0

    def stop(self) -> None:
        self.running = False

    def verdict(self) -> str:
        return f"{self.device or 'default'}: sound heard (loudest {self.peak_db:.0f} dBFS)"


def test_the_audio_test_shows_levels_and_says_what_it_heard(qtbot, tmp_path) -> None:
    from ui.pages.start_page import StartPage

    meters: list[FakeMeter] = []

    def factory(device: str, origin: str) -> FakeMeter:
        meters.append(FakeMeter(device, origin))
        return meters[-1]

    page = StartPage([], ["USB mic"], ["Monitor of Teams"], meter_factory=factory)
    qtbot.addWidget(page)
    page.show()
    page.call.setCurrentIndex(page.call.findData("Monitor of Teams"))
    page.test_button.click()
    assert page.testing and "cannot be opened: busy" in page.test_result.text()
    qtbot.waitUntil(lambda: page.mic_level.value() == 48, timeout=2_000)
    page.test_button.click()
    assert not page.testing and not meters[0].running
    assert "sound heard (loudest -12 dBFS)" in page.test_result.text()


def test_a_past_session_opens_read_only(qtbot, tmp_path, store) -> None:
    from models import record

    sid = store.create_session("IC-2026-0007")
    with store.session() as db:
        record.add_segment(db, sid, 0, speaker="claimant", text="I was held in 1401.")
        record.correct_text(db, sid, 0, "I was held in 1402.", author="interpreter")
        record.set_state(db, sid, "ended")
    win = _window(qtbot, tmp_path, store)
    qtbot.waitUntil(lambda: win.start_page.past.count() == 1, timeout=5_000)
    item = win.start_page.past.item(0)
    win.start_page.past.itemActivated.emit(item)
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.session_page, timeout=5_000)
    text = win.session_page.text.toPlainText()
    assert (
        "Claimant: I was held in 1402." in text and "recognised as: “I was held in 1401.”" in text
    )


def test_scrolling_up_stops_following_search_finds_and_notes_are_kept(qtbot, tmp_path, store):
    from PySide6.QtCore import Qt

    from ui.widgets.transcript_view import Row

    win = _window(qtbot, tmp_path, store)
    _to_live(qtbot, win)
    view = win.transcript
    for i in range(80):
        view.add_row(Row(i, i * 5.0, "claimant" if i % 2 else "caseworker", f"line number {i}"))
    bar = view.list.verticalScrollBar()
    assert bar.value() == bar.maximum()  # following the newest words
    bar.setValue(0)  # the caseworker scrolls up to re-read
    assert not view.follow and view.jump.isVisible()
    view.add_row(Row(80, 400.0, "claimant", "a new line"))
    assert bar.value() == 0  # not pulled down while reading
    view.jump.click()
    assert view.follow and bar.value() == bar.maximum()
    view.search.setText("number 7")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert "line number 7" in view.list.currentItem().text()
    assert view.search_result.text() == "1 of 11"  # 7 and 70-79
    view.note.setText("claimant looked away when asked about the guards")
    qtbot.keyClick(view.note, Qt.Key.Key_Return)
    assert "✎ Note: claimant looked away" in view.list.item(view.list.count() - 1).text()
    qtbot.waitUntil(
        lambda: (
            win.session_id is not None
            and any(
                n.text.startswith("claimant looked away") for n in store.load(win.session_id).notes
            )
        ),
        timeout=5_000,
    )
    (note,) = store.load(win.session_id).notes
    assert note.segment_position == 80


def test_the_summary_saves_the_reflection_and_exports(qtbot, tmp_path, store) -> None:
    from models import record

    sid = store.create_session("IC-2026-0009")
    with store.session() as db:
        record.add_segment(
            db,
            sid,
            0,
            speaker="caseworker",
            text="What happened in prison?",
            start_s=5.0,
            end_s=8.0,
        )
        record.add_segment(
            db,
            sid,
            1,
            speaker="interpreter",
            text="They beat me every night.",
            start_s=9.0,
            end_s=13.0,
        )
        record.set_state(db, sid, "ended")
    asked = []
    win = _window(qtbot, tmp_path, store)
    win._ask_path = lambda form, suggested: asked.append(suggested) or str(tmp_path / f"out.{form}")
    win.show_summary(sid)
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.summary_page, timeout=5_000)
    assert "missing When" in win.summary_page.text.toPlainText()
    prompt, edit = win.summary_page.answers[0]
    edit.setPlainText("Tense at the start; I should have explained the breaks more slowly.")
    win.summary_page.save_button.click()
    qtbot.waitUntil(lambda: "saved" in win.summary_page.note.text(), timeout=5_000)
    (answer,) = store.load(sid).reflections
    assert (answer.prompt, answer.answer.startswith("Tense")) == (prompt, True)
    win.summary_page.pdf_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "out.pdf").exists(), timeout=10_000)
    win.summary_page.docx_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "out.docx").exists(), timeout=10_000)
    assert asked == ["summary-IC-2026-0009.pdf", "summary-IC-2026-0009.docx"]
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    # Masked on request; each export is in the session's audit trail.
    win.summary_page.redact.setChecked(True)
    (tmp_path / "out.docx").unlink()
    win.summary_page.docx_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "out.docx").exists(), timeout=10_000)
    qtbot.waitUntil(lambda: len(store.audit_events(sid)) == 3, timeout=5_000)
    details = [(e.action, e.actor.endswith("(app)"), e.detail) for e in store.audit_events(sid)]
    assert details == [
        ("summary export", True, "pdf, to out.pdf"),
        ("summary export", True, "docx, to out.docx"),
        ("summary export", True, "docx, names and places masked, to out.docx"),
    ]


def test_words_wait_for_the_store_then_show_marked_unsaved(qtbot, tmp_path, store) -> None:
    from concurrent.futures import Future

    from companion.transcription.events import CommittedSegment

    win = _window(qtbot, tmp_path, store)
    _to_live(qtbot, win)
    qtbot.waitUntil(lambda: win.session_id is not None, timeout=5_000)
    slow: Future = Future()
    win.interview.journal.recorder.record = lambda *_args: slow  # the disk is stuck
    win.live.on_committed(CommittedSegment(0, "call", "claimant", 1.0, 3.0, "I was held in Herat."))
    assert win.transcript.list.count() == 0  # not before it is saved ...
    qtbot.waitUntil(lambda: win.transcript.list.count() == 1, timeout=3_000)  # ... or a second
    assert win.transcript.list.item(0).text().endswith("I was held in Herat.  ⌛ not saved yet")
    slow.set_result(0)
    qtbot.waitUntil(
        lambda: win.transcript.list.item(0).text().endswith("I was held in Herat."), timeout=3_000
    )


def test_the_start_screen_says_how_the_interviews_are_protected(qtbot, tmp_path) -> None:
    from models.store import Store

    url = f"sqlite:///{tmp_path / 'new.db'}"
    first = Store.open(url)  # a new store: its key is made now
    try:
        win = _window(qtbot, tmp_path, first)
        line = win.start_page.storage
        assert line.isVisible() and line.property("role") == "banner"
        assert "Without that key nobody can read them" in line.text()
        assert "key --export FILE" in line.text()
    finally:
        win.close()
        first.close()
    again = Store.open(url)
    try:
        win = _window(qtbot, tmp_path, again)
        line = win.start_page.storage
        assert line.property("role") == "muted"
        assert line.text().startswith("Interviews are stored encrypted on this computer")
        assert "Without that key" in line.toolTip()
    finally:
        win.close()
        again.close()


def test_an_unplugged_headset_is_said_plainly_and_capture_can_restart(
    qtbot, tmp_path, store
) -> None:
    from companion.audio.chunk import AudioChunk
    from companion.audio.source import AudioSource
    from companion.errors import AudioDeviceLostError
    from companion.transcription.live import build_live
    from ui.main_window import MainWindow

    class Unplugged(AudioSource):
        origin, label = "microphone", "USB Headset"

        def __init__(self) -> None:
            self.audio = tone_track([(0.5, 2.0)], 2.5)

        def chunks(self):
            for i in range(0, len(self.audio), 1600):
                yield AudioChunk(self.audio[i : i + 1600], i / 16000)
            raise AudioDeviceLostError("audio device 'USB Headset' was disconnected")

        def stop(self) -> None:
            pass

    call = write_wav(tmp_path / "call.wav", tone_track([(3.0, 5.0)], 6.0))
    script = script_from_text("are you all right", 0.6) + script_from_text("yes I am fine", 3.1)
    runs = []

    def pipeline(setup, on_event):
        runs.append(1)
        return build_live(
            [Unplugged(), FileSource(call, origin="call", realtime=True, speed=4.0)],
            ScriptedTranscriber(script),
            on_event,
            gate_factory=lambda: SpeechGate(EnergyVad()),
        )

    win = MainWindow(pipeline=pipeline, store=store, tick_ms=60_000, devices=([], []))
    qtbot.addWidget(win)
    win.show()
    _to_live(qtbot, win)
    win.clock_panel.start_button.click()
    qtbot.waitUntil(lambda: win.capture_banner.isVisible(), timeout=10_000)
    assert "'USB Headset' was disconnected" in win.capture_line.text()
    qtbot.waitUntil(lambda: not win.running, timeout=10_000)  # the call ran to its end
    texts = [r.text for r in win.transcript.rows]
    assert "are you all right" in texts and "yes I am fine" in texts  # kept, and the call went on
    assert win.restart_button.isVisible()
    assert "The interview clock goes on" in win.capture_line.text()
    assert win.interview.clock.state.name == "QUESTIONING"
    stored = [s.text for s in store.load(win.session_id).segments]
    assert "are you all right" in stored and "yes I am fine" in stored
    win.restart_button.click()
    assert win.running and not win.capture_banner.isVisible()
    qtbot.waitUntil(lambda: len(runs) == 2, timeout=5_000)  # built again on the worker thread
    qtbot.waitUntil(lambda: not win.running, timeout=10_000)


def test_after_the_computer_slept_capture_is_restarted(qtbot, tmp_path, fake_time) -> None:
    win = _window(qtbot, tmp_path, fake=fake_time, speed=1.0)
    builds = []
    pipeline = win.live._pipeline
    win.live._pipeline = lambda setup, on_event: (builds.append(1), pipeline(setup, on_event))[1]
    _to_live(qtbot, win)
    win.clock_panel.start_button.click()
    qtbot.waitUntil(lambda: len(builds) == 1 and win.running, timeout=5_000)
    fake_time.t += 40 * 60  # the lid was closed for forty minutes
    win.live.tick()
    assert (
        "The computer slept for 0:40:00"
        in win.transcript.list.item(win.transcript.list.count() - 1).text()
    )
    qtbot.waitUntil(lambda: len(builds) == 2 and win.running, timeout=10_000)  # devices reopened
    assert win.interview.clock.questioning_s < 60  # the sleep is not questioning time
    assert not win.capture_banner.isVisible()
    win.end_interview()
    qtbot.waitUntil(lambda: not win.running, timeout=10_000)


def test_a_full_disk_is_said_words_wait_marked_and_nothing_is_lost(qtbot, tmp_path, store):
    from sqlalchemy import event

    from companion.transcription.events import CommittedSegment

    win = _window(qtbot, tmp_path, store)
    _to_live(qtbot, win)
    qtbot.waitUntil(lambda: win.session_id is not None, timeout=5_000)
    limit = {"pages": 0}

    @event.listens_for(store.engine, "checkout")
    def _cap(dbapi_connection, *_):
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA max_page_count = {limit['pages'] or 1073741823}")
        cursor.close()

    with store.engine.connect() as connection:
        limit["pages"] = int(connection.exec_driver_sql("PRAGMA page_count").scalar() or 0)
    said = ["what was said " * 2000, "I was held for a month.", "They beat me."]
    for i, words in enumerate(said):
        win.live.on_committed(CommittedSegment(i, "call", "claimant", 1.0 + i, 2.0 + i, words))
    qtbot.waitUntil(lambda: win.store_line.isVisible(), timeout=10_000)
    assert "the disk is full" in win.store_line.text() and "Kept in memory" in win.store_line.text()
    qtbot.waitUntil(lambda: win.transcript.list.count() == 3, timeout=5_000)  # shown anyway ...
    assert all(
        "not saved yet" in win.transcript.list.item(i).text() for i in range(3)
    )  # ... marked
    limit["pages"] = 0  # space freed
    qtbot.waitUntil(lambda: "nothing was lost" in win.store_line.text(), timeout=20_000)
    qtbot.waitUntil(
        lambda: not any("not saved yet" in win.transcript.list.item(i).text() for i in range(3)),
        timeout=5_000,
    )
    assert [s.text for s in store.load(win.session_id).segments] == said


def test_a_failing_model_is_said_and_the_interview_goes_on(qtbot, tmp_path) -> None:
    from ui.main_window import MainWindow

    def broken(setup, on_event):
        raise RuntimeError("the speech model could not be loaded (out of memory)")

    win = MainWindow(pipeline=broken, tick_ms=60_000, devices=([], []))
    qtbot.addWidget(win)
    win.show()
    _to_live(qtbot, win)
    win.clock_panel.start_button.click()
    qtbot.waitUntil(lambda: not win.running and win.capture_banner.isVisible(), timeout=5_000)
    assert win.capture_line.text().startswith(
        "⚠ Transcription stopped: the speech model could not be loaded (out of memory)."
    )
    assert win.restart_button.isVisible()
    assert win.interview.clock.state.name == "QUESTIONING"  # the clock, notes and prompts go on
    win.take_break("comfort break")
    assert win.interview.clock.state.name == "ON_BREAK"


def test_the_window_remembers_the_caseworkers_choices(qtbot, tmp_path) -> None:
    from companion.settings import Settings

    win = _window(qtbot, tmp_path)
    win.dark_action.setChecked(True)
    win.compact_action.setChecked(True)
    win.on_top_action.setChecked(True)
    win._font(+2)
    win.start_page.reference.setText("IC-2026-0050")
    win.start_page.preset.setCurrentIndex(win.start_page.preset.findData("home-office-slot"))
    win.start_page.start_button.click()
    win.close()
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=5_000)
    saved = Settings.load().window
    assert (saved.theme, saved.compact, saved.always_on_top, saved.text_step) == (
        "dark",
        True,
        True,
        2,
    )
    assert saved.last_preset == "home-office-slot" and saved.geometry
    again = _window(qtbot, tmp_path)  # the next start
    assert again.dark_action.isChecked() and again.compact_action.isChecked()
    assert again.on_top_action.isChecked()
    assert again.start_page.preset.currentData() == "home-office-slot"


def test_a_window_killed_at_three_hours_resumes_with_its_clock_warnings_cards_and_checks(
    qtbot, tmp_path, fake_time
) -> None:
    """Through the real window and store: an interview at 3:00:00 of interview time (2 h 50 of
    questioning, one break, a disclosure acted on, a warning acted on, a rendering confirmed)
    stops dead; the next window resumes it with all of that as it was."""
    from models.entities import InterviewSession
    from models.recovery import mark_interrupted
    from models.store import Store

    url = f"sqlite:///{tmp_path / 'store.db'}"
    first_store = Store.open(url)
    win = _window(qtbot, tmp_path, first_store, fake=fake_time)
    _to_live(qtbot, win)
    qtbot.waitUntil(lambda: win.session_id is not None, timeout=5_000)
    win.start_questioning()
    qtbot.waitUntil(lambda: len(win.transcript.rows) >= 6 and not win.running, timeout=15_000)
    card = next(c for c in win.interview.board.open_cards() if c.kind == "episode")
    win.prompts.widgets[card.id].asked.click()
    win.confirm_rendering(win.transcript.rows[1].position, "interpreter")
    _pass(win, fake_time, 80 * 60)
    warning = win.interview.open_warning()
    assert warning is not None and win.clock_panel.warning.isVisible()
    win.live_page._warning_action(warning.occasion, "acted", "offered water")
    _pass(win, fake_time, 10 * 60)
    win.take_break("comfort break", "claimant")
    _pass(win, fake_time, 10 * 60)
    win.resume_questioning()
    qtbot.waitUntil(lambda: not win.running, timeout=15_000)
    _pass(win, fake_time, 80 * 60)
    before = win.interview
    assert round(before.clock.elapsed_s / 60) == 180
    sid = win.session_id
    assert win._bridge.writer.flush(10)
    # The process dies here: nothing is closed, the session is left live.
    win.live.shutdown()
    bridge, win._bridge = win._bridge, None
    bridge.writer.close(10)  # its thread ends with the process; the session stays live
    with first_store.session() as db:
        found = db.get(InterviewSession, sid)
        found.owner, found.heartbeat_at = "gone-host:1", None

    second_store = Store.open(url)
    try:
        again = _window(
            qtbot, tmp_path, second_store, mark_interrupted(second_store), fake=fake_time
        )
        again.start_page.resume_button.click()
        qtbot.waitUntil(lambda: again.interview is not None, timeout=10_000)
        after = again.interview
        assert after.clock.questioning_s == pytest.approx(before.clock.questioning_s, abs=6)
        assert after.clock.elapsed_s == pytest.approx(before.clock.elapsed_s, abs=6)
        assert [b.reason for b in after.clock.breaks] == ["comfort break"]
        assert [w.occasion for w in after.clock.warnings] == [
            w.occasion for w in before.clock.warnings
        ]
        assert [a.action for a in after.clock.actions] == ["acknowledged"]
        assert "2:50" in again.clock_panel.questioning.text()
        episode = next(c for c in after.board.cards if c.kind == "episode")
        assert episode.state == "asked" and card.id not in again.prompts.widgets
        assert after.ledger.get(win.transcript.rows[1].position).state == "confirmed"
        assert "✓" in again.transcript.list.item(1).text()
        assert len(again.transcript.rows) == len(win.transcript.rows)
        # The warning still open at the crash is shown again, the others are not.
        assert after.open_warning() == before.open_warning()
        assert again.clock_panel.warning.isVisible()
        again.resume_questioning()
        assert after.state.value == "questioning"
        assert len(after.clock.warnings) == len(before.clock.warnings)
        with second_store.session() as db:
            prompts = {p.kind: p.state for p in db.get(InterviewSession, sid).prompts}
        assert prompts[":".join(card.key)] == "asked"
    finally:
        again.live.shutdown()
        again.shutdown()
        second_store.close()
        first_store.close()
