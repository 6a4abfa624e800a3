"""Tests the red-flag notes read from routine descriptions, bundled routines included."""

from __future__ import annotations

from evenside.report.red_flags import red_flag_notes, routines_red_flags


def test_only_the_sentences_saying_to_see_a_doctor_are_kept() -> None:
    description = (
        "Three stretches for tight hip flexors.\n\nSafety: evenside is not medical advice. "
        "Ease off if pain rises.\nStop and see a doctor if you have fever with the pain,\n"
        "or leg weakness. Call your GP if it spreads! Breathe out."
    )
    assert red_flag_notes(description) == (
        "Stop and see a doctor if you have fever with the pain, or leg weakness.",
        "Call your GP if it spreads!",
    )
    assert red_flag_notes(None) == red_flag_notes("Nothing to see here.") == ()


def test_every_bundled_routine_played_brings_its_red_flags() -> None:
    found = routines_red_flags(["Psoas stretches", "Desk break", "Not a routine"])
    assert set(found) == {"Psoas stretches", "Desk break"}
    for notes in found.values():
        assert len(notes) == 1 and notes[0].startswith("Stop and see a doctor")
