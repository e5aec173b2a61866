"""Errors the user can fix, each with a one-line message that names the thing at fault."""

from __future__ import annotations


class UserError(Exception):
    """Bad input, a missing resource or a wrong option: exit status 2, one line on stderr.

    The message must name the file, line, device, model or option at fault and, where there is
    one, how to fix it.
    """

    exit_status = 2


class ModelError(UserError):
    """A speech model could not be found offline or could not be loaded."""


class AudioError(UserError):
    """An audio file or device could not be read."""


class AudioDeviceLostError(AudioError):
    """A capture device disappeared or failed while a session was running."""
