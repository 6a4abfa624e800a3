"""Tests evenside without a terminal: plain lines instead of the TUI, said once, never spinning."""

from __future__ import annotations

import resource
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.evenside_process import EVENSIDE, run_evenside, shell_line
from tests.support.routine_files import write_routine
from tests.support.tmux_terminal import TmuxTerminal, run_with_status, wait_for_exit

pytestmark = pytest.mark.slow

HOLD = """\
name: No terminal
defaults: {prep: 1s}
steps:
  - exercise: Plank
    hold: 4s
"""


def test_a_log_gets_plain_lines_no_escape_codes_and_the_cpu_stays_idle(tmp_path: Path) -> None:
    routine = write_routine(tmp_path, HOLD)
    log = tmp_path / "log"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with log.open("wb") as out:
        done = subprocess.run(
            [*EVENSIDE, "play", str(routine)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().splitlines()[0] == (
        "evenside play: stdin is not a terminal, so it plays in plain mode (--plain)."
    )
    text = log.read_bytes()
    assert b"\x1b" not in text
    assert b"Plank: hold 4 s" in text and b"Routine complete: No terminal" in text
    # Five seconds of routine: a busy loop would use them all; start-up takes well under 2.
    cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert cpu_s < 2.5, f"{cpu_s:.2f} s of CPU for a 5 s routine"


def run_with_stdin_closed(*args: str | Path) -> subprocess.CompletedProcess[str]:
    line = shlex.join([*EVENSIDE, *map(str, args)]) + " <&-"
    return subprocess.run(
        ["sh", "-c", line], capture_output=True, text=True, timeout=60, check=False
    )


def test_a_closed_stdin_plays_to_the_end(tmp_path: Path) -> None:
    done = run_with_stdin_closed("play", write_routine(tmp_path, HOLD))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "stdin is closed, so it plays in plain mode" in done.stderr
    assert "routine complete, 0:05" in done.stdout


def test_remind_with_a_closed_stdin_ends_cleanly() -> None:
    done = run_with_stdin_closed("remind", "desk-break")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.endswith("No more input: the reminder stops.\n")


def test_the_library_says_it_needs_a_terminal() -> None:
    done = run_evenside(stdin=subprocess.DEVNULL)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("Error: the routine library needs a terminal (stdin is not")
    assert "\x1b" not in done.stderr


def test_the_history_screen_says_it_needs_a_terminal() -> None:
    done = run_evenside("history", stdin=subprocess.DEVNULL)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("Error: the history screen needs a terminal (stdin is not")


def test_remind_without_a_terminal_waits_in_plain_lines() -> None:
    done = run_evenside("remind", "desk-break", stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert "evenside remind: stdin is not a terminal, so it plays in plain mode" in done.stderr
    assert done.stdout.startswith("Next break in 55:00; today 0 of 8 breaks")
    assert "No more input: the reminder stops." in done.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="tmux")
def test_term_dumb_gets_plain_lines(terminal: TmuxTerminal, tmp_path: Path) -> None:
    routine = write_routine(tmp_path, HOLD)
    status = tmp_path / "status"
    terminal.start(run_with_status(f"TERM=dumb {shell_line('play', routine)}", status))
    terminal.wait_for(lambda s: "Routine complete: No terminal" in s, "the plain summary")
    screen = terminal.text()
    assert "TERM is dumb, so it plays in plain mode (--plain)." in screen
    assert "Plank: hold 4 s" in screen
    terminal.wait_for(lambda s: "Pain after, overall (0-10" in s, "the pain question")
    terminal.keys("Enter")
    assert wait_for_exit(terminal, status) == 0
