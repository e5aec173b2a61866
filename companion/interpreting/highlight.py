"""Find what an interpreter must get exactly right in a rendering: dates (in any of the four
calendars, with their conversions), numbers written as digits or words, durations, ages, names,
places and key terms. Plain Python, for the interpreter's window and the read-back list."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from companion.interpreting.calendars import AFGHAN_MONTHS, MONTHS, SOLAR_HIJRI, read_year

DATE, NUMBER, DURATION, AGE, NAME, PLACE, TERM = (
    "date",
    "number",
    "duration",
    "age",
    "name",
    "place",
    "term",
)
#: What is shown first when highlights overlap.
_RANK = {TERM: 0, DATE: 1, AGE: 2, DURATION: 3, NUMBER: 4, PLACE: 5, NAME: 6}

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
    "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
    "nineteenth twentieth thirtieth"
).split()
_NUMBER_WORD = "|".join(
    sorted(
        _UNITS + _TENS + _ORDINALS + ["hundred", "thousand", "million", "dozen", "half", "a"],
        key=len,
        reverse=True,
    )
)
_NUMBER = (
    rf"(?:\d+(?:[.,]\d+)?(?:st|nd|rd|th)?"
    rf"|(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?)?)*(?:{_NUMBER_WORD}))"
)
#: A year said in words: "nineteen ninety one", "twenty twenty two", "thirteen ninety nine".
_SPOKEN_YEAR = (
    r"\b(?:twelve|thirteen|fourteen|nineteen|twenty)[\s-]+(?:"
    + "|".join(_TENS + _UNITS[10:])
    + r")(?:[\s-]+(?:"
    + "|".join(_UNITS[1:10])
    + r"))?\b"
)
_MONTH_NAMES = sorted(
    {m for months in MONTHS.values() for m in months} | set(AFGHAN_MONTHS), key=len, reverse=True
)
_MONTH = "|".join(re.escape(m) for m in _MONTH_NAMES)
_PATTERNS = [
    (
        DATE,
        re.compile(
            rf"\b(?:{_NUMBER}\s+(?:of\s+)?)?(?:{_MONTH})(?:,?\s+{_NUMBER})?\b", re.IGNORECASE
        ),
    ),
    (DATE, re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")),
    (
        AGE,
        re.compile(
            rf"\b(?:aged?\s+{_NUMBER}|{_NUMBER}\s+years?\s+old|(?<=\bwas\s){_NUMBER}"
            r"(?=\s+(?:when|at\s+the\s+time)))\b",
            re.IGNORECASE,
        ),
    ),
    (
        DURATION,
        re.compile(
            rf"\b{_NUMBER}\s+(?:days?|nights?|weeks?|months?|years?|hours?|"
            r"minutes?)\b",
            re.IGNORECASE,
        ),
    ),
    (DATE, re.compile(r"\b(?:1[2-4]\d\d|19\d\d|20\d\d)\b")),
    (DATE, re.compile(_SPOKEN_YEAR, re.IGNORECASE)),
    (NUMBER, re.compile(rf"\b{_NUMBER}\b", re.IGNORECASE)),
]
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|from|to|near|into|village of|city of|town of|camp "
    r"of|province of|district of)\s+)$",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"\b[A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’-]+)*\b")
#: Words before a name that make it a name even at the start of a sentence.
TITLES = {
    "commander",
    "general",
    "colonel",
    "major",
    "captain",
    "lieutenant",
    "sergeant",
    "officer",
    "judge",
    "doctor",
    "dr",
    "mr",
    "mrs",
    "ms",
    "haji",
    "haj",
    "mullah",
    "sheikh",
    "imam",
    "pastor",
    "father",
    "abu",
    "umm",
    "chief",
    "president",
    "minister",
}
_NOT_NAMES = {
    "i",
    "he",
    "she",
    "they",
    "we",
    "you",
    "it",
    "my",
    "his",
    "her",
    "our",
    "their",
    "the",
    "a",
    "an",
    "yes",
    "no",
    "mr",
    "mrs",
    "ms",
    "god",
    "allah",
    "okay",
    "ok",
    "caseworker",
    "interpreter",
    "claimant",
    "police",
    "army",
    "when",
    "where",
    "how",
    "what",
    "who",
    "why",
    "then",
    "after",
    "before",
    "and",
    "but",
    "so",
    "because",
    "there",
    "this",
    "that",
    "one",
    "two",
    "three",
}


@dataclass(frozen=True)
class Highlight:
    """A stretch of a rendering to check: where it is, what kind, and (for a year) how it reads
    in the calendars the claimant may use."""

    start: int
    end: int
    kind: str
    text: str
    #: For a date with a year: each reading ("1399 Solar Hijri = 20 Mar 2020 – 20 Mar 2021").
    readings: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        """More than one calendar could be meant: ask which."""
        return len(self.readings) > 1


_CENTURY = {"twelve": 12, "thirteen": 13, "fourteen": 14, "nineteen": 19, "twenty": 20}
_SMALL = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}


def spoken_year(text: str) -> int | None:
    """A year said in words: "nineteen ninety one" → 1991, "twenty twenty two" → 2022,
    "thirteen ninety nine" → 1399."""
    words = re.findall(r"[a-z]+", text.lower())
    for i, word in enumerate(words):
        if word not in _CENTURY or i + 1 >= len(words):
            continue
        rest = [w for w in words[i + 1 : i + 3] if w in _SMALL]
        if not rest:
            continue
        value = _SMALL[rest[0]]
        if len(rest) == 2 and 20 <= value < 100 and value % 10 == 0 and _SMALL[rest[1]] < 10:
            value += _SMALL[rest[1]]
        if value < 100:
            return _CENTURY[word] * 100 + value
    return None


#: Month names that tell the calendar, in the order they are tried (the Afghan names last).
_CALENDAR_MONTHS = [
    (name, re.compile(r"\b(?:" + "|".join(re.escape(m) for m in months) + r")\b"))
    for name, months in MONTHS.items()
] + [(SOLAR_HIJRI, re.compile(r"\b(?:" + "|".join(AFGHAN_MONTHS) + r")\b"))]


def _named_calendar(text: str) -> str | None:
    """The calendar a month name in the segment points to ("in 1399, in the month of Dey")."""
    lowered = text.lower()
    return next((name for name, pattern in _CALENDAR_MONTHS if pattern.search(lowered)), None)


def _year_readings(piece: str, language: str, calendar: str | None) -> tuple[str, ...]:
    year = re.search(r"\b(1[2-4]\d\d|19\d\d|20\d\d)\b", piece)
    number = int(year.group(1)) if year else spoken_year(piece)
    if number is None:
        return ()
    return tuple(r.describe() for r in read_year(number, language, calendar))


def highlights(
    text: str, *, language: str = "", terms: Iterable[str] = (), readings: bool = True
) -> list[Highlight]:
    """Every stretch to check, in order, without overlaps (the more specific kind wins).
    ``readings=False`` leaves out the years' calendar readings (an astronomical calculation
    for some calendars) when only the stretches are wanted."""
    found: list[Highlight] = []
    for term in terms:
        if term.strip():
            for match in re.finditer(rf"\b{re.escape(term.strip())}\b", text, re.IGNORECASE):
                found.append(Highlight(match.start(), match.end(), TERM, match.group(0)))
    calendar = _named_calendar(text)
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            piece = match.group(0).strip()
            if not piece or piece.lower() == "a":
                continue
            read = _year_readings(piece, language, calendar) if kind == DATE and readings else ()
            found.append(Highlight(match.start(), match.start() + len(piece), kind, piece, read))
    for match in _CAPITALISED.finditer(text):
        words = match.group(0)
        if words.lower() in _NOT_NAMES or words.lower() in _MONTH_NAMES:
            continue
        if re.match(r"I['’]", words):  # I'll, I'm, I've, I'd
            continue
        start = match.start()
        before = text[:start]
        sentence_start = not before.strip() or before.rstrip()[-1] in '.!?:"“'
        is_place = bool(_PLACE_BEFORE.search(before))
        if sentence_start and not is_place:
            # A capital at the start of a sentence says nothing, unless a title comes first
            # ("Commander Rahimi") or more capitals follow ("Then Ahmad came").
            first, _, rest = words.partition(" ")
            if first.lower() in TITLES and rest:
                pass
            elif rest and rest.lower() not in _NOT_NAMES:
                words, start = rest, match.end() - len(rest)
            else:
                continue
        found.append(Highlight(start, match.end(), PLACE if is_place else NAME, words))
    chosen: list[Highlight] = []
    for item in sorted(found, key=lambda h: (_RANK[h.kind], -(h.end - h.start), h.start)):
        if all(item.end <= c.start or item.start >= c.end for c in chosen):
            chosen.append(item)
    return sorted(chosen, key=lambda h: h.start)


def needs_confirming(text: str, language: str = "") -> bool:
    """Whether a rendering holds a date, number, name or place to read back."""
    return any(h.kind != TERM for h in highlights(text, language=language))
