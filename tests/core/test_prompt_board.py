"""The prompt board: one card per episode with its checklist filling in, once per matter,
actions with reasons that stick, the safeguarding card first."""

from __future__ import annotations

import pytest

from companion.analysis.live import LiveAnalysis
from companion.analysis.prompt_board import ASKED, DISMISSED, NOT_NOW, PromptBoard
from companion.transcript import parse_transcript
from companion.transcript.parse import parse_transcript_text
from companion.transcription.events import CommittedSegment
from tests.paths import DEV_CORPUS as DEV


def _play(turns, board: PromptBoard | None = None, live: LiveAnalysis | None = None):
    board, live = board or PromptBoard(), live or LiveAnalysis()
    for s in turns:
        board.apply(live.feed(CommittedSegment(s.index, "call", s.speaker, 0.0, 0.0, s.text)))
    return board, live


def test_a_disclosure_is_one_card_whose_checklist_fills_in() -> None:
    transcript = parse_transcript(DEV / "d01_full_followup.txt")
    board, live = _play(transcript.segments[:4])
    (card,) = [c for c in board.open_cards() if c.kind == "episode"]
    assert card.title == "Disclosure of ill treatment" and card.acknowledged is None
    assert "Thank you for telling me" in card.say  # acknowledge first
    assert dict(card.checklist)["when"] is False
    _play(transcript.segments[4:], board, live)
    (same,) = [c for c in board.open_cards() if c.kind == "episode"]
    assert same is card and card.acknowledged is True
    assert all(covered for _, covered in card.checklist)
    assert card.say.startswith("When, where, how and by whom are all covered")


def test_a_second_episode_gets_its_own_card_and_an_ignored_one_says_so() -> None:
    board, _ = _play(parse_transcript(DEV / "d02_ignored_second_episode.txt").segments)
    episodes = [c for c in board.cards if c.kind == "episode"]
    assert [c.title for c in episodes] == [
        "Disclosure of ill treatment",
        "Disclosure of sexual violence",
    ]
    assert episodes[1].acknowledged is False
    assert [h[0] for h in episodes[1].history] == ["disclosure", "not-acknowledged"]


def test_dismissed_cards_stay_closed_with_their_reason() -> None:
    text = (
        "Caseworker: What happened in detention?\n\nClaimant: They beat me every day.\n\n"
        "Caseworker: Thank you for telling me. When was this?\n\nClaimant: In March.\n\n"
        "Caseworker: Who beat you?\n\nClaimant: It was the guards.\n"
    )
    segments = parse_transcript_text(text).segments
    board, live = _play(segments[:2])
    (card,) = [c for c in board.open_cards() if c.kind == "episode"]
    board.act(card.id, NOT_NOW, "the claimant is tired; will return after the break")
    changed = []
    board.subscribe(changed.append)
    _play(segments[2:], board, live)
    assert card.state == NOT_NOW and card.reason.startswith("the claimant is tired")
    assert card not in board.open_cards()
    assert len([c for c in board.cards if c.kind == "episode"]) == 1  # never prompted twice
    assert changed  # the checklist still fills in behind the closed card
    assert dict(card.checklist)["when"] is True


def test_the_safeguarding_card_comes_first_and_insists() -> None:
    text = (
        "Claimant: They burned me with cigarettes.\n\nCaseworker: What is your date of birth?\n\n"
        "Claimant: Sometimes I think I would be better off dead.\n"
    )
    board, _ = _play(parse_transcript_text(text).segments)
    first = board.open_cards()[0]
    assert first.kind == "safeguarding" and first.urgency == "insist"
    assert all(c.urgency == "calm" for c in board.open_cards()[1:])


def test_actions_are_checked() -> None:
    board, _ = _play(parse_transcript(DEV / "d01_full_followup.txt").segments[:4])
    card = board.open_cards()[0]
    with pytest.raises(ValueError, match="unknown prompt action"):
        board.act(card.id, "ignored")
    board.act(card.id, ASKED)
    assert card.state == ASKED and card not in board.open_cards()
    board.act(card.id, DISMISSED, "duplicate")
    assert card.reason == "duplicate"
