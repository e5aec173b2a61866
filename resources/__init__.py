"""Data files: presets, prompt wording, icons, styles and the sample interview recording.

Read them through :mod:`companion.resources`, which works from a checkout and from a wheel.
"""
