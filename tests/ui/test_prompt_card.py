"""A prompt card shows the words that raised it; for a yes to a closed question, the question
too (issue 15)."""

from __future__ import annotations

from companion.analysis.live import LiveAnalysis
from companion.analysis.prompt_board import PromptBoard
from companion.transcription.events import CommittedSegment
from ui.widgets.prompt_panel import PromptCardWidget


def test_the_card_for_a_yes_quotes_the_question_and_the_answer(qtbot) -> None:
    live, board = LiveAnalysis(), PromptBoard()
    turns = [
        ("caseworker", "Were you tortured during those four months?"),
        ("interpreter", "He says yes."),
    ]
    for number, (speaker, text) in enumerate(turns):
        board.apply(live.feed(CommittedSegment(number, "call", speaker, number, number + 1, text)))
    [card] = [c for c in board.open_cards() if c.kind == "episode"]
    widget = PromptCardWidget(card)
    qtbot.addWidget(widget)
    shown = widget.evidence.text()
    assert "Were you tortured during those four months?" in shown
    assert "He says yes." in shown
    assert not shown.startswith("Words: “Asked")  # not wrapped in a second pair of quotes


def test_a_long_quote_is_shown_whole_in_the_panel(qtbot) -> None:
    """A card quoting a whole turn (the second opinion's) is as tall as its words need."""
    from companion.analysis.prompt_board import PromptCard
    from ui.widgets.prompt_panel import PromptPanel

    words = " ".join(["He took me to a flat in Milan and locked the door from the outside."] * 6)
    card = PromptCard(
        id=1,
        key=("disclosure", "0"),
        kind="disclosure",
        title="Possible disclosure of harm",
        say="Thank you for telling me.",
        why="No rule named a harm here.",
        segment=1,
        evidence=words,
    )
    panel = PromptPanel()
    qtbot.addWidget(panel)
    panel.resize(460, 600)
    panel.show_cards([card])
    panel.show()
    qtbot.waitExposed(panel)
    label = panel.widgets[1].evidence
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    assert label.height() >= label.heightForWidth(label.width()) > 3 * label.fontMetrics().height()
