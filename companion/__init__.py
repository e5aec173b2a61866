"""Interview Companion: the Qt-free core (audio, transcription, timing, analysis, summary).

Nothing in this package imports Qt; the desktop views in ``ui/`` sit on top of it.
"""

from companion.offline import seal

# Before anything below us can load onnxruntime or the Hugging Face client: nothing phones home.
seal()

__version__ = "0.1.0"
APP_NAME = "interview-companion"
