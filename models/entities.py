"""The interview record as SQLAlchemy 2 typed ORM entities.

Nothing here is ever rewritten in place: a segment keeps the text as recognised and the speaker
as detected; corrections are rows of their own. Times of interview events (``*_s``) are seconds
from the start of the interview; wall-clock times (``*_at``) are UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

#: Session states.
LIVE, ON_BREAK, ENDED, INTERRUPTED = "live", "on_break", "ended", "interrupted"
SESSION_STATES = (LIVE, ON_BREAK, ENDED, INTERRUPTED)
#: Segment states (tentative text is never stored).
COMMITTED, CONFIRMED, CORRECTED = "committed", "confirmed", "corrected"
#: Who may correct or confirm a segment.
AUTHORS = ("caseworker", "interpreter")
#: Who asked for a break.
BREAK_REQUESTERS = ("claimant", "caseworker", "interpreter", "distress", "")
#: States of a disclosure's follow-up element (when, where, how, by whom): asked, answered or
#: not asked.
ASKED, NOT_ASKED = "asked", "not_asked"
#: A prompt's state until something is done with it ("acted", "not_now", "dismissed").
PROMPT_OPEN = "open"


def utcnow() -> datetime:
    """Now, in UTC (the store's wall-clock time)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every engine (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use companion UTC times")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


_NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The declarative base; constraint names are fixed so migrations are stable."""

    metadata = MetaData(naming_convention=_NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


class InterviewSession(Base):
    """One interview. ``reference`` is the case or appointment reference, not the claimant's
    name. ``owner`` is ``host:pid`` of the process recording it while it is live."""

    __tablename__ = "interview_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(40), default="")
    dialect: Mapped[str] = mapped_column(String(80), default="")
    #: "present", "remote" or "none".
    interpreter: Mapped[str] = mapped_column(String(20), default="remote")
    preset: Mapped[str] = mapped_column(String(80), default="trauma-informed")
    state: Mapped[str] = mapped_column(String(20), default=LIVE, index=True)
    #: How the record was made: "live", "demo", "import" or "transcribe".
    origin: Mapped[str] = mapped_column(String(20), default="live")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    ended_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    owner: Mapped[str] = mapped_column(String(200), default="")
    heartbeat_at: Mapped[datetime | None] = mapped_column(default=None)
    #: The session clock's last snapshot (``SessionClock.snapshot``), for resuming after a
    #: crash; None for a session recorded by an older version or imported.
    clock: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    #: Who conducted it: the database login on a team's server (row-level security keys on
    #: it), the operating-system user on this computer's own store.
    caseworker: Mapped[str] = mapped_column(String(120), default="", server_default="", index=True)
    #: The caseworker's unit or team (for its figures), "" if none was set.
    unit: Mapped[str] = mapped_column(String(80), default="", server_default="", index=True)

    participants: Mapped[list[Participant]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )
    segments: Mapped[list[Segment]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Segment.position",
    )
    breaks: Mapped[list[Break]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Break.start_s",
    )
    episodes: Mapped[list[DisclosureEpisode]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )
    prompts: Mapped[list[Prompt]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )
    notes: Mapped[list[Note]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )
    reflections: Mapped[list[ReflectionAnswer]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )
    checklist_ticks: Mapped[list[ChecklistTick]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )
    concerns: Mapped[list[InterpretingConcern]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="InterpretingConcern.id",
    )


class Participant(Base):
    """A role in the interview and the audio source it is heard on."""

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("interview_sessions.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))
    #: "microphone", "call", "file" or "" (not recorded).
    audio_source: Mapped[str] = mapped_column(String(20), default="")
    #: The device or file it was captured from.
    device: Mapped[str] = mapped_column(String(300), default="")

    session: Mapped[InterviewSession] = relationship(back_populates="participants")


class Segment(Base):
    """A committed piece of transcript. ``text`` and ``speaker_auto`` are as recognised and
    never change; ``speaker`` starts equal to ``speaker_auto`` and follows speaker
    corrections, ``status`` follows confirmations and corrections."""

    __tablename__ = "segments"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("interview_sessions.id", ondelete="CASCADE"), index=True
    )
    #: Order in the interview, from 0.
    position: Mapped[int] = mapped_column(Integer)
    start_s: Mapped[float | None] = mapped_column(Float, default=None)
    end_s: Mapped[float | None] = mapped_column(Float, default=None)
    speaker_auto: Mapped[str] = mapped_column(String(20))
    speaker: Mapped[str] = mapped_column(String(20))
    language: Mapped[str | None] = mapped_column(String(20), default=None)
    text: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float, default=None)
    status: Mapped[str] = mapped_column(String(20), default=COMMITTED)
    #: "microphone", "call", "file", "import".
    source: Mapped[str] = mapped_column(String(20), default="")
    #: Word timings and probabilities as recognised ([{"w","s","e","p"}]), or null.
    words: Mapped[list[Any] | None] = mapped_column(default=None)
    #: Keys of an imported transcript line that the record has no column for.
    extra: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    committed_at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[InterviewSession] = relationship(back_populates="segments")
    corrections: Mapped[list[Correction]] = relationship(
        back_populates="segment",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Correction.id",
    )


class Correction(Base):
    """A correction or confirmation of a segment, added beside the recognised text.

    ``kind`` is "text" (``value`` is the corrected text), "speaker" (``value`` is the role) or
    "confirm" (``value`` is empty)."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    segment: Mapped[Segment] = relationship(back_populates="corrections")


class Break(Base):
    """A break; ``end_s`` is null while it is running."""

    __tablename__ = "breaks"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("interview_sessions.id", ondelete="CASCADE"), index=True
    )
    start_s: Mapped[float] = mapped_column(Float)
    end_s: Mapped[float | None] = mapped_column(Float, default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    requested_by: Mapped[str] = mapped_column(String(20), default="")
    #: How many segments of the session came before it (its place in the record).
    after_segments: Mapped[int | None] = mapped_column(Integer, default=None)

    session: Mapped[InterviewSession] = relationship(back_populates="breaks")


class DisclosureEpisode(Base):
    """One episode of harm the claimant disclosed, first disclosed at ``segment_position``."""

    __tablename__ = "disclosure_episodes"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("interview_sessions.id", ondelete="CASCADE"), index=True
    )
    segment_position: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(40))
    evidence: Mapped[str] = mapped_column(Text, default="")
    acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)
    medical_evidence_signposted: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Probing stopped deliberately (distress, not appropriate now), with the reason.
    probing_stopped_reason: Mapped[str] = mapped_column(Text, default="")

    session: Mapped[InterviewSession] = relationship(back_populates="episodes")
    followups: Mapped[list[FollowUpElement]] = relationship(
        back_populates="episode", cascade="all, delete-orphan", passive_deletes=True
    )


class FollowUpElement(Base):
    """When / where / how / by whom of an episode: asked, answered or not asked, and where."""

    __tablename__ = "followup_elements"
    __table_args__ = (UniqueConstraint("episode_id", "element"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(
        ForeignKey("disclosure_episodes.id", ondelete="CASCADE"), index=True
    )
    element: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default=NOT_ASKED)
    #: Positions of the segments that asked or answered it.
    segment_positions: Mapped[list[Any]] = mapped_column(default=list)

    episode: Mapped[DisclosureEpisode] = relationship(back_populates="followups")


class Prompt(Base):
    """A prompt the companion showed, and what the caseworker did with it."""

    __tablename__ = "prompts"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("interview_sessions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    segment_position: Mapped[int | None] = mapped_column(Integer, default=None)
    evidence: Mapped[str] = mapped_column(Text, default="")
    shown_at_s: Mapped[float | None] = mapped_column(Float, default=None)
    state: Mapped[str] = mapped_column(String(20), default=PROMPT_OPEN)
    reason: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)

    session: Mapped[InterviewSession] = relationship(back_populates="prompts")


class Note(Base):
    """A note the caseworker attached to a moment of the interview."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("interview_sessions.id", ondelete="CASCADE"), index=True
    )
    at_s: Mapped[float | None] = mapped_column(Float, default=None)
    segment_position: Mapped[int | None] = mapped_column(Integer, default=None)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[InterviewSession] = relationship(back_populates="notes")


class ChecklistTick(Base):
    """An item of the opening or closing checklist and whether it was ticked (optional)."""

    __tablename__ = "checklist_ticks"
    __table_args__ = (UniqueConstraint("session_id", "checklist", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("interview_sessions.id", ondelete="CASCADE"), index=True
    )
    #: "opening" or "closing".
    checklist: Mapped[str] = mapped_column(String(20))
    item_id: Mapped[str] = mapped_column(String(80))
    #: The words shown, as they were at the time.
    text: Mapped[str] = mapped_column(Text)
    ticked: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[InterviewSession] = relationship(back_populates="checklist_ticks")


class ReflectionAnswer(Base):
    """The caseworker's answer to a reflection prompt after the interview."""

    __tablename__ = "reflection_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("interview_sessions.id", ondelete="CASCADE"), index=True
    )
    prompt: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[InterviewSession] = relationship(back_populates="reflections")


class InterpretingConcern(Base):
    """A concern about interpreting, raised by the claimant or noticed by the caseworker or
    the interpreter, and what was done about it."""

    __tablename__ = "interpreting_concerns"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("interview_sessions.id", ondelete="CASCADE"), index=True
    )
    #: "claimant", "caseworker" or "interpreter".
    raised_by: Mapped[str] = mapped_column(String(20))
    #: An id from resources/interpreting/concerns.toml ("dialect", "conduct", ...).
    kind: Mapped[str] = mapped_column(String(40))
    details: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text, default="")
    at_s: Mapped[float | None] = mapped_column(Float, default=None)
    segment_position: Mapped[int | None] = mapped_column(Integer, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[InterviewSession] = relationship(back_populates="concerns")


class AuditEvent(Base):
    """Something done with a session's record that a reviewer may need to know about: an
    export, an import, a deletion, a resume. Never testimony: what, when, by which user.

    Corrections are audited by their own rows (who, when, why). An event outlives its session
    (no foreign key): the deletion of a session is itself recorded."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    session_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    reference: Mapped[str] = mapped_column(String(200), default="")
    #: "export", "summary export", "import", "delete", "retention purge", "resume", "close".
    action: Mapped[str] = mapped_column(String(40))
    #: The operating-system user, and the app or the command line.
    actor: Mapped[str] = mapped_column(String(120), default="")
    detail: Mapped[str] = mapped_column(Text, default="")


def current_text(segment: Segment) -> str:
    """The segment's text after its latest text correction (the recognised text if none)."""
    for correction in reversed(segment.corrections):
        if correction.kind == "text":
            return correction.value
    return segment.text


class InterviewFactsRow(Base):
    """What one ended interview contributes to its unit's figures and to risk-based sampling
    (``companion.review.facts``): numbers and yes/no only, never words. A unit lead reads these
    (through the figures), never the record."""

    __tablename__ = "interview_facts"
    __table_args__ = (Index("ix_interview_facts_unit_day", "unit", "day"),)

    session_id: Mapped[int] = mapped_column(
        ForeignKey("interview_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    caseworker: Mapped[str] = mapped_column(String(120), default="")
    unit: Mapped[str] = mapped_column(String(80), default="")
    #: The day the interview started (UTC).
    day: Mapped[date] = mapped_column(Date, index=True)
    questioning_s: Mapped[float] = mapped_column(Float, default=0.0)
    elapsed_s: Mapped[float] = mapped_column(Float, default=0.0)
    longest_without_break_s: Mapped[float] = mapped_column(Float, default=0.0)
    breaks: Mapped[int] = mapped_column(Integer, default=0)
    over_2h_without_break: Mapped[bool] = mapped_column(Boolean, default=False)
    over_4h_questioning: Mapped[bool] = mapped_column(Boolean, default=False)
    disclosures: Mapped[int] = mapped_column(Integer, default=0)
    acknowledged: Mapped[int] = mapped_column(Integer, default=0)
    fully_followed_up: Mapped[int] = mapped_column(Integer, default=0)
    distress: Mapped[int] = mapped_column(Integer, default=0)
    distress_responded: Mapped[int] = mapped_column(Integer, default=0)
    interpreted: Mapped[bool] = mapped_column(Boolean, default=True)
    read_back_open: Mapped[int] = mapped_column(Integer, default=0)
    interpreting_concerns: Mapped[int] = mapped_column(Integer, default=0)
    questions: Mapped[int] = mapped_column(Integer, default=0)
    open_questions: Mapped[int] = mapped_column(Integer, default=0)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReviewDraw(Base):
    """One draw of interviews for review: the seed and rate that reproduce it."""

    __tablename__ = "review_draws"

    id: Mapped[int] = mapped_column(primary_key=True)
    drawn_at: Mapped[datetime] = mapped_column(default=utcnow)
    drawn_by: Mapped[str] = mapped_column(String(120), default="")
    seed: Mapped[int] = mapped_column(BigInteger)
    rate: Mapped[float] = mapped_column(Float)
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    unit: Mapped[str] = mapped_column(String(80), default="")
    candidates: Mapped[int] = mapped_column(Integer, default=0)

    samples: Mapped[list[ReviewSample]] = relationship(
        back_populates="draw", cascade="all, delete-orphan", passive_deletes=True
    )


class ReviewSample(Base):
    """An interview drawn for review, why, and (optionally) the reviewer it is assigned to."""

    __tablename__ = "review_samples"

    id: Mapped[int] = mapped_column(primary_key=True)
    draw_id: Mapped[int] = mapped_column(
        ForeignKey("review_draws.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("interview_sessions.id", ondelete="CASCADE"), unique=True
    )
    #: "random" and/or the risks (``companion.review.sampling.RISKS``).
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    #: The reviewer's login; "" while any reviewer may take it.
    reviewer: Mapped[str] = mapped_column(String(120), default="")

    draw: Mapped[ReviewDraw] = relationship(back_populates="samples")


class Review(Base):
    """A reviewer's assessment of a sampled interview: a 1-5 score per stage of the quality
    framework and comments. It never changes the record."""

    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("session_id", "reviewer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("interview_sessions.id", ondelete="CASCADE"), index=True
    )
    reviewer: Mapped[str] = mapped_column(String(120))
    #: stage id -> score (1-5) or null.
    scores: Mapped[dict[str, Any]] = mapped_column(default=dict)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: When the reviewer sent it to the caseworker (null: a draft).
    submitted_at: Mapped[datetime | None] = mapped_column(default=None)
    #: When the caseworker first saw it.
    seen_at: Mapped[datetime | None] = mapped_column(default=None)

    comments: Mapped[list[ReviewComment]] = relationship(
        back_populates="review",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ReviewComment.id",
    )


class ReviewComment(Base):
    """A comment of a review (the reviewer's, anchored to a stage and perhaps a segment) or
    the caseworker's reply."""

    __tablename__ = "review_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    #: A stage id, or "" for the review as a whole.
    stage: Mapped[str] = mapped_column(String(20), default="")
    #: The segment it is about (its one position), or null.
    segment_position: Mapped[int | None] = mapped_column(Integer, default=None)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(120))
    #: "reviewer" or "caseworker".
    author_role: Mapped[str] = mapped_column(String(20))
    #: The comment this replies to, or null.
    reply_to: Mapped[int | None] = mapped_column(Integer, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    review: Mapped[Review] = relationship(back_populates="comments")
