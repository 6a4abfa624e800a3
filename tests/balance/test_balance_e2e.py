"""Provides the balance end-to-end test: skip the right side in a real terminal, then see it owed.

`evenside play` runs in tmux (a private socket); the right side is skipped
with `n` as it starts and the session stopped. Then `evenside balance
--format json` must flag the right, and the next `evenside play --plain`
must start its first work interval on the right (read from its trace).
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.evenside_process import EVENSIDE_SCRIPT, shell_line
from tests.support.tmux_terminal import (
    WAIT_S,
    TmuxTerminal,
    run_with_status,
    wait_for_exit,
)

# Short holds so the left side really finishes; two sets so that, with the first right
# set skipped, the session is still going when it is stopped.
BOTH_SIDES = """\
name: Even hips
defaults:
  prep: 1s
steps:
  - exercise: Side lunge
    id: side-lunge
    hold: 3s
    sides: both
    switch: 1s
    sets: 2
    rest: 30s
"""


def first_work_side(trace: Path, process: subprocess.Popen[str]) -> str:
    """Read the trace until the first work interval starts; its side."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if trace.exists():
            for line in trace.read_text().splitlines():
                record = json.loads(line)
                if record["event"] == "interval_start" and record["kind"] == "work":
                    return str(record["side"])
        if process.poll() is not None:
            break
        time.sleep(0.05)
    pytest.fail(
        "no work interval started; output:\n" + (process.stdout.read() if process.stdout else "")
    )


@pytest.mark.slow
def test_a_right_side_skipped_in_the_terminal_is_flagged_and_goes_first_next(
    terminal: TmuxTerminal, tmp_path: Path
) -> None:
    routine = tmp_path / "even-hips.yaml"
    routine.write_text(BOTH_SIDES)
    status = tmp_path / "status"
    play = shell_line("play", routine, "--mute")
    terminal.start(run_with_status(play, status))
    terminal.wait_for(lambda s: "Side lunge" in s and "LEFT" in s, "the left side")
    # The right side's work interval (not the switch before it): skip it as it starts.
    terminal.wait_for(lambda s: "RIGHT" in s and "Work" in s, "the right side's hold")
    terminal.keys("n")
    terminal.wait_for(lambda s: "Rest" in s, "the rest after the skipped side")
    terminal.keys("q")
    terminal.wait_for(lambda s: "Stop this session?" in s, "the stop question")
    terminal.keys("y")
    summary = terminal.wait_for(lambda s: "Session stopped" in s, "the summary")
    assert "Right side of Side lunge is owed." in summary
    terminal.keys("q")
    assert wait_for_exit(terminal, status) == 0

    balance = subprocess.run(
        [str(EVENSIDE_SCRIPT), "balance", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        check=True,
    )
    report = json.loads(balance.stdout)
    (lunge,) = report["exercises"]
    assert lunge["id"] == "side-lunge"
    assert lunge["neglected"] == "right"
    assert lunge["left"]["sets"] == 1 and lunge["right"]["sets"] == 0
    assert [(o["exercise_id"], o["side"]) for o in report["owed"]] == [("side-lunge", "right")]

    trace = tmp_path / "next.jsonl"
    process = subprocess.Popen(
        [str(EVENSIDE_SCRIPT), "play", str(routine), "--plain", "--trace", str(trace), "--mute"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert first_work_side(trace, process) == "right"
    finally:
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=WAIT_S)
    assert "Right first for Side lunge: right is owed from an earlier session." in out
    assert "Traceback" not in out


TWO_EXERCISES = """\
name: Two sides
defaults:
  prep: 1s
steps:
  - exercise: Side lunge
    id: side-lunge
    hold: 3s
    sides: both
    sets: 2
  - exercise: Pigeon
    id: pigeon
    hold: 3s
    sides: both
    sets: 2
"""


def test_plain_play_names_the_exercise_of_every_side_it_chooses(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from evenside.routine.loader import load_routine
    from evenside.routine.model import Side
    from tests.support.history_fixtures import opened_history, play, skip

    path = tmp_path / "two-sides.yaml"
    path.write_text(TWO_EXERCISES)
    # Earlier today: the lunge's second right set skipped, the pigeon's second left one.
    skip_lunge, skip_pigeon = skip("side-lunge", Side.RIGHT, 2), skip("pigeon", Side.LEFT, 2)
    with opened_history() as store:
        play(
            store,
            load_routine(path),
            datetime.now(UTC) - timedelta(hours=1),
            lambda *args: skip_lunge(*args) or skip_pigeon(*args),
        )

    process = subprocess.Popen(
        [str(EVENSIDE_SCRIPT), "play", str(path), "--plain", "--mute"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        said = [process.stdout.readline().rstrip("\n") for _ in range(2)]
    finally:
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=WAIT_S)
    assert said == [
        "Right first for Side lunge: right is behind this week.",
        "Left first for Pigeon: left is behind this week.",
    ]
    assert "Traceback" not in out
