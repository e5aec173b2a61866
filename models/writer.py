"""One serial writer: every write made while an interview runs, in order, off the UI thread.

Callers submit operations (functions taking a database session); a single thread runs them in
the order given, each burst in one transaction, and resolves a :class:`~concurrent.futures.Future`
per operation once its transaction is committed. A database that is briefly unwritable (locked,
disk full, server gone) is retried with a growing pause and nothing queued is dropped; the
problem is reported once through ``on_problem`` and its recovery through ``on_recovered``.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from models import record
from models.database import StoreError, translate
from models.store import Store, StoreFileGoneError

log = logging.getLogger(__name__)

Operation = Callable[[Session], Any]
#: At most this many queued operations share one transaction.
MAX_BATCH = 500
_STOP = object()


@dataclass
class _Job:
    operation: Operation
    label: str
    future: Future[Any] = field(default_factory=Future)
    queued_at: float = 0.0


class SerialWriter:
    """The store's single writer thread.

    ``heartbeat_s``: while idle, sessions registered with :meth:`keep_alive` get their
    heartbeat refreshed this often (crash recovery tells a live session from a dead one by it).
    """

    def __init__(
        self,
        store: Store,
        *,
        on_problem: Callable[[str], None] | None = None,
        on_recovered: Callable[[], None] | None = None,
        heartbeat_s: float = 30.0,
        retry_s: float = 0.25,
        max_retry_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self._on_problem = on_problem
        self._on_recovered = on_recovered
        self._heartbeat_s = heartbeat_s
        self._retry_s = retry_s
        self._max_retry_s = max_retry_s
        self._clock = clock
        self._queue: queue.Queue[Any] = queue.Queue()
        self._alive: set[int] = set()
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._pending = 0
        self._closed = False
        self._abandoned: str | None = None
        self._failing: str | None = None
        self._last_beat = clock()
        #: Seconds from submit to commit of each operation (for the benchmark).
        self.latencies: list[float] = []
        self._thread = threading.Thread(target=self._run, name="store-writer", daemon=True)
        self._thread.start()

    # Submitting ---------------------------------------------------------------------------

    def submit(self, operation: Operation, label: str = "write") -> Future[Any]:
        """Queue ``operation``; its future holds its result once committed."""
        job = _Job(operation, label, queued_at=self._clock())
        with self._lock:
            if self._closed:
                raise RuntimeError("the store writer is closed")
            self._pending += 1
        self._queue.put(job)
        return job.future

    def keep_alive(self, session_id: int, alive: bool = True) -> None:
        """Refresh (or stop refreshing) a live session's heartbeat while the writer is idle."""
        with self._lock:
            if alive:
                self._alive.add(session_id)
            else:
                self._alive.discard(session_id)

    @property
    def pending(self) -> int:
        """Operations queued or running, not yet committed."""
        with self._lock:
            return self._pending

    @property
    def abandoned(self) -> bool:
        """Whether :meth:`abandon` was called."""
        return self._abandoned is not None

    @property
    def problem(self) -> str | None:
        """The current write problem (``None`` when writes succeed)."""
        return self._failing

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything submitted so far is committed; ``False`` on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._idle:
            while self._pending:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._idle.wait(remaining)
        return True

    def abandon(self, reason: str) -> None:
        """Stop retrying: what is still queued fails with ``reason`` (a command line that gave
        up on a store it cannot write, having said so) and the thread ends."""
        with self._lock:
            self._abandoned = reason
            self._closed = True
        self._queue.put(_STOP)

    def close(self, timeout: float | None = 30.0) -> bool:
        """Commit what is queued, then stop the thread; ``False`` if it did not finish in time
        (the thread then goes on retrying in the background until the process ends)."""
        with self._lock:
            if self._closed:
                return not self._thread.is_alive()
            self._closed = True
        self._queue.put(_STOP)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    # The thread ---------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            try:
                first = self._queue.get(timeout=self._heartbeat_s)
            except queue.Empty:
                self._beat()
                continue
            if first is _STOP:
                return
            batch = [first]
            stop = False
            while len(batch) < MAX_BATCH:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is _STOP:
                    stop = True
                    break
                batch.append(nxt)
            self._commit(batch)
            if self._abandoned is not None:
                stop = True
            if self._clock() - self._last_beat >= self._heartbeat_s:
                self._beat()
            if stop:
                return

    def _commit(self, batch: list[_Job]) -> None:
        delay = self._retry_s
        while True:
            if self._abandoned is not None:
                for job in batch:
                    job.future.set_exception(StoreError(self._abandoned))
                self._settle(len(batch))
                return
            try:
                results = self._transaction(batch)
            except StoreFileGoneError as exc:
                # Deleted or replaced under us: writing on would lose the words. Keep them,
                # copy what the store held into a new file, and go on there.
                self._report(exc)
                try:
                    target = self.store.rescue()
                except Exception as failed:  # noqa: BLE001 - keep everything, try again
                    log.error("store: the rescue failed, retrying: %s", failed)
                    time.sleep(delay)
                    delay = min(delay * 2, self._max_retry_s)
                else:
                    self._report(StoreError(f"{exc}; everything is kept and now saved in {target}"))
                continue
            except (OperationalError, InterfaceError) as exc:
                # The database is unwritable for now: keep everything and try again.
                self._report(exc)
                time.sleep(delay)
                delay = min(delay * 2, self._max_retry_s)
                continue
            except Exception as exc:  # noqa: BLE001 - one bad operation must not sink the rest
                if len(batch) > 1:
                    for job in batch:
                        self._commit([job])
                    return
                log.error("store: %s failed: %s", batch[0].label, exc)
                batch[0].future.set_exception(exc)
                self._settle(1)
                return
            self._recovered()
            done = self._clock()
            for job, result in zip(batch, results, strict=True):
                self.latencies.append(done - job.queued_at)
                job.future.set_result(result)
            self._settle(len(batch))
            return

    def _transaction(self, batch: list[_Job]) -> list[Any]:
        self.store.check_file()
        with self.store.raw_session() as db:
            return [job.operation(db) for job in batch]

    def _settle(self, count: int) -> None:
        with self._idle:
            self._pending -= count
            self._idle.notify_all()

    def _beat(self) -> None:
        self._last_beat = self._clock()
        with self._lock:
            alive = sorted(self._alive)
        if not alive:
            return
        try:
            self.store.check_file()
            with self.store.session() as db:
                for session_id in alive:
                    record.touch(db, session_id)
        except (DBAPIError, StoreError) as exc:
            log.warning("store: heartbeat not written: %s", exc)

    def _report(self, exc: BaseException) -> None:
        message = str(exc if isinstance(exc, StoreError) else translate(exc, self.store.url))
        if message != self._failing:
            self._failing = message
            log.warning("store: cannot write, retrying, nothing is lost: %s", message)
            if self._on_problem is not None:
                self._on_problem(message)

    def _recovered(self) -> None:
        if self._failing is not None:
            self._failing = None
            log.warning("store: writing again")
            if self._on_recovered is not None:
                self._on_recovered()
