"""Tests the first session's note: reflowed paragraphs, the "Safety:" one first, nothing raw."""

from __future__ import annotations

from evenside.ui.screens.player_screen.safety_note import first_session_note, paragraphs

DESCRIPTION = """\
Three stretches for tight hip flexors: a lunge,
a supine release and a chair stretch.

Source: a book
on psoas pain.

Safety: evenside is not medical advice.
Stop and see a doctor if you have fever with the pain.
"""


def test_paragraphs_are_reflowed_one_line_each() -> None:
    assert paragraphs(DESCRIPTION) == [
        "Three stretches for tight hip flexors: a lunge, a supine release and a chair stretch.",
        "Source: a book on psoas pain.",
        "Safety: evenside is not medical advice. Stop and see a doctor if you have fever "
        "with the pain.",
    ]


def test_the_safety_paragraph_comes_first() -> None:
    note = first_session_note(DESCRIPTION)
    assert note.splitlines()[:2] == [
        "Before you start:",
        "Safety: evenside is not medical advice. Stop and see a doctor if you have fever "
        "with the pain.",
    ]
    assert note.index("Three stretches") < note.index("Source: a book")


def test_a_description_without_a_safety_paragraph_is_shown_whole() -> None:
    assert first_session_note("Go slowly.\nBreathe.") == "Before you start:\nGo slowly. Breathe."


def test_escapes_are_shown_not_sent() -> None:
    note = first_session_note("Safety: \x1b]0;title\x07 stop \x1b[8mhidden")
    assert "\x1b" not in note and "\x07" not in note
    assert "␛]0;title␇" in note and "␛[8mhidden" in note
