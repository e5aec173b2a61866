"""How long the summary screen takes to show a four-hour interview's summary: the report
(built off the UI thread in the app) and then, on the UI thread, filling the screen and painting
it once.

    python -m ui.summary_bench        (prints one JSON object; run by `make bench`)
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtWidgets import QApplication


def measure() -> dict[str, float]:
    """Seconds to build the report and to show and paint it (offscreen, 1366×740)."""
    from companion.bench.summary_speed import stress_transcript
    from companion.summary.report import build_report
    from companion.timing.presets import get_preset
    from ui.pages.summary_page import SummaryPage
    from ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app, "light")  # type: ignore[arg-type]
    transcript = stress_transcript()
    if transcript is None:
        return {}
    page = SummaryPage()
    page.resize(1366, 740)
    page.show()
    app.processEvents()
    began = time.perf_counter()
    summary = build_report(transcript, get_preset(None))
    report_s = time.perf_counter() - began
    began = time.perf_counter()
    page.show_summary(summary, "bench")
    app.processEvents()
    page.grab()  # lays out and paints what is visible
    screen_s = time.perf_counter() - began
    return {
        "segments": float(len(transcript.segments)),
        "report_s": report_s,
        "screen_s": screen_s,
        "total_s": report_s + screen_s,
    }


if __name__ == "__main__":
    print(json.dumps(measure()))
