"""The live pipeline the app runs: the chosen devices (or the sample interview for the demo)
and the offline speech model, built on the worker thread so loading never blocks the UI."""

from __future__ import annotations

import logging
from collections.abc import Callable

from companion.audio.source import AudioSource
from companion.session_setup import InterviewSetup
from companion.settings import Settings
from companion.transcription.decoder import Transcriber
from companion.transcription.events import Event
from companion.transcription.live import LiveTranscription, build_live
from ui.live_controller import PipelineFactory

log = logging.getLogger(__name__)


def default_sources(setup: InterviewSetup) -> list[AudioSource]:
    """Live devices, or the sample recording as the call for the demo."""
    from companion.audio.device_source import DeviceSource
    from companion.audio.masked_source import sample_sources

    if setup.demo:
        return sample_sources(realtime=True)
    sources: list[AudioSource] = [DeviceSource(setup.microphone, origin="microphone")]
    if setup.call:
        sources.append(DeviceSource(setup.call, origin="call"))
    return sources


def default_pipeline(model: str | None, settings: Settings) -> PipelineFactory:
    """Real devices (or the sample recording) and the chosen speech model, offline, as the
    app's settings (loaded once, by the window) say."""

    def build(setup: InterviewSetup, on_event: Callable[[Event], None]) -> LiveTranscription:
        from companion.transcription.decoder import WhisperDecoder
        from companion.transcription.model_store import ModelStore

        language = setup.language or settings.transcription.language or None
        info = ModelStore(allow_download=settings.transcription.allow_download).resolve(
            model or settings.transcription.model, language
        )
        transcriber: Transcriber = WhisperDecoder(
            info, cpu_threads=settings.transcription.cpu_threads
        )
        return build_live(default_sources(setup), transcriber, on_event, claimant_language=language)

    return build


def device_names() -> tuple[list[str], list[str]]:
    """Input devices for the microphone, and loopback/monitor ones first for the call."""
    try:
        from companion.audio.devices import list_input_devices

        devices = list_input_devices()
    except Exception as exc:  # noqa: BLE001 - no audio system: the demo still works
        log.warning("audio devices cannot be listed: %s", exc)
        return [], []
    names = [d.name for d in devices]
    calls = [d.name for d in devices if d.is_loopback] + [
        d.name for d in devices if not d.is_loopback
    ]
    return names, calls
