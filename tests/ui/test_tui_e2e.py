"""Provides the end-to-end test: `evenside play` in a real terminal (tmux), read off the screen."""

from __future__ import annotations

import re
import shlex
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.tmux_terminal import (
    TmuxTerminal,
    private_terminal,
    run_with_status,
    wait_for_exit,
)

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


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[TmuxTerminal]:
    with private_terminal(tmp_path, "evenside-test", "play") as term:
        yield term


def test_play_in_a_real_terminal(terminal: TmuxTerminal, tmp_path: Path) -> None:
    routine = tmp_path / "tiny.yaml"
    routine.write_text(TINY_ROUTINE)
    evenside = Path(sys.executable).parent / "evenside"
    status = tmp_path / "status"
    play = f"{shlex.quote(str(evenside))} play {shlex.quote(str(routine))} --mute"
    terminal.start(run_with_status(play, status))

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
