"""The UI's one way to use the store: writes and reads run on the store's serial writer
thread; their success and failure callbacks run on the UI thread (delivered by a Qt signal).
The UI thread never waits on the database."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Signal

from models.store import Store
from models.writer import SerialWriter
from ui.future_relay import Callback, FutureRelay


class StoreBridge(FutureRelay):
    """Owns the serial writer for the app's store and re-emits its news as signals."""

    #: The store cannot be written just now (message); everything is kept and retried.
    sig_problem = Signal(str)
    #: Writing works again after a problem.
    sig_recovered = Signal()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
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
