"""What the interpreter confirms: dates in four calendars, numbers in digits and words,
durations, ages, names and places, found in realistic renderings."""

from __future__ import annotations

from datetime import date

import pytest

from companion.interpreting.calendars import (
    ETHIOPIAN,
    GREGORIAN,
    HIJRI,
    SOLAR_HIJRI,
    convert_date,
    read_year,
    year_span,
)
from companion.interpreting.highlight import highlights, needs_confirming, spoken_year


def test_the_issue_examples_convert_as_stated() -> None:
    assert year_span(SOLAR_HIJRI, 1399) == (date(2020, 3, 20), date(2021, 3, 20))
    assert year_span(ETHIOPIAN, 2013) == (date(2020, 9, 11), date(2021, 9, 10))
    assert year_span(HIJRI, 1442) == (date(2020, 8, 20), date(2021, 8, 9))


def test_one_day_in_every_calendar() -> None:
    # 12 Khordad 1401 is 2 June 2022.
    day = convert_date(SOLAR_HIJRI, 1401, 3, 12)
    assert day[GREGORIAN] == (2022, 6, 2)
    assert day[ETHIOPIAN] == (2014, 9, 25)
    assert convert_date(GREGORIAN, 2022, 6, 2)[SOLAR_HIJRI] == (1401, 3, 12)


@pytest.mark.parametrize(
    ("year", "language", "calendars"),
    [
        (1399, "fa", [SOLAR_HIJRI, HIJRI]),  # ambiguous: ask which was meant
        (2013, "ti", [GREGORIAN, ETHIOPIAN]),  # ambiguous for an Eritrean claimant
        (2013, "fa", [GREGORIAN]),
        (1991, "ar", [GREGORIAN]),
        (1442, "ar", [HIJRI]),
    ],
)
def test_a_year_is_read_in_every_calendar_the_claimant_may_use(
    year: int, language: str, calendars: list[str]
) -> None:
    assert [r.calendar for r in read_year(year, language)] == calendars


def _kinds(text: str, language: str = "fa") -> list[tuple[str, str]]:
    return [(h.kind, h.text) for h in highlights(text, language=language)]


def test_dates_numbers_durations_ages_names_and_places_are_found() -> None:
    assert _kinds("It was in the evening on the second of June twenty twenty two.") == [
        ("date", "second of June twenty twenty two")
    ]
    assert _kinds("I was kept there for eleven days in Belmora, near the village of Tessaly.") == [
        ("duration", "eleven days"),
        ("place", "Belmora"),
        ("place", "Tessaly"),
    ]
    assert _kinds("He was born on 14 March 1991 and was 17 when they arrested him.") == [
        ("date", "14 March 1991"),
        ("age", "17"),
    ]
    assert _kinds("I was seventeen years old. Commander Rahimi gave the orders.") == [
        ("age", "seventeen years old"),
        ("name", "Commander Rahimi"),
    ]
    assert _kinds("Then Ahmad came. The police took him.") == [("name", "Ahmad")]
    assert _kinds("My wife Miriam and our son Daniel stayed behind.") == [
        ("name", "Miriam"),
        ("name", "Daniel"),
    ]
    assert _kinds("Four policemen came on 2/6/2022 and took 300 dollars.") == [
        ("number", "Four"),
        ("date", "2/6/2022"),
        ("number", "300"),
    ]
    assert _kinds("She is sixteen years old.") == [("age", "sixteen years old")]


def test_a_year_carries_its_readings_and_a_month_settles_the_calendar() -> None:
    (year,) = highlights("They came for me in 1399.", language="fa")
    assert year.ambiguous and year.readings[0].startswith("1399 Solar Hijri = 20 Mar 2020")
    settled = highlights("We left in 1399, in the month of Dey.", language="fa")
    assert settled[0].readings == ("1399 Solar Hijri = 20 Mar 2020 – 20 Mar 2021",)
    (eritrean,) = highlights("In 2013 they took my brother.", language="ti")
    assert eritrean.readings == ("2013 Gregorian", "2013 Ethiopian = 11 Sep 2020 – 10 Sep 2021")
    assert spoken_year("nineteen ninety one") == 1991
    assert spoken_year("thirteen ninety nine") == 1399
    assert spoken_year("twenty twenty two") == 2022


def test_key_terms_come_first_and_plain_talk_needs_nothing() -> None:
    found = highlights("They beat me with a cable for 3 days.", terms=["beat", "cable"])
    assert [(h.kind, h.text) for h in found] == [
        ("term", "beat"),
        ("term", "cable"),
        ("duration", "3 days"),
    ]
    assert not needs_confirming("Yes, I understand him well.")
    assert needs_confirming("I left in October.")


def test_the_ledger_keeps_the_original_and_knows_what_is_left_to_read_back() -> None:
    from companion.interpreting.ledger import (
        CONFIRMED,
        CORRECTED,
        NOTHING_TO_CHECK,
        TO_CONFIRM,
        CheckError,
        ConfirmationLedger,
    )

    ledger = ConfirmationLedger("fa")
    heard = []
    ledger.subscribe(lambda r: heard.append((r.position, r.state)))
    ledger.add(0, 1.0, "caseworker", "When did this happen in 1399?")
    ledger.add(1, 5.0, "interpreter", "He says they beat him in Esfand 1398 in Kabul.")
    ledger.add(2, 9.0, "interpreter", "Yes, he understands.")
    ledger.add(3, 12.0, "claimant", "Two soldiers took me.")
    # The caseworker's question is not a rendering: nothing to read back in it.
    assert [r.state for r in ledger.all()] == [
        NOTHING_TO_CHECK,
        TO_CONFIRM,
        NOTHING_TO_CHECK,
        TO_CONFIRM,
    ]
    assert [(i.position, i.kind, i.text) for i in ledger.read_back()] == [
        (1, "date", "Esfand 1398"),
        (1, "place", "Kabul"),
        (3, "number", "Two"),
    ]
    (esfand,) = [i for i in ledger.read_back() if i.kind == "date"]
    assert esfand.readings == ("1398 Solar Hijri = 21 Mar 2019 – 19 Mar 2020",)
    # The words of harm are key terms, shown first, but are not read back.
    assert [h.kind for h in ledger.get(1).highlights][:1] == ["term"]
    ledger.correct(1, "He says they beat him in Esfand 1397 in Kabul.", "interpreter", "year", 60.0)
    assert ledger.get(1).original == "He says they beat him in Esfand 1398 in Kabul."
    assert ledger.get(1).text.endswith("1397 in Kabul.")
    assert ledger.get(1).state == CORRECTED
    ledger.confirm(3, "caseworker", 61.0)
    assert ledger.get(3).state == CONFIRMED and ledger.read_back() == []
    assert ledger.counts() == {TO_CONFIRM: 0, CONFIRMED: 1, CORRECTED: 1, NOTHING_TO_CHECK: 1}
    assert heard[-2:] == [(1, CORRECTED), (3, CONFIRMED)]
    # The speaker was wrong: the question was the interpreter's rendering after all.
    ledger.set_speaker(0, "interpreter")
    assert [i.text for i in ledger.read_back()] == ["1399"]
    with pytest.raises(CheckError, match="segment 2: the correction is the same as the words"):
        ledger.correct(2, "Yes, he understands.", "interpreter")
    with pytest.raises(CheckError, match="there is no segment 9"):
        ledger.confirm(9, "interpreter")
    with pytest.raises(CheckError, match="not 'claimant'"):
        ledger.confirm(2, "claimant")
    assert ledger.get(2).checks == []  # a refused check leaves nothing behind
