"""Opening the store for a command: what the retention setting deleted is said, not hidden."""

from __future__ import annotations

import sys

from companion.settings import Settings
from models.startup import Opened, open_store


def open_for_command(url: str | None, settings: Settings | None = None) -> Opened:
    """:func:`models.startup.open_store`, saying on stderr what retention deleted."""
    opened = open_store(url, settings)
    if opened.purged:
        ids = ", ".join(str(info.id) for info in opened.purged)
        days = (settings or Settings.load()).storage.retention_days
        sys.stderr.write(
            f"retention: deleted {len(opened.purged)} ended session(s) older than {days} days "
            f"from this computer's store ({ids}); set storage.retention_days to 0 to keep all\n"
        )
    return opened
