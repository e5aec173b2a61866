"""Opening the store when the app or a command starts: upgrade, retention, crash recovery."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from companion.settings import Settings
from models.recovery import mark_interrupted
from models.store import SessionInfo, Store

log = logging.getLogger(__name__)


@dataclass
class Opened:
    """The open store and the sessions waiting for recovery."""

    store: Store
    interrupted: list[SessionInfo] = field(default_factory=list)


def open_store(url: str | None = None, settings: Settings | None = None) -> Opened:
    """Open the database chosen by ``url`` / the environment / the settings, upgrade its
    schema, purge ended sessions past the retention period and mark dead sessions
    interrupted."""
    settings = settings or Settings.load()
    store = Store.open(url, configured=settings.storage.database_url)
    try:
        store.purge_expired(settings.storage.retention_days)  # it logs what it deleted
        interrupted = mark_interrupted(store)
    except BaseException:
        store.close()
        raise
    return Opened(store, interrupted)
