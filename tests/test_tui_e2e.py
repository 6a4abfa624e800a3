"""Provides the end-to-end test: `evenside play` in a real terminal (tmux), read off the screen."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import require_tool

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

WAIT_S = 15.0
"""Generous: the machine is shared; this bounds a hang, it does not measure speed."""

DIGIT_GLYPHS = re.compile(r"[┏┓┗┛┃━╺╸╻╹┣┫]")
LETTERS = re.compile(r"[A-Za-z]")


class Terminal:
    """A tmux server on a private socket running one command in a 100x30 pane."""

    def __init__(self, socket: str, config: Path) -> None:
        self.base = ["tmux", "-L", socket, "-f", str(config)]

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [*self.base, *args], capture_output=True, text=True, check=True, timeout=WAIT_S
        )
        return done.stdout

    def screen(self) -> list[str]:
        return self.run("capture-pane", "-p", "-t", "play").splitlines()

    def wait_for(self, test: Callable[[list[str]], bool], what: str) -> list[str]:
        deadline = time.monotonic() + WAIT_S
        while True:
            lines = self.screen()
            if test(lines):
                return lines
            if time.monotonic() > deadline:
                pytest.fail(f"timed out waiting for {what}; screen:\n" + "\n".join(lines))
            time.sleep(0.1)


def digit_lines(lines: list[str]) -> list[str]:
    """The lines of the big timer: digit glyphs and no words."""
    return [line for line in lines if DIGIT_GLYPHS.search(line) and not LETTERS.search(line)]


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    require_tool("tmux")
    config = tmp_path / "tmux.conf"
    # Keep the pane after the program exits, so the test can read how it ended.
    config.write_text("set -g remain-on-exit on\n")
    socket = f"evenside-test-{os.getpid()}"
    term = Terminal(socket, config)
    yield term
    subprocess.run([*term.base, "kill-server"], capture_output=True, timeout=WAIT_S)


def test_play_in_a_real_terminal(terminal: Terminal, tmp_path: Path) -> None:
    routine = tmp_path / "tiny.yaml"
    routine.write_text(TINY_ROUTINE)
    evenside = Path(sys.executable).parent / "evenside"
    env = [f"-e{name}={os.environ[name]}" for name in os.environ if name.startswith("XDG_")]
    # The shell writes evenside's exit status: tmux 3.3 sometimes leaves an exited pane
    # process unreaped, so its own pane_dead_status cannot be relied on.
    status = tmp_path / "status"
    play = f"{shlex.quote(str(evenside))} play {shlex.quote(str(routine))} --mute"
    command = f"{play}; echo $? > {shlex.quote(str(status))}"
    terminal.run(
        "new-session",
        "-d",
        "-s",
        "play",
        "-x",
        "100",
        "-y",
        "30",
        *env,
        "-e",
        "HOME=" + os.environ["HOME"],
        command,
    )

    first = terminal.wait_for(
        lambda lines: "Side lunge" in "\n".join(lines) and "LEFT" in "\n".join(lines),
        "the exercise and LEFT",
    )
    # The digits move on their own.
    terminal.wait_for(
        lambda lines: bool(digit_lines(lines)) and digit_lines(lines) != digit_lines(first),
        "the digits to move",
    )

    terminal.run("send-keys", "-t", "play", "Space")
    paused = terminal.wait_for(lambda lines: "PAUSED" in "\n".join(lines), "PAUSED")
    time.sleep(2.2)  # more than two whole seconds: a running timer would have changed
    still = terminal.screen()
    assert "PAUSED" in "\n".join(still)
    assert digit_lines(still) == digit_lines(paused)

    terminal.run("send-keys", "-t", "play", "q")
    terminal.wait_for(lambda lines: "Stop this session?" in "\n".join(lines), "the stop question")
    terminal.run("send-keys", "-t", "play", "y")
    # Stopping shows the summary; q leaves it and ends the program.
    terminal.wait_for(lambda lines: "Session stopped" in "\n".join(lines), "the summary")
    terminal.run("send-keys", "-t", "play", "q")
    deadline = time.monotonic() + WAIT_S
    while not (status.exists() and status.read_text().strip()):
        if time.monotonic() > deadline:
            pytest.fail("evenside did not exit:\n" + "\n".join(terminal.screen()))
        time.sleep(0.1)
    assert status.read_text().strip() == "0"
