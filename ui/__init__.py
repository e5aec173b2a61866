"""The PySide6 desktop views. They show the core's state and forward user actions; no rules."""
