"""Tests desk mode end to end in a real terminal (tmux): nudge, play, history, back to waiting."""

from __future__ import annotations

import os
import shlex
import time
from pathlib import Path

import pytest

from tests.support.evenside_process import shell_line
from tests.support.history_fixtures import opened_history
from tests.support.routine_files import write_routine
from tests.support.tmux_terminal import WAIT_S, TmuxTerminal

TINY_ROUTINE = """\
name: Tiny desk
defaults:
  prep: 0
  switch: 1s
steps:
  - exercise: Shoulder roll
    hold: 2s
    sides: both
"""


@pytest.mark.slow
def test_remind_nudges_plays_records_and_waits_again(
    terminal: TmuxTerminal, tmp_path: Path
) -> None:
    routine = write_routine(tmp_path, TINY_ROUTINE, "tiny.yaml")
    # A stand-in notify-send on PATH shows the desktop notification was raised.
    notified = tmp_path / "notified.txt"
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    notifier = fake_bin / "notify-send"
    notifier.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> {shlex.quote(str(notified))}\n')
    notifier.chmod(0o755)
    # Set on the command itself: tmux starts a login shell, which rewrites PATH.
    path = shlex.quote(f"PATH={fake_bin}{os.pathsep}{os.environ['PATH']}")
    # Wide enough for the whole prompt on one line (the routine's own name, not its file's).
    terminal.start(
        f"env {path} {shell_line('remind', '--every', '3s', routine, '--mute')}", width=160
    )

    waiting = terminal.wait_for(lambda s: "Today" in s, "the waiting screen")
    assert "Today 0 of 8 breaks" in waiting
    due = terminal.wait_for(lambda s: "Enter to start" in s, "the break prompt")
    assert "Break: Tiny desk, left side of Shoulder roll first" in due
    assert "s to snooze 10 min, x to skip" in due
    deadline = time.monotonic() + WAIT_S
    while not notified.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert notified.read_text().splitlines()[-2:] == [
        "Time for a break",
        "Tiny desk: left side of Shoulder roll first (no recent history for this exercise)",
    ]

    terminal.keys("Enter")
    terminal.wait_for(lambda s: "Shoulder roll" in s and "LEFT" in s, "the player on LEFT")
    terminal.wait_for(lambda s: "Routine complete" in s, "the summary")
    terminal.keys("Enter")

    # The player's screens are gone once the waiting screen has been redrawn in full.
    terminal.wait_for(
        lambda s: "Today 1 of 8 breaks" in s and "Shoulder roll" not in s,
        "waiting again, one taken, the player gone",
    )

    with opened_history() as store:
        rows = store.conn.execute("SELECT id, routine, status FROM sessions ORDER BY started_at")
        played = [(r[0], r[1], r[2]) for r in rows]
        assert [(name, status) for _, name, status in played] == [("Tiny desk", "completed")]
        rows = store.conn.execute("SELECT outcome, session_id FROM desk_breaks")
        breaks = [tuple(r) for r in rows]
    assert breaks == [("taken", played[0][0])]

    # The next break comes round again, and x skips it.
    terminal.wait_for(lambda s: "Enter to start" in s, "the second prompt")
    terminal.keys("x")
    terminal.wait_for(lambda s: "1 skipped" in s, "the skip counted")
    terminal.keys("q")
    deadline = time.monotonic() + WAIT_S
    while terminal.run("list-panes", "-t", terminal.target, "-F", "#{pane_dead}").strip() != "1":
        if time.monotonic() > deadline:
            pytest.fail("evenside remind did not quit:\n" + terminal.text())
        time.sleep(0.1)
