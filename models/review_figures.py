"""A unit's figures computed by the database: one aggregate query over the interviews' facts
(indexed by day and unit), never by loading rows into Python. The same query runs on
PostgreSQL and SQLite (the median through window functions both have)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from models.entities import InterviewFactsRow


def _count(condition: ColumnElement[bool] | InstrumentedAttribute[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def totals(db: Session, start: date, end: date, unit: str = "") -> dict[str, Any]:
    """The totals ``companion.review.figures.unit_figures`` names (``TOTALS``), for the
    interviews of ``start``..``end`` (both included) in ``unit`` ("" for every unit)."""
    f = InterviewFactsRow
    where: list[Any] = [f.day >= start, f.day <= end]
    if unit:
        where.append(f.unit == unit)
    ranked = (
        select(
            f.questioning_s.label("q"),
            func.row_number().over(order_by=f.questioning_s).label("rn"),
            func.count().over().label("n"),
        )
        .where(*where)
        .subquery()
    )
    half = (ranked.c.n + 1) // 2
    upper = (ranked.c.n + 2) // 2
    median = (
        select(func.avg(ranked.c.q))
        .where(or_(ranked.c.rn == half, ranked.c.rn == upper))
        .scalar_subquery()
    )
    query = select(
        func.count().label("interviews"),
        median.label("questioning_median_s"),
        func.max(f.questioning_s).label("questioning_longest_s"),
        func.coalesce(func.sum(f.breaks), 0).label("breaks"),
        _count(f.over_2h_without_break).label("over_2h_without_break"),
        _count(f.over_4h_questioning).label("over_4h_questioning"),
        func.coalesce(func.sum(f.disclosures), 0).label("disclosures"),
        func.coalesce(func.sum(f.acknowledged), 0).label("disclosures_acknowledged"),
        func.coalesce(func.sum(f.fully_followed_up), 0).label("disclosures_fully_followed_up"),
        func.coalesce(func.sum(f.distress), 0).label("distress"),
        func.coalesce(func.sum(f.distress_responded), 0).label("distress_responded"),
        _count(f.interpreted).label("interpreted"),
        _count(and_(f.interpreted, f.read_back_open == 0)).label("read_back_done"),
        func.coalesce(func.sum(f.interpreting_concerns), 0).label("interpreting_concerns"),
        func.coalesce(func.sum(f.questions), 0).label("questions"),
        func.coalesce(func.sum(f.open_questions), 0).label("open_questions"),
    ).where(*where)
    row = db.execute(query).one()
    return dict(row._mapping)
