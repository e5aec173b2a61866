"""Quality assurance in the store: interview facts, draws of interviews for review, reviews,
their comments and the caseworker's replies, and each reviewer read in the audit trail.

On PostgreSQL these run under the connection's own role; row-level security
(:mod:`models.roles`) decides what each role sees. The queries here add the same conditions
(whose interview, drawn for whom) so that this computer's SQLite store behaves alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import and_, func, select, text
from sqlalchemy.orm import Session, selectinload

from companion.review.facts import InterviewFacts
from companion.review.sampling import (
    DISTRESS_UNANSWERED,
    FOLLOWUPS_MISSING,
    INTERPRETING,
    OVER_2H,
    OVER_4H,
    Candidate,
    Draw,
)
from models.database import StoreError
from models.entities import (
    ENDED,
    AuditEvent,
    InterviewFactsRow,
    InterviewSession,
    Review,
    ReviewComment,
    ReviewDraw,
    ReviewSample,
    utcnow,
)
from models.identity import login
from models.roles import ROLE_NAMES, roles_of

CASEWORKER, REVIEWER, LEAD = "caseworker", "reviewer", "lead"
#: The audit action of a reviewer's read of a record.
REVIEW_READ = "review read"


def _server(db: Session) -> bool:
    return db.get_bind().dialect.name == "postgresql"


def roles(db: Session) -> frozenset[str]:
    """The roles this connection holds: on a server, its memberships (the schema's owner holds
    all); on this computer's own store, all three."""
    if not _server(db):
        return frozenset((CASEWORKER, REVIEWER, LEAD))
    held = roles_of(db)
    return frozenset(role for role, name in ROLE_NAMES.items() if name in held)


# Facts ----------------------------------------------------------------------------------


def save_facts(db: Session, session: InterviewSession, facts: InterviewFacts) -> None:
    """Keep (or replace) the facts of ``session``."""
    started = session.started_at or session.created_at
    values: dict[str, Any] = {
        k: v for k, v in facts.to_json().items() if k in InterviewFactsRow.__table__.c
    }
    row = db.get(InterviewFactsRow, session.id)
    if row is None:
        row = InterviewFactsRow(session_id=session.id)
        db.add(row)
    row.caseworker, row.unit, row.day = session.caseworker, session.unit, started.date()
    for key, value in values.items():
        setattr(row, key, value)
    row.computed_at = utcnow()


def ended_sessions(db: Session, *, only_missing: bool = True) -> list[int]:
    """Ended interviews (not demonstrations) — only those without facts if ``only_missing``."""
    query = select(InterviewSession.id).where(
        InterviewSession.state == ENDED, InterviewSession.origin != "demo"
    )
    if only_missing:
        query = query.where(~InterviewSession.id.in_(select(InterviewFactsRow.session_id)))
    return list(db.scalars(query.order_by(InterviewSession.id)))


# Sampling -------------------------------------------------------------------------------


def _in_period(start: date, end: date, unit: str) -> list[Any]:
    conditions: list[Any] = [InterviewFactsRow.day >= start, InterviewFactsRow.day <= end]
    if unit:
        conditions.append(InterviewFactsRow.unit == unit)
    return conditions


def candidates(
    db: Session, start: date, end: date, unit: str = "", include: Iterable[int] = ()
) -> list[Candidate]:
    """Interviews of the period (and unit) not sampled before (or in ``include``), with their
    risks (read from the facts; never the words)."""
    f = InterviewFactsRow
    risks = (
        (OVER_4H, f.over_4h_questioning),
        (OVER_2H, f.over_2h_without_break),
        (FOLLOWUPS_MISSING, f.disclosures > f.fully_followed_up),
        (DISTRESS_UNANSWERED, f.distress > f.distress_responded),
        (INTERPRETING, f.interpreting_concerns > 0),
    )
    query = (
        select(f.session_id, *(flag for _, flag in risks))
        .where(*_in_period(start, end, unit))
        .where(
            ~f.session_id.in_(
                select(ReviewSample.session_id).where(ReviewSample.session_id.not_in(list(include)))
            )
        )
    )
    return [
        Candidate(
            row[0], tuple(name for (name, _), flag in zip(risks, row[1:], strict=True) if flag)
        )
        for row in db.execute(query)
    ]


def save_draw(
    db: Session, draw: Draw, start: date, end: date, unit: str = "", reviewer: str = ""
) -> int:
    """Keep a draw, its seed and its picks (assigned to ``reviewer``, or to any)."""
    saved = ReviewDraw(
        drawn_by=login(db),
        seed=draw.seed,
        rate=draw.rate,
        period_from=start,
        period_to=end,
        unit=unit,
        candidates=draw.candidates,
    )
    for pick in draw.picks:
        saved.samples.append(
            ReviewSample(session_id=pick.session_id, reasons=list(pick.reasons), reviewer=reviewer)
        )
    db.add(saved)
    db.flush()
    return saved.id


def sampled(
    db: Session, reviewer: str
) -> Iterator[tuple[int, str, date | None, str, tuple[str, ...], str]]:
    """(session id, reference, day, unit, reasons, state) of each interview drawn for
    ``reviewer`` or for any reviewer, newest draw first."""
    mine = and_(Review.session_id == ReviewSample.session_id, Review.reviewer == reviewer)
    query = (
        select(
            ReviewSample.session_id,
            InterviewSession.reference,
            InterviewSession.started_at,
            InterviewSession.created_at,
            InterviewSession.unit,
            ReviewSample.reasons,
            Review.submitted_at,
            Review.id,
        )
        .join(InterviewSession, InterviewSession.id == ReviewSample.session_id)
        .outerjoin(Review, mine)
        .where(ReviewSample.reviewer.in_(("", reviewer)))
        .order_by(ReviewSample.draw_id.desc(), ReviewSample.session_id)
    )
    for session_id, reference, started, created, unit, reasons, submitted, review in db.execute(
        query
    ):
        state = (
            "submitted" if submitted is not None else "draft" if review is not None else "to review"
        )
        day = (started or created).date() if (started or created) else None
        yield session_id, reference, day, unit, tuple(reasons or ()), state


def _drawn_for(db: Session, session_id: int, reviewer: str) -> ReviewSample:
    found = db.scalars(
        select(ReviewSample).where(
            ReviewSample.session_id == session_id, ReviewSample.reviewer.in_(("", reviewer))
        )
    ).one_or_none()
    if found is None:
        raise StoreError(f"session {session_id}: not drawn for review by {reviewer}")
    return found


def audit_read(db: Session, session_id: int, reviewer: str) -> None:
    """Write a reviewer's read of ``session_id`` to the audit trail (in the transaction that
    reads it: on a server, the database lets the reviewer read the words only then)."""
    _drawn_for(db, session_id, reviewer)
    reference = db.scalar(
        select(InterviewSession.reference).where(InterviewSession.id == session_id)
    )
    event = AuditEvent(
        session_id=session_id,
        reference=reference or "",
        action=REVIEW_READ,
        actor=reviewer,
        detail="opened read-only for quality review",
    )
    if _server(db):
        event.at = func.now()  # the transaction's time, as the server checks it
    db.add(event)
    db.flush()


# Reviews --------------------------------------------------------------------------------


def review_of(db: Session, session_id: int, reviewer: str) -> Review | None:
    """``reviewer``'s review of ``session_id`` with its comments, if there is one."""
    return db.scalars(
        select(Review)
        .where(Review.session_id == session_id, Review.reviewer == reviewer)
        .options(selectinload(Review.comments))
    ).one_or_none()


def save_review(
    db: Session, session_id: int, reviewer: str, scores: dict[str, int | None], *, submit: bool
) -> Review:
    """Keep ``reviewer``'s scores (a draft, or sent if ``submit``); a review already sent is
    never changed."""
    _drawn_for(db, session_id, reviewer)
    found = review_of(db, session_id, reviewer)
    if found is None:
        found = Review(session_id=session_id, reviewer=reviewer, scores={})
        db.add(found)
    elif found.submitted_at is not None:
        raise StoreError(
            f"review of session {session_id}: already sent to the caseworker; it stays as sent"
        )
    found.scores = dict(scores)
    if submit:
        found.submitted_at = utcnow()
    db.flush()
    return found


def add_comment(
    db: Session,
    review: Review,
    stage: str,
    segment_position: int | None,
    words: str,
    author: str,
    role: str,
    reply_to: int | None = None,
) -> ReviewComment:
    """Add a comment (a reviewer's) or a reply (a caseworker's) to ``review``."""
    if segment_position is not None and segment_position < 0:
        raise StoreError(f"comment: segment {segment_position} is not a segment of the record")
    if reply_to is not None and reply_to not in {c.id for c in review.comments}:
        raise StoreError(f"reply: comment {reply_to} is not a comment of this review")
    comment = ReviewComment(
        review_id=review.id,
        stage=stage,
        segment_position=segment_position,
        text=words.strip(),
        author=author,
        author_role=role,
        reply_to=reply_to,
    )
    review.comments.append(comment)
    db.flush()
    return comment


def _own(db: Session, me: str) -> list[Any]:
    # On a server row-level security already limits the rows; the condition says it here too.
    return [InterviewSession.caseworker == me] if _server(db) else []


def feedback(db: Session, me: str) -> list[tuple[Review, int, str]]:
    """(review, session id, reference) of each review sent on ``me``'s interviews, newest
    first (on this computer's own store every interview is its user's)."""
    query = (
        select(Review, InterviewSession.id, InterviewSession.reference)
        .join(InterviewSession, InterviewSession.id == Review.session_id)
        .where(Review.submitted_at.is_not(None), *_own(db, me))
        .options(selectinload(Review.comments))
        .order_by(Review.submitted_at.desc())
    )
    return [(r, sid, ref) for r, sid, ref in db.execute(query)]


def submitted_review(db: Session, session_id: int, me: str) -> Review:
    """The review sent on ``me``'s interview ``session_id``."""
    for found, sid, _ in feedback(db, me):
        if sid == session_id:
            return found
    raise StoreError(f"session {session_id}: no review has been sent on it to {me}")


def mark_seen(db: Session, session_id: int, me: str) -> None:
    """The caseworker has seen the review sent on ``session_id``."""
    found = submitted_review(db, session_id, me)
    if found.seen_at is None:
        found.seen_at = utcnow()
        db.flush()


def analyse_tables(db: Session) -> None:
    """Refresh the planner's statistics after a bulk load (PostgreSQL only)."""
    if _server(db):
        db.execute(text("ANALYZE interview_facts"))
