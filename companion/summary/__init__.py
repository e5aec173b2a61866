"""The post-interview reflection summary (one implementation for screen, CLI and exports)."""
