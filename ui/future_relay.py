"""Callbacks on the UI thread for work done on another thread: the one mechanism behind the
store bridge and the jobs thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


class FutureRelay(QObject):
    """Delivers a future's result (or exception) to a callback on the UI thread."""

    _sig_done = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sig_done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def when_done(
        self,
        future: Future[Any],
        on_success: Callback | None = None,
        on_failure: Callback | None = None,
    ) -> None:
        """Call back on the UI thread when ``future`` is done."""

        def done(finished: Future[Any]) -> None:
            error = finished.exception()
            if error is not None:
                log.error("%s failed: %s", type(self).__name__, error)
                if on_failure is not None:
                    self._sig_done.emit(on_failure, error)
            elif on_success is not None:
                self._sig_done.emit(on_success, finished.result())

        future.add_done_callback(done)

    @Slot(object, object)
    def _deliver(self, callback: Callback, value: Any) -> None:
        callback(value)
