"""Where the companion keeps its files: per-user directories from platformdirs.

Every directory can be redirected by an environment variable, which the tests use to stay
hermetic (``COMPANION_DATA_DIR``, ``COMPANION_CACHE_DIR``, ``COMPANION_CONFIG_DIR``,
``COMPANION_LOG_DIR``).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from companion import APP_NAME

_AUTHOR = "InterviewCompanion"


def _dir(env: str, default: str) -> Path:
    value = os.environ.get(env)
    path = Path(value).expanduser() if value else Path(default)
    return path


def data_dir() -> Path:
    """The user's data directory (the SQLite store lives here)."""
    return _dir("COMPANION_DATA_DIR", platformdirs.user_data_dir(APP_NAME, _AUTHOR))


def cache_dir() -> Path:
    """The user's cache directory (joined speech models live here)."""
    return _dir("COMPANION_CACHE_DIR", platformdirs.user_cache_dir(APP_NAME, _AUTHOR))


def config_dir() -> Path:
    """The user's configuration directory (settings.json and user presets)."""
    return _dir("COMPANION_CONFIG_DIR", platformdirs.user_config_dir(APP_NAME, _AUTHOR))


def log_dir() -> Path:
    """The user's log directory (a rotating log file; never transcript text)."""
    return _dir("COMPANION_LOG_DIR", platformdirs.user_log_dir(APP_NAME, _AUTHOR))


def models_cache_dir() -> Path:
    """Where joined or downloaded speech models are kept."""
    return cache_dir() / "models"
