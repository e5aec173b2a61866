"""The SQLAlchemy data model and storage of interview sessions (Qt-free)."""
