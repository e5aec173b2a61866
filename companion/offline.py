"""Nothing leaves the machine: switch off the phoning-home of the libraries underneath.

onnxruntime (which runs faster-whisper's voice detector) ships Microsoft's 1DS telemetry: on
Linux too it writes a device id and an event queue under ``~/.cache/Microsoft/DeveloperTools/``
and, after some tens of seconds of a live run, looks up and contacts its collector. The
Hugging Face client (a dependency of faster-whisper, never used to download here) has telemetry
of its own. :func:`seal` sets the switches those libraries read, and must run before any of them
is loaded; ``companion/__init__.py`` calls it, so every entry point (the app, the command line,
the benchmarks, the tests) is sealed before it can import them. The switches are forced, not
defaulted: a user's environment cannot turn them back on.
"""

from __future__ import annotations

import os

#: Environment switches read by the libraries underneath, and the value that keeps them quiet.
SWITCHES: dict[str, str] = {
    # onnxruntime: no telemetry logger, no device id, no event store, no upload.
    "ORT_DISABLE_TELEMETRY": "1",
    # huggingface_hub: never reach the hub, never send usage data.
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_IMPLICIT_TOKEN": "1",
    "TRANSFORMERS_OFFLINE": "1",
    # The common opt-out that other tools honour.
    "DO_NOT_TRACK": "1",
}


def seal() -> None:
    """Set every switch in this process's environment (children inherit it)."""
    os.environ.update(SWITCHES)


def quiet_onnxruntime() -> None:
    """Turn onnxruntime's telemetry events off through its own API as well (belt and braces:
    the environment switch is read when the library starts)."""
    import onnxruntime

    disable = getattr(onnxruntime, "disable_telemetry_events", None)
    if disable is not None:
        disable()
