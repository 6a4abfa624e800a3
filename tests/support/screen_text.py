"""Provides `screen_text`: what a Pilot-run app shows, as lines of plain text.

Read from the compositor, as the terminal would receive it: what is cut off
at the screen's edge is not there, which is what the size tests look for.
"""

from __future__ import annotations

from textual.app import App


def screen_lines(app: App[object]) -> list[str]:
    """The screen on show, one string per terminal line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app: App[object]) -> str:
    """The screen on show, its lines joined."""
    return "\n".join(screen_lines(app))
