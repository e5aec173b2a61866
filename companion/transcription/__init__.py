"""Streaming speech recognition: model resolution, the decoder and the streaming engine."""
