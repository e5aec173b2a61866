"""Audio capture behind one interface: microphone, the call's audio, or a WAV file replay."""

from companion.audio.chunk import SAMPLE_RATE, AudioChunk
from companion.audio.source import AudioSource

__all__ = ["SAMPLE_RATE", "AudioChunk", "AudioSource"]
