"""The UI's one way to use the store: writes and reads run on the store's serial writer
thread; their success and failure callbacks run on the UI thread (delivered by a Qt signal).
The UI thread never waits on the database."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from models.store import Store
from models.writer import SerialWriter

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


class StoreBridge(QObject):
    """Owns the serial writer for the app's store and re-emits its news as signals."""

    #: The store cannot be written just now (message); everything is kept and retried.
    sig_problem = Signal(str)
    #: Writing works again after a problem.
    sig_recovered = Signal()
    _sig_done = Signal(object, object)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._sig_done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.writer = SerialWriter(
            store, on_problem=self.sig_problem.emit, on_recovered=self.sig_recovered.emit
        )

    def call(
        self,
        operation: Callable[[Any], Any],
        on_success: Callback | None = None,
        on_failure: Callback | None = None,
        label: str = "store",
    ) -> Future[Any]:
        """Run ``operation`` on the writer thread; a callback gets its result (or exception)
        on the UI thread."""
        future = self.writer.submit(operation, label)
        self.when_done(future, on_success, on_failure)
        return future

    def when_done(
        self,
        future: Future[Any],
        on_success: Callback | None = None,
        on_failure: Callback | None = None,
    ) -> None:
        """Call back on the UI thread when ``future`` (a store write) is done."""

        def done(finished: Future[Any]) -> None:
            error = finished.exception()
            if error is not None:
                log.error("store operation failed: %s", error)
                if on_failure is not None:
                    self._sig_done.emit(on_failure, error)
            elif on_success is not None:
                self._sig_done.emit(on_success, finished.result())

        future.add_done_callback(done)

    @Slot(object, object)
    def _deliver(self, callback: Callback, value: Any) -> None:
        callback(value)

    @property
    def pending(self) -> int:
        """Writes not yet committed."""
        return self.writer.pending

    def close(self, timeout: float = 10.0) -> bool:
        """Stop the writer once what is queued is committed (call when nothing is pending,
        so this returns at once), then release the database."""
        done = self.writer.close(timeout)
        if done:
            self.store.close()
        return done
