"""A small synthetic speech corpus for benchmarking live transcription.

The corpus is made locally, with no network and no model download:

* two scripted asylum-interview excerpts (``scripts/interview_a.txt`` and ``interview_b.txt``),
  spoken turn by turn by espeak-ng with a different voice per role, with realistic pauses
  between turns and a faint background hiss;
* two minutes of digital near-silence;
* two minutes of non-speech noise (hiss, mains hum, clicks, pops and keyboard-like taps).

Every recording is a 16 kHz mono 16-bit PCM WAV. Beside each WAV a reference JSONL file
(``NAME.ref.jsonl``) holds one ``{"start", "end", "speaker", "text"}`` object per spoken turn,
with times in seconds that are exact to the sample: ``start`` is the first sample of the turn's
speech and ``end`` is the time just after its last sample. Silence and noise have an empty
reference file.

:func:`build_corpus` caches its output: a ``manifest.json`` records a hash of the script text
and every synthesis parameter, and a later call with the same inputs reuses the files without
running espeak-ng again.

Run ``python -m companion.bench.speech_corpus OUT_DIR`` to build the corpus from the command line.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import math
import os
import random
import re
import shutil
import subprocess
import tempfile
import wave
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from companion.files import atomic_write_text

logger = logging.getLogger(__name__)

#: Sample rate of every corpus WAV.
SAMPLE_RATE = 16_000
#: Bumped whenever the synthesis changes in a way that should invalidate cached corpora.
CORPUS_VERSION = 2
#: Folder holding the interview scripts shipped with the package.
SCRIPTS_DIR = Path(__file__).resolve().parent / "scripts"
#: The interview scripts that :func:`build_corpus` synthesizes, by file stem.
INTERVIEW_SCRIPTS: tuple[str, ...] = ("interview_a", "interview_b")
#: Length of the silence and noise recordings in :func:`build_corpus`.
SILENCE_SECONDS = 120.0
NOISE_SECONDS = 120.0
MANIFEST_NAME = "manifest.json"

ROLES: tuple[str, ...] = ("caseworker", "interpreter", "claimant")

_ESPEAK = "espeak-ng"
_ESPEAK_MISSING = (
    "espeak-ng was not found on PATH; it is needed to synthesize the benchmark speech corpus. "
    "On Debian or Ubuntu install it with: apt-get install espeak-ng"
)

# Speech level and timing.
_PEAK_DBFS = -3.0
_HISS_DBFS = -55.0
_PAUSE_RANGE_S = (0.6, 2.5)
_HESITATION_RANGE_S = (0.25, 0.35)
_HESITATION_PROBABILITY = 0.4
_HESITATION_MIN_WORDS = 25
_LEAD_IN_RANGE_S = (0.8, 1.5)
_TAIL_S = 1.5
_SPEED_RANGE = (110, 140)  # espeak-ng -s; measured speech is ~150-170 wpm
_SPEED_JITTER = 6
_PITCH_JITTER = 4

# Trimming espeak's leading and trailing silence.
_TRIM_FRAME = 80  # 5 ms at 16 kHz
_TRIM_FRAME_DB = -45.0  # frame RMS relative to the loudest frame
_TRIM_SAMPLE_DB = -50.0  # sample magnitude relative to the peak

_SENTENCE_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_TURN_START = re.compile(r"^\s*([A-Za-z]+)\s*:\s*(.*)$")


@dataclass(frozen=True)
class Voice:
    """An espeak-ng voice with its base speed (words per minute) and pitch (0 to 99)."""

    name: str
    speed: int
    pitch: int


#: Voices per script: each interview uses its own voices, so the corpus has six in all.
VOICE_SETS: dict[str, dict[str, Voice]] = {
    "interview_a": {
        "caseworker": Voice("en-gb-x-rp", 125, 48),
        "interpreter": Voice("en-us+f3", 130, 55),
        "claimant": Voice("en-029", 118, 40),
    },
    "interview_b": {
        "caseworker": Voice("en-gb-scotland+m3", 128, 42),
        "interpreter": Voice("en-gb-x-gbclan+f2", 132, 52),
        "claimant": Voice("en-us+f4", 120, 60),
    },
}


@dataclass(frozen=True)
class RefSegment:
    """One spoken turn in a recording, with exact times in seconds."""

    start: float
    end: float
    speaker: str
    text: str


@dataclass(frozen=True)
class Recording:
    """A corpus recording: a 16 kHz mono 16-bit PCM WAV and its reference turns."""

    name: str
    wav_path: Path
    kind: str
    duration_s: float
    segments: tuple[RefSegment, ...]


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def espeak_available() -> bool:
    """Return True when the espeak-ng executable is on PATH."""
    return shutil.which(_ESPEAK) is not None


def parse_script(text: str) -> list[tuple[str, str]]:
    """Parse an interview script into ``[(role, text), ...]``.

    A script has one turn per paragraph, paragraphs separated by blank lines, and each
    paragraph starts with ``Caseworker:``, ``Interpreter:`` or ``Claimant:``. Lines inside a
    paragraph are joined with single spaces. Roles are returned in lower case. Lines starting
    with ``#`` are ignored.

    Raises:
        ValueError: a paragraph does not start with a known role, or a turn is empty.
    """
    turns: list[tuple[str, str]] = []
    lines = [ln for ln in text.replace("\r\n", "\n").split("\n") if not ln.lstrip().startswith("#")]
    for paragraph in re.split(r"\n\s*\n", "\n".join(lines)):
        body = " ".join(part.strip() for part in paragraph.strip().split("\n"))
        if not body:
            continue
        match = _TURN_START.match(body)
        if match is None or match.group(1).lower() not in ROLES:
            raise ValueError(f"script paragraph does not start with a known role: {body[:60]!r}")
        role, words = match.group(1).lower(), re.sub(r"\s+", " ", match.group(2)).strip()
        if not words:
            raise ValueError(f"empty {role} turn in script")
        turns.append((role, words))
    return turns


def synthesize_interview(script_path: Path, out_wav: Path, *, seed: int = 0) -> Recording:
    """Speak an interview script with espeak-ng and write it as a 16 kHz mono WAV.

    Each turn is spoken with its role's voice (see :data:`VOICE_SETS`), with a seeded variation
    of speed and pitch, separated by pauses of 0.6 to 2.5 s. Some long turns are split at a
    sentence boundary with a short hesitation pause; they remain one reference segment. Turns
    are peak-normalised to about -3 dBFS and a faint hiss (about -55 dBFS) runs throughout.
    The result is deterministic for a given script, seed and espeak-ng version.

    The reference segments are returned in the :class:`Recording`; this function does not write
    the reference JSONL (see :func:`write_reference`).

    Raises:
        RuntimeError: espeak-ng is missing or fails.
    """
    if not espeak_available():
        raise RuntimeError(_ESPEAK_MISSING)
    script_path = Path(script_path)
    out_wav = Path(out_wav)
    name = script_path.stem
    turns = parse_script(script_path.read_text(encoding="utf-8"))
    if not turns:
        raise ValueError(f"script {script_path} has no turns")
    voices = _voices_for(name)
    rng = random.Random(f"speech-corpus:{name}:{seed}")

    pieces: list[np.ndarray] = []
    segments: list[RefSegment] = []
    cursor = _silence_len(rng.uniform(*_LEAD_IN_RANGE_S))
    pieces.append(np.zeros(cursor, dtype=np.float32))
    with tempfile.TemporaryDirectory(prefix="speech_corpus_") as tmp:
        tmp_wav = Path(tmp) / "turn.wav"
        for index, (role, text) in enumerate(turns):
            if index > 0:
                gap = _silence_len(rng.uniform(*_PAUSE_RANGE_S))
                pieces.append(np.zeros(gap, dtype=np.float32))
                cursor += gap
            voice = voices[role]
            speed = _clamp(voice.speed + rng.randint(-_SPEED_JITTER, _SPEED_JITTER), *_SPEED_RANGE)
            pitch = _clamp(voice.pitch + rng.randint(-_PITCH_JITTER, _PITCH_JITTER), 0, 99)
            parts = _split_for_hesitation(text, rng)
            if len(parts) > 1:
                logger.debug("%s turn %d: hesitation after %r", name, index, parts[0][-30:])
            turn_audio: list[np.ndarray] = []
            for part_index, part in enumerate(parts):
                if part_index > 0:
                    pause = _silence_len(rng.uniform(*_HESITATION_RANGE_S))
                    turn_audio.append(np.zeros(pause, dtype=np.float32))
                audio = _espeak(part, voice.name, speed, pitch, tmp_wav)
                turn_audio.append(_trim(audio))
            turn = np.concatenate(turn_audio)
            peak = float(np.max(np.abs(turn)))
            if peak > 0.0:
                turn *= _db_to_amp(_PEAK_DBFS) / peak
            segments.append(
                RefSegment(
                    start=cursor / SAMPLE_RATE,
                    end=(cursor + len(turn)) / SAMPLE_RATE,
                    speaker=role,
                    text=text,
                )
            )
            pieces.append(turn)
            cursor += len(turn)
            logger.debug(
                "%s turn %d (%s, %s): %.2f s",
                name,
                index,
                role,
                voice.name,
                len(turn) / SAMPLE_RATE,
            )
    pieces.append(np.zeros(_silence_len(_TAIL_S), dtype=np.float32))
    signal = np.concatenate(pieces)

    np_rng = np.random.default_rng([seed, zlib.crc32(name.encode("utf-8"))])
    signal += _colored_noise(len(signal), np_rng, alpha=0.5, rms_dbfs=_HISS_DBFS)
    write_wav(out_wav, signal)
    return Recording(
        name=name,
        wav_path=out_wav,
        kind="speech",
        duration_s=len(signal) / SAMPLE_RATE,
        segments=tuple(segments),
    )


def make_silence(out_wav: Path, seconds: float) -> Recording:
    """Write ``seconds`` of digital near-silence: a one-bit triangular dither, no signal."""
    out_wav = Path(out_wav)
    n = _silence_len(seconds)
    rng = np.random.default_rng(0)
    lsb = 1.0 / 32768.0
    dither = (rng.uniform(-0.5, 0.5, n) + rng.uniform(-0.5, 0.5, n)) * lsb
    write_wav(out_wav, dither)
    return Recording(
        name=out_wav.stem,
        wav_path=out_wav,
        kind="silence",
        duration_s=n / SAMPLE_RATE,
        segments=(),
    )


def make_noise(out_wav: Path, seconds: float, *, seed: int = 0) -> Recording:
    """Write ``seconds`` of non-speech room noise, deterministic for a given seed.

    The noise has a broadband hiss between white and pink at -45 to -35 dBFS RMS, mains hum
    (50 or 60 Hz with harmonics), random clicks and low pops, and a few bursts of keyboard-like
    taps. There is no speech in it, so any transcribed text is a hallucination.
    """
    out_wav = Path(out_wav)
    n = _silence_len(seconds)
    rng = np.random.default_rng([seed, zlib.crc32(b"noise")])
    t = np.arange(n, dtype=np.float64) / SAMPLE_RATE

    signal = _colored_noise(
        n, rng, alpha=float(rng.uniform(0.3, 1.0)), rms_dbfs=float(rng.uniform(-45.0, -35.0))
    )

    mains = 50.0 if rng.random() < 0.5 else 60.0
    hum_amp = _db_to_amp(float(rng.uniform(-48.0, -40.0)))
    wobble = 1.0 + 0.2 * np.sin(2 * math.pi * float(rng.uniform(0.05, 0.2)) * t)
    hum = np.zeros(n)
    for harmonic, weight in ((1, 1.0), (2, 0.5), (3, 0.35), (5, 0.15), (7, 0.08)):
        phase = float(rng.uniform(0, 2 * math.pi))
        hum += weight * np.sin(2 * math.pi * mains * harmonic * t + phase)
    signal += (hum_amp / 1.6) * wobble * hum

    # Clicks: a few samples of sharp, decaying impulse.
    for at in _poisson_times(rng, seconds, mean_gap_s=4.0):
        length = int(rng.integers(8, 40))
        shape = np.exp(-np.arange(length) / (length / 5.0))
        shape *= np.where(rng.random(length) < 0.5, -1.0, 1.0)
        _add(signal, int(at * SAMPLE_RATE), shape * _db_to_amp(float(rng.uniform(-24.0, -8.0))))

    # Pops: a low damped thump, like a cable knock or a microphone bump.
    for at in _poisson_times(rng, seconds, mean_gap_s=15.0):
        length = int(SAMPLE_RATE * float(rng.uniform(0.02, 0.06)))
        k = np.arange(length) / SAMPLE_RATE
        freq = float(rng.uniform(70.0, 200.0))
        shape = np.sin(2 * math.pi * freq * k) * np.exp(-k / (length / SAMPLE_RATE / 4.0))
        _add(signal, int(at * SAMPLE_RATE), shape * _db_to_amp(float(rng.uniform(-20.0, -8.0))))

    # Keyboard-like taps: bursts of short band-limited noise clicks.
    for at in _poisson_times(rng, seconds, mean_gap_s=20.0):
        tap_time = at
        for _ in range(int(rng.integers(3, 10))):
            length = int(SAMPLE_RATE * float(rng.uniform(0.005, 0.015)))
            # Smoothing then differencing is a crude band-pass around 2 to 4 kHz.
            smoothed = np.convolve(rng.standard_normal(length), np.ones(4) / 4.0, mode="same")
            burst = np.diff(smoothed, prepend=0.0)
            burst *= np.exp(-np.arange(length) / (length / 4.0))
            burst /= max(float(np.max(np.abs(burst))), 1e-9)
            level = _db_to_amp(float(rng.uniform(-32.0, -18.0)))
            _add(signal, int(tap_time * SAMPLE_RATE), burst * level)
            tap_time += float(rng.uniform(0.08, 0.25))

    write_wav(out_wav, signal)
    return Recording(
        name=out_wav.stem,
        wav_path=out_wav,
        kind="noise",
        duration_s=n / SAMPLE_RATE,
        segments=(),
    )


def reference_path(wav_path: Path) -> Path:
    """Return the reference JSONL path that belongs beside ``wav_path`` (``NAME.ref.jsonl``)."""
    wav_path = Path(wav_path)
    return wav_path.with_name(wav_path.stem + ".ref.jsonl")


def write_reference(recording: Recording, path: Path | None = None) -> Path:
    """Write a recording's segments as JSONL (one object per line) and return the path."""
    target = Path(path) if path is not None else reference_path(recording.wav_path)
    lines = [
        json.dumps(
            {
                "start": round(s.start, 7),
                "end": round(s.end, 7),
                "speaker": s.speaker,
                "text": s.text,
            },
            ensure_ascii=False,
        )
        for s in recording.segments
    ]
    atomic_write_text(target, "".join(line + "\n" for line in lines), make_parents=True)
    return target


def read_reference(path: Path) -> tuple[RefSegment, ...]:
    """Read a reference JSONL file written by :func:`write_reference`."""
    segments: list[RefSegment] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            segments.append(
                RefSegment(
                    start=float(item["start"]),
                    end=float(item["end"]),
                    speaker=str(item["speaker"]),
                    text=str(item["text"]),
                )
            )
    return tuple(segments)


def build_corpus(out_dir: Path, *, seed: int = 0) -> list[Recording]:
    """Build (or reuse) the benchmark corpus in ``out_dir`` and return its recordings.

    The corpus holds every script in :data:`INTERVIEW_SCRIPTS`, then :data:`SILENCE_SECONDS` of
    silence (``silence.wav``) and :data:`NOISE_SECONDS` of noise (``noise.wav``). A reference
    JSONL is written beside each WAV. Recordings whose inputs (script text, voices, seed and
    :data:`CORPUS_VERSION`) match ``manifest.json`` and whose files are intact are reused
    without calling espeak-ng.

    Raises:
        RuntimeError: a recording must be synthesized and espeak-ng is missing or fails.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / MANIFEST_NAME
    old_entries = _read_manifest(manifest_path)
    new_entries: dict[str, dict[str, object]] = {}
    recordings: list[Recording] = []

    plans: list[tuple[str, str, dict[str, object]]] = []
    for stem in INTERVIEW_SCRIPTS:
        script = SCRIPTS_DIR / f"{stem}.txt"
        plans.append(
            (
                stem,
                "speech",
                {
                    "script_sha256": hashlib.sha256(script.read_bytes()).hexdigest(),
                    "voices": {role: asdict(v) for role, v in _voices_for(stem).items()},
                    "seed": seed,
                },
            )
        )
    plans.append(("silence", "silence", {"seconds": SILENCE_SECONDS}))
    plans.append(("noise", "noise", {"seconds": NOISE_SECONDS, "seed": seed}))

    for name, kind, params in plans:
        key = _params_hash(
            {
                "version": CORPUS_VERSION,
                "name": name,
                "kind": kind,
                "sample_rate": SAMPLE_RATE,
                **params,
            }
        )
        wav_path = out_dir / f"{name}.wav"
        cached = _load_cached(old_entries.get(name), key, wav_path)
        if cached is not None:
            logger.info("reusing cached %s (%.1f s)", wav_path, cached.duration_s)
            recording = cached
        else:
            logger.info("making %s", wav_path)
            if kind == "speech":
                recording = synthesize_interview(SCRIPTS_DIR / f"{name}.txt", wav_path, seed=seed)
            elif kind == "silence":
                recording = make_silence(wav_path, SILENCE_SECONDS)
            else:
                recording = make_noise(wav_path, NOISE_SECONDS, seed=seed)
            write_reference(recording)
        recordings.append(recording)
        new_entries[name] = {
            "hash": key,
            "kind": kind,
            "wav": wav_path.name,
            "reference": reference_path(wav_path).name,
            "wav_bytes": wav_path.stat().st_size,
            "duration_s": recording.duration_s,
            "segments": len(recording.segments),
        }
        # Write the manifest after every recording, so that a run that fails part-way keeps
        # what it finished (and the earlier entries of what it has not reached yet).
        pending = {
            n: old_entries[n] for n, _, _ in plans if n in old_entries and n not in new_entries
        }
        manifest = {"version": CORPUS_VERSION, "recordings": {**pending, **new_entries}}
        atomic_write_text(
            manifest_path, json.dumps(manifest, indent=2, sort_keys=True) + "\n", make_parents=True
        )
    return recordings


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _voices_for(name: str) -> dict[str, Voice]:
    """Return the voice set for a script, choosing a stable one for unknown names."""
    if name in VOICE_SETS:
        return VOICE_SETS[name]
    sets = [VOICE_SETS[k] for k in sorted(VOICE_SETS)]
    return sets[zlib.crc32(name.encode("utf-8")) % len(sets)]


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def _db_to_amp(db: float) -> float:
    return float(10.0 ** (db / 20.0))


def _silence_len(seconds: float) -> int:
    return round(seconds * SAMPLE_RATE)


def _split_for_hesitation(text: str, rng: random.Random) -> list[str]:
    """Split a long, multi-sentence turn in two at the sentence boundary nearest its middle.

    The random draw is made for every turn so that the sequence of random numbers does not
    depend on which turns are long.
    """
    draw = rng.random()
    sentences = _SENTENCE_BOUNDARY.split(text)
    if len(sentences) < 2 or len(text.split()) < _HESITATION_MIN_WORDS:
        return [text]
    if draw >= _HESITATION_PROBABILITY:
        return [text]
    total = len(text.split())
    best_index, best_distance, running = 1, float("inf"), 0
    for index, sentence in enumerate(sentences[:-1], start=1):
        running += len(sentence.split())
        distance = abs(running - total / 2)
        if distance < best_distance:
            best_index, best_distance = index, distance
    return [" ".join(sentences[:best_index]), " ".join(sentences[best_index:])]


def _espeak(text: str, voice: str, speed: int, pitch: int, tmp_wav: Path) -> np.ndarray:
    """Speak ``text`` with espeak-ng and return float32 audio at :data:`SAMPLE_RATE`."""
    spoken = " " + text if text.startswith("-") else text
    argv = [_ESPEAK, "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", str(tmp_wav), spoken]
    try:
        result = subprocess.run(argv, capture_output=True, timeout=120, check=False)
    except FileNotFoundError as exc:
        raise RuntimeError(_ESPEAK_MISSING) from exc
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"espeak-ng timed out speaking {text[:40]!r}") from exc
    if result.returncode != 0 or not tmp_wav.exists():
        stderr = result.stderr.decode("utf-8", errors="replace").strip()
        raise RuntimeError(
            f"espeak-ng failed (exit {result.returncode}) with voice {voice!r}: {stderr}"
        )
    audio, rate = _read_wav(tmp_wav)
    tmp_wav.unlink()
    return _resample(audio, rate, SAMPLE_RATE)


def _read_wav(path: Path) -> tuple[np.ndarray, int]:
    """Read a 16-bit PCM WAV as mono float32 in [-1, 1] and return it with its rate."""
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2:
            raise RuntimeError(f"{path}: expected 16-bit PCM, got {8 * wav.getsampwidth()}-bit")
        channels, rate = wav.getnchannels(), wav.getframerate()
        data = wav.readframes(wav.getnframes())
    audio = np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        audio = audio[: len(audio) // channels * channels].reshape(-1, channels).mean(axis=1)
    return audio, rate


def _resample(audio: np.ndarray, rate_in: int, rate_out: int) -> np.ndarray:
    if rate_in == rate_out or len(audio) == 0:
        return audio.astype(np.float32)
    import soxr  # imported lazily: only speech synthesis needs it

    return np.asarray(soxr.resample(audio, rate_in, rate_out, quality="HQ"), dtype=np.float32)


def _trim(audio: np.ndarray) -> np.ndarray:
    """Cut leading and trailing silence with a frame-energy gate refined to the sample."""
    if len(audio) == 0:
        return audio
    peak = float(np.max(np.abs(audio)))
    if peak == 0.0:
        return audio[:0]
    frames = len(audio) // _TRIM_FRAME
    if frames == 0:
        return audio
    rms = np.sqrt(np.mean(audio[: frames * _TRIM_FRAME].reshape(frames, _TRIM_FRAME) ** 2, axis=1))
    active = np.flatnonzero(rms >= float(np.max(rms)) * _db_to_amp(_TRIM_FRAME_DB))
    if len(active) == 0:
        return audio
    # Search one frame either side of the active frames for the first and last loud samples.
    lo = max(0, (int(active[0]) - 1) * _TRIM_FRAME)
    hi = min(len(audio), (int(active[-1]) + 2) * _TRIM_FRAME)
    loud = np.flatnonzero(np.abs(audio[lo:hi]) >= peak * _db_to_amp(_TRIM_SAMPLE_DB))
    if len(loud) == 0:
        return audio[lo:hi]
    return audio[lo + int(loud[0]) : lo + int(loud[-1]) + 1]


def _colored_noise(
    n: int, rng: np.random.Generator, *, alpha: float, rms_dbfs: float
) -> np.ndarray:
    """Return ``n`` samples of noise with a 1/f^alpha power spectrum at the given RMS level.

    ``alpha`` 0 is white and 1 is pink. Content below 20 Hz is removed.
    """
    if n == 0:
        return np.zeros(0)
    spectrum = rng.standard_normal(n // 2 + 1) + 1j * rng.standard_normal(n // 2 + 1)
    freqs = np.fft.rfftfreq(n, d=1.0 / SAMPLE_RATE)
    gain = np.zeros_like(freqs)
    audible = freqs >= 20.0
    gain[audible] = freqs[audible] ** (-alpha / 2.0)
    noise = np.fft.irfft(spectrum * gain, n=n)
    rms = float(np.sqrt(np.mean(noise**2)))
    if rms == 0.0:
        return np.zeros(n)
    return noise * (_db_to_amp(rms_dbfs) / rms)


def _poisson_times(rng: np.random.Generator, seconds: float, *, mean_gap_s: float) -> list[float]:
    """Return event times in ``[0.2, seconds - 0.5)`` with exponential gaps of the given mean."""
    times: list[float] = []
    at = float(rng.exponential(mean_gap_s))
    while at < seconds - 0.5:
        if at >= 0.2:
            times.append(at)
        at += float(rng.exponential(mean_gap_s))
    return times


def _add(signal: np.ndarray, start: int, burst: np.ndarray) -> None:
    """Add ``burst`` into ``signal`` at sample ``start``, clipped to the signal's length."""
    end = min(len(signal), start + len(burst))
    if start < end:
        signal[start:end] += burst[: end - start]


def write_wav(path: Path, audio: np.ndarray) -> None:
    """Write float audio in [-1, 1] as 16 kHz mono 16-bit PCM, atomically."""
    pcm = np.clip(np.round(np.asarray(audio, dtype=np.float64) * 32768.0), -32768, 32767)
    data = pcm.astype("<i2").tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with wave.open(str(tmp), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(data)
    os.replace(tmp, path)


def _params_hash(params: dict[str, object]) -> str:
    blob = json.dumps(params, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def _read_manifest(path: Path) -> dict[str, dict[str, object]]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(manifest, dict) or manifest.get("version") != CORPUS_VERSION:
        return {}
    entries = manifest.get("recordings")
    return entries if isinstance(entries, dict) else {}


def _load_cached(entry: object, key: str, wav_path: Path) -> Recording | None:
    """Return the cached recording when its manifest entry matches and its files are intact."""
    if not isinstance(entry, dict) or entry.get("hash") != key:
        return None
    ref_path = reference_path(wav_path)
    try:
        if wav_path.stat().st_size != entry.get("wav_bytes"):
            return None
        segments = read_reference(ref_path)
        with wave.open(str(wav_path), "rb") as wav:
            if (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) != (1, 2, SAMPLE_RATE):
                return None
            duration = wav.getnframes() / SAMPLE_RATE
    except (OSError, ValueError, KeyError, wave.Error):
        return None
    if len(segments) != entry.get("segments"):
        return None
    return Recording(
        name=wav_path.stem,
        wav_path=wav_path,
        kind=str(entry.get("kind")),
        duration_s=duration,
        segments=segments,
    )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: build the corpus in OUT_DIR and log what it holds."""
    parser = argparse.ArgumentParser(
        prog="python -m companion.bench.speech_corpus",
        description="Build the synthetic speech corpus used by the transcription benchmarks.",
    )
    parser.add_argument("out_dir", type=Path, help="folder for the WAV and reference files")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        recordings = build_corpus(args.out_dir, seed=args.seed)
    except RuntimeError as exc:
        logger.error("%s", exc)
        return 1
    for rec in recordings:
        words = sum(len(s.text.split()) for s in rec.segments)
        logger.info(
            "%-12s %-7s %7.1f s  %3d segments  %4d words  %s",
            rec.name,
            rec.kind,
            rec.duration_s,
            len(rec.segments),
            words,
            rec.wav_path,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
