"""Provides `noting_frames`: an app class that notes, at each frame it draws, what its screen held.

Every frame goes through `App._display` (Textual's own; headless, it only skips
the write to the terminal), so what a note says is what that frame showed.
bench/bench_history_screen.py times the first frame the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App
from textual.screen import Screen

AppT = TypeVar("AppT", bound=App[Any])


def noting_frames(app_class: type[AppT], note: Callable[[Screen[Any]], object]) -> type[AppT]:
    """`app_class`, appending `note(screen)` to its `frames` for every frame it draws."""

    class NotingApp(app_class):  # type: ignore[valid-type, misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.frames: list[object] = []

        def _display(self, screen: Screen[Any], renderable: Any) -> None:
            if renderable is not None and screen is self.screen:
                self.frames.append(note(screen))
            super()._display(screen, renderable)

    return NotingApp
