"""Interview time as people read it: ``h:mm:ss``."""

from __future__ import annotations


def hms(seconds: float | None) -> str:
    """``h:mm:ss`` (a dash when the time is unknown; negative times count as zero)."""
    if seconds is None:
        return "—"
    whole = max(0, int(seconds))
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
