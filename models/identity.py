"""Who is connected to the store, and in which unit they work.

On a team's PostgreSQL server the login is the database user (``current_user``): row-level
security keys on it, so the app records the same name. On this computer's own SQLite store it
is the operating-system user. The unit comes from ``COMPANION_UNIT`` or the ``storage.unit``
setting.
"""

from __future__ import annotations

import getpass
import os

from sqlalchemy import text
from sqlalchemy.orm import Session

#: The environment variable that names the caseworker's unit (CLI.md).
UNIT_ENV = "COMPANION_UNIT"


def os_user() -> str:
    """The operating-system user ("unknown user" where there is none)."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on this system
        return "unknown user"


def login(db: Session) -> str:
    """The name this connection acts under: the database user on a server, else the
    operating-system user."""
    if db.get_bind().dialect.name == "postgresql":
        return str(db.execute(text("SELECT current_user")).scalar_one())
    return os_user()


def unit() -> str:
    """The unit the sessions recorded here belong to ("" if none is set)."""
    named = os.environ.get(UNIT_ENV)
    if named is not None:
        return named.strip()
    from companion.settings import Settings

    return Settings.load().storage.unit.strip()
