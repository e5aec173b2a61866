"""Window tests share one QApplication: each gets its style sheet and font back afterwards, so
no test sees another's theme or text size, whatever the order and whether it failed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _app_look_restored(qapp) -> Iterator[None]:
    from PySide6.QtGui import QFont

    sheet, font = qapp.styleSheet(), QFont(qapp.font())
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
