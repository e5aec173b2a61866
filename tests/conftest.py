"""Hermetic tests: every directory the app writes points into a temporary directory, Qt runs
offscreen, and a test that leaves a thread running fails."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Shared by the whole run: joining the shipped multilingual model once is enough.
_MODEL_CACHE = Path(os.environ.get("COMPANION_TEST_MODEL_CACHE", ""))


@pytest.fixture(autouse=True)
def _hermetic_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATA", "CONFIG", "LOG"):
        monkeypatch.setenv(f"COMPANION_{name}_DIR", str(tmp_path / name.lower()))
    monkeypatch.setenv("COMPANION_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("COMPANION_DATABASE_URL", raising=False)
    # Store keys go to a key file in the test's own configuration directory, never to the
    # keyring of the machine running the tests.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("COMPANION_DB_PASSPHRASE", raising=False)
    monkeypatch.delenv("COMPANION_DB_ENCRYPTION", raising=False)


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache directory shared by the real-model tests (the joined model is reused)."""
    if str(_MODEL_CACHE) not in ("", "."):
        return _MODEL_CACHE
    return tmp_path_factory.mktemp("model-cache")


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    deadline = 5.0
    leaked = []
    for thread in set(threading.enumerate()) - before:
        if isinstance(thread, threading._DummyThread):  # a QThread that ran Python code
            continue
        thread.join(timeout=deadline)
        if thread.is_alive():
            leaked.append(thread.name)
    assert not leaked, f"test left threads running: {leaked}"


_POSTGRES_ENV = "COMPANION_TEST_POSTGRES_URL"
_POSTGRES_SKIP = (
    f"PostgreSQL storage tests need a server: run scripts/test_postgres.sh as root and export "
    f"its URL as {_POSTGRES_ENV} (CI does)"
)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, and a new PostgreSQL database when a
    server is available (the same storage tests run on both)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    admin = os.environ.get(_POSTGRES_ENV, "")
    if not admin:
        pytest.skip(_POSTGRES_SKIP)
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"ic_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()
