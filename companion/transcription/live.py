"""Live transcription of one or two sources on one worker thread.

Each source is read by a small pump thread that only moves chunks into one queue; a single
consumer (the caller's thread: a Qt worker thread in the app, the main thread on the command
line) feeds each source's :class:`StreamingEngine`. Model calls are therefore serialised, which
is what two CPU cores can afford, and the backlog of each live source is measured from the audio
still waiting in the queue.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from companion.audio.chunk import AudioChunk
from companion.audio.source import AudioSource
from companion.errors import AudioError
from companion.transcription.decoder import Transcriber
from companion.transcription.events import Event, SourceProblem
from companion.transcription.streaming import EngineConfig, StreamingEngine
from companion.transcription.vad import SpeechGate

log = logging.getLogger(__name__)

_END = object()


@dataclass
class _Item:
    key: str
    payload: object


class LiveTranscription:
    """Transcribes sources until they end or :meth:`stop`; events go to ``on_event``.

    ``engines`` maps each source's ``origin`` to its engine; :func:`build_live` makes both.
    """

    def __init__(
        self,
        sources: Sequence[AudioSource],
        engines: dict[str, StreamingEngine],
        on_event: Callable[[Event], None],
        max_queue_s: float = 60.0,
    ) -> None:
        self.sources = list(sources)
        self.engines = engines
        self.on_event = on_event
        self._queue: queue.Queue[_Item] = queue.Queue(maxsize=max(10, int(max_queue_s * 10)))
        self._waiting = dict.fromkeys(engines, 0.0)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.max_backlog_s = 0.0

    def stop(self) -> None:
        """Stop capture; :meth:`run` commits what is open and returns (safe from any thread)."""
        self._stopping.set()
        for source in self.sources:
            source.stop()

    def _pump(self, source: AudioSource) -> None:
        key = source.origin
        try:
            for chunk in source.chunks():
                with self._lock:
                    self._waiting[key] += chunk.duration
                while not self._stopping.is_set():
                    try:
                        self._queue.put(_Item(key, chunk), timeout=0.2)
                        break
                    except queue.Full:
                        continue
                if self._stopping.is_set():
                    break
        except AudioError as exc:
            self._queue.put(_Item(key, SourceProblem(key, str(exc), fatal=False)))
        except Exception as exc:
            log.exception("audio source %s failed", source.label)
            self._queue.put(_Item(key, SourceProblem(key, f"{source.label}: {exc}", fatal=False)))
        finally:
            self._queue.put(_Item(key, _END))

    def run(self) -> None:
        """Capture and transcribe until every source ended or :meth:`stop` was called."""
        pumps = [
            threading.Thread(target=self._pump, args=(s,), name=f"audio-{s.origin}", daemon=True)
            for s in self.sources
        ]
        for pump in pumps:
            pump.start()
        try:
            self._consume()
        finally:
            # Whatever ended the run (all sources done, stop(), or an error from the model),
            # capture stops too: no device is left open with nobody reading it.
            self.stop()
            for pump in pumps:
                pump.join(timeout=2.0)

    def _consume(self) -> None:
        open_sources = {s.origin for s in self.sources}
        live = {s.origin: s.live for s in self.sources}
        while open_sources:
            item = self._queue.get()
            batch = [item]
            while True:  # drain what is waiting: when behind, feed it in one go
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            for key, payload in ((item.key, item.payload) for item in batch):
                if payload is _END:
                    open_sources.discard(key)
                    for event in self.engines[key].flush():
                        self.on_event(event)
                elif isinstance(payload, SourceProblem):
                    self.on_event(payload)
                elif isinstance(payload, AudioChunk):
                    with self._lock:
                        self._waiting[key] -= payload.duration
                        backlog = max(0.0, self._waiting[key]) if live[key] else 0.0
                    self.max_backlog_s = max(self.max_backlog_s, backlog)
                    for event in self.engines[key].feed(payload, backlog_s=backlog):
                        self.on_event(event)


def interview_languages(
    claimant_language: str | None, configured: Sequence[str] = ()
) -> tuple[str, ...]:
    """The languages recognition may choose from on the call: English and the claimant's
    language when one is set, English alone otherwise (a configured list is narrowed to
    English plus that list, never widened to every language Whisper knows)."""
    chosen = ["en"]
    for code in (claimant_language, *configured):
        if code and code not in chosen:
            chosen.append(code)
    return tuple(chosen)


def build_live(
    sources: Sequence[AudioSource],
    transcriber: Transcriber,
    on_event: Callable[[Event], None],
    *,
    config: EngineConfig | None = None,
    claimant_language: str | None = None,
    clock: Callable[[], float] = time.monotonic,
    gate_factory: Callable[[], SpeechGate] = SpeechGate,
    time_offset: float = 0.0,
) -> LiveTranscription:
    """Wire sources to engines with the speaker-role rules of their origin.

    The microphone is decoded as English (the caseworker). The call is detected between
    English (the interpreter) and the claimant's language when one is given, and decoded as
    English when none is: recognition never chooses a language the interview is not in.
    """
    origins = [s.origin for s in sources]
    if len(set(origins)) != len(origins):
        raise ValueError(f"one source per origin, got {origins}")
    base = config or EngineConfig()
    counter = itertools.count()
    engines: dict[str, StreamingEngine] = {}
    for source in sources:
        language = base.language
        languages = base.languages
        if (source.origin == "microphone" and not language) or not transcriber.multilingual:
            language = "en"
        elif not language:
            languages = interview_languages(claimant_language, languages)
            if len(languages) == 1:  # English alone: nothing to detect, nothing to mistake
                language = languages[0]
        engine_config = EngineConfig(
            **{**base.__dict__, "language": language, "languages": tuple(languages)}
        )
        engines[source.origin] = StreamingEngine(
            transcriber,
            source=source.origin,
            gate=gate_factory(),
            config=engine_config,
            clock=clock,
            counter=counter,
            time_offset=time_offset,
        )
    return LiveTranscription(sources, engines, on_event)
