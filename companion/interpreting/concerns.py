"""Concerns about interpreting — raised by the claimant or noticed by the caseworker or the
interpreter — with the kinds offered in ``resources/interpreting/concerns.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from companion.errors import UserError
from companion.resources import read_text

#: Who raised or noticed the concern.
RAISED_BY = ("claimant", "caseworker", "interpreter")


@dataclass(frozen=True)
class ConcernKind:
    """A kind of concern: its id (stable), the words shown, and a hint on what to do."""

    id: str
    text: str
    hint: str = ""


@dataclass(frozen=True)
class Concern:
    """One concern as recorded: who raised it, what kind, the details, what was done, and
    when in the interview (and after which segment)."""

    raised_by: str
    kind: str
    details: str
    action: str = ""
    at_s: float | None = None
    segment: int | None = None

    def __post_init__(self) -> None:
        if self.raised_by not in RAISED_BY:
            raise UserError(
                f"a concern is raised by the {', the '.join(RAISED_BY)}, not {self.raised_by!r}"
            )
        if self.kind not in concern_kinds():
            raise UserError(f"no kind of concern called {self.kind!r}")
        if not self.details.strip():
            raise UserError("a concern about interpreting needs a few words on what it is")

    def fact(self) -> dict[str, object]:
        """The concern as the summary takes it (``SessionFacts.concerns``)."""
        return {
            "raised_by": self.raised_by,
            "kind": self.kind,
            "details": self.details,
            "action": self.action,
            "at_s": self.at_s,
            "segment": self.segment,
        }


@cache
def _data() -> dict[str, object]:
    return tomllib.loads(read_text("interpreting", "concerns.toml"))


def concern_kinds() -> dict[str, ConcernKind]:
    """The kinds of concern offered, by id, in the order shown."""
    kinds = _data().get("kinds", [])
    assert isinstance(kinds, list)
    return {
        str(k["id"]): ConcernKind(str(k["id"]), str(k["text"]), str(k.get("hint", "")))
        for k in kinds
    }


def concern_intro() -> tuple[str, str, str]:
    """The form's title, its line of introduction and the source."""
    data = _data()
    return str(data.get("title", "")), str(data.get("intro", "")), str(data.get("source", ""))
