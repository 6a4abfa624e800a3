"""Provides the player's keys: the bindings, the key bar's hints and the `?` list.

The README's table of keys says the same as `KEYS_HELP`.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from evenside.ui.widgets.key_bar import KeyHint

PLAYER_KEYS: list[BindingType] = [
    Binding("space", "toggle_pause", "Pause"),
    Binding("n,right", "skip", "Skip"),
    Binding("b,left", "back", "Back"),
    Binding("plus,equals_sign", "adjust(1)", "+10s"),
    Binding("minus", "adjust(-1)", "-10s"),
    Binding("enter", "finish_set", "Done"),
    Binding("q", "ask_stop", "Stop"),
    Binding("m", "toggle_mute", "Sound"),
    Binding("v", "toggle_voice", "Voice"),
    Binding("question_mark", "keys_help", "Keys"),
    # The pain panel's keys; the panel itself says how to use them.
    Binding("l", "pain_side('left')", "Pain left"),
    Binding("r", "pain_side('right')", "Pain right"),
    *(Binding(str(d), f"pain_digit({d})", f"Pain {d}") for d in range(10)),
]

KEYS_HELP: list[tuple[str, str]] = [
    ("space", "pause / resume"),
    ("n or →", "skip to the next interval"),
    ("b or ←", "back to the start of this interval, or the previous one"),
    ("+ / -", "add or take 10 s"),
    ("enter", "finish an untimed set of reps"),
    ("l or r, 0-9", "pain before, left or right (1 then 0 for 10)"),
    ("m", "sound on or off"),
    ("v", "voice on or off"),
    ("q", "stop, after a yes/no question"),
    ("ctrl+q", "leave at once (what you did is kept)"),
    ("?", "this list"),
]
"""Every key of the player, for the `?` screen."""


def key_hints(*, paused: bool, untimed: bool, sound: bool) -> list[KeyHint]:
    """The key bar's keys for the player's state, the ones that matter most first in
    priority: pause, done (for an untimed set), stop and `?` always stay."""
    hints = [KeyHint("space", "Resume" if paused else "Pause", "screen.toggle_pause")]
    if untimed:
        hints.append(KeyHint("⏎", "Done", "screen.finish_set"))
    hints.append(KeyHint("n", "Skip", "screen.skip", priority=1))
    hints.append(KeyHint("b", "Back", "screen.back", priority=3))
    if not untimed:
        hints.append(KeyHint("+/-", "10s", "screen.adjust(1)", priority=4))
    hints.append(KeyHint("q", "Stop", "screen.ask_stop"))
    if sound:
        hints.append(KeyHint("m", "Sound", "screen.toggle_mute", priority=2))
        hints.append(KeyHint("v", "Voice", "screen.toggle_voice", priority=5))
    hints.append(KeyHint("?", "Keys", "screen.keys_help"))
    return hints
