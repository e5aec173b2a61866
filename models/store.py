"""The store: one database, its schema kept current, and the operations the app and the
command line use on interview records.

Writes made while an interview runs go through :class:`models.writer.SerialWriter` (one thread,
in order); the functions in :mod:`models.record` are the operations it runs. Everything else
(listing, loading, importing, deleting) runs here directly, each in one transaction.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, selectinload, sessionmaker

from models import record, review
from models.database import (
    StoreError,
    copy_database,
    database_url,
    display_url,
    make_engine,
    migrate,
    sqlite_file,
    store_key_of,
    translated,
)
from models.entities import (
    ENDED,
    AuditEvent,
    Break,
    Correction,
    DisclosureEpisode,
    InterviewSession,
    Segment,
    utcnow,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SessionInfo:
    """A line of ``sessions list``: what a session is, without its transcript."""

    id: int
    reference: str
    state: str
    language: str
    origin: str
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    segments: int
    breaks: int
    corrections: int
    #: Interview seconds covered by the transcript (last segment end), if it has times.
    duration_s: float | None

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "id": self.id,
            "reference": self.reference,
            "state": self.state,
            "language": self.language,
            "origin": self.origin,
            "created_at": self.created_at.isoformat(),
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "segments": self.segments,
            "breaks": self.breaks,
            "corrections": self.corrections,
            "duration_s": self.duration_s,
        }


class StoreFileGoneError(StoreError):
    """The store's SQLite file was deleted or replaced while it was open."""


class Store:
    """An open database holding interview sessions."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        #: How the local store is encrypted (``None`` for a database server).
        self.key = store_key_of(engine)
        #: Where the store was moved after its file was deleted or replaced while open.
        self.rescued_to: Path | None = None
        #: A deletion's pages may still be in the write-ahead log (another reader held it).
        self._wipe_pending = False
        self._anchor: Any = None
        self._identity: tuple[int, int] | None = None
        self._roles: frozenset[str] | None = None
        self._hold_file()

    # The file under the store -------------------------------------------------------------

    def _hold_file(self) -> None:
        """For a SQLite file: note which file it is, and keep one connection on it, so that if
        the file is deleted or replaced while open, what it holds can still be read (the
        connection keeps the file it opened)."""
        path = sqlite_file(self.url)
        if path is None:
            return
        self._anchor = self.engine.raw_connection()
        found = os.stat(path)
        self._identity = (found.st_dev, found.st_ino)

    def check_file(self) -> None:
        """Raise :class:`StoreFileGoneError` if the store's file was deleted or replaced since it
        was opened (writing on would put the words where no one will ever find them)."""
        path = sqlite_file(self.url)
        if path is None or self._identity is None:
            return
        try:
            found = os.stat(path)
        except FileNotFoundError:
            raise StoreFileGoneError(f"{path}: the database file was deleted while open") from None
        if (found.st_dev, found.st_ino) != self._identity:
            raise StoreFileGoneError(f"{path}: the database file was replaced while open")

    def rescue(self) -> Path:
        """Copy everything the store held (read through the connection that still has the old
        file) into a new file beside the old name — ``NAME.rescued-YYYYMMDD-HHMMSS.db``, with
        the same key — and go on in it. Returns the new file."""
        path = sqlite_file(self.url)
        if path is None or self._anchor is None:
            raise StoreError(f"{self.name}: cannot be rescued")
        stamp = utcnow().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.stem}.rescued-{stamp}{path.suffix or '.db'}")
        copy_database(self._anchor, target, self.key)
        new_url = f"sqlite:///{target}"
        old_engine, old_anchor = self.engine, self._anchor
        self.engine = make_engine(new_url)
        self.url = new_url
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.key = store_key_of(self.engine)
        self._hold_file()
        with contextlib.suppress(Exception):
            old_anchor.close()
        old_engine.dispose()
        if path.exists():  # replaced: our journal beside it would be read as the new file's
            for suffix in ("-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        self.rescued_to = target
        log.warning("store: its file was gone or replaced; everything is now in %s", target)
        return target

    @classmethod
    def open(cls, url: str | None = None, *, configured: str = "", upgrade: bool = True) -> Store:
        """Open (and create or upgrade) the database at ``url`` (see :func:`database_url`)."""
        chosen = database_url(url, configured)
        engine = make_engine(chosen)
        if upgrade:
            try:
                migrate(engine, chosen)
            except BaseException:
                engine.dispose()
                raise
        log.info("store: %s", display_url(chosen))
        return cls(engine, chosen)

    def roles(self) -> frozenset[str]:
        """The roles this connection holds (``models.review.roles``), asked once."""
        if self._roles is None:
            with self.session() as db:
                self._roles = review.roles(db)
        return self._roles

    @property
    def name(self) -> str:
        """The database as shown to people (a path, or a URL without its password)."""
        return display_url(self.url)

    @property
    def is_sqlite(self) -> bool:
        """Whether this is a SQLite file."""
        return self.engine.dialect.name == "sqlite"

    def protected_files(self) -> list[tuple[Path, str]]:
        """The files of this store that no output may ever be written to, with what they are
        (a SQLite store: the database, its journal files and its key file)."""
        db_path = sqlite_file(self.url)
        if db_path is None:
            return []
        found = [(db_path, "the interview store")]
        found += [
            (Path(f"{db_path}{suffix}"), "a journal file of the interview store")
            for suffix in ("-wal", "-shm", "-journal")
        ]
        if self.key is not None and self.key.file is not None:
            found.append((self.key.file, "the interview store's key"))
        return found

    def close(self) -> None:
        """Release the engine's connections (emptying the write-ahead log first, if a
        deletion's pages may still be in it)."""
        if self._wipe_pending:
            with contextlib.suppress(Exception):
                self._compact(tries=5)
        if self._anchor is not None:
            with contextlib.suppress(Exception):
                self._anchor.close()
            self._anchor = None
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed at the end of the block, rolled back on an error."""
        with translated(self.url), self._sessions() as db, db.begin():
            yield db

    @contextmanager
    def raw_session(self) -> Iterator[Session]:
        """Like :meth:`session`, but database errors pass through untranslated (the serial
        writer tells a passing outage from a bad operation by them)."""
        with self._sessions() as db, db.begin():
            yield db

    # Sessions -----------------------------------------------------------------------------

    def create_session(self, reference: str, **fields: Any) -> int:
        """A new live session (see :func:`models.record.create_session` for the fields:
        language, dialect, interpreter, preset, origin, participants, owner, started_at)."""
        with self.session() as db:
            return record.create_session(db, reference, **fields)

    def list_sessions(self, states: Sequence[str] = ()) -> list[SessionInfo]:
        """Every session (newest first), optionally only those in ``states``."""
        with self.session() as db:
            query = select(InterviewSession).order_by(InterviewSession.id.desc())
            if states:
                query = query.where(InterviewSession.state.in_(states))
            sessions = list(db.scalars(query))
            return self._infos(db, sessions)

    def info(self, session_id: int) -> SessionInfo:
        """One session's line."""
        with self.session() as db:
            return self._infos(db, [self._get(db, session_id)])[0]

    def load(self, session_id: int, *, words: bool = True) -> InterviewSession:
        """A whole session with its segments, corrections, breaks and analysis record, detached
        from the database (read it freely; change it through the store).

        ``words=False`` leaves the per-word timings out (reading them is most of the time it
        takes to load a long session; reviewing and summarising do not need them)."""
        with self.session() as db:
            return self.load_in(db, session_id, words=words)

    def load_in(self, db: Session, session_id: int, *, words: bool = True) -> InterviewSession:
        """:meth:`load` in the open transaction ``db`` (a reviewer's read is audited in the
        same transaction as the words it reads)."""
        segments = selectinload(InterviewSession.segments)
        if not words:
            segments = segments.defer(Segment.words, raiseload=True)
        query = (
            select(InterviewSession)
            .where(InterviewSession.id == session_id)
            .options(
                segments.selectinload(Segment.corrections),
                selectinload(InterviewSession.breaks),
                selectinload(InterviewSession.participants),
                selectinload(InterviewSession.episodes).selectinload(DisclosureEpisode.followups),
                selectinload(InterviewSession.prompts),
                selectinload(InterviewSession.notes),
                selectinload(InterviewSession.reflections),
                selectinload(InterviewSession.checklist_ticks),
                selectinload(InterviewSession.concerns),
            )
        )
        found = db.scalars(query).one_or_none()
        if found is None:
            raise StoreError(f"session {session_id}: no such session in {self.name}")
        return found

    def delete(
        self,
        session_id: int,
        refuse: Callable[[InterviewSession], str | None] | None = None,
    ) -> SessionInfo:
        """Delete a session and everything recorded with it; returns what was deleted.
        ``refuse`` may name, in the same transaction, why this session must not go (it is
        being recorded): then nothing is deleted and the reason is the error.

        On SQLite the freed pages are overwritten (``secure_delete``) and the write-ahead log is
        checkpointed, so the words do not linger in the file."""
        with self.session() as db:
            found = self._get(db, session_id)
            reason = refuse(found) if refuse is not None else None
            if reason:
                raise StoreError(f"session {session_id}: {reason}")
            (info,) = self._delete(
                db, [found], "delete", "{segments} segments and all recorded with them"
            )
        self._compact()
        log.info("deleted session %s (%s segments)", info.id, info.segments)
        return info

    def purge_expired(self, retention_days: int, now: datetime | None = None) -> list[SessionInfo]:
        """Delete ended sessions that ended more than ``retention_days`` ago (0 keeps all)."""
        if retention_days <= 0:
            return []
        cutoff = (now or utcnow()) - timedelta(days=retention_days)
        with self.session() as db:
            query = select(InterviewSession).where(
                InterviewSession.state == ENDED, InterviewSession.ended_at < cutoff
            )
            infos = self._delete(
                db,
                list(db.scalars(query)),
                "retention purge",
                f"ended more than {retention_days} days ago",
            )
        if infos:
            self._compact()
            log.info(
                "retention: deleted %d ended session(s) older than %d days: %s",
                len(infos),
                retention_days,
                ", ".join(str(i.id) for i in infos),
            )
        return infos

    def audit_events(self, session_id: int) -> list[AuditEvent]:
        """What was done with a session's record, oldest first (it outlives the session)."""
        with self.session() as db:
            query = (
                select(AuditEvent)
                .where(AuditEvent.session_id == session_id)
                .order_by(AuditEvent.at, AuditEvent.id)
            )
            return list(db.scalars(query))

    # Internals ----------------------------------------------------------------------------

    def _delete(
        self, db: Session, found: Sequence[InterviewSession], action: str, detail: str
    ) -> list[SessionInfo]:
        """Delete sessions, each with an audit event that outlives it (``detail`` may name
        ``{segments}``); what was deleted."""
        infos = self._infos(db, found)
        for session, info in zip(found, infos, strict=True):
            db.delete(session)
            record.audit(
                db,
                action,
                session_id=info.id,
                reference=info.reference,
                detail=detail.format(segments=info.segments),
            )
        return infos

    def _get(self, db: Session, session_id: int) -> InterviewSession:
        found = db.get(InterviewSession, session_id)
        if found is None:
            raise StoreError(f"session {session_id}: no such session in {self.name}")
        return found

    @staticmethod
    def _infos(db: Session, found: Sequence[InterviewSession]) -> list[SessionInfo]:
        """Lines for ``found``: three grouped queries, however many sessions there are."""
        ids = [s.id for s in found]
        if not ids:
            return []
        segments = {
            sid: (count, last_end)
            for sid, count, last_end in db.execute(
                select(Segment.session_id, func.count(Segment.id), func.max(Segment.end_s))
                .where(Segment.session_id.in_(ids))
                .group_by(Segment.session_id)
            )
        }
        breaks: dict[int, int] = {
            sid: n
            for sid, n in db.execute(
                select(Break.session_id, func.count(Break.id))
                .where(Break.session_id.in_(ids))
                .group_by(Break.session_id)
            )
        }
        corrections: dict[int, int] = {
            sid: n
            for sid, n in db.execute(
                select(Segment.session_id, func.count(Correction.id))
                .join(Segment, Correction.segment_id == Segment.id)
                .where(Segment.session_id.in_(ids), Correction.kind != "confirm")
                .group_by(Segment.session_id)
            )
        }
        infos = []
        for s in found:
            count, last_end = segments.get(s.id, (0, None))
            infos.append(
                SessionInfo(
                    id=s.id,
                    reference=s.reference,
                    state=s.state,
                    language=s.language,
                    origin=s.origin,
                    created_at=s.created_at,
                    started_at=s.started_at,
                    ended_at=s.ended_at,
                    segments=int(count or 0),
                    breaks=int(breaks.get(s.id, 0)),
                    corrections=int(corrections.get(s.id, 0)),
                    duration_s=float(last_end) if last_end is not None else None,
                )
            )
        return infos

    def _compact(self, tries: int = 10) -> bool:
        """Move the write-ahead log into the file and empty it, so deleted pages (overwritten
        by ``secure_delete``) leave no older copy in the log. Another program reading the
        store can hold the log back: tried again for a few seconds, then left to :meth:`close`
        (and SQLite empties the log at its next reset: ``journal_size_limit``). Returns
        whether the log is empty now."""
        if not self.is_sqlite:
            return True
        for attempt in range(tries):
            with translated(self.url), self.engine.connect() as connection:
                # A reader holds the log back: ask again shortly, not after five seconds.
                connection.execute(text("PRAGMA busy_timeout = 50"))
                try:
                    busy, _log, _moved = connection.execute(
                        text("PRAGMA wal_checkpoint(TRUNCATE)")
                    ).one()
                finally:
                    connection.execute(text("PRAGMA busy_timeout = 5000"))
            if not busy:
                self._wipe_pending = False
                return True
            time.sleep(min(0.05 * (attempt + 1), 0.5))
        self._wipe_pending = True
        log.warning(
            "store: another program is reading the store; the deleted pages leave its "
            "write-ahead log when it stops (tried again on close)"
        )
        return False
