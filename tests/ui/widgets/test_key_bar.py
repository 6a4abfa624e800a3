"""Tests the key bar: the keys that matter stay at any width, the order kept."""

from __future__ import annotations

from evenside.ui.widgets.key_bar import KeyHint, fit_hints, hints_content

HINTS = [
    KeyHint("space", "Pause", "screen.toggle_pause"),
    KeyHint("n", "Skip", "screen.skip", priority=1),
    KeyHint("b", "Back", "screen.back", priority=3),
    KeyHint("+/-", "10s", "screen.adjust(1)", priority=4),
    KeyHint("q", "Stop", "screen.ask_stop"),
    KeyHint("m", "Sound", "screen.toggle_mute", priority=2),
    KeyHint("v", "Voice", "screen.toggle_voice", priority=5),
    KeyHint("?", "Keys", "screen.keys_help"),
]


def keys(hints: list[KeyHint]) -> list[str]:
    return [h.key for h in hints]


def test_everything_fits_a_wide_line() -> None:
    line = hints_content(fit_hints(HINTS, 78)).plain
    assert line == "space Pause  n Skip  b Back  +/- 10s  q Stop  m Sound  v Voice  ? Keys"


def test_a_narrow_line_drops_the_least_needed_first_and_keeps_the_order() -> None:
    assert keys(fit_hints(HINTS, 64)) == ["space", "n", "b", "+/-", "q", "m", "?"]
    assert keys(fit_hints(HINTS, 60)) == ["space", "n", "b", "q", "m", "?"]
    assert keys(fit_hints(HINTS, 50)) == ["space", "n", "q", "m", "?"]
    narrow = fit_hints(HINTS, 38)  # a 40-column phone
    assert keys(narrow) == ["space", "n", "q", "?"]
    assert len(hints_content(narrow).plain) <= 38


def test_the_keys_that_must_stay_stay_even_when_they_do_not_fit() -> None:
    assert keys(fit_hints(HINTS, 10)) == ["space", "q", "?"]


def test_a_click_runs_the_keys_action() -> None:
    content = hints_content(HINTS[:1])
    actions = [str(span.style) for span in content.spans]
    assert any("screen.toggle_pause" in style for style in actions)
