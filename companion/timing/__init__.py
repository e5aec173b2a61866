"""Session and break timing: policy presets, the session clock and its warnings (Qt-free)."""
