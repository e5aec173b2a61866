"""The quality-assurance screens as their users meet them: a reviewer reads a sampled interview
beside its key facts, scores it and sends it (or is told, in one line, which stage is not
scored, losing nothing typed); a caseworker sees a banner for unread feedback, reads it and
replies; a unit lead's figures are tabled and drawn, suppressed shares hatched and labelled.
Real SQLite stores where something is stored; constructed data where only showing counts."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from companion.review.figures import unit_figures
from companion.review.stages import STAGE_IDS
from companion.usecases import review
from companion.usecases.review import (
    Comment,
    Feedback,
    ReviewCase,
    ReviewState,
    TranscriptLine,
)

pytestmark = pytest.mark.qt

SAMPLE = Path(__file__).parents[2] / "resources" / "samples" / "sample_interview.ref.jsonl"
AT = datetime(2026, 11, 3, 14, 2, tzinfo=UTC)


# -- a store with an ended, sampled interview ------------------------------------------------
@pytest.fixture
def store(tmp_path: Path):
    from models.store import Store

    opened = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    yield opened
    opened.close()


def _ended_interview(store, reference: str) -> int:
    """The bundled sample as an ended interview, its facts kept."""
    from models import record

    session_id = store.create_session(reference, language="ti", origin="live")
    lines = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    with store.session() as db:
        for i, line in enumerate(lines):
            record.add_segment(
                db,
                session_id,
                i,
                speaker=line["speaker"],
                text=line["text"],
                start_s=line["start"],
                end_s=line["end"],
            )
        record.set_state(db, session_id, "ended")
    review.record_facts(store, session_id)
    return session_id


@pytest.fixture
def sampled(store) -> int:
    """One interview, drawn for review."""
    session_id = _ended_interview(store, "IC-2026-0031")
    today = datetime.now(UTC).date()
    review.draw_sample(store, today.replace(day=1), today, rate=1.0, seed=7)
    return session_id


@pytest.fixture
def open_window(qtbot, store):
    """Makes windows (on ``store``, or on none); each is closed once its store work is done,
    before the store closes."""
    from ui.main_window import MainWindow

    made = []

    def make(on_store: bool = True, saved_to: list[str] | None = None):
        def ask_path(form: str, suggested: str) -> str:
            return saved_to.pop(0) if saved_to else ""

        win = MainWindow(
            pipeline=lambda setup, on_event: None,  # never started here
            store=store if on_store else None,
            devices=(["USB mic"], ["Monitor of Teams"]),
            ask_path=ask_path,
        )
        qtbot.addWidget(win)
        win.show()
        made.append(win)
        return win

    yield make
    for win in made:
        _close(qtbot, win)


def _close(qtbot, win) -> None:
    qtbot.waitUntil(lambda: win._bridge is None or not win._bridge.pending, timeout=5_000)
    win.close()
    qtbot.waitUntil(lambda: win._bridge is None, timeout=5_000)


def _open_first_sample(qtbot, win):
    screens = win.review_screens
    qtbot.waitUntil(lambda: screens.reviewing_action.isEnabled(), timeout=5_000)
    screens.reviewing_action.trigger()
    page = screens.review_page
    assert win.pages.currentWidget() is page
    qtbot.waitUntil(
        lambda: page.samples.count() and page.samples.item(0).data(Qt.ItemDataRole.UserRole),
        timeout=5000,
    )
    assert "IC-2026-0031" in page.samples.item(0).text()
    assert "random" in page.samples.item(0).text() and "to review" in page.samples.item(0).text()
    page.samples.itemClicked.emit(page.samples.item(0))
    qtbot.waitUntil(lambda: page.case is not None, timeout=5_000)
    return page


def _score(page, scores: dict[str, int]) -> None:
    for stage_id, score in scores.items():
        page.scoring.stage(stage_id).buttons[score].click()


# -- the reviewer ----------------------------------------------------------------------------
def test_a_review_scored_and_sent_is_stored_with_its_anchored_comment(
    qtbot, open_window, store, sampled
) -> None:
    win = open_window()
    page = _open_first_sample(qtbot, win)
    assert page.transcript.count() == 40
    assert (
        page.transcript.item(21).text().startswith("21  ·  0:02:23  ·  Interpreter\nThey beat me.")
    )
    assert "Questioning time 0:04:37" in page.facts.toPlainText()
    page.select_line(21)
    substance = page.scoring.stage("substance")
    assert substance.comment.anchor.text() == "About line 21"
    substance.comment.text.setPlainText("The beating was acknowledged well; ask when, too.")
    substance.comment.anchor.setChecked(True)
    page.select_line(3)  # a ticked anchor stays on its line
    assert substance.comment.anchor.text() == "About line 21"
    _score(page, {"opening": 4, "conducting": 5, "substance": 3, "closing": 4, "record": 2})
    assert substance.meaning.text() == "3 — meets the standard with lapses"
    page.send_button.click()
    qtbot.waitUntil(lambda: "Sent to the caseworker" in page.status_line.text(), timeout=5_000)

    (feedback,) = review.feedback_for_me(store)
    assert feedback.review.scores == {
        "opening": 4,
        "conducting": 5,
        "substance": 3,
        "closing": 4,
        "record": 2,
    }
    (comment,) = feedback.review.comments
    assert (comment.stage, comment.segment_position, comment.role) == ("substance", 21, "reviewer")
    assert comment.text == "The beating was acknowledged well; ask when, too."
    # Sent: read-only, and the comment is listed with its anchor; clicking it shows the line.
    assert not page.send_button.isVisible() and not page.save_button.isVisible()
    assert not substance.buttons[3].isEnabled() and substance.buttons[3].isChecked()
    assert "about line 21" in page.comments.item(0).text()
    page.select_line(0)
    page.comments.itemClicked.emit(page.comments.item(0))
    assert page.selected_line() == 21
    qtbot.waitUntil(lambda: "submitted" in page.samples.item(0).text(), timeout=5_000)


def test_an_unscored_stage_is_refused_in_one_line_and_nothing_typed_is_lost(
    qtbot, open_window, store, sampled
) -> None:
    win = open_window()
    page = _open_first_sample(qtbot, win)
    _score(page, {"opening": 4, "conducting": 5, "substance": 3, "closing": 4})
    page.scoring.overall.text.setPlainText("A careful interview overall.")
    page.send_button.click()
    qtbot.waitUntil(lambda: bool(page.error.text()), timeout=5_000)
    assert page.error.text() == (f"review of session {sampled}: score every stage first (record)")
    assert "\n" not in page.error.text()
    assert page.scoring.overall.text.toPlainText() == "A careful interview overall."
    assert page.scoring.scores()["closing"] == 4 and page.scoring.scores()["record"] is None
    assert review.feedback_for_me(store) == []
    # A draft keeps what is there; the comment is saved once and the box empties.
    page.save_button.click()
    qtbot.waitUntil(lambda: page.comments.comments != [], timeout=5_000)
    assert page.error.text() == "" and page.scoring.overall.text.toPlainText() == ""
    assert "A draft" in page.status_line.text()
    state = review.open_for_review(store, sampled).review
    assert state.submitted_at is None and state.scores["closing"] == 4
    assert [c.text for c in state.comments] == ["A careful interview overall."]


def _case(lines: int = 5, comments: tuple[Comment, ...] = ()) -> ReviewCase:
    from companion.review.facts import facts_from_summary
    from companion.summary.report import build_report
    from companion.timing.presets import get_preset
    from companion.transcript.parse import parse_transcript

    summary = build_report(parse_transcript(SAMPLE), get_preset(None))
    return ReviewCase(
        session_id=9,
        reference="IC-2026-0009",
        started="03 Nov 2026 09:00 UTC",
        lines=tuple(
            TranscriptLine(i, 10.0 * i, "caseworker" if i % 2 else "interpreter", f"Line {i}.")
            for i in range(lines)
        ),
        summary=summary,
        facts=facts_from_summary(summary),
        review=ReviewState(None, 9, "rev", dict.fromkeys(STAGE_IDS), comments),
    )


def test_the_transcript_is_read_only_and_an_anchored_comment_shows_its_line(qtbot) -> None:
    from ui.pages.review_page import ReviewPage

    page = ReviewPage()
    qtbot.addWidget(page)
    page.show()
    comment = Comment(1, "conducting", 3, "Pause here.", "rev", "reviewer", None, AT)
    page.show_case(_case(comments=(comment,)))
    item = page.transcript.item(3)
    assert not item.flags() & Qt.ItemFlag.ItemIsEditable
    page.transcript.setCurrentRow(3)
    page.transcript.editItem(item)  # refused: no editor opens
    qtbot.keyClicks(page.transcript, "typed words")
    assert page.transcript.item(3).text() == "3  ·  0:00:30  ·  Caseworker\nLine 3."
    assert page.transcript.state() != page.transcript.State.EditingState
    assert page.facts.isReadOnly()
    assert "about line 3" in page.comments.item(0).text()
    assert "Conducting" in page.comments.item(0).text()
    page.transcript.setCurrentRow(0)
    page.comments.itemClicked.emit(page.comments.item(0))
    assert page.selected_line() == 3


def test_saving_asks_for_the_scores_and_comments_typed(qtbot) -> None:
    from ui.pages.review_page import ReviewPage

    page = ReviewPage()
    qtbot.addWidget(page)
    page.show_case(_case())
    page.scoring.stage("opening").buttons[5].click()
    page.select_line(2)
    box = page.scoring.stage("record").comment
    box.text.setPlainText("Read back the date.")
    box.anchor.setChecked(True)
    with qtbot.waitSignal(page.sig_save) as saved:
        page.save_button.click()
    session_id, scores, comments, submit = saved.args
    assert session_id == 9 and submit is False
    assert scores == {
        "opening": 5,
        "conducting": None,
        "substance": None,
        "closing": None,
        "record": None,
    }
    assert comments == (review.NewComment("Read back the date.", "record", 2),)


def test_opening_another_interview_keeps_what_is_typed_until_it_is_saved(qtbot) -> None:
    from ui.pages.review_page import ReviewPage

    page = ReviewPage()
    qtbot.addWidget(page)
    page.show_samples(
        [
            review.SampledInterview(
                9, "IC-2026-0009", date(2026, 11, 3), "Croydon B", ("random",), "to review"
            ),
            review.SampledInterview(
                10, "IC-2026-0010", date(2026, 11, 4), "Croydon B", ("random",), "to review"
            ),
        ]
    )
    page.show_case(_case())
    page.scoring.stage("closing").comment.text.setPlainText("Next steps were clear.")
    with qtbot.assertNotEmitted(page.sig_open):
        page.samples.itemClicked.emit(page.samples.item(1))
    assert "not saved" in page.error.text()
    assert page.scoring.stage("closing").comment.text.toPlainText() == "Next steps were clear."
    page.scoring.stage("closing").comment.clear()
    with qtbot.waitSignal(page.sig_open) as opened:
        page.samples.itemClicked.emit(page.samples.item(1))
    assert opened.args == [10]


# -- the caseworker --------------------------------------------------------------------------
def test_the_feedback_banner_shows_only_unread_feedback_and_reading_it_clears_it(
    qtbot, open_window, store, sampled
) -> None:
    win = open_window()
    banner = win.start_page.feedback_banner
    asked: list[object] = []  # each answer to "any feedback for me?"
    win.review_screens.flow.sig_feedback.connect(asked.append)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=5_000)  # asked when the window opens
    assert banner.isHidden()  # nothing sent yet
    review.save_review(
        store,
        sampled,
        dict.fromkeys(STAGE_IDS, 4) | {"closing": 2},
        (review.NewComment("Explain the next steps.", "closing", 38),),
        submit=True,
    )
    win.pages.setCurrentWidget(win.opening_page)
    win.pages.setCurrentWidget(win.start_page)  # shown again: it asks afresh
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=5_000)
    assert banner.isVisible()
    assert win.start_page.feedback_label.text() == "A reviewer sent feedback on 1 interview(s)."
    win.start_page.feedback_button.click()
    page = win.review_screens.feedback_page
    assert win.pages.currentWidget() is page
    qtbot.waitUntil(
        lambda: review.feedback_for_me(store)[0].review.seen_at is not None, timeout=5_000
    )
    scores = page.scores.text()
    assert "Closing" in scores and "2 — below standard" in scores
    assert "Interview record" in scores and "4 — meets the standard" in scores
    assert "about line 38" in page.comments.item(0).text()
    assert "Explain the next steps." in page.comments.item(0).text()

    # A reply, to the comment selected.
    page.comments.setCurrentRow(0)
    page.reply_box.setPlainText("Thank you; I will.")
    page.reply_button.click()
    qtbot.waitUntil(lambda: page.reply_box.toPlainText() == "", timeout=5_000)
    qtbot.waitUntil(lambda: page.comments.count() == 2, timeout=5_000)
    reply = review.feedback_for_me(store)[0].review.comments[1]
    assert (reply.role, reply.text, reply.reply_to) == ("caseworker", "Thank you; I will.", 1)
    assert "↳" in page.comments.item(1).text()
    # An empty reply is refused in one line.
    page.reply_button.click()
    qtbot.waitUntil(lambda: page.error.text() == "reply: it is empty", timeout=5_000)

    before = len(asked)
    page.sig_back.emit()
    qtbot.waitUntil(lambda: len(asked) > before, timeout=5_000)
    assert win.pages.currentWidget() is win.start_page and banner.isHidden()


def test_feedback_listed_for_the_banner_is_not_marked_read(qtbot) -> None:
    from ui.pages.feedback_page import FeedbackPage

    page = FeedbackPage()
    qtbot.addWidget(page)
    state = ReviewState(1, 4, "rev", dict.fromkeys(STAGE_IDS, 3), (), AT)
    with qtbot.assertNotEmitted(page.sig_seen):
        page.show_feedback([Feedback(4, "IC-4", state)])
    with qtbot.waitSignal(page.sig_seen) as seen:
        page.show()
    assert seen.args == [4]


# -- the unit's figures ----------------------------------------------------------------------
TOTALS = {
    "interviews": 23,
    "questioning_median_s": 8100,
    "questioning_longest_s": 15300,
    "breaks": 41,
    "over_2h_without_break": 6,
    "over_4h_questioning": 2,
    "disclosures": 31,
    "disclosures_acknowledged": 24,
    "disclosures_fully_followed_up": 12,
    "distress": 14,
    "distress_responded": 12,
    "interpreted": 20,
    "read_back_done": 9,
    "interpreting_concerns": 3,
    "questions": 1260,
    "open_questions": 390,
}


def _figures():
    return unit_figures(TOTALS, date(2026, 10, 1), date(2026, 10, 31), "Croydon B")


def test_a_suppressed_share_is_drawn_hatched_and_labelled_suppressed(qtbot) -> None:
    from ui.widgets.share_bars import FILL, HATCH, ShareBars

    bars = ShareBars()
    qtbot.addWidget(bars)
    bars.set_figures(_figures().figures)
    bars.resize(480, bars.sizeHint().height())
    image = bars.grab().toImage()
    drawn = {bar.figure.key: bar for bar in bars.bars()}
    hidden = drawn["distress_responded_share"]  # 12 of 14: the 2 not responded are too few
    shown = drawn["disclosures_acknowledged_share"]
    assert hidden.figure.suppressed and not shown.figure.suppressed

    def colours(rect) -> set[str]:
        return {
            QColor(image.pixel(x, y)).name()
            for x in range(rect.left() + 1, rect.right())
            for y in range(rect.top() + 1, rect.bottom())
        }

    assert HATCH.name() in colours(hidden.track) and FILL.name() not in colours(hidden.track)
    assert FILL.name() in colours(shown.track)
    assert "Share of distress responded to: suppressed" in bars.accessibleDescription()
    assert "Share of disclosures acknowledged: 77.4 %" in bars.accessibleDescription()


def test_the_figures_are_tabled_with_the_rule_and_saved_as_csv(qtbot, tmp_path) -> None:
    from companion.review.figures import SUPPRESSION_RULE
    from ui.pages.figures_page import FiguresPage, last_full_month

    assert last_full_month(date(2026, 3, 15)) == (date(2026, 2, 1), date(2026, 2, 28))
    page = FiguresPage(today=lambda: date(2026, 11, 29))
    qtbot.addWidget(page)
    assert page.period() == (date(2026, 10, 1), date(2026, 10, 31), "")
    page.unit.setText(" Croydon B ")
    with qtbot.waitSignal(page.sig_show) as asked:
        page.show_button.click()
    assert asked.args == [date(2026, 10, 1), date(2026, 10, 31), "Croydon B"]
    assert not page.csv_button.isEnabled()
    page.show_figures(_figures())
    rows = {
        page.table.item(r, 0).text(): page.table.item(r, 1).text()
        for r in range(page.table.rowCount())
    }
    assert rows["Interviews"] == "23"
    assert rows["Over 4 hours of questioning"] == "fewer than 5 (suppressed)"
    assert rows["Questioning time, median"] == "2:15:00"
    assert page.rule.text() == SUPPRESSION_RULE
    assert page.csv_button.isEnabled()


def test_figures_are_counted_from_the_store_and_written_off_the_ui_thread(
    qtbot, open_window, store, sampled, tmp_path
) -> None:
    target = tmp_path / "out" / "figures.csv"
    target.parent.mkdir()
    win = open_window(saved_to=[str(target)])
    screens = win.review_screens
    qtbot.waitUntil(screens.figures_action.isEnabled, timeout=5_000)
    screens.figures_action.trigger()
    page = screens.figures_page
    today = datetime.now(UTC).date()
    page.start.setDate(today.replace(day=1))
    page.end.setDate(today)
    page.show_button.click()
    qtbot.waitUntil(lambda: page.figures is not None, timeout=5_000)
    assert page.table.item(0, 1).text() == "fewer than 5 (suppressed)"  # one interview
    page.csv_button.click()
    qtbot.waitUntil(lambda: page.note.text() == f"Written to {target}.", timeout=5_000)
    assert target.read_text(encoding="utf-8").startswith("figure,label,value,shown,suppressed")
    # A period that ends before it starts is refused in one line.
    page.end.setDate(today.replace(day=1).replace(year=today.year - 1))
    page.show_button.click()
    qtbot.waitUntil(lambda: "ends before it starts" in page.note.text(), timeout=5_000)


# -- the menu --------------------------------------------------------------------------------
def test_the_review_menu_needs_a_store(qtbot, open_window) -> None:
    without = open_window(on_store=False)
    screens = without.review_screens
    assert not any(
        a.isEnabled()
        for a in (screens.reviewing_action, screens.figures_action, screens.feedback_action)
    )
    with_store = open_window()
    screens = with_store.review_screens
    for action in (screens.reviewing_action, screens.figures_action, screens.feedback_action):
        qtbot.waitUntil(action.isEnabled, timeout=5_000)
    titles = [a.text() for a in with_store.menuBar().actions()]
    assert "Revie&w" in titles
