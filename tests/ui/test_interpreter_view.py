"""The interpreter's window, driven offscreen: renderings in large type with dates, numbers,
names and places highlighted and years read in the claimant's calendars; confirm and correct
flowing to both windows and the store (the original kept); the unconfirmed filter; the
read-back list before closing; and concerns about interpreting reaching the summary."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from companion.transcription.events import CommittedSegment
from tests.ui.test_ui_window import _to_live, _window

pytestmark = pytest.mark.qt

SAID = [  # (speaker, words)
    ("caseworker", "When did they arrest you, and where?"),
    ("interpreter", "He says it was in 1399, in the month of Dey, in Herat."),
    (
        "interpreter",
        "They kept him for three weeks with twelve other men. Commander Rahimi gave the orders.",
    ),
    ("claimant", "I was seventeen years old when they took me, on 12/03/2019."),
    ("interpreter", "Yes, he understands the question."),
]


@pytest.fixture
def store(tmp_path: Path):
    from models.store import Store

    opened = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    yield opened
    opened.close()


def _say(qtbot, win, lines=SAID) -> None:
    """Segments as the engine commits them; each is shown once the store has it."""
    for i, (speaker, words) in enumerate(lines):
        start = 10.0 + 6 * i
        win.live.on_committed(CommittedSegment(i, "call", speaker, start, start + 5, words))
    qtbot.waitUntil(lambda: len(win.interpreter.cards) == len(lines), timeout=5_000)


def _interview(qtbot, tmp_path, store=None, language: str = "fa"):
    win = _window(qtbot, tmp_path, store)
    page = win.start_page
    page.language.setCurrentIndex(page.language.findData(language))
    _to_live(qtbot, win)
    if store is not None:
        qtbot.waitUntil(lambda: win.session_id is not None, timeout=5_000)
    _say(qtbot, win)
    win.show_interpreter_window()
    return win


def _stored(store, sid, position):
    return store.load(sid).segments[position]


def test_renderings_are_shown_large_with_what_to_check_highlighted(qtbot, tmp_path) -> None:
    win = _interview(qtbot, tmp_path)
    view = win.interpreter
    assert view.isVisible() and "IC-2026-0042" in view.windowTitle()
    assert view.visible_positions() == [0, 1, 2, 3, 4]  # newest at the bottom
    year = view.cards[1]
    html = year.words.text()
    for said in ("1399", "Dey", "Herat"):
        assert f">{said}</span>" in html, said
    # A year in Farsi is read in the Solar Hijri calendar (Dey settles it) with its conversion.
    assert "Solar Hijri" in year.calendars.text() and "2020" in year.calendars.text()
    assert "which calendar" not in year.calendars.text()
    marks = {h.text: h.kind for h in view.ledger.get(2).highlights}
    assert marks["three weeks"] == "duration" and marks["twelve"] == "number"
    assert marks["Commander Rahimi"] == "name"
    marks = {h.text: h.kind for h in view.ledger.get(3).highlights}
    assert marks["seventeen years old"] == "age" and marks["12/03/2019"] == "date"
    assert year.words.styleSheet() == "font-size: 17pt;"
    view.set_text_size(24)
    assert year.words.styleSheet() == "font-size: 24pt;"
    # The caseworker's question is context: no buttons; a plain rendering has nothing to check.
    assert view.cards[0].confirm_button.isHidden() and not year.confirm_button.isHidden()
    assert view.cards[1].badge.text() == "To confirm"
    assert view.cards[4].badge.text() == ""
    assert view.counts.text() == "3 to confirm · 0 confirmed · 0 corrected"
    view.show_questions.setChecked(False)
    assert view.visible_positions() == [1, 2, 3, 4]


def test_an_ambiguous_year_asks_which_calendar(qtbot, tmp_path) -> None:
    win = _window(qtbot, tmp_path)
    page = win.start_page
    page.language.setCurrentIndex(page.language.findData("am"))
    _to_live(qtbot, win)
    _say(qtbot, win, [("interpreter", "She says she left Ethiopia in 2013.")])
    calendars = win.interpreter.cards[0].calendars.text()
    assert "which calendar was meant?" in calendars
    assert "2013 Ethiopian = 11 Sep 2020 – 10 Sep 2021" in calendars


def test_confirm_and_correct_reach_both_windows_and_the_store(qtbot, tmp_path, store) -> None:
    win = _interview(qtbot, tmp_path, store)
    view, sid = win.interpreter, win.session_id
    view.cards[1].confirm_button.click()
    assert view.cards[1].badge.text() == "✓ Confirmed by the interpreter at 0:00:00"
    assert not view.cards[1].confirm_button.isEnabled()
    assert win.transcript.list.item(1).text().endswith("✓")
    # The caseworker corrects on the interpreter's word: the original words stay.
    view.checker.setCurrentIndex(view.checker.findData("caseworker"))
    card = view.cards[2]
    card.correct_button.click()
    assert card.editor.toPlainText() == SAID[2][1]
    card.editor.setPlainText("")
    card.save_button.click()
    assert card.error.text() == "segment 2: a correction needs the corrected words"
    corrected = SAID[2][1].replace("three weeks", "three months")
    card.editor.setPlainText(corrected)
    card.reason.setText("the interpreter misheard the duration")
    card.save_button.click()
    assert ">three months</span>" in card.words.text()
    assert card.original.text() == (
        f"As first transcribed (kept): {SAID[2][1]} — why: the interpreter misheard the duration"
    )
    assert card.badge.text().startswith("✎ Corrected by the caseworker, on the interpreter's word")
    assert card.edit_box.isHidden()
    row = win.transcript.list.item(2)
    assert "three months" in row.text() and row.text().endswith("✎ corrected")
    assert "As first transcribed: " + SAID[2][1] in row.toolTip()
    assert view.counts.text() == "1 to confirm · 1 confirmed · 1 corrected"

    def stored() -> bool:
        segments = store.load(sid).segments
        return len(segments) == 5 and bool(segments[2].corrections)

    qtbot.waitUntil(stored, timeout=5_000)
    segments = store.load(sid).segments
    ((confirm,),) = [s.corrections for s in segments[1:2]]
    assert (confirm.kind, confirm.author, segments[1].status) == (
        "confirm",
        "interpreter",
        "confirmed",
    )
    (correction,) = segments[2].corrections
    assert segments[2].text == SAID[2][1]  # the original stays
    assert (correction.kind, correction.value, correction.author, correction.reason) == (
        "text",
        corrected,
        "caseworker",
        "the interpreter misheard the duration",
    )


def test_the_filter_and_the_read_back_list_before_closing(qtbot, tmp_path, store) -> None:
    win = _interview(qtbot, tmp_path, store)
    view = win.interpreter
    view.set_only_unconfirmed(True)
    assert view.visible_positions() == [1, 2, 3]
    view.cards[2].confirm_button.click()
    assert view.visible_positions() == [1, 3]
    # Before closing: the reminder on the closing checklist, and the list itself.
    win.pages.setCurrentWidget(win.closing_page)
    assert win.read_back_banner.isVisible()
    assert "5 dates, numbers, names or places</b> in 2 renderings" in win.read_back_line.text()
    win.show_interpreter_window(read_back=True)
    assert view.pages.currentIndex() == 1
    assert view.read_back_rows() == [1, 3]
    assert "5 dates, numbers, names and places in 2 renderings" in view.read_back_intro.text()
    said = view.read_back.item(0, 1).text()
    assert said == "1399 (date)\nDey (date)\nHerat (place)"
    assert view.read_back.item(0, 2).text() == f"“{SAID[1][1]}”"
    assert "Solar Hijri" in view.read_back.item(0, 3).text()
    # Confirming from the list takes the row away and shows in both windows.
    view.read_back.cellWidget(0, 4).findChildren(type(view.read_back_button))[1].click()
    assert view.read_back_rows() == [3]
    assert win.transcript.list.item(1).text().endswith("✓")
    # Correcting from the list opens that segment's correction box.
    view.read_back.cellWidget(0, 4).findChildren(type(view.read_back_button))[0].click()
    assert view.pages.currentIndex() == 0 and not view.cards[3].edit_box.isHidden()
    view.cards[3].editor.setPlainText(SAID[3][1].replace("seventeen", "sixteen"))
    view.cards[3].save_button.click()
    assert "Every date, number, name and place" in win.read_back_line.text()
    view.show_read_back(True)
    assert view.read_back_rows() == []
    qtbot.waitUntil(
        lambda: sum(len(s.corrections) for s in store.load(win.session_id).segments) == 3,
        timeout=5_000,
    )


def test_a_concern_about_interpreting_is_recorded_and_in_the_summary(
    qtbot, tmp_path, store
) -> None:
    win = _interview(qtbot, tmp_path, store)
    win.interpreter.concern_button.click()
    dialog = win.interpreting.concern_dialog
    assert dialog.isVisible() and dialog.parent() is win.interpreter
    dialog.raised_by.setCurrentIndex(dialog.raised_by.findData("claimant"))
    dialog.kind.setCurrentIndex(dialog.kind.findData("dialect"))
    assert "another interpreter" in dialog.hint.text()
    dialog.save()
    assert dialog.error.text() == "a concern about interpreting needs a few words on what it is"
    assert dialog.isVisible()  # nothing lost: the form stays open
    dialog.details.setPlainText("She says the interpreter speaks Farsi, not Dari.")
    dialog.action.setText("Confirmed Dari; a Dari interpreter is booked for the next session.")
    dialog.save()
    assert not dialog.isVisible()
    assert "⚑ Concern about interpreting, raised by the claimant" in (
        win.transcript.list.item(win.transcript.list.count() - 1).text()
    )
    sid = win.session_id
    qtbot.waitUntil(lambda: bool(store.load(sid).concerns), timeout=5_000)
    (concern,) = store.load(sid).concerns
    assert (concern.raised_by, concern.kind, concern.segment_position) == ("claimant", "dialect", 4)
    win.show_summary(sid)
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.summary_page, timeout=5_000)
    text = win.summary_page.text.toPlainText()
    assert "Language or dialect does not match" in text
    assert "a Dari interpreter is booked" in text
    assert "3 renderings with dates, numbers, names or places were never confirmed" in text


def test_a_resumed_session_shows_what_was_already_checked(qtbot, tmp_path, store) -> None:
    from models import record
    from models.recovery import mark_interrupted

    sid = store.create_session("IC-resumed", owner="gone-host:1", language="fa")
    with store.session() as db:
        for i, (speaker, words) in enumerate(SAID):
            record.add_segment(db, sid, i, speaker=speaker, text=words, start_s=5.0 * i)
        record.confirm(db, sid, 1, author="interpreter")
        record.correct_text(db, sid, 3, "I was sixteen.", author="interpreter", reason="age")
        db.get(record.InterviewSession, sid).heartbeat_at = None
    win = _window(qtbot, tmp_path, store, mark_interrupted(store))
    win.start_page.resume_button.click()
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.live_page, timeout=5_000)
    view = win.interpreter
    assert view.cards[1].badge.text() == "✓ Confirmed by the interpreter"
    assert view.cards[3].badge.text() == "✎ Corrected by the interpreter"
    assert "As first transcribed (kept): " + SAID[3][1] in view.cards[3].original.text()
    assert win.transcript.list.item(3).text().endswith("I was sixteen.  ✎ corrected")
    assert view.counts.text() == "1 to confirm · 1 confirmed · 1 corrected"


def test_without_a_store_the_summary_still_has_the_checks(qtbot, tmp_path) -> None:
    win = _interview(qtbot, tmp_path)
    view = win.interpreter
    view.cards[1].confirm_button.click()
    view.cards[2].correct_button.click()
    view.cards[2].editor.setPlainText("They kept him for two weeks.")
    view.cards[2].save_button.click()
    interpreting = win.interview.summary()["report"]["interpreting"]
    assert (interpreting["confirmed"], interpreting["corrected"]) == (1, 1)
    (correction,) = interpreting["corrections"]
    assert (correction["before"], correction["after"]) == (
        SAID[2][1],
        "They kept him for two weeks.",
    )
    assert [u["segment"] for u in interpreting["dates_and_numbers_not_confirmed"]] == [3]
