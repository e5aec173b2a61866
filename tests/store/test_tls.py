"""A team's database server is reached over TLS: a URL without ``sslmode`` requires it (the
driver's own default would fall back to clear text without a word); an insecure mode is
honoured only when the user names it, and said."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from models.database import make_engine
from models.store import Store


def test_a_server_url_requires_tls_unless_an_insecure_mode_is_named(
    caplog: pytest.LogCaptureFixture,
) -> None:
    engine = make_engine("postgresql://clerk:secret@db.unit.example/interviews")
    assert engine.url.query["sslmode"] == "require"
    engine.dispose()
    stricter = make_engine("postgresql://clerk@db.unit.example/interviews?sslmode=verify-full")
    assert stricter.url.query["sslmode"] == "verify-full"
    stricter.dispose()
    caplog.set_level(logging.WARNING)
    insecure = make_engine("postgresql://clerk:secret@db.unit.example/interviews?sslmode=disable")
    assert insecure.url.query["sslmode"] == "disable"
    insecure.dispose()
    assert "sslmode=disable was asked for: interviews may cross the network unencrypted" in (
        caplog.text
    )
    assert "secret" not in caplog.text


def test_the_connection_to_the_server_is_encrypted(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("a database server's connection (SQLite is a local file)")
    store = Store.open(db_url)
    try:
        with store.engine.connect() as connection:
            assert connection.execute(text("SHOW ssl")).scalar() == "on"
            used = connection.execute(
                text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            ).scalar()
        assert used is True
    finally:
        store.close()
