"""Fakes shared by the tests: time that moves only when told."""

from __future__ import annotations


class FakeTime:
    """Monotonic and calendar time that only move when told."""

    def __init__(self) -> None:
        self.t = 1000.0

    def now(self) -> float:
        return self.t

    def wall(self) -> float:
        return 1.7e9 + self.t
