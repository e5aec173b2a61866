"""The line under the transcript: final words steady, words that may change greyed."""

from __future__ import annotations

from ui.widgets.transcript_view import TranscriptView


def test_settled_words_are_shown_steady_and_the_rest_as_provisional(qtbot) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.set_tentative("They took me to the station & held me", "They took me to")
    shown = view.tentative.text()
    ink = view.list.palette().color(view.list.palette().ColorRole.Text).name()
    assert f'<span style="color:{ink}; font-style:normal">They took me to</span>' in shown
    assert shown.endswith(" the station &amp; held me")  # escaped, and not in the steady span
    assert "final" in view.tentative.toolTip()
    view.set_tentative("", "")
    assert view.tentative.text() == ""
