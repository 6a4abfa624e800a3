"""Provides the skip-then-pay end-to-end test: do what the app asks, and the balance is even.

`evenside play` runs in tmux (a private socket). The right side of a
both-sides hold is skipped with `n`, the session stopped, and on the summary
`o` plays the owed right side to its end. Then `evenside balance` (text and
`--format json`) must show both sides even, nothing neglected, nothing owed
(docs/balance.md: skipped time is never work; paying adds no new debt).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.support.evenside_process import EVENSIDE_SCRIPT, shell_line
from tests.support.routine_files import write_routine
from tests.support.tmux_terminal import WAIT_S, TmuxTerminal, run_with_status, wait_for_exit

# After the lunge a long rest: the session is still going when it is stopped there, with
# the left side done and the right one skipped. The owed routine then does the right hold.
EVEN_HIPS = """\
name: Even hips
defaults:
  prep: 1s
steps:
  - exercise: Side lunge
    id: side-lunge
    hold: 3s
    sides: both
    switch: 1s
  - rest: 40s
  - exercise: Hip circle
    hold: 3s
"""


def balance(*args: str) -> str:
    done = subprocess.run(
        [str(EVENSIDE_SCRIPT), "balance", *args],
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        check=True,
    )
    return done.stdout


@pytest.mark.slow
def test_skipping_the_right_then_doing_it_from_the_summary_leaves_both_sides_even(
    terminal: TmuxTerminal, tmp_path: Path
) -> None:
    routine = write_routine(tmp_path, EVEN_HIPS, "even-hips.yaml")
    status = tmp_path / "status"
    terminal.start(run_with_status(shell_line("play", routine, "--mute"), status))
    terminal.wait_for(lambda s: "Side lunge" in s and "LEFT" in s, "the left side")
    # The first right hold (not the switch before it): skip it, with time already on it.
    terminal.wait_for(lambda s: "RIGHT" in s and "Work" in s, "the right side's hold")
    terminal.keys("n")
    terminal.wait_for(lambda s: "Rest" in s and "Hip circle" in s, "the rest before Hip circle")
    terminal.keys("q")
    terminal.wait_for(lambda s: "Stop this session?" in s, "the stop question")
    terminal.keys("y")
    summary = terminal.wait_for(lambda s: "Session stopped" in s, "the summary")
    assert "Right side of Side lunge is owed." in summary
    assert "Press o to do it now." in summary
    terminal.keys("o")
    terminal.wait_for(lambda s: "Owed sides: Even hips" in s or "RIGHT" in s, "the owed session")
    done = terminal.wait_for(lambda s: "Routine complete" in s, "the owed session's summary")
    assert "Owed sides: Even hips" in done
    terminal.keys("q")
    assert wait_for_exit(terminal, status) == 0

    report = json.loads(balance("--format", "json"))
    (lunge,) = report["exercises"]
    assert lunge["id"] == "side-lunge"
    assert lunge["neglected"] is None
    assert lunge["left"]["ratio"] == lunge["right"]["ratio"] == 1.0
    # One set a side: the skipped right hold's time is no work, the owed one is.
    assert (lunge["left"]["sets"], lunge["right"]["sets"]) == (1, 1)
    assert lunge["left"]["seconds"] == lunge["right"]["seconds"] == 3.0
    assert report["owed"] == []

    table = balance()
    assert "neglected" not in table
    assert "owed" not in table
    assert "1 set, 3 s, 100% | 1 set, 3 s, 100%" in table
