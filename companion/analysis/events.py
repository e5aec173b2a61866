"""What the analysis tells the caseworker: prompts, each with the words that raised it.

The UI turns these into cards, the summary into its sections. ``kind`` names the prompt whose
suggested wording lives in ``resources/prompts/wording.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Prompt kinds, in the order a caseworker would meet them.
KINDS = (
    "disclosure",  # a disclosure of harm: acknowledge it
    "not-acknowledged",  # the next turn moved on without acknowledging it
    "followup-open",  # when/where/how/by whom still open for an episode
    "episode-closed",  # the conversation moved on with elements still missing
    "medical-evidence",  # the claimant has not been told they may submit medical evidence
    "distress",  # distress: acknowledge, offer a break, do not press
    "distress-not-responded",  # the next turn pressed on
    "probe-stopped",  # distress during an open episode: note if probing had to stop
    "vulnerability",  # a condition that affects evidence or safety: signpost support
    "safeguarding",  # a suicidal statement: the one prompt that insists
    "yes-no-demand",  # a second "yes or no" demand
    "repeated-question",  # the same question again after an answer
    "loaded-question",  # a question that presumes the answer or voices disbelief
)


@dataclass(frozen=True)
class AnalysisEvent:
    """One prompt for the caseworker: a suggestion, never a verdict."""

    kind: str
    segment: int
    evidence: str
    episode: int | None = None
    #: Extra facts for the wording: the category, missing elements, the vulnerability kind...
    details: dict[str, str] = field(default_factory=dict)
    #: "calm" for all prompts but the safeguarding one, which is "insist".
    urgency: str = "calm"
