"""Quality assurance, for the app and the command line: who may do what here, an interview's
facts kept when it ends, a draw of interviews for review, the reviewer's read-only view with
scores and comments, the caseworker's feedback and replies, and a unit's figures.

On a team's PostgreSQL the database enforces the roles (:mod:`models.roles`): a caseworker's
connection sees their own sessions, a reviewer's the sampled ones (each read audited), a unit
lead's only the figures. On this computer's own SQLite store one person holds every role.
Plain data in and out; nothing here waits on the UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from companion.review.facts import InterviewFacts, facts_from_summary
from companion.review.figures import UnitFigures, unit_figures
from companion.review.sampling import DEFAULT_RATE, Candidate, Draw, draw
from companion.review.stages import STAGE_IDS, check_score
from companion.summary.report import build_report
from companion.timing.presets import get_preset
from companion.usecases.record_forms import session_facts, to_transcript
from models import review as stored
from models import review_figures, roles
from models.database import translated
from models.entities import ENDED, InterviewSession, Review, ReviewComment, current_text
from models.store import Store

CASEWORKER, REVIEWER, LEAD = stored.CASEWORKER, stored.REVIEWER, stored.LEAD


@dataclass(frozen=True)
class Access:
    """Who is connected and which roles they hold (``caseworker``, ``reviewer``, ``lead``)."""

    login: str
    roles: frozenset[str]

    def can(self, role: str) -> bool:
        """Whether this connection holds ``role``."""
        return role in self.roles


@dataclass(frozen=True)
class SampledInterview:
    """A line of the reviewer's list: an interview drawn for review."""

    session_id: int
    reference: str
    day: date | None
    unit: str
    reasons: tuple[str, ...]
    #: "to review", "draft" or "submitted".
    state: str


@dataclass(frozen=True)
class Comment:
    """A reviewer's comment (on a stage, perhaps on one segment) or a caseworker's reply."""

    id: int
    stage: str
    segment_position: int | None
    text: str
    author: str
    #: "reviewer" or "caseworker".
    role: str
    reply_to: int | None
    at: datetime


@dataclass(frozen=True)
class NewComment:
    """A comment to add: ``stage`` is a stage id or "" (the review as a whole)."""

    text: str
    stage: str = ""
    segment_position: int | None = None


@dataclass(frozen=True)
class ReviewState:
    """A review as it stands."""

    review_id: int | None
    session_id: int
    reviewer: str
    #: stage id -> 1-5, or None while not scored.
    scores: dict[str, int | None]
    comments: tuple[Comment, ...] = ()
    submitted_at: datetime | None = None
    seen_at: datetime | None = None


@dataclass(frozen=True)
class TranscriptLine:
    """A segment as the reviewer reads it (corrected text; its one position)."""

    position: int
    start_s: float | None
    speaker: str
    text: str


@dataclass(frozen=True)
class ReviewCase:
    """Everything the reviewer's screen shows of one interview, read-only."""

    session_id: int
    reference: str
    started: str
    lines: tuple[TranscriptLine, ...]
    #: The reflection summary (``build_report``'s object).
    summary: dict[str, Any]
    facts: InterviewFacts
    review: ReviewState


@dataclass(frozen=True)
class Feedback:
    """A submitted review of one of the caseworker's own interviews."""

    session_id: int
    reference: str
    review: ReviewState

    @property
    def unseen(self) -> bool:
        """Not yet seen by the caseworker."""
        return self.review.seen_at is None


@dataclass(frozen=True)
class DrawReport:
    """A draw as saved: its id and the draw itself."""

    draw_id: int
    draw: Draw
    start: date
    end: date
    unit: str = ""
    skipped: tuple[int, ...] = field(default=())


def access(store: Store) -> Access:
    """Who this connection is and what it may do."""
    with store.session() as db:
        return Access(stored.login(db), store.roles())


def summary_of(session: InterviewSession) -> dict[str, Any]:
    """The reflection summary of a loaded session (the one analysis everything uses)."""
    return build_report(to_transcript(session), get_preset(session.preset), session_facts(session))


def record_facts(store: Store, session_id: int) -> InterviewFacts | None:
    """Work out an ended interview's facts from its summary and keep them (for the figures
    and the sampling); None for a session not ended or a demonstration."""
    summary = summary_of(store.load(session_id, words=False))
    with store.session() as db:
        return keep_facts(db, session_id, summary)


def keep_facts(db: Session, session_id: int, summary: dict[str, Any]) -> InterviewFacts | None:
    """Keep the facts of the ended interview ``session_id`` from its ``summary`` (already
    built, e.g. for the summary screen), in the open transaction ``db``; None (nothing kept)
    for a session not ended or a demonstration."""
    session = db.get(InterviewSession, session_id)
    if session is None or session.state != ENDED or session.origin == "demo":
        return None
    facts = facts_from_summary(summary)
    stored.save_facts(db, session, facts)
    return facts


def refresh_facts(store: Store, *, all_sessions: bool = False) -> list[int]:
    """Keep the facts of every ended interview that has none (``all_sessions``: of every ended
    interview); the sessions done."""
    with store.session() as db:
        ids = stored.ended_sessions(db, only_missing=not all_sessions)
    for session_id in ids:
        record_facts(store, session_id)
    return ids


def draw_sample(
    store: Store,
    start: date,
    end: date,
    *,
    rate: float = DEFAULT_RATE,
    seed: int | None = None,
    unit: str = "",
    reviewer: str = "",
) -> DrawReport:
    """Draw the interviews of ``start``..``end`` (and ``unit``) not yet sampled: a random share
    ``rate`` and every one with a risk; saved with the seed that reproduces it."""
    _check_period(start, end)
    with store.session() as db:
        found = stored.candidates(db, start, end, unit)
        outcome = draw(found, rate, seed)
        draw_id = stored.save_draw(db, outcome, start, end, unit, reviewer)
    return DrawReport(draw_id, outcome, start, end, unit)


def stored_candidates(store: Store, made: DrawReport) -> list[Candidate]:
    """The candidates of ``made``'s period and unit as they are now, less what was sampled
    since — with the interviews ``made`` picked put back (to check a draw by redoing it)."""
    picked = {p.session_id for p in made.draw.picks}
    with store.session() as db:
        now = stored.candidates(db, made.start, made.end, made.unit, include=picked)
    return now


def samples_for_review(store: Store) -> list[SampledInterview]:
    """The interviews drawn for this reviewer (or for any reviewer), newest draw first."""
    with store.session() as db:
        me = stored.login(db)
        return [SampledInterview(*row) for row in stored.sampled(db, me)]


@dataclass(frozen=True)
class ReviewRead:
    """A sampled interview as read (audited) for review, before its summary is built."""

    session: InterviewSession
    review: ReviewState


def read_for_review(store: Store, session_id: int) -> ReviewRead:
    """Read a sampled interview and this reviewer's review so far (on the store's thread). The
    read is written to the audit trail in the same transaction: on PostgreSQL the database
    refuses the words without it."""
    with store.session() as db:
        me = stored.login(db)
        stored.audit_read(db, session_id, me)
        session = store.load_in(db, session_id, words=False)
        state = _state(stored.review_of(db, session_id, me), session_id, me)
    return ReviewRead(session, state)


def review_case(read: ReviewRead) -> ReviewCase:
    """What the reviewer's screen shows of an interview read: the transcript and its summary
    (the analysis over the whole record; no database, so off the store's thread)."""
    session = read.session
    summary = summary_of(session)
    started = session.started_at or session.created_at
    return ReviewCase(
        session_id=session.id,
        reference=session.reference,
        started=f"{started:%d %b %Y %H:%M} UTC",
        lines=tuple(
            TranscriptLine(s.position, s.start_s, s.speaker, current_text(s))
            for s in session.segments
        ),
        summary=summary,
        facts=facts_from_summary(summary),
        review=read.review,
    )


def open_for_review(store: Store, session_id: int) -> ReviewCase:
    """:func:`read_for_review` then :func:`review_case` (for the command line)."""
    return review_case(read_for_review(store, session_id))


def my_review(store: Store, session_id: int) -> ReviewState:
    """This reviewer's review of ``session_id`` so far (empty if not begun)."""
    with store.session() as db:
        me = stored.login(db)
        return _state(stored.review_of(db, session_id, me), session_id, me)


def save_review(
    store: Store,
    session_id: int,
    scores: dict[str, int | None],
    comments: tuple[NewComment, ...] = (),
    *,
    submit: bool = False,
) -> ReviewState:
    """Keep the reviewer's scores and new comments; ``submit`` sends the review to the
    caseworker (all five stages must be scored). The record itself is never changed."""
    for stage, score in sorted(scores.items()):
        check_score(stage, score)  # a stage that does not exist is named
    checked = {stage: scores.get(stage) for stage in STAGE_IDS}
    if submit and any(v is None for v in checked.values()):
        missing = ", ".join(s for s, v in checked.items() if v is None)
        raise ValueError(f"review of session {session_id}: score every stage first ({missing})")
    for comment in comments:
        if comment.stage and comment.stage not in STAGE_IDS:
            raise ValueError(f"comment: no review stage {comment.stage!r}")
        if not comment.text.strip():
            raise ValueError("comment: it is empty")
    with store.session() as db:
        me = stored.login(db)
        found = stored.save_review(db, session_id, me, checked, submit=submit)
        for comment in comments:
            stored.add_comment(
                db, found, comment.stage, comment.segment_position, comment.text, me, REVIEWER
            )
        db.flush()
        return _state(found, session_id, me)


def feedback_for_me(store: Store) -> list[Feedback]:
    """Submitted reviews of this caseworker's own interviews, newest first."""
    with store.session() as db:
        me = stored.login(db)
        return [
            Feedback(session_id, reference, _state(found, session_id, found.reviewer))
            for found, session_id, reference in stored.feedback(db, me)
        ]


def mark_seen(store: Store, session_id: int) -> None:
    """The caseworker has seen the feedback on ``session_id``."""
    with store.session() as db:
        stored.mark_seen(db, session_id, stored.login(db))


def reply(store: Store, session_id: int, text: str, reply_to: int | None = None) -> Comment:
    """The caseworker's reply to the feedback on their interview ``session_id``."""
    if not text.strip():
        raise ValueError("reply: it is empty")
    with store.session() as db:
        me = stored.login(db)
        found = stored.submitted_review(db, session_id, me)
        added = stored.add_comment(db, found, "", None, text, me, CASEWORKER, reply_to)
        db.flush()
        return _comment(added)


def figures(store: Store, start: date, end: date, unit: str = "") -> UnitFigures:
    """A unit's figures for ``start``..``end`` (both days included), computed by the database,
    small counts suppressed."""
    _check_period(start, end)
    with store.session() as db:
        totals = review_figures.totals(db, start, end, unit)
    return unit_figures(totals, start, end, unit)


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise ValueError(f"period {start}..{end}: it ends before it starts")


def _comment(found: ReviewComment) -> Comment:
    return Comment(
        found.id,
        found.stage,
        found.segment_position,
        found.text,
        found.author,
        found.author_role,
        found.reply_to,
        found.created_at,
    )


def _state(found: Review | None, session_id: int, reviewer: str) -> ReviewState:
    if found is None:
        return ReviewState(None, session_id, reviewer, dict.fromkeys(STAGE_IDS))
    return ReviewState(
        review_id=found.id,
        session_id=session_id,
        reviewer=found.reviewer,
        scores={stage: found.scores.get(stage) for stage in STAGE_IDS},
        comments=tuple(_comment(c) for c in found.comments),
        submitted_at=found.submitted_at,
        seen_at=found.seen_at,
    )


def setup_roles(store: Store) -> list[str]:
    """Set up the team server's roles and policies (:mod:`models.roles`; as the schema's
    owner); the group roles' names."""
    if store.is_sqlite:
        raise ValueError(
            f"{store.name}: roles are a team server's (PostgreSQL); on this computer's own "
            "store one person holds every role"
        )
    with translated(store.url), store.engine.begin() as connection:
        roles.setup(connection)
    return list(roles.ROLE_NAMES.values())


def grant_role(store: Store, login: str, role: str) -> str:
    """Make ``login`` a caseworker, reviewer or lead on the team server; the group role."""
    if store.is_sqlite:
        raise ValueError(f"{store.name}: roles are a team server's (PostgreSQL)")
    with translated(store.url), store.engine.begin() as connection:
        roles.grant(connection, login, role)
    return roles.ROLE_NAMES[role]
