"""Writing files so that a crash, a full disk or a careless path never loses or exposes
anything.

- Settings and other small files of the app: :func:`atomic_write_text` (a temporary file in the
  same folder, synced, renamed into place).
- Outputs a person names (``-o FILE``, an export, a key backup): :class:`Output`. The path is
  checked first — never the store, its journal files, its key, or the input being read; never
  over an existing file without ``force``; never onto something that is not a regular file (a
  device, a folder). The words are written to an *anonymous* file in the target folder
  (``O_TMPFILE``: it has no name, so a crash or a kill leaves nothing behind), owner-only, and
  given its name only when :meth:`Output.place` is called — after the export was audited.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

from companion.errors import UserError


class OutputRefusedError(UserError):
    """An output path that must not be written (one line naming it and why)."""


def as_text(name: str | os.PathLike[str]) -> str:
    """A file name (or an argument) as text that can be stored and printed: bytes that were
    not UTF-8 (kept by Python as surrogate escapes) become U+FFFD."""
    raw = os.fsdecode(name)
    text = raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(c if c.isprintable() else "\ufffd" for c in text)


def atomic_write_text(path: Path, text: str, make_parents: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder, flushed
    to disk and renamed into place; on failure the temporary file is removed and the old
    ``path`` is untouched. Missing folders are created only with ``make_parents``."""
    atomic_write_bytes(path, text.encode("utf-8"), make_parents)


def atomic_write_bytes(path: Path, data: bytes, make_parents: bool = False) -> None:
    """:func:`atomic_write_text` for bytes."""
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


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


#: Says why a path must never be written (an interview store, its folder...), or None.
Guard = Callable[[Path], str | None]


def check_output(
    output: str | os.PathLike[str],
    *,
    force: bool = False,
    protected: Iterable[tuple[Path, str]] = (),
    guard: Guard | None = None,
) -> Path:
    """The path ``output`` if it may be written; else :class:`OutputRefusedError` in one line.

    ``protected`` pairs a path that must never be written with what it is ("the interview
    store", "the input transcript")."""
    path = Path(output)
    shown = os.fsdecode(output)
    if shown.endswith(os.sep):
        raise OutputRefusedError(f"{shown}: names a folder; give the path of a file to write")
    link: os.stat_result | None
    found: os.stat_result | None
    try:
        link = os.lstat(path)  # the name itself: a link is not followed
        found = os.stat(path) if stat.S_ISLNK(link.st_mode) and os.path.exists(path) else link
    except FileNotFoundError:
        link = found = None
    except OSError as exc:
        raise OutputRefusedError(f"{shown}: cannot be written ({exc.strerror or exc})") from exc
    # Before anything opens it (a pipe would block): only a regular file may be replaced.
    if found is not None and not stat.S_ISREG(found.st_mode) and not stat.S_ISLNK(found.st_mode):
        kind = "a folder" if stat.S_ISDIR(found.st_mode) else "not a regular file"
        raise OutputRefusedError(f"{shown}: is {kind}; give the path of a file to write")
    for guarded, what in protected:
        if _same(path, guarded):
            raise OutputRefusedError(f"{shown}: is {what}; choose another file")
    reason = guard(path) if guard is not None else None
    if reason:
        raise OutputRefusedError(f"{shown}: {reason}; choose another file")
    if link is not None and not force:
        also = " (a link)" if stat.S_ISLNK(link.st_mode) else ""
        raise OutputRefusedError(f"{shown}: already exists{also}; add --force to replace it")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputRefusedError(f"{shown}: its folder {folder} does not exist")
    return path


#: Marks the hidden name of a file being written (then the writing process's id).
PARTIAL = ".ic-partial-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _sweep(folder: Path) -> None:
    """Remove what a killed export left in ``folder`` (where the system has no anonymous
    files, the content gets a hidden name for the instant before its real one): only files of
    ours, only of a process that is gone, overwritten before they are removed."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            name = entry.name
            if not name.startswith(".") or PARTIAL not in name:
                continue
            pid_text = name.split(PARTIAL, 1)[1].split("-", 1)[0]
            if (
                not pid_text.isdigit()
                or _alive(int(pid_text))
                or not entry.is_file(follow_symlinks=False)
            ):
                continue
            with contextlib.suppress(OSError):
                with open(entry.path, "r+b") as f:
                    f.write(b"\0" * entry.stat(follow_symlinks=False).st_size)
                    f.flush()
                    os.fsync(f.fileno())
                os.unlink(entry.path)


class Output:
    """A file being written: checked, filled anonymously, then placed (or never, and then no
    trace of it is left).

    Use as a context manager: ``with Output(path, force=...) as out: out.write(data); ...;
    out.place()``. Leaving the block without :meth:`place` — or with an exception after it, for
    a new file — leaves the folder as it was."""

    def __init__(
        self,
        output: str | os.PathLike[str],
        *,
        force: bool = False,
        protected: Iterable[tuple[Path, str]] = (),
        guard: Guard | None = None,
    ) -> None:
        self.path = check_output(output, force=force, protected=protected, guard=guard)
        self._shown = os.fsdecode(output)
        self._fd: int | None = None
        self._named: Path | None = None  # a fallback temporary name (no O_TMPFILE here)
        self._placed = False
        self._existed = self.path.exists()

    def __enter__(self) -> Output:
        folder = self.path.parent if str(self.path.parent) else Path(".")
        _sweep(folder)
        anonymous = getattr(os, "O_TMPFILE", 0)
        if anonymous:
            try:
                self._fd = os.open(folder, anonymous | os.O_RDWR, 0o600)
                return self
            except OSError as exc:
                if exc.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                    raise self._error(exc) from exc
        # No anonymous files here (not Linux, or the file system has none): an owner-only
        # temporary file with a hidden name, created exclusively (never through a link).
        try:
            self._fd, name = tempfile.mkstemp(
                dir=folder, prefix=f".{self.path.name}{PARTIAL}{os.getpid()}-"
            )
        except OSError as exc:
            raise self._error(exc) from exc
        self._named = Path(name)
        return self

    def _error(self, exc: OSError) -> UserError:
        return UserError(f"{self._shown}: cannot be written ({exc.strerror or exc})")

    def write(self, data: str | bytes) -> None:
        """The whole content (flushed to disk; nothing has the name yet)."""
        assert self._fd is not None
        raw = data.encode("utf-8") if isinstance(data, str) else data
        try:
            view = memoryview(raw)
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
            os.fsync(self._fd)
        except OSError as exc:
            raise self._error(exc) from exc

    def place(self) -> None:
        """Give the written file its name (replacing the old one, if forced)."""
        assert self._fd is not None
        try:
            if self._named is None:
                self._named = self._name_anonymous()
            os.replace(self._named, self.path)
            self._named = None
            self._placed = True
        except OSError as exc:
            raise self._error(exc) from exc

    def _name_anonymous(self) -> Path:
        """A hidden name for the anonymous file: linked where the system allows it, else a copy
        made in an instant (what was written stays unnamed until the export is audited)."""
        assert self._fd is not None
        folder = self.path.parent if str(self.path.parent) else Path(".")
        with contextlib.suppress(OSError):
            hidden = folder / f".{self.path.name}{PARTIAL}{os.getpid()}-{id(self)}"
            os.link(f"/proc/self/fd/{self._fd}", hidden, follow_symlinks=True)
            return hidden
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{self.path.name}{PARTIAL}{os.getpid()}-")
        try:
            at = 0
            while chunk := os.pread(self._fd, 1 << 20, at):
                os.write(fd, chunk)
                at += len(chunk)
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise
        os.close(fd)
        return Path(name)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._named is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._named)
        if error is not None and self._placed and not self._existed:
            with contextlib.suppress(OSError):
                os.unlink(self.path)


def write_stdout(data: str | bytes) -> None:
    """Print text; a standard output that cannot take it (a full disk) is one line."""
    try:
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise UserError(f"standard output: cannot be written ({exc.strerror or exc})") from exc
