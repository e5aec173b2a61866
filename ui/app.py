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
    window.show()
    if demo:
        window.start()
    return int(app.exec())
