"""What one interview contributes to a unit's figures and to risk-based sampling: numbers and
yes/no facts taken from its reflection summary. Never words: nothing here can identify the
claimant or repeat what they said."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

#: Questioning past this without a break is a risk (guidance: breaks past two hours).
TWO_HOURS_S = 2 * 3600.0
#: Questioning past this is a risk (guidance: stop at four hours).
FOUR_HOURS_S = 4 * 3600.0


@dataclass(frozen=True)
class InterviewFacts:
    """One interview, as numbers (from :func:`facts_from_summary`)."""

    questioning_s: float
    elapsed_s: float
    longest_without_break_s: float
    breaks: int
    disclosures: int
    #: Disclosures the caseworker acknowledged.
    acknowledged: int
    #: Disclosures with when, where, how and by whom all asked or answered.
    fully_followed_up: int
    distress: int
    distress_responded: int
    #: Renderings with a date, number, name or place nobody confirmed (0: read back).
    read_back_open: int
    #: Whether the interview had an interpreter (read-back applies only then).
    interpreted: bool
    interpreting_concerns: int
    questions: int
    open_questions: int

    @property
    def over_2h_without_break(self) -> bool:
        """Questioned for more than two hours without a break."""
        return self.longest_without_break_s > TWO_HOURS_S

    @property
    def over_4h_questioning(self) -> bool:
        """Questioned for more than four hours in all."""
        return self.questioning_s > FOUR_HOURS_S

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict, the derived flags included."""
        return {
            **asdict(self),
            "over_2h_without_break": self.over_2h_without_break,
            "over_4h_questioning": self.over_4h_questioning,
        }


def facts_from_summary(summary: dict[str, Any]) -> InterviewFacts:
    """The facts of the interview whose summary (``build_report``'s object) is ``summary``:
    the same analysis the live prompts and the summary use, counted."""
    report = summary["report"]
    overview = report["overview"]
    disclosures = report["disclosures"]
    distress = report["distress"]
    interpreting = report["interpreting"]
    questioning = report["questioning"]
    interpreter = str(overview.get("interpreter") or "")
    return InterviewFacts(
        questioning_s=float(overview["questioning_s"] or 0.0),
        elapsed_s=float(overview["elapsed_s"] or 0.0),
        longest_without_break_s=float(overview["longest_without_break_s"] or 0.0),
        breaks=len(overview["breaks"]),
        disclosures=len(disclosures),
        acknowledged=sum(1 for d in disclosures if d.get("acknowledged")),
        fully_followed_up=sum(1 for d in disclosures if not d.get("missing")),
        distress=len(distress),
        distress_responded=sum(1 for d in distress if d.get("responded")),
        read_back_open=len(interpreting["dates_and_numbers_not_confirmed"]),
        interpreted=interpreter != "none",
        interpreting_concerns=len(interpreting["concerns"]),
        questions=int(questioning["total"]),
        open_questions=int(questioning["open"]),
    )
