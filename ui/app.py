"""Start the desktop app: ``interview-companion`` (or ``--demo``)."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from companion import APP_NAME, __version__

log = logging.getLogger(__name__)


def run_app(demo: bool = False, model: str | None = None, argv: list[str] | None = None) -> int:
    """Open the main window and run the Qt event loop; returns the exit status."""
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    window = MainWindow(model=model, demo=demo)
    # If the app is asked to quit some other way (the session ends, a signal), stop capture
    # and let the worker commit what it heard before the process goes.
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    if demo:
        window.start()
    return int(app.exec())
