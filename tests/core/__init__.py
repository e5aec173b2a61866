"""The Qt-free core: no display, no database."""
