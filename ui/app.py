"""Start the desktop app: ``interview-companion`` (or ``--demo``)."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from companion import APP_NAME, __version__

log = logging.getLogger(__name__)


def run_app(
    demo: bool = False,
    model: str | None = None,
    argv: list[str] | None = None,
    db: str | None = None,
) -> int:
    """Open the store and the main window and run the Qt event loop; returns the exit status.

    The store is opened (upgraded, purged by retention, crashed sessions marked interrupted)
    before the window appears; if it cannot be opened the app still transcribes and says that
    it is not saving, and why."""
    from companion.errors import UserError
    from models.startup import open_store
    from ui.main_window import MainWindow

    found = QApplication.instance()
    app = found if isinstance(found, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    try:
        opened = open_store(db)
        store, interrupted, error = opened.store, opened.interrupted, ""
    except UserError as exc:
        log.error("the store cannot be opened: %s", exc)
        store, interrupted, error = None, [], str(exc)
    from ui.theme import apply_theme

    apply_theme(app, "light")
    window = MainWindow(
        model=model, demo=demo, store=store, interrupted=interrupted, store_error=error
    )
    # If the app is asked to quit some other way (the session ends, a signal), stop capture
    # and let the worker commit what it heard before the process goes.
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    if demo:
        window.run_demo()
    return int(app.exec())
