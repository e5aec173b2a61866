"""Crash recovery: a session whose recording process died is ``interrupted``, never lost.

A live session names its owner (``host:pid``). On start, a live or on-break session whose owner
process is gone (same host), or whose heartbeat is older than :data:`STALE` (another host), is
marked interrupted. The app then offers to resume it (recording goes on after what was
committed before the crash) or to close it (it ends as it stands).
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import record
from models.database import StoreError
from models.entities import ENDED, INTERRUPTED, LIVE, ON_BREAK, InterviewSession, utcnow
from models.store import SessionInfo, Store

log = logging.getLogger(__name__)

#: A session on another machine with no heartbeat for this long is taken to be dead.
STALE = timedelta(minutes=5)


def owner_id(pid: int | None = None) -> str:
    """This process as a session owner: ``host:pid``."""
    return f"{socket.gethostname()}:{pid if pid is not None else os.getpid()}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return False
    return True


def being_recorded(session: InterviewSession) -> str | None:
    """Why ``session`` must not be deleted or taken over now: it is live (or on a break) and
    the program recording it is still running — said with who holds it — else None."""
    if session.state in (LIVE, ON_BREAK) and owner_alive(session.owner, session.heartbeat_at):
        return (
            f"is being recorded now by {session.owner or 'another program'}; end the interview "
            "there first (if that program has stopped, the session is offered for recovery on "
            "the next start)"
        )
    return None


def owner_alive(owner: str, heartbeat: datetime | None, now: datetime | None = None) -> bool:
    """Whether the process recorded as ``owner`` may still be recording."""
    host, _, pid_text = owner.rpartition(":")
    if host == socket.gethostname() and pid_text.isdigit():
        return int(pid_text) == os.getpid() or _pid_alive(int(pid_text))
    if heartbeat is None:
        return False
    return (now or utcnow()) - heartbeat < STALE


def mark_interrupted(store: Store, now: datetime | None = None) -> list[SessionInfo]:
    """Mark every live or on-break session whose owner is dead as interrupted; returns the
    sessions that are interrupted now (including those marked earlier)."""
    changed = []
    with store.session() as db:
        query = select(InterviewSession).where(InterviewSession.state.in_((LIVE, ON_BREAK)))
        for found in db.scalars(query):
            if not owner_alive(found.owner, found.heartbeat_at, now):
                found.state = INTERRUPTED
                changed.append(found.id)
    for session_id in changed:
        log.warning("session %s was interrupted (its recording process ended)", session_id)
    return store.list_sessions(states=(INTERRUPTED,))


@dataclass(frozen=True)
class Resumed:
    """Where a resumed session goes on: the next segment's position and the interview time
    its new audio starts at (the end of what was recorded before)."""

    session_id: int
    next_position: int
    time_offset_s: float


def resume_in(db: Session, session_id: int) -> Resumed:
    """Take over an interrupted session (in an open transaction): it is live again (or on
    break, if it died during one), owned by this process."""
    found = db.get(InterviewSession, session_id)
    if found is None or found.state != INTERRUPTED:
        state = "missing" if found is None else found.state
        raise StoreError(f"session {session_id}: cannot be resumed (it is {state})")
    open_break = any(b.end_s is None for b in found.breaks)
    record.set_state(db, session_id, ON_BREAK if open_break else LIVE, owner=owner_id())
    ends = [s.end_s or s.start_s or 0.0 for s in found.segments]
    ends += [b.end_s or b.start_s for b in found.breaks]
    resumed = Resumed(session_id, record.next_position(db, session_id), max(ends, default=0.0))
    record.audit(
        db,
        "resume",
        session_id=session_id,
        reference=found.reference,
        detail=f"after an interruption, at segment {resumed.next_position}",
    )
    log.info("session %s resumed at segment %s", session_id, resumed.next_position)
    return resumed


def close_in(db: Session, session_id: int) -> None:
    """End an interrupted session as it stands (in an open transaction)."""
    found = db.get(InterviewSession, session_id)
    if found is None or found.state != INTERRUPTED:
        state = "missing" if found is None else found.state
        raise StoreError(f"session {session_id}: cannot be closed (it is {state})")
    record.set_state(db, session_id, ENDED)
    record.audit(
        db, "close", session_id=session_id, reference=found.reference, detail="as it stood"
    )
    log.info("interrupted session %s closed", session_id)


def resume(store: Store, session_id: int) -> Resumed:
    """:func:`resume_in` in a transaction of its own."""
    with store.session() as db:
        return resume_in(db, session_id)


def close(store: Store, session_id: int) -> None:
    """:func:`close_in` in a transaction of its own."""
    with store.session() as db:
        close_in(db, session_id)
