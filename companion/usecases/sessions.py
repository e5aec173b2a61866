"""Stored interviews: list, review, resume, close, delete, and the interview's record for
restoring it. Plain data in and out."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from companion.interpreting.concerns import Concern
from companion.interview.record import InterviewRecord, StoredBreak, StoredPrompt, StoredSegment
from companion.session_setup import InterviewSetup
from companion.usecases.record_forms import export_session, ledger_checks
from models import recovery
from models.entities import InterviewSession
from models.review import CASEWORKER, REVIEWER
from models.store import SessionInfo, Store


@dataclass(frozen=True)
class SessionReview:
    """A past session as the review page shows it (read-only)."""

    id: int
    reference: str
    started: str
    state: str
    segments: int
    breaks: int
    preset: str
    #: Its plain-text record (``sessions export ID --format txt``).
    text: str


@dataclass(frozen=True)
class StorageWords:
    """How the interviews are protected, as the start screen says it."""

    words: str
    #: Said prominently (a key made just now, or no encryption at all).
    prominent: bool
    #: More, for the curious (where the key is and what losing it means).
    details: str = ""


def storage_words(store: Store) -> StorageWords:
    """Where and how the interviews are kept: encrypted here, unencrypted here, or on a team's
    server."""
    key = store.key
    if key is not None:
        words = f"Interviews are stored encrypted on this computer; the key is in {key.where}."
        return StorageWords(key.warning() if key.created else words, key.created, key.warning())
    if store.is_sqlite:
        return StorageWords(f"⚠ Interviews are stored WITHOUT encryption in {store.name}.", True)
    return StorageWords(
        f"Interviews are stored in the team database {store.name}, protected by its server "
        "(TLS, encryption at rest, access control).",
        False,
    )


def list_sessions(store: Store) -> list[SessionInfo]:
    """Every stored session's line this login may see, newest first (none for a unit lead's
    connection to a team server: it sees figures, never sessions)."""
    if not store.roles() & {CASEWORKER, REVIEWER}:
        return []
    return store.list_sessions()


def review(store: Store, session_id: int) -> SessionReview:
    """A past session for reading."""
    session = store.load(session_id, words=False)
    started = session.started_at or session.created_at
    return SessionReview(
        id=session.id,
        reference=session.reference,
        started=f"{started:%d %b %Y %H:%M} UTC",
        state=session.state,
        segments=len(session.segments),
        breaks=len(session.breaks),
        preset=session.preset,
        text=export_session(session, "txt"),
    )


def interview_record(session: InterviewSession) -> InterviewRecord:
    """Everything of a stored session that the interview is rebuilt from."""
    return InterviewRecord(
        session_id=session.id,
        setup=InterviewSetup(
            reference=session.reference,
            language=session.language,
            dialect=session.dialect,
            interpreter=session.interpreter,
            preset=session.preset,
        ),
        segments=tuple(
            StoredSegment(
                position=s.position,
                start_s=s.start_s or 0.0,
                end_s=s.end_s if s.end_s is not None else s.start_s or 0.0,
                speaker=s.speaker,
                speaker_auto=s.speaker_auto,
                text=s.text,
                language=s.language,
                checks=tuple(ledger_checks(s)),
            )
            for s in session.segments
        ),
        breaks=tuple(
            StoredBreak(b.start_s, b.end_s, b.reason, b.requested_by) for b in session.breaks
        ),
        clock=session.clock,
        prompts=tuple(StoredPrompt(p.kind, p.state, p.reason) for p in session.prompts),
        concerns=tuple(
            Concern(c.raised_by, c.kind, c.details, c.action, c.at_s, c.segment_position)
            for c in session.concerns
        ),
        checklists=frozenset(t.checklist for t in session.checklist_ticks),
    )


def resume(store: Store, db: Session, session_id: int) -> InterviewRecord:
    """Take over an interrupted session (in the open transaction ``db``, on the writer) and
    return its record: the interview is rebuilt from it."""
    recovery.resume_in(db, session_id)
    db.flush()
    return interview_record(store.load(session_id, words=False))


def close(db: Session, session_id: int) -> None:
    """End an interrupted session as it stands."""
    recovery.close_in(db, session_id)


def delete(store: Store, session_id: int) -> SessionInfo:
    """Delete a session and everything recorded with it — never one being recorded now (the
    error says who holds it)."""
    return store.delete(session_id, refuse=recovery.being_recorded)
