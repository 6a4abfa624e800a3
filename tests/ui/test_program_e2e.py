"""Provides the programs end-to-end test in a real terminal (tmux): `program use`, the library
opens on Today, enter plays the routine due, and `today --format json` counts it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evenside import locations
from tests.support.evenside_process import run_evenside, shell_line
from tests.support.program_sim import QUICK_STRETCH, write_program
from tests.support.tmux_terminal import TmuxTerminal, run_with_status, wait_for_exit


@pytest.mark.slow
def test_use_a_program_play_today_from_the_library_and_count_it(
    terminal: TmuxTerminal, tmp_path: Path
) -> None:
    write_program(locations.user_routines_dir(), stretch=QUICK_STRETCH)
    used = run_evenside("program", "use", "test-rehab")
    assert used.returncode == 0, used.stderr

    status = tmp_path / "status"
    terminal.start(run_with_status(shell_line(), status))
    terminal.wait_for(
        lambda s: "Today · Test rehab · week 1 of 6" in s and "enter plays Supine stretch" in s,
        "the Today section",
    )
    assert "Supine stretch 0/2" in terminal.text()
    terminal.keys("Enter")
    terminal.wait_for(lambda s: "Supine release" in s, "the player on Supine release")
    terminal.wait_for(lambda s: "Time taken" in s, "the summary")
    terminal.keys("q")  # leave the summary: back to the library, its Today read again
    terminal.wait_for(lambda s: "Supine stretch 1/2" in s, "one of two done in Today")
    terminal.keys("q")
    assert wait_for_exit(terminal, status) == 0

    today = json.loads(run_evenside("today", "--format", "json").stdout)
    assert today["program"] == "Test rehab" and today["week"] == 1
    assert today["due"][0] == {"routine": "stretch", "times": 2, "done": 1}
