"""Provides the options a routine is played with, as given on the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PlayOptions:
    """How to play a routine (`evenside play` flags)."""

    mute: bool = False
    """No sound at all."""
    no_voice: bool = False
    """Tones only, no spoken steps."""
    trace: Path | None = None
    """Write every event with its planned and actual time to this file, as JSON lines."""
    plain: bool = False
    """No TUI: one readable line per event."""
    rate: bool = False
    """Offer the pain rating (per side, 0-10) before and after the session."""
    record: bool = True
    """Write the session to the history (`--no-history` turns it off)."""
    pan: bool = False
    """Left-side cues in the left ear, right-side cues in the right (`--pan`)."""
