"""Slow work that touches no database (building a summary, rendering a PDF or DOCX, writing a
file, rebuilding a resumed interview, saving settings) on a thread of its own: never on the UI
thread, never on the store's serial writer (where it would hold up the saving of the live
transcript). Success and failure callbacks run on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject

from ui.future_relay import Callback, FutureRelay


class Jobs(FutureRelay):
    """One background thread for slow jobs, in the order they were asked for."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jobs")
        self._closed = False

    def run(
        self,
        job: Callable[[], Any],
        on_success: Callback | None = None,
        on_failure: Callback | None = None,
    ) -> Future[Any]:
        """Run ``job`` off the UI thread; a callback gets its result (or exception) on the
        UI thread. Once closed (the app is quitting), the job runs at once, here."""
        if self._closed:
            future: Future[Any] = Future()
            try:
                future.set_result(job())
            except Exception as exc:  # noqa: BLE001 - reported like any failed job
                future.set_exception(exc)
        else:
            future = self._pool.submit(job)
        self.when_done(future, on_success, on_failure)
        return future

    def close(self) -> None:
        """Finish what was asked, then stop the thread."""
        self._closed = True
        self._pool.shutdown(wait=True)
