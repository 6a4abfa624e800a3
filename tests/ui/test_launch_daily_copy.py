"""Tests that the TUI player's exit path (ui/launch.py) leaves today's copy of the history,
holding the session just played, in a real terminal."""

from __future__ import annotations

import shlex
import time
from pathlib import Path

import pytest

from evenside.history.backups import copy_path
from evenside.history.timestamps import local_today
from evenside.locations import history_path
from tests.support.damaged_history import held_sessions
from tests.support.evenside_process import shell_line
from tests.support.routine_files import write_routine
from tests.support.tmux_terminal import TmuxTerminal, wait_for_exit

HOLD = """\
name: Copy e2e
defaults:
  prep: 1s
steps:
  - exercise: Side lunge
    hold: 40s
    sides: both
"""


@pytest.mark.slow
def test_leaving_the_player_makes_todays_copy_with_the_session(
    terminal: TmuxTerminal, tmp_path: Path
) -> None:
    routine = write_routine(tmp_path, HOLD, "hold.yaml")
    status = tmp_path / "status"
    terminal.start(f"{shell_line('play', routine, '--mute')}; echo $? > {shlex.quote(str(status))}")
    terminal.wait_for(lambda s: "Side lunge" in s and "LEFT" in s, "the left hold")
    time.sleep(1.5)
    assert not copy_path(history_path(), local_today()).exists()  # never before the exit
    terminal.keys("C-q")
    assert wait_for_exit(terminal, status) == 0
    copy = copy_path(history_path(), local_today())
    (session,) = held_sessions(copy).values()
    assert session["status"] == "stopped" and session["intervals"]
    assert held_sessions(copy) == held_sessions(history_path())
