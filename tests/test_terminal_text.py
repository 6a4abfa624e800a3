"""Tests `safe_text`: escapes from routine files and imports never reach the terminal."""

from __future__ import annotations

import pytest

from evenside.terminal_text import safe_text


def test_plain_words_pass_unchanged_including_accents_and_emoji() -> None:
    for text in ("Runner's lunge", "Étirement du psoas", "Knee on a towel 🧘", "左 / 右"):
        assert safe_text(text) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;pwned\x07Lunge", "␛]0;pwned␇Lunge"),
        ("\x1b[8mhidden", "␛[8mhidden"),
        ("a\rb", "a␍b"),
        ("nul\x00", "nul␀"),
        ("del\x7f", "del␡"),
        ("c1\x9b31m", "c1<U+009B>31m"),
        ("line\u2028sep", "line<U+2028>sep"),
        ("zero\u200bwidth", "zero<U+200B>width"),
        ("bidi\u202eevil", "bidi<U+202E>evil"),
        ("\ufeffbom", "<U+FEFF>bom"),
    ],
)
def test_control_and_invisible_characters_are_shown_as_placeholders(text: str, shown: str) -> None:
    assert safe_text(text) == shown
    assert "\x1b" not in safe_text(text)


def test_newlines_pass_only_when_asked_and_tabs_become_spaces() -> None:
    assert safe_text("Stop if:\n- numbness\tor tingling") == "Stop if:␊- numbness or tingling"
    assert safe_text("Stop if:\n- numbness", keep_newlines=True) == "Stop if:\n- numbness"
