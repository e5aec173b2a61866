"""How fast a unit's figures come at scale: generated interviews' facts (50,000 by default)
in a fresh database, then the figures for a year, for one unit's quarter and for everything,
and a draw for review over a month — each computed by the database (aggregate queries over
indexed facts), timed as the command line and the figures screen ask for them."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

UNITS = ("Croydon A", "Croydon B", "Glasgow", "Leeds", "Liverpool", "Belfast")
FIRST_DAY = date(2025, 1, 1)
DAYS = 730


def _facts(rng: random.Random) -> dict[str, Any]:
    """One interview's facts, drawn around what the inspections describe."""
    questioning = max(600.0, rng.gauss(1.9 * 3600, 0.7 * 3600))
    breaks = rng.choice((0, 1, 1, 1, 2, 2, 3)) if questioning > 3600 else 0
    longest = questioning / (breaks + 1) * rng.uniform(1.0, 1.5) if breaks else questioning
    longest = min(longest, questioning)
    disclosures = rng.choice((0, 0, 0, 1, 1, 2, 3))
    acknowledged = sum(rng.random() < 0.7 for _ in range(disclosures))
    followed = sum(rng.random() < 0.85 for _ in range(disclosures))
    distress = rng.choice((0, 0, 1, 1, 2))
    questions = rng.randint(40, 220)
    return {
        "questioning_s": questioning,
        "elapsed_s": questioning + breaks * 900.0,
        "longest_without_break_s": longest,
        "breaks": breaks,
        "over_2h_without_break": longest > 7200,
        "over_4h_questioning": questioning > 14400,
        "disclosures": disclosures,
        "acknowledged": acknowledged,
        "fully_followed_up": followed,
        "distress": distress,
        "distress_responded": sum(rng.random() < 0.9 for _ in range(distress)),
        "interpreted": rng.random() < 0.92,
        "read_back_open": rng.choice((0, 0, 0, 1, 2, 4)),
        "interpreting_concerns": int(rng.random() < 0.03),
        "questions": questions,
        "open_questions": int(questions * rng.uniform(0.1, 0.5)),
    }


def generate(store: Any, interviews: int, seed: int = 1) -> float:
    """Add ``interviews`` ended interviews with their facts (no words); the seconds taken."""
    from sqlalchemy import insert, select

    from models.entities import ENDED, InterviewFactsRow, InterviewSession

    rng = random.Random(seed)
    began = time.perf_counter()
    sessions, facts = [], []
    for n in range(interviews):
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        start = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
        caseworker, unit = f"caseworker{rng.randrange(120):03d}", rng.choice(UNITS)
        sessions.append(
            {
                "reference": f"GEN-{n:06d}",
                "state": ENDED,
                "origin": "generated",
                "caseworker": caseworker,
                "unit": unit,
                "created_at": start,
                "started_at": start,
                "ended_at": start + timedelta(hours=4),
            }
        )
        facts.append({"caseworker": caseworker, "unit": unit, "day": day, **_facts(rng)})
    with store.session() as db:
        for at in range(0, interviews, 5000):
            db.execute(insert(InterviewSession), sessions[at : at + 5000])
        ids = list(
            db.scalars(
                select(InterviewSession.id)
                .where(InterviewSession.origin == "generated")
                .order_by(InterviewSession.id)
            )
        )
        for row, session_id in zip(facts, ids, strict=True):
            row["session_id"] = session_id
        for at in range(0, interviews, 5000):
            db.execute(insert(InterviewFactsRow), facts[at : at + 5000])
    with store.session() as db:
        from models.review import analyse_tables

        analyse_tables(db)
    return time.perf_counter() - began


def _timed(call: Any, repeat: int = 5) -> tuple[float, float, Any]:
    """(first ms, median ms of the rest, the last result)."""
    times, result = [], None
    for _ in range(repeat + 1):
        began = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - began) * 1000)
    return times[0], statistics.median(times[1:]), result


def measure_review(url: str | None = None, interviews: int = 50_000) -> dict[str, Any]:
    """Generate ``interviews`` into a fresh database (``url`` must be an empty one; default a
    temporary SQLite file) and time the figures and a draw."""
    from companion.usecases import review
    from models.store import Store

    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(url or f"sqlite:///{Path(folder) / 'review-bench.db'}")
        try:
            made_s = generate(store, interviews)
            year = (date(2025, 1, 1), date(2025, 12, 31), "")
            quarter = (date(2026, 1, 1), date(2026, 3, 31), UNITS[2])
            everything = (FIRST_DAY, FIRST_DAY + timedelta(days=DAYS), "")
            runs = {}
            for name, (start, end, unit) in (
                ("year, all units", year),
                ("quarter, one unit", quarter),
                ("two years, all units", everything),
            ):
                first, median, figures = _timed(
                    lambda s=start, e=end, u=unit: review.figures(store, s, e, u)
                )
                runs[name] = {
                    "first_ms": first,
                    "median_ms": median,
                    "interviews": figures.get("interviews").value,
                }
            began = time.perf_counter()
            drawn = review.draw_sample(store, date(2026, 6, 1), date(2026, 6, 30), seed=7)
            draw_ms = (time.perf_counter() - began) * 1000
            return {
                "database": store.engine.dialect.name,
                "interviews": interviews,
                "generate_s": made_s,
                "figures": runs,
                "draw_ms": draw_ms,
                "draw": {
                    "candidates": drawn.draw.candidates,
                    "random": drawn.draw.random_picks,
                    "risk": drawn.draw.risk_picks,
                },
            }
        finally:
            store.close()


def review_report(result: dict[str, Any]) -> str:
    """The figures as Markdown."""
    lines = [
        f"### Unit figures at scale ({result['interviews']:,} interviews, "
        f"{result['database']}, computed by the database)",
        "",
        "| figures for | interviews | first | median of 5 |",
        "|---|---|---|---|",
    ]
    for name, run in result["figures"].items():
        lines.append(
            f"| {name} | {int(run['interviews'] or 0):,} | {run['first_ms']:.0f} ms | "
            f"{run['median_ms']:.0f} ms |"
        )
    d = result["draw"]
    lines += [
        "",
        f"A draw for review over one month: {d['candidates']:,} candidates, {d['random']} at "
        f"random (3.5 %), {d['risk']} for a risk, in {result['draw_ms']:.0f} ms. Generating "
        f"the interviews took {result['generate_s']:.1f} s.",
    ]
    return "\n".join(lines)
