"""Operations on the interview record, each on an open database session (one transaction).

The serial writer runs these while an interview is live; imports and the store call them too.
None of them changes what was recognised: corrections and confirmations are added beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from companion.errors import UserError
from companion.files import as_text
from companion.interpreting.concerns import Concern
from companion.transcription.events import ROLES
from models import identity
from models.entities import (
    ASKED,
    AUTHORS,
    BREAK_REQUESTERS,
    CONFIRMED,
    CORRECTED,
    ENDED,
    LIVE,
    NOT_ASKED,
    ON_BREAK,
    PROMPT_OPEN,
    SESSION_STATES,
    AuditEvent,
    Break,
    ChecklistTick,
    Correction,
    DisclosureEpisode,
    FollowUpElement,
    InterpretingConcern,
    InterviewSession,
    Note,
    Participant,
    Prompt,
    ReflectionAnswer,
    Segment,
    utcnow,
)


def create_session(
    db: Session,
    reference: str,
    *,
    language: str = "",
    dialect: str = "",
    interpreter: str = "remote",
    preset: str = "trauma-informed",
    origin: str = "live",
    participants: Sequence[tuple[str, str, str]] = (),
    owner: str = "",
    started_at: datetime | None = None,
    state: str = LIVE,
    start_now: bool = True,
    unit: str | None = None,
) -> int:
    """Add a session and its participants; returns its id. It is recorded as conducted by
    this connection's login (:func:`models.identity.login`), in ``unit`` (default: the
    configured unit)."""
    reference = reference.strip()
    if not reference:
        raise UserError("a session needs a reference (a case or appointment reference)")
    if interpreter not in ("present", "remote", "none"):
        raise UserError(f"interpreter must be present, remote or none, not {interpreter!r}")
    found = InterviewSession(
        reference=reference,
        caseworker=identity.login(db),
        unit=identity.unit() if unit is None else unit.strip(),
        language=language,
        dialect=dialect,
        interpreter=interpreter,
        preset=preset,
        origin=origin,
        state=state,
        owner=owner,
        started_at=started_at or (utcnow() if start_now else None),
        heartbeat_at=utcnow(),
    )
    for role, source, device in participants:
        found.participants.append(Participant(role=role, audio_source=source, device=device))
    db.add(found)
    db.flush()
    return found.id


def add_segment(
    db: Session,
    session_id: int,
    position: int,
    *,
    speaker: str,
    text: str,
    start_s: float | None = None,
    end_s: float | None = None,
    language: str | None = None,
    confidence: float | None = None,
    source: str = "",
    words: list[dict[str, Any]] | None = None,
    extra: dict[str, Any] | None = None,
    speaker_auto: str | None = None,
    status: str | None = None,
    committed_at: datetime | None = None,
) -> Segment:
    """Store a committed segment at ``position`` (its order in the interview)."""
    if speaker not in ROLES:
        raise UserError(f"speaker must be one of {', '.join(ROLES)}, not {speaker!r}")
    segment = Segment(
        session_id=session_id,
        position=position,
        start_s=start_s,
        end_s=end_s,
        speaker_auto=speaker_auto or speaker,
        speaker=speaker,
        language=language,
        text=text,
        confidence=confidence,
        source=source,
        words=words or None,
        extra=extra or None,
        committed_at=committed_at or utcnow(),
    )
    if status:
        segment.status = status
    db.add(segment)
    touch(db, session_id)
    return segment


def _segment(db: Session, session_id: int, position: int) -> Segment:
    found = db.scalars(
        select(Segment).where(Segment.session_id == session_id, Segment.position == position)
    ).one_or_none()
    if found is None:
        raise UserError(f"session {session_id}: no segment {position}")
    return found


def _add_correction(
    db: Session,
    session_id: int,
    position: int,
    kind: str,
    value: str,
    author: str,
    reason: str,
    at: datetime | None,
) -> tuple[Segment, Correction]:
    if author not in AUTHORS:
        raise UserError(f"a correction is made by {' or '.join(AUTHORS)}, not {author!r}")
    segment = _segment(db, session_id, position)
    correction = Correction(
        kind=kind, value=value, author=author, reason=reason, created_at=at or utcnow()
    )
    segment.corrections.append(correction)
    return segment, correction


def correct_text(
    db: Session,
    session_id: int,
    position: int,
    value: str,
    *,
    author: str,
    reason: str = "",
    at: datetime | None = None,
) -> Correction:
    """Add a corrected text for a segment; the recognised text stays as it was."""
    segment, correction = _add_correction(
        db, session_id, position, "text", value, author, reason, at
    )
    segment.status = CORRECTED
    return correction


def correct_speaker(
    db: Session,
    session_id: int,
    position: int,
    speaker: str,
    *,
    author: str,
    reason: str = "",
    at: datetime | None = None,
) -> Correction:
    """Record who really spoke a segment; the detected speaker is kept in ``speaker_auto``."""
    if speaker not in ROLES:
        raise UserError(f"speaker must be one of {', '.join(ROLES)}, not {speaker!r}")
    segment, correction = _add_correction(
        db, session_id, position, "speaker", speaker, author, reason, at
    )
    segment.speaker = speaker
    return correction


def confirm(
    db: Session,
    session_id: int,
    position: int,
    *,
    author: str,
    reason: str = "",
    at: datetime | None = None,
) -> Correction:
    """Record that a segment was read back and confirmed as right."""
    segment, correction = _add_correction(
        db, session_id, position, "confirm", "", author, reason, at
    )
    if segment.status != CORRECTED:
        segment.status = CONFIRMED
    return correction


def start_break(
    db: Session, session_id: int, start_s: float, *, reason: str = "", requested_by: str = ""
) -> Break:
    """Open a break at interview time ``start_s``; the session is on break until it ends."""
    if requested_by not in BREAK_REQUESTERS:
        raise UserError(
            f"a break is asked for by {', '.join(r for r in BREAK_REQUESTERS if r)}, "
            f"not {requested_by!r}"
        )
    found = Break(
        session_id=session_id,
        start_s=start_s,
        reason=reason,
        requested_by=requested_by,
        after_segments=_segment_count(db, session_id),
    )
    db.add(found)
    db.execute(
        update(InterviewSession)
        .where(InterviewSession.id == session_id)
        .values(state=ON_BREAK, heartbeat_at=utcnow())
    )
    return found


def end_break(db: Session, session_id: int, end_s: float) -> Break | None:
    """Close the open break (if any) at ``end_s``; the session is live again."""
    open_break = db.scalars(
        select(Break)
        .where(Break.session_id == session_id, Break.end_s.is_(None))
        .order_by(Break.id.desc())
    ).first()
    if open_break is not None:
        open_break.end_s = max(end_s, open_break.start_s)
    db.execute(
        update(InterviewSession)
        .where(InterviewSession.id == session_id, InterviewSession.state == ON_BREAK)
        .values(state=LIVE, heartbeat_at=utcnow())
    )
    return open_break


def add_break(
    db: Session,
    session_id: int,
    start_s: float,
    end_s: float,
    *,
    reason: str = "",
    requested_by: str = "",
    after_segments: int | None = None,
) -> Break:
    """A whole break, as in an imported transcript."""
    found = Break(
        session_id=session_id,
        start_s=start_s,
        end_s=end_s,
        reason=reason,
        requested_by=requested_by if requested_by in BREAK_REQUESTERS else "",
        after_segments=after_segments,
    )
    db.add(found)
    return found


def set_state(db: Session, session_id: int, state: str, *, owner: str | None = None) -> None:
    """Move a session to ``state``; ending it stamps ``ended_at`` and closes an open break."""
    if state not in SESSION_STATES:
        raise UserError(f"unknown session state {state!r}")
    values: dict[str, Any] = {"state": state, "heartbeat_at": utcnow()}
    if owner is not None:
        values["owner"] = owner
    if state == ENDED:
        values["ended_at"] = utcnow()
        last = db.scalars(
            select(Segment.end_s)
            .where(Segment.session_id == session_id, Segment.end_s.is_not(None))
            .order_by(Segment.position.desc())
        ).first()
        for open_break in db.scalars(
            select(Break).where(Break.session_id == session_id, Break.end_s.is_(None))
        ):
            open_break.end_s = max(open_break.start_s, last if last is not None else 0.0)
    db.execute(update(InterviewSession).where(InterviewSession.id == session_id).values(**values))


def touch(db: Session, session_id: int) -> None:
    """Note that the recording process is alive (the heartbeat used by crash recovery)."""
    db.execute(
        update(InterviewSession)
        .where(InterviewSession.id == session_id)
        .values(heartbeat_at=utcnow())
    )


def _segment_count(db: Session, session_id: int) -> int:
    db.flush()
    return int(
        db.scalar(select(func.count(Segment.id)).where(Segment.session_id == session_id)) or 0
    )


def next_position(db: Session, session_id: int) -> int:
    """The position the next segment of a session takes."""
    positions = db.scalars(
        select(Segment.position)
        .where(Segment.session_id == session_id)
        .order_by(Segment.position.desc())
    ).first()
    return 0 if positions is None else positions + 1


def record_checklist(
    db: Session, session_id: int, checklist: str, ticks: Sequence[tuple[str, str, bool]]
) -> None:
    """Store a checklist as shown: ``(item id, words, ticked)`` per item (again: replaced)."""
    existing = {
        t.item_id: t
        for t in db.scalars(
            select(ChecklistTick).where(
                ChecklistTick.session_id == session_id, ChecklistTick.checklist == checklist
            )
        )
    }
    for item_id, text, ticked in ticks:
        tick = existing.get(item_id)
        if tick is None:
            db.add(
                ChecklistTick(
                    session_id=session_id,
                    checklist=checklist,
                    item_id=item_id,
                    text=text,
                    ticked=ticked,
                )
            )
        else:
            tick.ticked, tick.text, tick.at = ticked, text, utcnow()


def add_note(
    db: Session, session_id: int, text: str, at_s: float | None, segment_position: int | None
) -> Note:
    """A note the caseworker attached to a moment of the interview."""
    note = Note(session_id=session_id, text=text, at_s=at_s, segment_position=segment_position)
    db.add(note)
    return note


def actor(tool: str = "") -> str:
    """Who does something, for the audit trail: the operating-system user (and the tool)."""
    user = identity.os_user()
    return f"{user} ({tool})" if tool else user


def audit(
    db: Session,
    action: str,
    *,
    session_id: int | None,
    reference: str = "",
    detail: str = "",
    tool: str = "",
) -> AuditEvent:
    """Record something done with a session's record (never its words)."""
    if session_id is not None and not reference:
        found = db.get(InterviewSession, session_id)
        reference = found.reference if found is not None else ""
    event = AuditEvent(
        session_id=session_id, reference=reference, action=action, actor=actor(tool), detail=detail
    )
    db.add(event)
    return event


def audit_export(
    db: Session,
    action: str,
    session_id: int,
    *,
    form: str,
    output: str | None,
    redacted: bool,
    tool: str,
) -> AuditEvent:
    """An export of a session's record: its form, whether names and places were masked, and
    the file's name (or standard output)."""
    target = as_text(Path(output).name) if output else "standard output"
    masked = ", names and places masked" if redacted else ""
    return audit(
        db, action, session_id=session_id, detail=f"{form}{masked}, to {target}", tool=tool
    )


def add_concern(db: Session, session_id: int, concern: Concern) -> InterpretingConcern:
    """A concern about interpreting, as raised, with what was done about it."""
    row = InterpretingConcern(
        session_id=session_id,
        raised_by=concern.raised_by,
        kind=concern.kind,
        details=concern.details.strip(),
        action=concern.action.strip(),
        at_s=concern.at_s,
        segment_position=concern.segment,
    )
    db.add(row)
    return row


def save_prompt(
    db: Session,
    session_id: int,
    *,
    key: str,
    kind: str,
    segment_position: int | None,
    evidence: str,
    shown_at_s: float | None,
    state: str,
    reason: str,
) -> None:
    """Store a prompt card as shown and what was done with it (one row per card ``key``)."""
    found = db.scalars(
        select(Prompt).where(Prompt.session_id == session_id, Prompt.kind == key)
    ).one_or_none()
    if found is None:
        found = Prompt(session_id=session_id, kind=key, segment_position=segment_position)
        found.shown_at_s = shown_at_s
        db.add(found)
    found.evidence = f"{kind}: {evidence}"
    if found.state != state:
        found.state, found.reason = state, reason
        found.resolved_at = None if state == PROMPT_OPEN else utcnow()


def save_clock(db: Session, session_id: int, snapshot: dict[str, Any]) -> None:
    """Keep the session clock's latest snapshot (replacing the one before)."""
    db.execute(
        update(InterviewSession).where(InterviewSession.id == session_id).values(clock=snapshot)
    )


def save_episodes(db: Session, session_id: int, episodes: Sequence[Any]) -> None:
    """Store the disclosure episodes found (replacing an earlier save): each with its
    follow-up elements. ``episodes`` are :class:`companion.analysis.live.EpisodeState`."""
    for old in db.scalars(
        select(DisclosureEpisode).where(DisclosureEpisode.session_id == session_id)
    ):
        db.delete(old)
    db.flush()
    for state in episodes:
        episode = DisclosureEpisode(
            session_id=session_id,
            segment_position=state.segment,
            category=state.category,
            evidence=state.evidence,
            acknowledged=bool(state.acknowledged),
            medical_evidence_signposted=state.medical_signposted,
            probing_stopped_reason="distress" if state.probe_stopped else "",
        )
        for element, covered in state.checklist:
            episode.followups.append(
                FollowUpElement(element=element, state=ASKED if covered else NOT_ASKED)
            )
        db.add(episode)


def save_reflections(db: Session, session_id: int, answers: Sequence[tuple[str, str]]) -> None:
    """The caseworker's answers to the reflection questions (saved again: replaced)."""
    for old in db.scalars(
        select(ReflectionAnswer).where(ReflectionAnswer.session_id == session_id)
    ):
        db.delete(old)
    db.flush()
    for prompt, answer in answers:
        if answer.strip():
            db.add(ReflectionAnswer(session_id=session_id, prompt=prompt, answer=answer))
