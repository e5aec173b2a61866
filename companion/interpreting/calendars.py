"""Years and dates in the calendars a claimant may use: Gregorian, Solar Hijri (Iran and
Afghanistan), Hijri (Islamic lunar) and Ethiopian (Ethiopia and Eritrea), converted with the
maintained ``convertdate`` library. A year that could belong to two calendars is ambiguous and
says so (1399 is Solar Hijri 2020–21, or Hijri 1978–79); nothing is converted silently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from convertdate import coptic, islamic, persian

GREGORIAN, SOLAR_HIJRI, HIJRI, ETHIOPIAN = "gregorian", "solar-hijri", "hijri", "ethiopian"
CALENDARS = (GREGORIAN, SOLAR_HIJRI, HIJRI, ETHIOPIAN)
NAMES = {
    GREGORIAN: "Gregorian",
    SOLAR_HIJRI: "Solar Hijri",
    HIJRI: "Hijri (lunar)",
    ETHIOPIAN: "Ethiopian",
}
#: Years a person alive today might mention, per calendar.
_PLAUSIBLE = {
    GREGORIAN: (1900, 2100),
    SOLAR_HIJRI: (1280, 1480),
    HIJRI: (1318, 1525),
    ETHIOPIAN: (1893, 2093),
}
#: The Ethiopian year is the Coptic year + 276 (the same months and days).
_COPTIC_OFFSET = 276
#: Month names (lower case) that tell which calendar a date is in.
MONTHS: dict[str, tuple[str, ...]] = {
    GREGORIAN: (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ),
    SOLAR_HIJRI: (
        "farvardin",
        "ordibehesht",
        "khordad",
        "tir",
        "mordad",
        "shahrivar",
        "mehr",
        "aban",
        "azar",
        "dey",
        "bahman",
        "esfand",
    ),
    HIJRI: (
        "muharram",
        "safar",
        "rabi al-awwal",
        "rabi al-thani",
        "jumada al-awwal",
        "jumada al-thani",
        "rajab",
        "shaban",
        "ramadan",
        "shawwal",
        "dhu al-qadah",
        "dhu al-hijjah",
    ),
    ETHIOPIAN: (
        "meskerem",
        "tikimt",
        "hidar",
        "tahsas",
        "tir",
        "yekatit",
        "megabit",
        "miyazia",
        "ginbot",
        "sene",
        "hamle",
        "nehase",
        "pagume",
    ),
}
#: The Afghan (Dari) names of the Solar Hijri months.
AFGHAN_MONTHS = (
    "hamal",
    "sawr",
    "jawza",
    "saratan",
    "asad",
    "sunbula",
    "mizan",
    "aqrab",
    "qaws",
    "jadi",
    "dalw",
    "hut",
)
#: The calendars a claimant speaking a language may use besides the Gregorian one.
BY_LANGUAGE = {
    "fa": (SOLAR_HIJRI, HIJRI),
    "ps": (SOLAR_HIJRI, HIJRI),
    "prs": (SOLAR_HIJRI,),
    "ar": (HIJRI,),
    "ur": (HIJRI,),
    "so": (HIJRI,),
    "ku": (SOLAR_HIJRI, HIJRI),
    "am": (ETHIOPIAN,),
    "ti": (ETHIOPIAN,),
    "om": (ETHIOPIAN,),
}


def _to_date(calendar: str, year: int, month: int, day: int) -> date:
    if calendar == GREGORIAN:
        return date(year, month, day)
    if calendar == SOLAR_HIJRI:
        return date(*persian.to_gregorian(year, month, day))
    if calendar == HIJRI:
        return date(*islamic.to_gregorian(year, month, day))
    if calendar == ETHIOPIAN:
        return date(*coptic.to_gregorian(year - _COPTIC_OFFSET, month, day))
    raise ValueError(f"unknown calendar {calendar!r}")


def from_gregorian(calendar: str, day: date) -> tuple[int, int, int]:
    """A Gregorian day in ``calendar`` as (year, month, day)."""
    if calendar == GREGORIAN:
        return day.year, day.month, day.day
    if calendar == SOLAR_HIJRI:
        return tuple(persian.from_gregorian(day.year, day.month, day.day))
    if calendar == HIJRI:
        return tuple(islamic.from_gregorian(day.year, day.month, day.day))
    if calendar == ETHIOPIAN:
        y, m, d = coptic.from_gregorian(day.year, day.month, day.day)
        return y + _COPTIC_OFFSET, m, d
    raise ValueError(f"unknown calendar {calendar!r}")


@cache
def year_span(calendar: str, year: int) -> tuple[date, date]:
    """The first and last Gregorian day of ``year`` in ``calendar`` (remembered: the Solar
    Hijri year is found astronomically, tens of milliseconds a time, and the same years come
    up again and again in an interview)."""
    start = _to_date(calendar, year, 1, 1)
    end = _to_date(calendar, year + 1, 1, 1) - timedelta(days=1)
    return start, end


def convert_date(calendar: str, year: int, month: int, day: int) -> dict[str, tuple[int, ...]]:
    """One day in every calendar."""
    gregorian_day = _to_date(calendar, year, month, day)
    return {c: from_gregorian(c, gregorian_day) for c in CALENDARS}


@dataclass(frozen=True)
class YearReading:
    """One way to read a year: in ``calendar`` it is Gregorian ``start``–``end``."""

    calendar: str
    year: int
    start: date
    end: date

    def describe(self) -> str:
        """ "1399 Solar Hijri = 20 Mar 2020 – 20 Mar 2021"."""
        if self.calendar == GREGORIAN:
            return f"{self.year} Gregorian"
        return f"{self.year} {NAMES[self.calendar]} = {self.start:%-d %b %Y} – {self.end:%-d %b %Y}"


def read_year(year: int, language: str = "", calendar: str | None = None) -> list[YearReading]:
    """The plausible readings of a year mentioned in the interview: in ``calendar`` if it is
    known (a month name said it), otherwise every calendar the claimant may use (by language)
    in which the year is plausible. More than one reading means: ask which calendar was meant."""
    if calendar is not None:
        candidates: tuple[str, ...] = (calendar,)
    else:
        candidates = (
            GREGORIAN,
            *BY_LANGUAGE.get(language.split("-")[0], (SOLAR_HIJRI, HIJRI, ETHIOPIAN)),
        )
    readings = []
    for name in candidates:
        low, high = _PLAUSIBLE[name]
        if low <= year <= high:
            start, end = year_span(name, year)
            readings.append(YearReading(name, year, start, end))
    return readings
