"""Provides the end-to-end test: `evenside play` in a real terminal (tmux), read off the screen."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.support.evenside_process import shell_line
from tests.support.routine_files import write_routine
from tests.support.tmux_terminal import TmuxTerminal, run_with_status, wait_for_exit

TINY_ROUTINE = """\
name: Tiny e2e
defaults:
  prep: 2s
steps:
  - exercise: Side lunge
    cue: Sit back into the hip.
    hold: 40s
    sides: both
"""


DIGIT_GLYPHS = re.compile(r"[┏┓┗┛┃━╺╸╻╹┣┫]")
LETTERS = re.compile(r"[A-Za-z]")


def digit_lines(screen: str) -> list[str]:
    """The lines of the big timer: digit glyphs and no words."""
    return [
        line
        for line in screen.splitlines()
        if DIGIT_GLYPHS.search(line) and not LETTERS.search(line)
    ]


@pytest.mark.slow
def test_play_in_a_real_terminal(terminal: TmuxTerminal, tmp_path: Path) -> None:
    routine = write_routine(tmp_path, TINY_ROUTINE, "tiny.yaml")
    status = tmp_path / "status"
    terminal.start(run_with_status(shell_line("play", routine, "--mute"), status))

    first = terminal.wait_for(lambda s: "Side lunge" in s and "LEFT" in s, "the exercise and LEFT")
    # The digits move on their own.
    terminal.wait_for(
        lambda s: bool(digit_lines(s)) and digit_lines(s) != digit_lines(first),
        "the digits to move",
    )

    terminal.keys("Space")
    paused = terminal.wait_for(lambda s: "PAUSED" in s, "PAUSED")
    time.sleep(2.2)  # more than two whole seconds: a running timer would have changed
    still = terminal.text()
    assert "PAUSED" in still
    assert digit_lines(still) == digit_lines(paused)

    terminal.keys("q")
    terminal.wait_for(lambda s: "Stop this session?" in s, "the stop question")
    terminal.keys("y")
    # Stopping shows the summary; q leaves it and ends the program.
    terminal.wait_for(lambda s: "Session stopped" in s, "the summary")
    terminal.keys("q")
    assert wait_for_exit(terminal, status) == 0


def test_play_on_a_phone_sized_terminal(terminal: TmuxTerminal, tmp_path: Path) -> None:
    routine = write_routine(tmp_path, TINY_ROUTINE, "tiny.yaml")
    status = tmp_path / "status"
    # Without LINES and COLUMNS, which pytest's process may carry (80x24) and which would
    # override the terminal's own size.
    command = "env -u LINES -u COLUMNS " + shell_line("play", routine, "--mute")
    terminal.start(run_with_status(command, status), 40, 15)
    screen = terminal.wait_for(
        lambda s: all(w in s for w in ("Side lunge", "LEFT", "Next:", "? Keys")),
        "the exercise, what is next and the keys",
    )
    keys = [line for line in screen.splitlines() if "Stop" in line]
    # The keys that matter, not just "q": pause, skip, stop and the list of all keys.
    assert keys and all(k in keys[-1] for k in ("space", "n Skip", "q Stop", "? Keys"))
    nexts = [line for line in screen.splitlines() if "Next:" in line]
    assert nexts and "LEFT" in nexts[0], screen
    terminal.keys("?")
    terminal.wait_for(lambda s: "pause / resume" in s and "sound on or off" in s, "every key")
    terminal.keys("Escape")
    # Apart: escape then q at once reads as alt+q.
    terminal.wait_for(lambda s: "pause / resume" not in s, "the list to close")
    terminal.keys("q")
    terminal.wait_for(lambda s: "Stop this session?" in s and "Go on (n)" in s, "the question")
    terminal.keys("y")
    summary = terminal.wait_for(lambda s: "Session stopped" in s, "the summary")
    assert all(column in summary for column in ("Done", "Skip", "Time"))
    terminal.keys("q")
    assert wait_for_exit(terminal, status) == 0
