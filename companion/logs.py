"""Logging set-up: a rotating file in the user's log directory; on stderr only with
``--verbose`` (or when the file cannot be written), and never a traceback there — a command
says what went wrong in one line of its own.

Log lines name files, devices, models and timings; they never contain what was said.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from companion import paths

_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


class _OneLine(logging.Formatter):
    """A record on one line: no traceback (the log file has it)."""

    def format(self, record: logging.LogRecord) -> str:
        return (
            super()
            .format(logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None}))
            .replace("\n", " ")
        )


def setup_logging(verbose: bool = False) -> Path | None:
    """Send log records to ``<log dir>/companion.log`` (rotating) and warnings to stderr.

    Returns the log file path, or ``None`` when the log directory cannot be written (the app
    still runs; it says so on stderr).
    """
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_companion", False):
            root.removeHandler(handler)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.ERROR)
    console.setFormatter(_OneLine("%(levelname)s: %(message)s"))
    console._companion = True  # type: ignore[attr-defined]
    if verbose:
        root.addHandler(console)
    log_file: Path | None = paths.log_dir() / "companion.log"
    try:
        assert log_file is not None
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError as exc:
        if not verbose:
            root.addHandler(console)
        logging.getLogger(__name__).error("cannot write the log file %s: %s", log_file, exc)
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(logging.DEBUG)
    handler._companion = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return log_file
