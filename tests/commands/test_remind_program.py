"""Tests `evenside remind` with a program running and no routine named: today's routine."""

from __future__ import annotations

from evenside import locations
from tests.commands.test_remind_cmd import GUARD_S, Reader, start
from tests.support.evenside_process import run_evenside
from tests.support.program_sim import QUICK_STRETCH, write_program


def test_remind_without_a_routine_plays_the_one_due_today() -> None:
    write_program(locations.user_routines_dir(), stretch=QUICK_STRETCH)
    assert run_evenside("program", "use", "test-rehab").returncode == 0
    child = start(["--every", "1s", "--plain", "--mute"])
    assert child.stdin is not None
    out = Reader(child)
    try:
        assert out.until("Enter to start").startswith("Break: Supine stretch")
        child.stdin.close()
        out.until("No more input")
        assert child.wait(timeout=GUARD_S) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def test_remind_without_a_program_still_plays_the_desk_break() -> None:
    child = start(["--every", "1s", "--plain", "--mute"])
    assert child.stdin is not None
    out = Reader(child)
    try:
        assert out.until("Enter to start").startswith("Break: Desk break")
        child.stdin.close()
        out.until("No more input")
        assert child.wait(timeout=GUARD_S) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
