"""Which interviews are reviewed: a random sample at a rate (3.5 % by default, the target the
inspections found missed) plus every interview with a risk, drawn reproducibly from a seed
that is recorded with the draw."""

from __future__ import annotations

import math
import random
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: The default share of interviews drawn at random.
DEFAULT_RATE = 0.035
RANDOM = "random"
OVER_2H = "over 2 hours without a break"
OVER_4H = "over 4 hours of questioning"
FOLLOWUPS_MISSING = "a disclosure with follow-ups missing"
DISTRESS_UNANSWERED = "distress without a response"
INTERPRETING = "an interpreting concern"
#: Every risk an interview can be picked for, in the order they are listed.
RISKS = (OVER_4H, OVER_2H, FOLLOWUPS_MISSING, DISTRESS_UNANSWERED, INTERPRETING)


@dataclass(frozen=True)
class Candidate:
    """An ended interview not yet sampled, with the risks its facts show."""

    session_id: int
    risks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pick:
    """An interview drawn for review, and why (``random`` and/or its risks)."""

    session_id: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Draw:
    """The outcome of one draw: the picks, and what reproduces it."""

    seed: int
    rate: float
    candidates: int
    picks: tuple[Pick, ...]

    @property
    def random_picks(self) -> int:
        """How many were drawn at random."""
        return sum(1 for p in self.picks if RANDOM in p.reasons)

    @property
    def risk_picks(self) -> int:
        """How many were picked for a risk."""
        return sum(1 for p in self.picks if set(p.reasons) - {RANDOM})


def check_rate(rate: float) -> float:
    """``rate`` if it is a share from 0 to 1, else a one-line ``ValueError`` naming it."""
    if not (isinstance(rate, int | float) and 0.0 <= float(rate) <= 1.0) or math.isnan(rate):
        raise ValueError(f"sampling rate {rate!r}: give a share from 0 to 1 (0.035 is 3.5 %)")
    return float(rate)


def new_seed() -> int:
    """A fresh seed (recorded with the draw, so that it can be drawn again)."""
    return secrets.randbelow(2**31)


def draw(
    candidates: Iterable[Candidate], rate: float = DEFAULT_RATE, seed: int | None = None
) -> Draw:
    """Draw ``ceil(rate x candidates)`` interviews at random (the same ones for the same seed
    and candidates, whatever order they come in) and add every candidate with a risk."""
    rate = check_rate(rate)
    seed = new_seed() if seed is None else int(seed)
    pool: Sequence[Candidate] = sorted(candidates, key=lambda c: c.session_id)
    count = math.ceil(rate * len(pool) - 1e-9)
    chosen = {c.session_id for c in random.Random(seed).sample(list(pool), count)}
    picks = []
    for candidate in pool:
        reasons = ((RANDOM,) if candidate.session_id in chosen else ()) + tuple(
            r for r in RISKS if r in candidate.risks
        )
        if reasons:
            picks.append(Pick(candidate.session_id, reasons))
    return Draw(seed=seed, rate=rate, candidates=len(pool), picks=tuple(picks))
