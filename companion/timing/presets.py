"""Timing presets are data: TOML files in ``resources/presets`` and the user's preset folder.

Each threshold carries the source it comes from, so a caseworker or reviewer can see why a
warning fired. User presets (``<config dir>/presets/*.toml``) are added to, or replace, the
bundled ones by name.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion import paths
from companion.errors import UserError
from companion.resources import resource_path

DEFAULT_PRESET = "trauma-informed"


@dataclass(frozen=True)
class Extension:
    """An extension of the interview slot."""

    minutes: float
    label: str
    source: str


@dataclass(frozen=True)
class Preset:
    """The timing rules of one organisation or guidance document."""

    name: str
    title: str
    description: str
    break_after_min: float
    break_latest_min: float
    break_source: str
    approaching_min: float
    approaching_source: str
    limit_min: float
    limit_source: str
    limit_suggestion: str
    snooze_min: float = 15.0
    slot_min: float | None = None
    slot_source: str = ""
    slot_warn_before_min: float = 15.0
    extensions: tuple[Extension, ...] = field(default=())
    path: Path | None = None

    def slot_ends_min(self) -> list[tuple[float, str, str]]:
        """Each time (minutes of elapsed time) a slot or extension ends: (time, label, source)."""
        if self.slot_min is None:
            return []
        ends = [(self.slot_min, "the interview slot", self.slot_source)]
        total = self.slot_min
        for extension in self.extensions:
            total += extension.minutes
            ends.append((total, extension.label, extension.source))
        return ends


def _get(data: dict[str, Any], path: Path, *keys: str, kind: type = float) -> Any:
    value: Any = data
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            raise UserError(f"{path}: preset lacks '{'.'.join(keys)}'")
        value = value[key]
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise UserError(f"{path}: '{'.'.join(keys)}' must be a positive number of minutes")
        return float(value)
    if not isinstance(value, kind):
        raise UserError(f"{path}: '{'.'.join(keys)}' must be {kind.__name__}")
    return value


def load_preset(path: Path) -> Preset:
    """Read and validate one preset file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: preset cannot be read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: preset is not valid TOML ({exc})") from exc
    slot = data.get("slot")
    extensions: list[Extension] = []
    if slot is not None:
        for index, ext in enumerate(slot.get("extensions", [])):
            extensions.append(
                Extension(
                    _get(ext, path, "minutes"),
                    str(ext.get("label", f"extension {index + 1}")),
                    _get(ext, path, "source", kind=str),
                )
            )
    preset = Preset(
        name=_get(data, path, "name", kind=str),
        title=_get(data, path, "title", kind=str),
        description=str(data.get("description", "")),
        break_after_min=_get(data, path, "break_due", "after_minutes"),
        break_latest_min=_get(data, path, "break_due", "latest_minutes"),
        break_source=_get(data, path, "break_due", "source", kind=str),
        approaching_min=_get(data, path, "approaching_limit", "at_minutes"),
        approaching_source=_get(data, path, "approaching_limit", "source", kind=str),
        limit_min=_get(data, path, "limit", "at_minutes"),
        limit_source=_get(data, path, "limit", "source", kind=str),
        limit_suggestion=_get(data, path, "limit", "suggestion", kind=str),
        snooze_min=_get(data, path, "warnings", "snooze_minutes") if "warnings" in data else 15.0,
        slot_min=_get(data, path, "slot", "minutes") if slot is not None else None,
        slot_source=_get(data, path, "slot", "source", kind=str) if slot is not None else "",
        slot_warn_before_min=float((slot or {}).get("warn_before_minutes", 15)),
        extensions=tuple(extensions),
        path=path,
    )
    if preset.break_after_min > preset.break_latest_min:
        raise UserError(f"{path}: 'break_due.after_minutes' is later than 'latest_minutes'")
    if preset.approaching_min >= preset.limit_min:
        raise UserError(f"{path}: 'approaching_limit.at_minutes' must come before 'limit'")
    return preset


def user_presets_dir() -> Path:
    """Where a user's own presets live."""
    return paths.config_dir() / "presets"


def available_presets() -> dict[str, Preset]:
    """Bundled presets, then the user's (a user preset replaces a bundled one of its name)."""
    found: dict[str, Preset] = {}
    bundled = resource_path("presets")
    for folder in (bundled, user_presets_dir()):
        if folder.is_dir():
            for file in sorted(folder.glob("*.toml")):
                preset = load_preset(file)
                found[preset.name] = preset
    return found


def get_preset(name: str | None = None) -> Preset:
    """The preset called ``name`` (default: trauma-informed), or a one-line error listing them."""
    presets = available_presets()
    key = name or DEFAULT_PRESET
    if key not in presets:
        raise UserError(f"unknown preset '{key}'; available: {', '.join(sorted(presets))}")
    return presets[key]
