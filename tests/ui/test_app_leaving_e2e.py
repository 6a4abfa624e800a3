"""Provides the end-to-end tests of leaving the TUI mid-hold: every way is a clean stop.

ctrl+q, SIGTERM and a closed terminal (SIGHUP) each leave the session recorded
"stopped" with the hold in progress kept as partial, and (where the terminal
is still there to ask) the terminal back in its normal mode.
"""

from __future__ import annotations

import os
import shlex
import signal
import time
from pathlib import Path

import pytest

from evenside.history.store import process_running
from tests.support.evenside_process import shell_line
from tests.support.history_fixtures import opened_history
from tests.support.routine_files import write_routine
from tests.support.tmux_terminal import TmuxTerminal, wait_for_exit

HOLD_ROUTINE = """\
name: Leaving e2e
defaults:
  prep: 1s
steps:
  - exercise: Side lunge
    hold: 40s
    sides: both
"""


def start_in_a_hold(terminal: TmuxTerminal, tmp_path: Path) -> tuple[int, Path]:
    """Play the routine until two seconds into the left hold; its pid and status file."""
    routine = write_routine(tmp_path, HOLD_ROUTINE, "hold.yaml")
    pid_file, status, stty = tmp_path / "pid", tmp_path / "status", tmp_path / "stty"
    play = shell_line("play", routine, "--mute")
    # `exec` keeps the pid written the player's own; the shell then reports how the
    # terminal was left and, last, the exit status: the status file is what the test
    # waits for, so the terminal's modes must already be on disk when it appears.
    line = (
        f"sh -c 'echo $$ > {shlex.quote(str(pid_file))}; exec {play}'; "
        f"rc=$?; stty -a > {shlex.quote(str(stty))}; echo $rc > {shlex.quote(str(status))}"
    )
    terminal.start(line)
    terminal.wait_for(lambda s: "Side lunge" in s and "LEFT" in s, "the left hold")
    time.sleep(2.0)
    return int(pid_file.read_text()), status


def the_recorded_session() -> tuple[str, list[tuple[str | None, str, int]]]:
    with opened_history() as store:
        (listed,) = store.sessions()
        session = store.session(listed.id)
        assert session is not None
        return session.status, [(i.side, i.status, i.actual_ms) for i in session.intervals]


def assert_stopped_with_the_hold_kept() -> None:
    status, intervals = the_recorded_session()
    assert status == "stopped"
    ((side, how, worked_ms),) = intervals
    assert (side, how) == ("left", "partial")
    # About a second of the hold was done (the badge shows LEFT from the 1 s prep on).
    assert 500 <= worked_ms < 40_000


def assert_terminal_restored(tmp_path: Path) -> None:
    modes = (tmp_path / "stty").read_text().split()
    assert "icanon" in modes and "echo" in modes, modes


@pytest.mark.slow
def test_ctrl_q_stops_the_session_cleanly(terminal: TmuxTerminal, tmp_path: Path) -> None:
    _, status = start_in_a_hold(terminal, tmp_path)
    terminal.keys("C-q")
    assert wait_for_exit(terminal, status) == 0
    assert_stopped_with_the_hold_kept()
    assert_terminal_restored(tmp_path)


@pytest.mark.slow
def test_sigterm_stops_the_session_and_restores_the_terminal(
    terminal: TmuxTerminal, tmp_path: Path
) -> None:
    pid, status = start_in_a_hold(terminal, tmp_path)
    os.kill(pid, signal.SIGTERM)
    assert wait_for_exit(terminal, status) == 128 + signal.SIGTERM
    assert_stopped_with_the_hold_kept()
    assert_terminal_restored(tmp_path)
    assert "Traceback" not in terminal.text()


@pytest.mark.slow
def test_a_closed_terminal_stops_the_session(terminal: TmuxTerminal, tmp_path: Path) -> None:
    pid, _ = start_in_a_hold(terminal, tmp_path)
    terminal.run("kill-session", "-t", terminal.target)
    deadline = time.monotonic() + 20
    # An exited player whose shell closed first waits as a zombie until whoever adopted it
    # reaps it (a container's first process may never): it has left all the same.
    while process_running(pid):
        if time.monotonic() > deadline:
            pytest.fail("the player did not leave when its terminal closed")
        time.sleep(0.1)
    assert_stopped_with_the_hold_kept()
