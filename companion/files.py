"""Writing files so that a crash or a full disk never leaves one half-written."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from companion.errors import UserError


def atomic_write_text(path: Path, text: str, make_parents: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder, flushed
    to disk and renamed into place; on failure the temporary file is removed and the old
    ``path`` is untouched. Missing folders are created only with ``make_parents``."""
    atomic_write_bytes(path, text.encode("utf-8"), make_parents)


def write_output(data: str | bytes, output: str | None) -> None:
    """Print text, or write a file atomically; a file that cannot be written is one line
    naming it (nothing half-written)."""
    if not output:
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
        return
    try:
        atomic_write_bytes(Path(output), data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as exc:
        raise UserError(f"{output}: cannot be written ({exc.strerror or exc})") from exc


def atomic_write_bytes(path: Path, data: bytes, make_parents: bool = False) -> None:
    """:func:`atomic_write_text` for bytes (a PDF, a DOCX)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if make_parents:
        folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
