"""How the caseworker sets the window up, remembered: compact beside the call, always on top,
the theme, the text size, the window's place, the last preset and language, the devices. One
settings object, loaded once by the window, saved off the UI thread whenever it changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QWidget

from companion.settings import Settings
from ui.jobs import Jobs
from ui.theme import THEMES, apply_theme, scale_font
from ui.widgets.clock_panel import ClockPanel


def add_action(
    owner: QObject,
    menu: QMenu,
    text: str,
    keys: str,
    slot: Callable[..., Any],
    toggle: bool = False,
) -> QAction:
    """A menu entry with its shortcuts (``keys`` separated by spaces)."""
    action = QAction(text, owner, checkable=toggle)
    action.setShortcuts([QKeySequence(k) for k in keys.split()])
    (action.toggled if toggle else action.triggered).connect(slot)
    menu.addAction(action)
    return action


class ViewOptions(QObject):
    """The View menu's choices for one window, applied and remembered."""

    def __init__(
        self,
        window: QMainWindow,
        settings: Settings,
        jobs: Jobs,
        hidden_when_compact: list[QWidget],
        clock_panel: ClockPanel,
        on_theme: Callable[[bool], None],
    ) -> None:
        super().__init__(window)
        self._window, self.settings, self._jobs = window, settings, jobs
        self._hidden, self._clock_panel, self._on_theme = hidden_when_compact, clock_panel, on_theme
        self._wide_width = 1180
        view = window.menuBar().addMenu("&View")
        self.compact = add_action(
            self, view, "&Compact (beside the call)", "Ctrl+Shift+C", self.set_compact, True
        )
        self.on_top = add_action(
            self, view, "Always on &top", "Ctrl+Shift+T", self.set_always_on_top, True
        )
        self.dark = add_action(
            self,
            view,
            "&Dark theme",
            "Ctrl+Shift+D",
            lambda on: self.set_theme("dark" if on else "light"),
            True,
        )
        add_action(self, view, "&Larger text", "Ctrl+= Ctrl++", lambda: self.font_step(+1))
        add_action(self, view, "&Smaller text", "Ctrl+-", lambda: self.font_step(-1))

    def apply(self) -> None:
        """Set the window up as it was left last time."""
        remembered = self.settings.window
        if remembered.geometry:
            self._window.restoreGeometry(QByteArray.fromHex(remembered.geometry.encode("ascii")))
        self.dark.setChecked(remembered.theme == "dark")
        self.on_top.setChecked(remembered.always_on_top)
        self.compact.setChecked(remembered.compact)
        app = QApplication.instance()
        if remembered.text_step and isinstance(app, QApplication):
            scale_font(app, remembered.text_step)

    def set_compact(self, compact: bool) -> None:
        """Compact: the clock and the prompts only, narrow enough to sit beside the call."""
        for widget in self._hidden:
            widget.setVisible(not compact)
        self._clock_panel.set_compact(compact)
        window = self._window
        if compact and window.width() > 480:
            self._wide_width = window.width()
        width = 420 if compact else self._wide_width
        # Once the layouts have taken the change in (the minimum width drops in compact mode).
        QTimer.singleShot(0, lambda: window.resize(width, window.height()))
        self.compact.setChecked(compact)
        self.remember(compact=compact)

    def set_always_on_top(self, on_top: bool) -> None:
        """Keep the window above the video call."""
        self._window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on_top)
        self._window.show()
        self.remember(always_on_top=on_top)

    def set_theme(self, name: str) -> None:
        """Light or dark."""
        app = QApplication.instance()
        if name in THEMES and isinstance(app, QApplication):
            apply_theme(app, name)
        self._on_theme(name == "dark")
        self.remember(theme=name)

    def font_step(self, step: int) -> None:
        """Larger (+1) or smaller (-1) text."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            scale_font(app, step)
            self.remember(text_step=self.settings.window.text_step + step)

    def remember(self, **changes: Any) -> None:
        """Keep these window settings (saved off the UI thread if anything changed)."""
        window = self.settings.window
        if any(getattr(window, k) != v for k, v in changes.items()):
            for key, value in changes.items():
                setattr(window, key, value)
            self._jobs.run(self.settings.save)
