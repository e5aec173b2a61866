"""Opening the store when the app or a command starts: upgrade, retention, crash recovery."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from companion.settings import Settings
from models.database import database_url, default_url
from models.recovery import mark_interrupted
from models.review import CASEWORKER
from models.store import SessionInfo, Store

log = logging.getLogger(__name__)


@dataclass
class Opened:
    """The open store, the sessions waiting for recovery, and any the retention setting
    deleted just now."""

    store: Store
    interrupted: list[SessionInfo] = field(default_factory=list)
    purged: list[SessionInfo] = field(default_factory=list)


def open_store(url: str | None = None, settings: Settings | None = None) -> Opened:
    """Open the database chosen by ``url`` / the environment / the settings, upgrade its
    schema, mark dead sessions interrupted, and apply the retention setting — only to this
    computer's own default store, and only when the user has set one (``--db``, the
    environment or a configured URL may point at a team's server or another person's file:
    nothing there is ever deleted by a setting on this machine)."""
    settings = settings or Settings.load()
    store = Store.open(url, configured=settings.storage.database_url)
    try:
        purged: list[SessionInfo] = []
        local_default = database_url(url, settings.storage.database_url) == default_url()
        if local_default and settings.storage.retention_days > 0:
            purged = store.purge_expired(settings.storage.retention_days)  # logged there
        # Only a login that records interviews has any to recover (a reviewer's or a unit
        # lead's connection to a team server may not even read the sessions' states).
        interrupted = mark_interrupted(store) if CASEWORKER in store.roles() else []
    except BaseException:
        store.close()
        raise
    return Opened(store, interrupted, purged)
