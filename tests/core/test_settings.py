"""Settings: defaults, round trip, and a clear error for a broken file."""

from __future__ import annotations

import pytest

from companion.errors import UserError
from companion.settings import Settings


def test_defaults_then_round_trip() -> None:
    settings = Settings.load()
    assert settings.transcription.model == "" and not settings.transcription.allow_download
    settings.transcription.model = "tiny.en"
    settings.audio.microphone = "USB Headset"
    settings.save()
    again = Settings.load()
    assert again.transcription.model == "tiny.en" and again.audio.microphone == "USB Headset"


def test_wrong_type_names_the_key() -> None:
    path = Settings.path()
    path.parent.mkdir(parents=True)
    path.write_text('{"transcription": {"allow_download": "yes"}}')
    with pytest.raises(UserError, match=r"'transcription\.allow_download' must be bool"):
        Settings.load()


def test_unreadable_file_names_the_file() -> None:
    path = Settings.path()
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    with pytest.raises(UserError, match=r"settings\.json: settings file cannot be read"):
        Settings.load()
