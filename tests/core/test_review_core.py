"""Quality assurance's plain rules: the draw for review (reproducible from its seed, every risk
picked), the facts an interview contributes (from the same summary the caseworker sees), the
scores, and the suppression of small counts in a unit's figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from companion.review.facts import facts_from_summary
from companion.review.figures import TOTALS, unit_figures
from companion.review.sampling import (
    FOLLOWUPS_MISSING,
    OVER_2H,
    RANDOM,
    Candidate,
    check_rate,
    draw,
)
from companion.review.stages import STAGE_IDS, check_score
from companion.summary.report import build_report
from companion.timing.presets import get_preset
from companion.transcript.parse import parse_transcript

ROOT = Path(__file__).resolve().parents[2]


def test_a_draw_is_reproduced_by_its_seed_whatever_the_order() -> None:
    pool = [Candidate(i) for i in range(1, 401)]
    first = draw(pool, 0.035, seed=42)
    again = draw(list(reversed(pool)), 0.035, seed=42)
    other = draw(pool, 0.035, seed=43)
    assert first == again
    assert first.random_picks == 14  # 3.5 % of 400
    assert {p.session_id for p in other.picks} != {p.session_id for p in first.picks}
    seeds = {draw(pool).seed for _ in range(5)}  # a fresh seed each time, recorded
    assert len(seeds) > 1


def test_every_interview_with_a_risk_is_picked_and_says_why() -> None:
    pool = [Candidate(1, (OVER_2H,)), Candidate(2), Candidate(3, (FOLLOWUPS_MISSING, OVER_2H))]
    picks = {p.session_id: p.reasons for p in draw(pool, 0.0, seed=1).picks}
    assert picks == {1: (OVER_2H,), 3: (OVER_2H, FOLLOWUPS_MISSING)}
    everything = draw(pool, 1.0, seed=1)
    assert all(RANDOM in p.reasons for p in everything.picks)
    assert len(everything.picks) == 3


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
def test_a_rate_that_is_not_a_share_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="sampling rate"):
        check_rate(bad)


def test_scores_are_whole_numbers_from_one_to_five_per_known_stage() -> None:
    assert [check_score(s, 3) for s in STAGE_IDS] == [3] * 5
    assert check_score("opening", None) is None
    for bad in (0, 6, 2.5, True):
        with pytest.raises(ValueError, match="1 to 5"):
            check_score("opening", bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no review stage 'welcome'"):
        check_score("welcome", 3)


def test_facts_come_from_the_summary_the_caseworker_sees() -> None:
    transcript = parse_transcript(ROOT / "resources" / "samples" / "sample_interview.txt")
    summary = build_report(transcript, get_preset("trauma-informed"))
    facts = facts_from_summary(summary)
    report = summary["report"]
    assert facts.disclosures == len(report["disclosures"]) == 1
    assert facts.acknowledged == 1
    assert facts.distress == len(report["distress"]) and facts.distress_responded == 1
    assert facts.questions == report["questioning"]["total"]
    assert facts.open_questions == report["questioning"]["open"]
    assert not facts.over_2h_without_break and not facts.over_4h_questioning
    assert "evidence" not in str(facts.to_json())  # numbers only, never words


def _totals(**given: float) -> dict[str, float]:
    return {key: given.get(key, 0) for key in TOTALS}


def test_small_counts_and_what_they_would_give_away_are_suppressed() -> None:
    totals = _totals(
        interviews=40,
        questioning_median_s=5400,
        questioning_longest_s=15000,
        breaks=60,
        over_2h_without_break=3,  # 1-4: suppressed
        over_4h_questioning=0,  # zero is shown
        disclosures=12,
        disclosures_acknowledged=10,  # its complement (2 not acknowledged) would identify
        disclosures_fully_followed_up=6,
        distress=9,
        distress_responded=9,
        interpreted=38,
        read_back_done=30,
        questions=4000,
        open_questions=1000,
    )
    figures = unit_figures(totals, date(2026, 1, 1), date(2026, 3, 31), "Glasgow")
    out = figures.to_json()
    assert out["interviews"] == 40
    assert out["over_2h_without_break"] is None and "over_2h_without_break" in out["suppressed"]
    assert out["over_4h_questioning"] == 0
    assert out["disclosures_acknowledged"] is None
    assert out["disclosures_acknowledged_share"] is None
    assert out["disclosures_fully_followed_up"] == 6
    assert out["disclosures_fully_followed_up_share"] == pytest.approx(0.5)
    assert out["distress_responded_share"] == 1.0
    assert out["open_question_share"] == pytest.approx(0.25)
    assert out["breaks_per_interview"] == pytest.approx(1.5)
    assert figures.get("over_2h_without_break").shown() == "fewer than 5 (suppressed)"
    csv = figures.to_csv()
    assert "over_2h_without_break,Over 2 hours of questioning without a break,," in csv
    assert "Glasgow" in figures.to_html()


def test_with_fewer_than_five_interviews_nothing_per_interview_is_shown() -> None:
    totals = _totals(interviews=3, questioning_median_s=9000, questioning_longest_s=16000)
    out = unit_figures(totals, date(2026, 1, 1), date(2026, 1, 31)).to_json()
    assert out["interviews"] is None
    assert out["questioning_median_s"] is None and out["questioning_longest_s"] is None
    assert out["unit"] is None
