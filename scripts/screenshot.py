"""Take screenshots of the app's windows on a virtual X screen (run under xvfb-run).

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshot.py docs/screenshots

Opens the main window in demo mode (the real model on the bundled sample interview), waits for
the transcript to fill, and grabs the whole screen with Qt, as a person would see it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 45.0
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    window = MainWindow(demo=True)
    window.move(40, 30)
    window.show()
    window.start()

    def grab() -> None:
        screen = app.primaryScreen()
        screen.grabWindow(0).save(str(out / "main-window.png"))
        window.close()  # stops capture; the window closes once the worker has finished

    QTimer.singleShot(int(seconds * 1000), grab)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
