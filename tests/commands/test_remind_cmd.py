"""Tests `evenside remind --plain` as a real subprocess: wait, prompt, play, skip, history."""

from __future__ import annotations

import os
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import IO

import pytest

from evenside.locations import history_path
from tests.support.evenside_process import EVENSIDE, run_evenside
from tests.support.history_fixtures import opened_history
from tests.support.routine_files import write_routine

TINY = """\
name: Tiny break
defaults:
  prep: 0
  switch: 0
steps:
  - exercise: Reach
    hold: 1s
    sides: both
"""

# Only a guard against a hung child, never a measurement.
GUARD_S = 30.0
EOF = "\x00end of output"


class Reader:
    """Reads the child's stdout line by line, failing (not hanging) if a line never comes."""

    def __init__(self, child: subprocess.Popen[str]) -> None:
        assert child.stdout is not None
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        # A thread, not select(): select cannot see lines already in the stream's buffer.
        threading.Thread(target=self._pump, args=(child.stdout,), daemon=True).start()

    def _pump(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(EOF)

    def until(self, text: str) -> str:
        """Lines up to and including the first one containing `text`."""
        deadline = time.monotonic() + GUARD_S
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if line is EOF:
                break
            self.seen.append(line)
            if text in line:
                return line
        pytest.fail(f"never saw {text!r}; output so far:\n" + "\n".join(self.seen))


def start(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*EVENSIDE, "remind", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


@pytest.mark.slow
def test_plain_reminder_plays_then_skips_and_records_both(tmp_path: Path) -> None:
    routine = write_routine(tmp_path, TINY, "tiny.yaml")
    child = start(["--every", "2s", str(routine), "--plain", "--mute", "--goal", "3"])
    assert child.stdin is not None
    out = Reader(child)
    try:
        first = out.until("Next break in")
        assert "today 0 of 3 breaks" in first
        prompt = out.until("Enter to start")
        assert prompt.startswith("Break: Tiny break, left side of Reach first (")
        assert "s to snooze 10 min, x to skip" in prompt
        child.stdin.write("\n")
        child.stdin.flush()
        out.until("Reach, LEFT side")
        out.until("Reach, RIGHT side")
        back = out.until("Next break in")
        assert "today 1 of 3 breaks" in back
        out.until("Enter to start")
        child.stdin.write("x\n")
        child.stdin.flush()
        out.until("Break skipped.")
        assert "today 1 of 3 breaks, 1 skipped" in out.until("Next break in")
        out.until("Enter to start")
        child.stdin.close()
        out.until("No more input")
        assert child.wait(timeout=GUARD_S) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.stderr is not None
    assert "Traceback" not in child.stderr.read()

    # Before the test opens the history itself (opening it sets the mode too).
    assert oct(history_path().stat().st_mode & 0o777) == "0o600"
    with opened_history() as store:
        sessions = store.conn.execute("SELECT id, routine, status FROM sessions").fetchall()
        assert [(r[1], r[2]) for r in sessions] == [("Tiny break", "completed")]
        rows = store.conn.execute(
            "SELECT outcome, session_id, routine FROM desk_breaks ORDER BY id"
        )
        breaks = [tuple(r) for r in rows]
    assert breaks == [
        ("taken", sessions[0][0], "Tiny break"),
        ("skipped", None, "Tiny break"),
    ]


def test_a_restarted_reminder_continues_todays_count(tmp_path: Path) -> None:
    routine = write_routine(tmp_path, TINY, "tiny.yaml")
    for expected in ("today 0 of 8 breaks", "today 0 of 8 breaks, 1 skipped"):
        child = start(["--every", "1s", str(routine), "--plain", "--mute"])
        assert child.stdin is not None
        out = Reader(child)
        try:
            assert expected in out.until("Next break in")
            out.until("Enter to start")
            child.stdin.write("x\n")
            child.stdin.close()
            assert child.wait(timeout=GUARD_S) == 0
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--every", "soon", "--plain"], "Invalid value for --every: cannot read 'soon'"),
        (["--every", "0", "--plain"], "Invalid value for --every: must be longer than 0"),
        (["--every", "5h", "--plain"], "over the 4-hour limit"),
        (["--goal", "0", "--plain"], "Invalid value for '--goal'"),
        (["no-such-routine", "--plain"], "no routine named 'no-such-routine'"),
    ],
)
def test_bad_input_is_one_clear_message(args: list[str], message: str) -> None:
    result = run_evenside("remind", *args, stdin=subprocess.DEVNULL, timeout=GUARD_S)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_with_no_input_the_plain_reminder_stops_instead_of_waiting_an_hour() -> None:
    result = run_evenside(
        "remind", "--every", "1h", "--plain", "--mute", stdin=subprocess.DEVNULL, timeout=GUARD_S
    )
    assert result.returncode == 0, result.stderr
    first, last = result.stdout.splitlines()
    assert first.startswith("Next break in 1:00:00; today 0 of 8 breaks (at ")
    assert last == "No more input: the reminder stops."
