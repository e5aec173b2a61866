"""Speech-to-text passes over a short audio buffer: the interface and the Whisper decoder.

The streaming engine calls :meth:`Transcriber.transcribe` on the current utterance again and
again. :class:`WhisperDecoder` runs a CTranslate2 Whisper model (the faster-whisper models)
directly so that each pass costs what the audio needs:

* the encoder sees only the buffer's frames plus four seconds of silence (at least ten seconds
  in all), not a fixed 30-second window: three to seven times less work for a few seconds of
  speech. Less padding than that made the small models loop on short buffers (measured);
* decoding is greedy at temperature 0, with the already-committed words forced as a prefix so
  committed text can never change and is not decoded twice;
* a pass whose output looks like a loop (too many tokens for the audio, text that compresses
  too well, or a final pass that says a phrase twice in a row) is redone once on the full
  30-second window, the way Whisper was trained; if that
  still loops the pass is marked unreliable and the engine commits nothing from it;
* word timings come from the model's cross-attention alignment heads.

Tests use :class:`companion.transcription.scripted.ScriptedTranscriber` instead.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from companion.audio.chunk import SAMPLE_RATE
from companion.errors import ModelError
from companion.transcription.agreement import norm
from companion.transcription.events import Word
from companion.transcription.model_store import ModelInfo

log = logging.getLogger(__name__)

_FRAMES_PER_SECOND = 100
_TOKENS_PER_SECOND = 50  # encoder positions per second (2x downsampling)
_MAX_FRAMES = 3000
_PAD_FRAMES = 400
_MIN_FRAMES = 1000
#: Buffers shorter than this are decoded without the earlier text as Whisper's prompt, with a
#: multilingual model: on real speech (session 20) prompting them cost `base` 1.3 points and
#: wrote a phrase twice. An English-only model prompts every buffer (tiny.en: 20.8 -> 18.7 %
#: on the tuned clips, 5.1 -> 4.6 % held out), a pass that begins by writing its prompt again
#: being redone without it.
_PROMPT_MIN_S = 2.0
_PROMPT_MIN_S_ENGLISH = 0.0


@dataclass
class Hypothesis:
    """The result of one pass: words with times relative to the start of the audio."""

    words: list[Word] = field(default_factory=list)
    language: str | None = None
    language_probability: float | None = None
    no_speech_probability: float = 0.0
    avg_logprob: float = 0.0
    #: The pass was redone on a full 30 s window because the short pass looked wrong.
    fell_back: bool = False
    #: Even the fallback looked like a loop: do not commit anything from it.
    unreliable: bool = False

    @property
    def text(self) -> str:
        """The words joined as Whisper spells them."""
        return "".join(w.text for w in self.words).strip()


class Transcriber(Protocol):
    """What the streaming engine needs from a speech model."""

    #: True when the model can tell languages apart (and detect them).
    multilingual: bool

    def transcribe(
        self,
        audio: np.ndarray,
        *,
        prefix: Sequence[Word] = (),
        prompt: str = "",
        language: str | None = None,
        languages: Sequence[str] = (),
        offset: float = 0.0,
        final: bool = False,
    ) -> Hypothesis:
        """Transcribe 16 kHz mono ``audio``.

        ``prefix`` are words already committed for the start of this audio: the result begins
        with them unchanged. ``prompt`` is earlier text for context. ``language`` fixes the
        language; otherwise it is detected, limited to ``languages`` when given. ``offset`` is
        the stream time of the audio's first sample (scripted transcribers use it). ``final``
        marks the last pass over an utterance, whose words are all committed: a model may
        spend more effort on it.
        """
        ...


def _doubles_a_phrase(words: Sequence[Word], new_from: int = 0) -> bool:
    """True when a phrase of two words or more is followed at once by itself ("ten of clubs ten
    of clubs"): the beam search loops like this on buffers of a second or two, and the full
    30-second window, as Whisper was trained, does not (measured on real recordings). A
    speaker who really repeats a phrase keeps it: the redone pass hears it twice too.

    Only a second copy among the words from ``new_from`` on counts (the words before it are
    the forced, committed prefix): a pass that writes the committed "seven of clubs" again
    after itself is caught, a repetition inside the committed words is not asked about again."""
    bare = [norm(w.text) for w in words]
    for n in range(2, len(bare) // 2 + 1):
        for i in range(max(0, new_from - n), len(bare) - 2 * n + 1):
            if bare[i : i + n] == bare[i + n : i + 2 * n] and all(bare[i : i + n]):
                return True
    return False


def _repeats_prompt(words: Sequence[Word], prompt: str, new_from: int = 0) -> bool:
    """True when the pass begins by writing the end of its prompt again ("... to Montreal." then
    "Montreal."): on a short buffer the earlier text pulls the beam towards itself. Only a copy
    that reaches past the forced prefix counts."""
    tail = [norm(w) for w in prompt.split()][-8:]
    bare = [norm(w.text) for w in words]
    for k in range(min(len(tail), len(bare)), new_from, -1):
        if k > 0 and bare[:k] == tail[-k:] and all(bare[:k]):
            return True
    return False


def compression_ratio(text: str) -> float:
    """How well text compresses; Whisper treats > 2.4 as a repetition loop."""
    data = text.encode("utf-8")
    return len(data) / max(1, len(zlib.compress(data)))


class WhisperDecoder:
    """A faster-whisper (CTranslate2) model run pass by pass on short buffers."""

    def __init__(
        self,
        info: ModelInfo,
        cpu_threads: int = 0,
        compute_type: str = "int8",
        beam_size: int = 1,
        final_beam_size: int = 5,
    ) -> None:
        try:
            import ctranslate2
            from faster_whisper.feature_extractor import FeatureExtractor
            from faster_whisper.tokenizer import Tokenizer
            from tokenizers import Tokenizer as HfTokenizer
        except ImportError as exc:  # pragma: no cover - dependencies
            raise ModelError(f"faster-whisper is not installed correctly: {exc}") from exc
        self.info = info
        #: Greedy search for the frequent tentative passes; a beam for the final pass over an
        #: utterance, whose words are committed as they are (measured: see README).
        self.beam_size = beam_size
        self.final_beam_size = final_beam_size
        try:
            self.model = ctranslate2.models.Whisper(
                str(info.path),
                device="cpu",
                compute_type=compute_type,
                intra_threads=cpu_threads,
                inter_threads=1,
            )
            hf_tokenizer = HfTokenizer.from_file(str(info.path / "tokenizer.json"))
        except Exception as exc:
            raise ModelError(
                f"speech model '{info.name}' at {info.path} could not be loaded ({exc}); "
                f"delete {info.path} if it is a joined or downloaded copy, or reinstall its package"
            ) from exc
        self._ct2 = ctranslate2
        self.multilingual = bool(self.model.is_multilingual)
        self.prompt_min_s = _PROMPT_MIN_S if self.multilingual else _PROMPT_MIN_S_ENGLISH
        self._tokenizer_cls = Tokenizer
        self._hf_tokenizer = hf_tokenizer
        self._tokenizers: dict[str | None, object] = {}
        self.features = FeatureExtractor(feature_size=self.model.n_mels)
        self.tokenizer = self._tokenizer(None if self.multilingual else "en")
        suppress = set(self.tokenizer.non_speech_tokens)
        suppress.update(
            [
                self.tokenizer.transcribe,
                self.tokenizer.translate,
                self.tokenizer.sot,
                self.tokenizer.sot_prev,
                self.tokenizer.sot_lm,
                self.tokenizer.no_speech,
            ]
        )
        self._suppress = sorted(suppress)
        log.info("speech model '%s' loaded from %s", info.name, info.path)

    def _tokenizer(self, language: str | None):
        key = language if self.multilingual else "en"
        if key not in self._tokenizers:
            self._tokenizers[key] = self._tokenizer_cls(
                self._hf_tokenizer, self.multilingual, task="transcribe", language=key or "en"
            )
        return self._tokenizers[key]

    def _encode(self, audio: np.ndarray, full_window: bool):
        feats = self.features(audio)
        content = min(feats.shape[-1], _MAX_FRAMES)
        width = (
            _MAX_FRAMES
            if full_window
            else min(_MAX_FRAMES, max(_MIN_FRAMES, content + _PAD_FRAMES))
        )
        if feats.shape[-1] >= width:
            feats = feats[:, :width]
        else:
            feats = np.pad(feats, ((0, 0), (0, width - feats.shape[-1])))
        view = self._ct2.StorageView.from_array(np.ascontiguousarray(feats[None], dtype=np.float32))
        return self.model.encode(view, to_cpu=False), content

    def _detect_language(self, encoded, languages: Sequence[str]) -> tuple[str, float]:
        """The most likely language among ``languages`` (English alone when none are given):
        a language the interview is not in is never chosen, however likely the model finds it."""
        ranked = self.model.detect_language(encoded)[0]
        allowed = list(languages) or ["en"]
        tokens = {f"<|{code}|>": code for code in allowed}
        for token, prob in ranked:
            if token in tokens:
                return tokens[token], float(prob)
        return allowed[0], 0.0

    def transcribe(
        self,
        audio: np.ndarray,
        *,
        prefix: Sequence[Word] = (),
        prompt: str = "",
        language: str | None = None,
        languages: Sequence[str] = (),
        offset: float = 0.0,
        final: bool = False,
    ) -> Hypothesis:
        """One pass; see the module docstring."""
        audio = np.asarray(audio, dtype=np.float32)[
            : _MAX_FRAMES * SAMPLE_RATE // _FRAMES_PER_SECOND
        ]
        duration = len(audio) / SAMPLE_RATE
        encoded, frames = self._encode(audio, full_window=False)
        beam = self.final_beam_size if final else self.beam_size
        lang_prob = None
        if self.multilingual and not language:
            language, lang_prob = self._detect_language(encoded, languages)
        elif not self.multilingual:
            language = "en"
        hyp = self._pass(encoded, frames, duration, prefix, prompt, language, beam)
        if (
            prompt.strip()
            and duration >= self.prompt_min_s
            and _repeats_prompt(hyp.words, prompt, new_from=len(prefix))
        ):
            log.info("pass began with its prompt again (%.1fs audio); redoing without it", duration)
            prompt = ""
            hyp = self._pass(encoded, frames, duration, prefix, prompt, language, beam)
        if self._looks_wrong(hyp, duration, len(prefix)) or (
            _doubles_a_phrase(hyp.words, new_from=len(prefix))
        ):
            log.info("short-window pass looked wrong (%.1fs audio); redoing on 30 s", duration)
            encoded, frames = self._encode(audio, full_window=True)
            hyp = self._pass(encoded, frames, duration, prefix, prompt, language, beam)
            hyp.fell_back = True
            hyp.unreliable = self._looks_wrong(hyp, duration, len(prefix))
        hyp.language = language
        hyp.language_probability = lang_prob
        return hyp

    @staticmethod
    def _looks_wrong(hyp: Hypothesis, duration: float, prefix_words: int) -> bool:
        new_words = len(hyp.words) - prefix_words
        if new_words > 6 * duration + 8:
            return True
        text = hyp.text
        return len(text) > 60 and compression_ratio(text) > 2.4

    def _pass(
        self,
        encoded,
        frames: int,
        duration: float,
        prefix: Sequence[Word],
        prompt: str,
        language: str | None,
        beam: int = 1,
    ) -> Hypothesis:
        tok = self._tokenizer(language)
        prefix_text = "".join(w.text for w in prefix)
        prefix_tokens = tok.encode(prefix_text) if prefix_text else []
        sequence: list[int] = []
        if prompt.strip() and duration >= self.prompt_min_s:
            sequence = [tok.sot_prev, *tok.encode(" " + prompt.strip())[-120:]]
        sequence += [*tok.sot_sequence, tok.no_timestamps, *prefix_tokens]
        max_new = int(8 * duration + 16)
        result = self.model.generate(
            encoded,
            [sequence],
            beam_size=beam,
            max_length=min(448, len(sequence) + max_new),
            return_scores=True,
            return_no_speech_prob=True,
            suppress_blank=not prefix_tokens,
            suppress_tokens=self._suppress,
        )[0]
        # CTranslate2 returns the forced prefix as part of the sequence.
        text_tokens = [t for t in result.sequences_ids[0] if t < tok.eot]
        if text_tokens[: len(prefix_tokens)] != prefix_tokens:
            text_tokens = prefix_tokens + text_tokens
        hyp = Hypothesis(
            no_speech_probability=float(result.no_speech_prob),
            avg_logprob=float(result.scores[0]) if result.scores else 0.0,
        )
        if not text_tokens:
            return hyp
        hyp.words = self._align(encoded, frames, tok, text_tokens, duration)
        return hyp

    def _align(
        self, encoded, frames: int, tok, text_tokens: list[int], duration: float
    ) -> list[Word]:
        words, word_tokens = tok.split_to_word_tokens([*text_tokens, tok.eot])
        try:
            aligned = self.model.align(
                encoded, tok.sot_sequence, [text_tokens], frames // 2 * 2, median_filter_width=7
            )[0]
        except Exception as exc:  # noqa: BLE001 - alignment is best effort
            log.debug("alignment failed: %s", exc)
            return _even_words(words[:-1] if words and not words[-1].strip() else words, duration)
        text_idx = np.array([p[0] for p in aligned.alignments])
        time_idx = np.array([p[1] for p in aligned.alignments])
        probs = list(aligned.text_token_probs)
        if len(text_idx) == 0:
            return _even_words(words, duration)
        jumps = np.pad(np.diff(text_idx), (1, 0), constant_values=1).astype(bool)
        jump_times = time_idx[jumps] / _TOKENS_PER_SECOND
        bounds = np.cumsum([0] + [len(t) for t in word_tokens])
        out: list[Word] = []
        for i, word in enumerate(words):
            if word_tokens[i] and word_tokens[i][0] >= tok.eot:
                continue
            a, b = int(bounds[i]), int(bounds[i + 1])
            start = float(jump_times[min(a, len(jump_times) - 1)])
            end = float(jump_times[min(b, len(jump_times) - 1)])
            prob = float(np.mean(probs[a:b])) if probs[a:b] else 1.0
            start = min(start, duration)
            end = min(max(end, start), duration)
            out.append(Word(word, start, end, prob))
        return merge_punctuation(out)


_ATTACH_LEFT = set(".,!?:;%)]}\"'”’…。、")


def merge_punctuation(words: list[Word]) -> list[Word]:
    """Attach punctuation-only tokens to the word before (keeping that word's timing)."""
    merged: list[Word] = []
    for word in words:
        bare = word.text.strip()
        if (
            merged
            and bare
            and all(ch in _ATTACH_LEFT for ch in bare)
            and not word.text.startswith(" ")
        ):
            prev = merged[-1]
            merged[-1] = Word(prev.text + word.text, prev.start, prev.end, prev.probability)
        else:
            merged.append(word)
    return merged


def _even_words(words: list[str], duration: float) -> list[Word]:
    if not words:
        return []
    step = duration / len(words)
    return [Word(w, i * step, (i + 1) * step, 1.0) for i, w in enumerate(words)]
