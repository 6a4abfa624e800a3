"""Provides the player's keys as the footer shows them (the README lists them too)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

PLAYER_KEYS: list[BindingType] = [
    Binding("space", "toggle_pause", "Pause"),
    Binding("n,right", "skip", "Skip", key_display="n/→"),
    Binding("b,left", "back", "Back", key_display="b/←"),
    # One footer entry for both, so every key (m and v too) fits in 60 columns.
    Binding("plus,equals_sign", "adjust(1)", "10s", key_display="+/-"),
    Binding("minus", "adjust(-1)", "10s", show=False),
    Binding("enter", "finish_set", "Done", key_display="⏎"),
    Binding("q", "ask_stop", "Stop"),
    Binding("m", "toggle_mute", "Sound"),
    Binding("v", "toggle_voice", "Voice"),
    # The pain panel's keys; the panel itself says how to use them.
    Binding("l", "pain_side('left')", "Pain left", show=False),
    Binding("r", "pain_side('right')", "Pain right", show=False),
    *(Binding(str(d), f"pain_digit({d})", f"Pain {d}", show=False) for d in range(10)),
]
