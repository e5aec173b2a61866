"""The streaming engine: audio chunks in, tentative text and committed segments out.

For one audio source (the caseworker's microphone, or the call). Qt-free and synchronous:
:meth:`StreamingEngine.feed` takes a chunk and returns the events it caused, so a test can drive
it with a scripted transcriber and a fake clock, and a worker thread can drive it live.

How it works:

* **Voice activity gates everything.** Audio outside a speech region (Silero VAD with
  hysteresis) is never decoded, so silence, hiss and clicks produce no words.
* **Passes over the current utterance.** While someone speaks, the utterance buffer is decoded
  every ``step_s``; words that two consecutive passes agree on are committed at once
  (LocalAgreement-2, as in whisper_streaming) and forced as a prefix into later passes, so
  committed text never changes and is not decoded again. The rest is shown as tentative text.
  The last pass over an utterance is marked ``final`` (the decoder uses a beam there). A
  beam that ends at a pause the speaker went on after (it writes only the start of what the
  pass before heard, or nothing where a second or more of speech followed) is checked by a
  greedy pass over the same audio, whose words are kept when it hears them too.
* **Segments.** Committed words are emitted as a segment at each sentence end, and everything
  left is committed when the speaker pauses (the end of the speech region).
* **Bounded memory.** A long turn without pauses is trimmed at the last emitted segment once the
  buffer passes ``max_buffer_s``; past ``hard_max_buffer_s`` it is cut and committed.
* **Falling behind.** The caller reports its backlog (audio waiting to be processed). Past
  ``degrade_at_s`` the engine takes larger steps (level 1); past ``drop_tentative_at_s`` it stops
  tentative passes and commits only at pauses (level 2). Each change is reported as an
  :class:`EngineStatus` event, and it recovers when the backlog clears.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from companion.audio.chunk import SAMPLE_RATE, AudioChunk
from companion.transcription.agreement import (
    agreed_prefix,
    collapse_repeats,
    drop_unheard_repeats,
    ends_clause,
    ends_sentence,
    join_words,
)
from companion.transcription.decoder import Hypothesis, Transcriber
from companion.transcription.events import (
    CommittedSegment,
    EngineStatus,
    Event,
    SoundNotice,
    TentativeText,
    Word,
)
from companion.transcription.vad import SpeechGate

log = logging.getLogger(__name__)

_PIECE = SAMPLE_RATE // 10  # audio is processed in 100 ms pieces, whatever the chunk size


#: Words before a hypothesis that a loop in it is compared with.
_LOOP_CONTEXT = 24


@dataclass(frozen=True)
class EngineConfig:
    """Tuning of the streaming engine (the defaults are the measured ones, see README)."""

    #: Seconds of new audio between passes (0.7 s: a word is final about 1.5 s after it was
    #: said with both sources live, at about 0.35 core-s per audio-s with tiny.en; see README).
    step_s: float = 0.7
    #: Share of one CPU core the engine aims to use while someone speaks: the step between
    #: passes grows to ``pass CPU time / cpu_budget`` when passes get expensive (long buffers,
    #: a slow machine or a large model), so the video call keeps its CPU.
    cpu_budget: float = 0.45
    first_pass_s: float = 0.8
    preroll_s: float = 0.5
    max_buffer_s: float = 12.0
    hard_max_buffer_s: float = 24.0
    max_segment_s: float = 10.0
    #: Emitted words kept at the head of the buffer when it is trimmed (see ``_trim``).
    anchor_words: int = 2
    anchor_margin_s: float = 0.15
    #: Commit agreed words a whole sentence at a time (see ``_committable``)... Off by
    #: default: measured on real speech, waiting for the sentence kept words tentative 0.4 s
    #: longer (median) and gained nothing but on one clip of odd voices (README).
    whole_sentences: bool = False
    #: ... but never keep an agreed word waiting longer than this (seconds of audio after it).
    max_wait_s: float = 2.0
    prompt_words: int = 30
    degrade_at_s: float = 2.0
    drop_tentative_at_s: float = 5.0
    recover_below_s: float = 0.6
    #: Fixed language for this source ("en" for the caseworker), or None to detect.
    language: str | None = None
    #: Languages detection may choose from (e.g. ("en", "fa") for an interview in Farsi).
    languages: tuple[str, ...] = ()


def _sure_it_is_speech(hyp: Hypothesis) -> bool:
    """Whisper's own test that a window held speech: words, a low no-speech probability and a
    reasonable average log-probability (the thresholds Whisper uses to skip silence)."""
    return bool(hyp.words) and hyp.no_speech_probability < 0.6 and hyp.avg_logprob > -1.0


#: Seconds of a region after the committed words that a final pass writing nothing is asked
#: about again (see ``StreamingEngine._stopped_early``).
_UNHEARD_S = 1.0
#: The least mean word probability of a greedy pass's words taken where the final pass wrote
#: none and no pass before heard them (a guess on a breath is unsure of itself).
_SURE_WORDS = 0.5


@dataclass(frozen=True)
class _Decoded:
    """What one pass heard after the committed words."""

    new: list[Word]
    #: The decoder found even its fallback looped: nothing of it is committed (but at the end
    #: of an utterance, where its loops are cut back).
    unreliable: bool


def _hears_more(again: _Decoded, final: list[Word], tail: list[Word]) -> bool:
    """Whether a greedy pass over the utterance hears more than a final pass that stopped
    early: beyond the final's words, it agrees with the pass before (two passes heard them),
    or, where that pass heard nothing yet, its words are sure of themselves. A pass the
    decoder found looping is never taken over the beam's."""
    if again.unreliable:
        return False
    if tail:
        return agreed_prefix(again.new, tail) > len(final)
    words = again.new
    return bool(words) and float(np.mean([w.probability for w in words])) >= _SURE_WORDS


def role_for_origin(origin: str) -> Callable[[str | None], str]:
    """The first clue to who speaks: the microphone is the caseworker; on the call, English is
    the interpreter and any other language the claimant; a file is unknown."""

    def role(language: str | None) -> str:
        if origin == "microphone":
            return "caseworker"
        if origin == "call":
            return "claimant" if language and language != "en" else "interpreter"
        return "unknown"

    return role


class StreamingEngine:
    """Streaming recognition for one source. Not thread-safe: one thread feeds it."""

    def __init__(
        self,
        transcriber: Transcriber,
        *,
        source: str = "file",
        gate: SpeechGate | None = None,
        config: EngineConfig | None = None,
        role: Callable[[str | None], str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        cpu_clock: Callable[[], float] = time.process_time,
        counter: Iterator[int] | None = None,
        time_offset: float = 0.0,
    ) -> None:
        self.transcriber = transcriber
        self.source = source
        self.gate = gate or SpeechGate()
        self.config = config or EngineConfig()
        self.role = role or role_for_origin(source)
        self.clock = clock
        self.cpu_clock = cpu_clock
        self.pass_cpu_s = 0.0  # moving average of one pass's CPU time
        self.counter = counter or itertools.count()
        #: Added to source time to give interview time (set when capture restarts after a break).
        self.time_offset = time_offset
        self.level = 0
        self.passes = 0
        self.fallbacks = 0
        self.unreliable_passes = 0
        self.rejected_regions = 0
        #: Final passes that stopped before the speech did, their words taken from a greedy
        #: pass that heard more (see ``_pass``).
        self.early_stops = 0
        self._preroll: deque[AudioChunk] = deque()
        self._context: deque[str] = deque(maxlen=self.config.prompt_words)
        #: The last words emitted, with their times (source time), across utterances: what a
        #: loop at the start of a new utterance would copy.
        self._said: deque[Word] = deque(maxlen=_LOOP_CONTEXT)
        self._reset_utterance()

    # -- state -----------------------------------------------------------------------------
    def _reset_utterance(self) -> None:
        self._active = False
        self._buf = np.zeros(0, dtype=np.float32)
        self._buf_start = 0.0
        self._committed: list[Word] = []  # committed words still inside the buffer
        self._anchored = 0  # leading words of _committed kept from before a trim (emitted)
        self._unemitted: list[Word] = []  # committed, not yet part of an emitted segment
        self._tail: list[Word] = []  # the last pass's words after the committed ones
        self._heard_until = 0.0  # stream time of the end of the audio the last pass heard
        self._samples_at_pass = 0
        self._language: str | None = None
        self._language_prob: float | None = None
        self._language_votes = 0
        self._had_tentative = False

    @property
    def buffer_seconds(self) -> float:
        """Length of the utterance buffer (bounded by ``hard_max_buffer_s``)."""
        return len(self._buf) / SAMPLE_RATE

    # -- input -----------------------------------------------------------------------------
    def feed(self, chunk: AudioChunk, backlog_s: float = 0.0) -> list[Event]:
        """Process one chunk (any length); returns the events it caused, in order."""
        events: list[Event] = []
        self._update_level(backlog_s, events)
        step = _PIECE
        for offset in range(0, len(chunk.samples), step):
            piece = chunk.samples[offset : offset + step]
            self._feed_piece(AudioChunk(piece, chunk.start + offset / SAMPLE_RATE), events)
        return events

    def _feed_piece(self, chunk: AudioChunk, events: list[Event]) -> None:
        decisions = self.gate.push(chunk.samples)
        ended = any(d[2] for d in decisions)
        level = self.gate.take_notice()
        if level is not None:
            message = (
                f"{self.source}: sound that may be quiet speech ({level:.0f} dBFS) is not being "
                "transcribed; check the volume or move the microphone closer"
            )
            log.warning("%s", message)
            events.append(SoundNotice(self.source, level, message))
        if not self._active:
            self._preroll.append(chunk)
            while sum(c.duration for c in self._preroll) > self.config.preroll_s + chunk.duration:
                self._preroll.popleft()
            if self.gate.in_speech or ended:
                self._active = True
                self._buf = np.concatenate([c.samples for c in self._preroll])
                self._buf_start = self._preroll[0].start
                self._preroll.clear()
        else:
            expected = self._buf_start + self.buffer_seconds
            if chunk.start > expected + 0.05:  # a gap (dropped audio): keep time right
                gap = np.zeros(int((chunk.start - expected) * SAMPLE_RATE), dtype=np.float32)
                self._buf = np.concatenate([self._buf, gap])
            self._buf = np.concatenate([self._buf, chunk.samples])
        if not self._active:
            return
        if ended:
            self._pass(final=True, events=events)
            self._reset_utterance()
            return
        if self.buffer_seconds >= self.config.hard_max_buffer_s:
            log.info(
                "%s: %.0f s without a pause; cutting the utterance",
                self.source,
                self.buffer_seconds,
            )
            self._pass(final=True, events=events)
            self._reset_utterance()
            self._active = True
            self._buf_start = chunk.end
            return
        new_audio = (len(self._buf) - self._samples_at_pass) / SAMPLE_RATE
        first = self._samples_at_pass == 0  # no pass yet in this utterance
        due = self.config.first_pass_s if first else self._step()
        # A region opened by loudness alone is decoded once, at its end (see ``_pass``).
        tentative_ok = self.level < 2 and not self.gate.unsure
        if tentative_ok and new_audio >= due and self.buffer_seconds >= self.config.first_pass_s:
            self._pass(final=False, events=events)
        if self.buffer_seconds > self.config.max_buffer_s:
            self._trim(events)

    def flush(self) -> list[Event]:
        """The stream ended: commit whatever is still open."""
        events: list[Event] = []
        if self._active and len(self._buf):
            self._pass(final=True, events=events)
        self._reset_utterance()
        return events

    def _step(self) -> float:
        step = max(self.config.step_s, self.pass_cpu_s / max(0.05, self.config.cpu_budget))
        return step * (2.0 if self.level >= 1 else 1.0)

    def _update_level(self, backlog_s: float, events: list[Event]) -> None:
        cfg = self.config
        level = self.level
        if backlog_s >= cfg.drop_tentative_at_s:
            level = 2
        elif backlog_s >= cfg.degrade_at_s:
            level = max(level, 1)
        elif backlog_s < cfg.recover_below_s:
            level = 0
        if level != self.level:
            self.level = level
            message = (
                "transcription is keeping up"
                if level == 0
                else "transcription is behind: updating less often"
                if level == 1
                else "transcription is far behind: text appears at pauses only"
            )
            log.warning("%s: %s (backlog %.1f s)", self.source, message, backlog_s)
            events.append(EngineStatus(self.source, level, backlog_s, message))

    # -- decoding --------------------------------------------------------------------------
    def _pass(self, final: bool, events: list[Event]) -> None:
        self._samples_at_pass = len(self._buf)
        self.passes += 1
        cpu_before = self.cpu_clock()
        hyp = self._decode(final)
        if hyp is not None and final and self._stopped_early(hyp.new):
            # The beam ended at a pause that the speaker went on after ("... your volume." and
            # then nothing, where the pass before heard "or 8 to exit"): a greedy pass over the
            # same audio is asked, and its words are taken when it hears them too.
            again = self._decode(final=False, redo=True)
            if again is not None and _hears_more(again, hyp.new, self._tail):
                self.early_stops += 1
                hyp = again
        # One sample of the pass's cost, a redo included (it is part of what the pass cost).
        cpu = self.cpu_clock() - cpu_before
        self.pass_cpu_s = cpu if self.passes == 1 else 0.7 * self.pass_cpu_s + 0.3 * cpu
        if hyp is None:
            return
        new = hyp.new
        if hyp.unreliable:
            self.unreliable_passes += 1
            if not final:
                return
            new = collapse_repeats(new)
        if final:
            self._commit(new)
            self._tail = []
            self._emit(events, everything=True)
            if self._had_tentative:
                events.append(self._tentative([], final=True))
            return
        agreed = self._committable(new, agreed_prefix(new, self._tail))
        self._commit(new[:agreed])
        self._tail = new[agreed:]
        self._heard_until = self._buf_start + self.buffer_seconds
        self._emit(events, everything=False)
        events.append(self._tentative(self._unemitted + self._tail, settled=len(self._unemitted)))

    def _decode(self, final: bool, redo: bool = False) -> _Decoded | None:
        """One pass over the buffer: the new words after the committed ones (stream time, the
        unheard copies of a loop dropped); None when a region the voice gate doubted held no
        speech (nothing is committed). A ``redo`` of a pass over the same audio does not vote
        on the language again."""
        prefix = [
            Word(w.text, w.start - self._buf_start, w.end - self._buf_start, w.probability)
            for w in self._committed
        ]
        language = self.config.language or self._language
        hyp: Hypothesis = self.transcriber.transcribe(
            self._buf,
            prefix=prefix,
            prompt=" ".join(self._context),
            language=language,
            languages=self.config.languages,
            offset=self._buf_start,
            final=final,
        )
        if hyp.fell_back:
            self.fallbacks += 1
        if self.gate.unsure and not _sure_it_is_speech(hyp):
            if redo:  # the pass before was heard as speech: this one decides nothing
                return None
            # Loud sound the voice gate doubted and the model does not hear as speech either
            # (a cough, a door, music): nothing is committed, and the caseworker is told.
            self.rejected_regions += 1
            level = 10 * np.log10(float(np.mean(np.square(self._buf))) + 1e-12)
            self.gate.rejected(level)
            return None
        if not redo:
            self._note_language(hyp)
        new = [
            Word(w.text, w.start + self._buf_start, w.end + self._buf_start, w.probability)
            for w in hyp.words[len(prefix) :]
        ]
        # A loop's extra copies, squeezed into no time, were not said; the last committed word
        # (or, at a new utterance, the last emitted one: Whisper may copy its prompt) is the
        # first copy's neighbour, so the check includes it.
        before = self._committed[0].start if self._committed else float("inf")
        context = [*(w for w in self._said if w.end <= before + 1e-6), *self._committed]
        context = context[-_LOOP_CONTEXT:]
        new = drop_unheard_repeats([*context, *new], keep=len(context))[len(context) :]
        return _Decoded(new, hyp.unreliable)

    def _stopped_early(self, new: list[Word]) -> bool:
        """True when the final pass may have ended before the speech did: it wrote only the
        start of what the pass before it heard (the same words, fewer of them), or nothing at
        all after the committed words although a second or more of the region followed them
        that no pass had heard yet."""
        if self._tail:
            return len(new) < len(self._tail) and agreed_prefix(new, self._tail) == len(new)
        heard = max(self._heard_until, self._buf_start, *(w.end for w in self._committed[-1:]))
        return not new and self._buf_start + self.buffer_seconds - heard >= _UNHEARD_S

    def _committable(self, new: list[Word], agreed: int) -> int:
        """How many agreed words to commit now: all of them, unless ``whole_sentences`` is on.

        With it, whole sentences first: words inside an unfinished sentence may still be revised
        by a later pass that hears the rest of it (locking them in at once cost five points of
        WER on the synthetic interviews in session 1; on real speech in session 9 it cost
        nothing but on one clip, and kept words waiting). A long sentence must not keep its
        first words waiting: once the oldest agreed word has ``max_wait_s`` of audio after it
        (heard by two passes, so rarely revised), the agreed words are committed up to their
        last clause mark, or all but the last. They are final from then on (shown as settled)
        and emitted as a segment with the rest of their sentence, so the record keeps whole
        sentences. A run-on without sentence
        ends is emitted anyway once it spans ``max_segment_s``.
        """
        if not self.config.whole_sentences or not agreed:
            return agreed
        for i in range(agreed - 1, -1, -1):
            if ends_sentence(new[i]):
                return i + 1
        heard_until = self._buf_start + self.buffer_seconds
        if self.config.max_wait_s and heard_until - new[0].end >= self.config.max_wait_s:
            for i in range(agreed - 1, 0, -1):
                if ends_clause(new[i]):
                    return i + 1
            # The last agreed word may be the first half of a longer one ("and" of "and crease"
            # for "increase"): it waits for the next pass.
            return agreed - 1
        first = self._unemitted[0].start if self._unemitted else new[0].start
        if new[agreed - 1].end - first >= self.config.max_segment_s:
            return agreed
        return 0

    def _note_language(self, hyp: Hypothesis) -> None:
        if self.config.language or self._language_votes >= 2 or not hyp.language:
            return
        if self._language == hyp.language:
            self._language_votes += 1
        else:
            self._language, self._language_votes = hyp.language, 1
        self._language_prob = hyp.language_probability
        if (hyp.language_probability or 0.0) >= 0.8:
            self._language_votes = 2

    def _commit(self, words: list[Word]) -> None:
        self._committed.extend(words)
        self._unemitted.extend(words)

    def _emit(self, events: list[Event], everything: bool) -> None:
        while self._unemitted:
            cut = 0
            for i, word in enumerate(self._unemitted):
                if ends_sentence(word):
                    cut = i + 1
                    break
                if word.end - self._unemitted[0].start >= self.config.max_segment_s:
                    cut = i + 1
                    break
            if not cut:
                if not everything:
                    return
                cut = len(self._unemitted)
            words, self._unemitted = self._unemitted[:cut], self._unemitted[cut:]
            self._emit_segment(words, events)

    def _emit_segment(self, words: list[Word], events: list[Event]) -> None:
        text = join_words(words)
        if not text:
            return
        for word in words:
            self._context.extend(word.text.split())
        self._said.extend(words)
        language = self.config.language or self._language
        events.append(
            CommittedSegment(
                index=next(self.counter),
                source=self.source,
                speaker=self.role(language),
                start=words[0].start + self.time_offset,
                end=words[-1].end + self.time_offset,
                text=text,
                language=language,
                language_probability=self._language_prob,
                confidence=float(np.mean([w.probability for w in words])),
                words=tuple(
                    Word(
                        w.text, w.start + self.time_offset, w.end + self.time_offset, w.probability
                    )
                    for w in words
                ),
                emitted_at=self.clock(),
            )
        )

    def _tentative(self, words: list[Word], final: bool = False, settled: int = 0) -> TentativeText:
        """The words not yet in a segment: the first ``settled`` of them are committed."""
        self._had_tentative = not final
        language = self.config.language or self._language
        start = (words[0].start if words else self._buf_start) + self.time_offset
        end = (words[-1].end if words else self._buf_start + self.buffer_seconds) + self.time_offset
        return TentativeText(
            source=self.source,
            speaker=self.role(language),
            text=join_words(words),
            start=start,
            end=end,
            emitted_at=self.clock(),
            settled=join_words(words[:settled]),
            settled_until=words[settled - 1].end + self.time_offset if settled else None,
        )

    def _trim(self, events: list[Event]) -> None:
        """Keep the buffer bounded: drop audio up to the last words already emitted.

        The cut is made at the *start* of the last emitted words (``anchor_words`` of them, a
        little before), and those words stay in the buffer as the forced prefix of later
        passes without being emitted again. Word timings from cross-attention drift by a few
        tenths of a second either way: cutting at the last word's reported end left the tail of
        that word in the buffer, decoded again at the start of the next segment (a doubled
        phrase), or cut into the next word (a dropped one). With the anchor the model hears the
        words it is forced past, so it neither repeats them nor skips what follows.
        """
        anchored = self._anchored
        if self._unemitted and len(self._unemitted) == len(self._committed) - anchored:
            # Nothing emitted yet in this buffer: emit what is committed so it can be dropped.
            words, self._unemitted = self._unemitted, []
            self._emit_segment(words, events)
        emitted = self._committed[: len(self._committed) - len(self._unemitted)]
        if len(emitted) <= anchored:
            return
        anchor = emitted[-self.config.anchor_words :]
        cut_time = max(self._buf_start, anchor[0].start - self.config.anchor_margin_s)
        cut = int((cut_time - self._buf_start) * SAMPLE_RATE)
        if cut <= 0:
            return
        self._buf = self._buf[cut:]
        self._buf_start = cut_time
        self._committed = [*anchor, *self._unemitted]
        self._anchored = len(anchor)
        self._samples_at_pass = max(0, self._samples_at_pass - cut)
