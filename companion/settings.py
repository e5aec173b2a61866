"""Typed, validated user settings kept in ``<config dir>/settings.json``.

One module holds every key with its default; the UI and the command line read and write through
:class:`Settings`. Tests point ``COMPANION_CONFIG_DIR`` at a temporary directory.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from companion import paths
from companion.errors import UserError
from companion.files import atomic_write_text

log = logging.getLogger(__name__)


@dataclass
class TranscriptionSettings:
    """Speech recognition choices."""

    #: A model name ("tiny.en", "base", "small", ...) or a path to a CTranslate2 model directory.
    #: Empty means the measured default (see ``companion.transcription.model_store``).
    model: str = ""
    #: Language code of the claimant's language ("" = detect). The caseworker is assumed English.
    language: str = ""
    #: Allow downloading a named model from the model hub (connected machines only; off by default).
    allow_download: bool = False
    #: CPU threads for the speech model (0 = all cores).
    cpu_threads: int = 0


@dataclass
class AudioSettings:
    """Capture devices, chosen by name (names survive re-plugging; indices do not)."""

    microphone: str = ""
    call: str = ""


@dataclass
class StorageSettings:
    """Where interviews are kept and for how long."""

    #: An SQLAlchemy URL ("" = SQLite in the data directory); ``--db`` and
    #: ``COMPANION_DATABASE_URL`` take precedence.
    database_url: str = ""
    #: Ended sessions older than this many days are deleted on start (0 = keep them all).
    retention_days: int = 0
    #: The caseworker's unit or team, recorded with each session for the unit's figures
    #: (``COMPANION_UNIT`` takes precedence).
    unit: str = ""


@dataclass
class WindowSettings:
    """How the caseworker left the window, restored the next time."""

    theme: str = "light"
    compact: bool = False
    always_on_top: bool = False
    #: Text size steps from the default (each about 10 %).
    text_step: int = 0
    #: The window's geometry as Qt saves it (hex), "" for the default.
    geometry: str = ""
    #: The preset and claimant language of the last interview set up.
    last_preset: str = ""
    last_language: str = ""


@dataclass
class Settings:
    """All user settings, grouped by namespace."""

    transcription: TranscriptionSettings = field(default_factory=TranscriptionSettings)
    audio: AudioSettings = field(default_factory=AudioSettings)
    storage: StorageSettings = field(default_factory=StorageSettings)
    window: WindowSettings = field(default_factory=WindowSettings)

    @staticmethod
    def path() -> Path:
        """The settings file."""
        return paths.config_dir() / "settings.json"

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """Read settings; a missing file gives the defaults, a broken one a clear error."""
        path = path or cls.path()
        if not path.exists():
            return cls()
        if not path.is_file():  # a folder, a pipe: nothing to read (and a pipe would block)
            raise UserError(f"{path}: settings file is not a regular file; remove it")
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UserError(
                f"{path}: settings file cannot be read ({exc}); fix or delete it"
            ) from exc
        if not isinstance(raw, dict):
            raise UserError(f"{path}: settings file must hold a JSON object")
        settings = cls()
        for group in fields(cls):
            values = raw.get(group.name, {})
            if not isinstance(values, dict):
                raise UserError(f"{path}: '{group.name}' must be an object")
            target = getattr(settings, group.name)
            for key, value in values.items():
                _set_checked(path, target, f"{group.name}.{key}", key, value)
        return settings

    def save(self, path: Path | None = None) -> None:
        """Write settings atomically (a crash never leaves a half-written file)."""
        atomic_write_text(
            path or self.path(), json.dumps(asdict(self), indent=2), make_parents=True
        )


#: The largest value that makes sense for a number setting.
_LARGEST = {
    "storage.retention_days": 36_500,
    "transcription.cpu_threads": 1024,
    "window.text_step": 20,
}


def _set_checked(path: Path, target: Any, full_key: str, key: str, value: Any) -> None:
    known = {f.name: f for f in fields(target)}
    if key not in known:
        log.warning("%s: unknown setting '%s' ignored", path, full_key)
        return
    current = getattr(target, key)
    if type(value) is not type(current):
        raise UserError(
            f"{path}: setting '{full_key}' must be {type(current).__name__}, "
            f"not {type(value).__name__}"
        )
    if isinstance(value, int) and not isinstance(value, bool) and value < 0 and key != "text_step":
        raise UserError(f"{path}: setting '{full_key}' must not be negative")
    largest = _LARGEST.get(full_key)
    if largest is not None and isinstance(value, int) and abs(value) > largest:
        raise UserError(f"{path}: setting '{full_key}' must be at most {largest}")
    setattr(target, key, value)
