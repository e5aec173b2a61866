"""The store: SQLite (encrypted) and, in CI, PostgreSQL."""
