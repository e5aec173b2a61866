"""How responsive the window stays while the real pipeline runs: the demo (the real speech
model on the bundled sample interview, paced as live) for a number of seconds, with a 20 ms
timer on the UI thread measuring how late each of its ticks comes (a stall).

    python -m ui.stall_bench [SECONDS]        (prints one JSON object; run by `make bench`)
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

INTERVAL_MS = 20


def measure(seconds: float) -> dict[str, float]:
    """Run the demo for ``seconds``; the UI thread's stalls in milliseconds."""
    import numpy as np

    from models.store import Store
    from ui.main_window import MainWindow
    from ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app, "light")  # type: ignore[arg-type]
    folder = tempfile.mkdtemp(prefix="stall-bench-")
    store = Store.open(f"sqlite:///{os.path.join(folder, 'bench.db')}")
    window = MainWindow(store=store, devices=([], []))
    window.show()
    window.run_demo()
    gaps: list[float] = []
    last = time.perf_counter()

    def beat() -> None:
        nonlocal last
        now = time.perf_counter()
        gaps.append((now - last) * 1000 - INTERVAL_MS)
        last = now

    timer = QTimer()
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(beat)
    timer.start()
    QTimer.singleShot(int(seconds * 1000), window.close)
    window.destroyed.connect(app.quit)
    if isinstance(app, QApplication):
        app.lastWindowClosed.connect(app.quit)
    app.exec()
    timer.stop()
    stalls = np.array(gaps[1:] or [0.0]).clip(min=0)
    segments = window.interview.next_position if window.interview is not None else 0
    return {
        "seconds": seconds,
        "ticks": float(len(stalls)),
        "segments": float(segments),
        "stall_ms_median": float(np.median(stalls)),
        "stall_ms_p99": float(np.percentile(stalls, 99)),
        "stall_ms_max": float(stalls.max()),
    }


if __name__ == "__main__":
    print(json.dumps(measure(float(sys.argv[1]) if len(sys.argv) > 1 else 300.0)))
