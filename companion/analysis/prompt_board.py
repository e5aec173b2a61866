"""The prompt board: the cards a caseworker sees, one per open matter, and what they did.

Analysis events arrive many per matter; the board keeps **one card per disclosure episode**
(its when/where/how/by-whom checklist filling in as the interview goes on), one per moment of
distress, one per kind of vulnerability, and one per question-style remark, so nothing is
prompted twice. A card the caseworker dismissed or marked "not appropriate now" stays closed,
with their reason, even when later events touch the same matter. Only the safeguarding card
insists. Plain Python: the UI shows the cards and calls :meth:`PromptBoard.act`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from companion.analysis.events import AnalysisEvent
from companion.analysis.live import AnalysisUpdate, EpisodeState
from companion.analysis.wording import render

OPEN, ASKED, NOT_NOW, DISMISSED = "open", "asked", "not_now", "dismissed"
ACTIONS = (ASKED, NOT_NOW, DISMISSED)
#: Which card an event belongs to.
_EPISODE_KINDS = ("disclosure", "not-acknowledged", "followup-open", "episode-closed")
_ORDER = {"safeguarding": 0, "episode": 1, "distress": 2, "medical-evidence": 3, "probe-stopped": 4}


@dataclass
class PromptCard:
    """One card: what raised it, what to say, and what the caseworker did with it."""

    id: int
    key: tuple[str, str]
    kind: str
    title: str
    say: str
    why: str
    segment: int
    evidence: str
    urgency: str = "calm"
    episode: int | None = None
    #: For a disclosure card: (element, covered) in order when, where, how, by_whom.
    checklist: tuple[tuple[str, bool], ...] = ()
    acknowledged: bool | None = None
    state: str = OPEN
    reason: str = ""
    #: What to ask next about an episode, shown once the disclosure has been acknowledged.
    followup_say: str = ""
    #: Every event that touched it (kind, segment), oldest first.
    history: list[tuple[str, int]] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        """Shown in the prompt panel."""
        return self.state == OPEN


def _key(event: AnalysisEvent) -> tuple[str, str]:
    if event.kind in _EPISODE_KINDS and event.episode is not None:
        return ("episode", str(event.episode))
    if event.kind in ("medical-evidence", "probe-stopped") and event.episode is not None:
        return (event.kind, str(event.episode))
    if event.kind == "vulnerability":
        return ("vulnerability", event.details.get("kind", "other"))
    return (event.kind.replace("-not-responded", ""), str(event.segment))


class PromptBoard:
    """Cards for the analysis events of one interview."""

    def __init__(self) -> None:
        self.cards: list[PromptCard] = []
        self._by_key: dict[tuple[str, str], PromptCard] = {}
        self._listeners: list[Callable[[list[PromptCard]], None]] = []
        self._last_distress: PromptCard | None = None

    def subscribe(self, listener: Callable[[list[PromptCard]], None]) -> None:
        """Call ``listener`` with the cards each update or action changed."""
        self._listeners.append(listener)

    def open_cards(self) -> list[PromptCard]:
        """Cards still open, the insisting one first, then in the order they arose."""
        return sorted(
            (c for c in self.cards if c.is_open),
            key=lambda c: (_ORDER.get(c.key[0], 9) if c.urgency != "insist" else -1, c.id),
        )

    def apply(self, update: AnalysisUpdate) -> list[PromptCard]:
        """Take one analysis update; returns the cards it created or changed."""
        changed: dict[int, PromptCard] = {}
        for event in update.events:
            card = self._card_for(event)
            if card is not None:
                changed[card.id] = card
        for state in update.episodes:
            card = self._by_key.get(("episode", str(state.number)))
            if card is not None and self._refresh(card, state):
                changed[card.id] = card
        result = list(changed.values())
        self._notify(result)
        return result

    def act(self, card_id: int, action: str, reason: str = "") -> PromptCard:
        """Record what the caseworker did: asked (done), not appropriate now, or dismissed.
        Not appropriate now and dismissed take a reason (it goes into the summary)."""
        if action not in ACTIONS:
            raise ValueError(f"unknown prompt action {action!r}")
        card = next(c for c in self.cards if c.id == card_id)
        card.state, card.reason = action, reason.strip()
        self._notify([card])
        return card

    def restore_state(self, key: str, state: str, reason: str = "") -> PromptCard | None:
        """Give the card stored as ``key`` (``"episode:0"``) the state and reason it had
        before an interruption, without telling anyone (nothing changed)."""
        kind, _, rest = key.partition(":")
        card = self._by_key.get((kind, rest))
        if card is not None and state in (OPEN, *ACTIONS):
            card.state, card.reason = state, reason
        return card

    # -- internals -------------------------------------------------------------------------
    def _card_for(self, event: AnalysisEvent) -> PromptCard | None:
        if event.kind == "distress-not-responded":
            card = self._last_distress
            if card is None:
                return None
            card.history.append((event.kind, event.segment))
            text = render(event)
            card.say = text.get("say", card.say)
            card.why = text.get("why", card.why)
            return card
        key = _key(event)
        card = self._by_key.get(key)
        text = render(event)
        if card is None:
            card = PromptCard(
                id=len(self.cards) + 1,
                key=key,
                kind=key[0] if key[0] == "episode" else event.kind,
                title=text.get("title", event.kind),
                say=text.get("say", ""),
                why=text.get("why", ""),
                segment=event.segment,
                evidence=event.evidence,
                urgency=event.urgency,
                episode=event.episode,
            )
            self.cards.append(card)
            self._by_key[key] = card
        elif event.kind in ("followup-open", "episode-closed"):
            # Acknowledge first; the follow-up question shows once that is done.
            card.followup_say = text.get("say", "")
            if card.acknowledged:
                card.say = card.followup_say or card.say
        elif event.kind == "disclosure":
            # The episode opened by a detention's conditions, now at the harm told in it: the
            # card quotes the harm, asks again to acknowledge it, and shows again if the
            # caseworker had set the conditions card aside.
            moved = event.segment != card.segment
            card.segment, card.evidence = event.segment, event.evidence
            card.title = text.get("title", card.title)
            card.why = text.get("why", card.why)
            if moved:
                card.say, card.followup_say = text.get("say", card.say), ""
                card.acknowledged = None
                card.state, card.reason = OPEN, ""
        elif card.is_open:
            # A later stage of the same matter: the newest suggestion, the same card.
            card.say = text.get("say", card.say) or card.say
            card.why = text.get("why", card.why) or card.why
        card.history.append((event.kind, event.segment))
        if event.kind == "distress":
            self._last_distress = card
        return card

    @staticmethod
    def _refresh(card: PromptCard, state: EpisodeState) -> bool:
        before = (card.checklist, card.acknowledged, card.say)
        card.checklist = state.checklist
        card.acknowledged = state.acknowledged
        if state.acknowledged and card.followup_say:
            card.say = card.followup_say
        if state.checklist and all(covered for _, covered in state.checklist):
            card.say = "When, where, how and by whom are all covered for this episode."
        return before != (card.checklist, card.acknowledged, card.say)

    def _notify(self, cards: Iterable[PromptCard]) -> None:
        cards = list(cards)
        if not cards:
            return
        for listener in self._listeners:
            listener(cards)
