"""Which renderings have been checked: the interpreter's (and the claimant's) segments, what
in them must be read back, and each confirmation or correction made since — the original
words always kept. One ledger feeds both windows, the read-back list and the summary."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from companion.analysis.harm import HARM_WORDS
from companion.interpreting.highlight import TERM, Highlight, highlights

#: Whose words are renderings to check (the interpreter's, or the claimant's own English).
RENDERING_SPEAKERS = ("interpreter", "claimant")
#: Who may confirm or correct: the interpreter, or the caseworker on the interpreter's word.
CHECKERS = ("interpreter", "caseworker")
CONFIRM, CORRECT = "confirm", "correct"
#: A rendering's state, as shown in both windows.
TO_CONFIRM, CONFIRMED, CORRECTED, NOTHING_TO_CHECK = (
    "to confirm",
    "confirmed",
    "corrected",
    "nothing to check",
)


class CheckError(ValueError):
    """A confirmation or correction that cannot be made (one line, naming what is wrong)."""


@dataclass(frozen=True)
class Check:
    """One confirmation or correction, added beside the words: who, when, why."""

    kind: str
    by: str
    at_s: float | None
    text: str = ""
    reason: str = ""


@dataclass
class Rendering:
    """One segment as the interpreter's window shows it."""

    position: int
    start_s: float | None
    speaker: str
    #: The words as recognised; never changed.
    original: str
    #: Confirmations and corrections, oldest first.
    checks: list[Check] = field(default_factory=list)
    #: A disclosure of harm was found in this segment (its terms are shown first).
    disclosure: bool = False
    language: str = ""
    _marks: tuple[Highlight, ...] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        """The words as they stand: the latest correction, else the original."""
        for check in reversed(self.checks):
            if check.kind == CORRECT:
                return check.text
        return self.original

    @property
    def is_rendering(self) -> bool:
        """Spoken by the interpreter or the claimant (the caseworker's questions are context)."""
        return self.speaker in RENDERING_SPEAKERS

    @property
    def highlights(self) -> tuple[Highlight, ...]:
        """What to check in the current words: key terms, dates, numbers, names, places."""
        if self._marks is None:
            terms = {m.group(0) for m in HARM_WORDS.finditer(self.text)}
            self._marks = tuple(highlights(self.text, language=self.language, terms=terms))
        return self._marks

    @property
    def to_read_back(self) -> tuple[Highlight, ...]:
        """The dates, numbers, durations, ages, names and places in it (not the key terms)."""
        return tuple(h for h in self.highlights if h.kind != TERM)

    @property
    def state(self) -> str:
        """corrected, confirmed, to confirm, or nothing to check."""
        if any(c.kind == CORRECT for c in self.checks):
            return CORRECTED
        if self.checks:
            return CONFIRMED
        if self.is_rendering and self.to_read_back:
            return TO_CONFIRM
        return NOTHING_TO_CHECK

    @property
    def last_check(self) -> Check | None:
        """The latest confirmation or correction, if any."""
        return self.checks[-1] if self.checks else None


@dataclass(frozen=True)
class ReadBackItem:
    """One date, number, name or place still to be read back to the claimant."""

    position: int
    at_s: float | None
    kind: str
    text: str
    #: For a year: its reading in each calendar the claimant may use.
    readings: tuple[str, ...]
    #: The words it was said in.
    context: str


Listener = Callable[[Rendering], None]


class ConfirmationLedger:
    """The segments of one interview and every check made on them, in memory.

    Listeners hear of each rendering added or changed, so the caseworker's and the
    interpreter's windows show a confirmation or correction at once."""

    def __init__(self, language: str = "") -> None:
        self.language = language
        self._items: dict[int, Rendering] = {}
        self._listeners: list[Listener] = []
        # Kept as renderings change, so the windows' counts cost nothing per segment:
        # position -> (a rendering?, its state, dates/numbers/names/places still to read back).
        self._tally: dict[int, tuple[bool, str, int]] = {}
        self._counts = dict.fromkeys((TO_CONFIRM, CONFIRMED, CORRECTED, NOTHING_TO_CHECK), 0)
        self._open = [0, 0]  # items still to read back, in how many renderings

    # -- reading -----------------------------------------------------------------------------
    def get(self, position: int) -> Rendering:
        """The segment at ``position``."""
        try:
            return self._items[position]
        except KeyError:
            raise CheckError(f"there is no segment {position}") from None

    def all(self) -> list[Rendering]:
        """Every segment, in order."""
        return [self._items[p] for p in sorted(self._items)]

    def renderings(self) -> list[Rendering]:
        """The interpreter's and claimant's segments, in order."""
        return [r for r in self.all() if r.is_rendering]

    def to_confirm(self) -> list[Rendering]:
        """Renderings with a date, number, name or place nobody has confirmed or corrected."""
        return [r for r in self.all() if r.state == TO_CONFIRM]

    def read_back(self) -> list[ReadBackItem]:
        """Every unconfirmed date, number, name and place, in the order they were said."""
        return [
            ReadBackItem(r.position, r.start_s, h.kind, h.text, h.readings, r.text)
            for r in self.to_confirm()
            for h in r.to_read_back
        ]

    def corrections(self) -> list[dict[str, Any]]:
        """Each text correction with the words before and after it (``SessionFacts``)."""
        found = []
        for rendering in self.all():
            before = rendering.original
            for check in rendering.checks:
                if check.kind == CORRECT:
                    found.append(
                        {
                            "segment": rendering.position,
                            "kind": "text",
                            "before": before,
                            "after": check.text,
                            "by": check.by,
                            "reason": check.reason,
                        }
                    )
                    before = check.text
        return found

    def confirmed(self) -> list[int]:
        """The segments somebody confirmed."""
        return [r.position for r in self.all() if any(c.kind == CONFIRM for c in r.checks)]

    def counts(self) -> dict[str, int]:
        """How many renderings are in each state."""
        return dict(self._counts)

    def still_to_read_back(self) -> tuple[int, int]:
        """How many dates, numbers, names and places are still to read back, in how many
        renderings (what :meth:`read_back` would list, counted)."""
        return self._open[0], self._open[1]

    # -- changing ----------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(rendering)`` whenever one is added or changes."""
        self._listeners.append(listener)

    def _changed(self, rendering: Rendering) -> Rendering:
        self._count(self._tally.pop(rendering.position, None), -1)
        items = len(rendering.to_read_back) if rendering.state == TO_CONFIRM else 0
        self._tally[rendering.position] = (rendering.is_rendering, rendering.state, items)
        self._count(self._tally[rendering.position], +1)
        for listener in list(self._listeners):
            listener(rendering)
        return rendering

    def _count(self, tally: tuple[bool, str, int] | None, sign: int) -> None:
        if tally is None:
            return
        is_rendering, state, items = tally
        if is_rendering:
            self._counts[state] += sign
        if items:
            self._open[0] += sign * items
            self._open[1] += sign

    def add(
        self,
        position: int,
        start_s: float | None,
        speaker: str,
        text: str,
        *,
        disclosure: bool = False,
        checks: Iterable[Check] = (),
    ) -> Rendering:
        """A committed segment (or one loaded with the checks it already has)."""
        rendering = Rendering(
            position,
            start_s,
            speaker,
            text,
            checks=list(checks),
            disclosure=disclosure,
            language=self.language,
        )
        self._items[position] = rendering
        return self._changed(rendering)

    def set_speaker(self, position: int, speaker: str) -> Rendering:
        """Who spoke was corrected: the segment may join or leave the renderings."""
        rendering = self.get(position)
        rendering.speaker = speaker
        return self._changed(rendering)

    def mark_disclosure(self, position: int) -> None:
        """The analysis found a disclosure in this segment."""
        if position in self._items and not self._items[position].disclosure:
            self._items[position].disclosure = True
            self._changed(self._items[position])

    def confirm(self, position: int, by: str, at_s: float | None = None) -> Rendering:
        """Read back and confirmed as right by ``by`` (the interpreter, or the caseworker on
        the interpreter's word)."""
        _check_by(by)
        rendering = self.get(position)
        rendering.checks.append(Check(CONFIRM, by, at_s))
        return self._changed(rendering)

    def correct(
        self, position: int, text: str, by: str, reason: str = "", at_s: float | None = None
    ) -> Rendering:
        """New words for a segment, added beside the original (which stays)."""
        _check_by(by)
        rendering = self.get(position)
        text = text.strip()
        if not text:
            raise CheckError(f"segment {position}: a correction needs the corrected words")
        if text == rendering.text:
            raise CheckError(f"segment {position}: the correction is the same as the words")
        rendering.checks.append(Check(CORRECT, by, at_s, text, reason.strip()))
        rendering._marks = None  # new words: found again
        return self._changed(rendering)


def _check_by(by: str) -> None:
    if by not in CHECKERS:
        raise CheckError(f"a check is made by the {' or the '.join(CHECKERS)}, not {by!r}")
