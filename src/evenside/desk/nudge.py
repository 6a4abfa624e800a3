"""Provides the break nudge: the terminal bell and a desktop notification, never blocking.

The notification goes through the platform's own tool (`notify-send` on Linux,
`osascript` on macOS) started with Popen and never waited on, so a slow or
hung notification daemon cannot hold up the reminder. Where there is no such
tool (a server, a container, Windows), the nudge is silently just the bell.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from typing import TextIO

BELL = "\a"


def notification_command(title: str, body: str, platform: str | None = None) -> list[str] | None:
    """The command line that raises a desktop notification here, or None where there is none."""
    platform = sys.platform if platform is None else platform
    if platform.startswith("linux") or "bsd" in platform:
        program = shutil.which("notify-send")
        if program is None:
            return None
        return [program, "--app-name=evenside", title, body]
    if platform == "darwin":
        program = shutil.which("osascript")
        if program is None:
            return None
        script = f"display notification {_applescript_string(body)} with title " + (
            _applescript_string(title)
        )
        return [program, "-e", script]
    return None


def _applescript_string(text: str) -> str:
    # AppleScript string literals escape only the backslash and the double quote.
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def notify(title: str, body: str, platform: str | None = None) -> subprocess.Popen[bytes] | None:
    """Raise a desktop notification without waiting for it; None when the platform has none."""
    command = notification_command(title, body, platform)
    if command is None:
        return None
    try:
        # No wait: the child is reaped by the subprocess module's own bookkeeping later.
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return None


def ring_bell(stream: TextIO | None = None) -> None:
    """Ring the terminal bell on `stream` (stdout by default)."""
    out = sys.stdout if stream is None else stream
    try:
        out.write(BELL)
        out.flush()
    except (OSError, ValueError):
        # A closed or broken terminal must not take the reminder down with it.
        pass


@dataclass(frozen=True)
class Nudger:
    """How a due break announces itself."""

    bell: bool = True
    """Ring the terminal bell (off with --mute)."""
    desktop: bool = True
    """Raise a desktop notification where the platform has one."""

    def nudge(self, title: str, body: str, stream: TextIO | None = None) -> None:
        """Ring and notify, returning at once."""
        if self.bell:
            ring_bell(stream)
        if self.desktop:
            notify(title, body)
