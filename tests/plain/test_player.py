"""Tests `evenside play --plain` (and --trace) as a real subprocess on a short routine file."""

from __future__ import annotations

import json
import signal
import stat
import subprocess
from pathlib import Path

import pytest

from tests.support.evenside_process import EVENSIDE, run_evenside
from tests.support.process_output import ProcessOutput, read_until
from tests.support.routine_files import write_routine

pytestmark = pytest.mark.slow

TRACE_KEYS = {"event", "kind", "exercise", "side", "set", "planned", "actual"}
EVENTS = {"interval_start", "interval_end", "pause", "resume", "skip", "session_end", "cue"}

# prep 1 s, lunge left 2 s, switch 1 s, lunge right 2 s, rest 1 s, 2 timed bridges at 1.5 s:
# 10 s in all.
TIMED = """\
name: Plain test
defaults:
  prep: 1s
  switch: 1s
steps:
  - exercise: Lunge
    hold: 2s
    sides: both
  - rest: 1s
  - exercise: Bridge
    reps: 2
    tempo: 1.5s
"""

UNTIMED = """\
name: Untimed test
defaults:
  prep: 1s
steps:
  - exercise: Clamshell
    reps: 5
  - exercise: Plank
    hold: 1s
"""


def _play(*args: str | Path, stdin: int | None = subprocess.DEVNULL) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*EVENSIDE, "play", "--plain", *map(str, args)],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _trace(path: Path) -> list[dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    for record in records:
        assert record.keys() >= TRACE_KEYS
        assert record["event"] in EVENTS
        assert isinstance(record["planned"], float) and isinstance(record["actual"], float)
    return records


def test_plain_play_writes_an_ordered_trace(tmp_path: Path) -> None:
    trace = tmp_path / "trace.jsonl"
    routine = write_routine(tmp_path, TIMED)
    result = run_evenside("play", "--plain", "--trace", trace, routine, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Lunge, LEFT side: hold 2 s" in result.stdout
    assert "switch to the RIGHT side (1 s)" in result.stdout
    assert "rest 1 s, next: Bridge" in result.stdout
    assert result.stdout.endswith(
        "   0:10  routine complete, 0:10\n\n"
        "Routine complete: Plain test, time taken 0:10\n"
        "  Lunge, left side: 1 of 1 set done, 0:02\n"
        "  Lunge, right side: 1 of 1 set done, 0:02\n"
        "  Bridge: 1 of 1 set done, 2 reps\n"
    )
    assert stat.S_IMODE(trace.stat().st_mode) == 0o600

    records = _trace(trace)
    starts = [
        (r["kind"], r["side"], r["planned"]) for r in records if r["event"] == "interval_start"
    ]
    assert starts == [
        ("prep", "left", 0.0),
        ("work", "left", 1.0),
        ("switch", "right", 3.0),
        ("work", "right", 4.0),
        ("rest", None, 6.0),
        ("work", None, 7.0),
    ]
    planned = [float(r["planned"]) for r in records]  # type: ignore[arg-type]
    actual = [float(r["actual"]) for r in records]  # type: ignore[arg-type]
    assert planned == sorted(planned) and actual == sorted(actual)
    assert all(a >= p for a, p in zip(actual, planned, strict=True))
    cues = [(r["cue"], r["planned"]) for r in records if r["event"] == "cue"]
    assert ("go", 1.0) in cues and ("switch", 3.0) in cues and ("rest", 6.0) in cues
    assert ("tick", 8.5) in cues and ("done", 10.0) in cues
    assert records[-1] == records[-1] | {"event": "session_end", "status": "completed"}
    assert records[-1]["planned"] == 10.0


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_ctrl_c_sigterm_or_a_closed_terminal_stop_cleanly_with_the_interval_partial(
    tmp_path: Path, signum: signal.Signals
) -> None:
    trace = tmp_path / "trace.jsonl"
    process = _play("--trace", trace, write_routine(tmp_path, TIMED))
    read_until(process, "Lunge, LEFT side: hold")
    process.send_signal(signum)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 128 + signum
    assert b"Traceback" not in err and err == b""
    assert b"stopped after" in out
    records = _trace(trace)
    assert records[-2]["event"] == "interval_end" and records[-2]["status"] == "partial"
    assert records[-1]["event"] == "session_end" and records[-1]["status"] == "stopped"


def test_enter_finishes_an_untimed_set(tmp_path: Path) -> None:
    trace = tmp_path / "trace.jsonl"
    process = _play("--trace", trace, write_routine(tmp_path, UNTIMED), stdin=subprocess.PIPE)
    assert process.stdin is not None
    read_until(process, "Press Enter when the set is done")
    process.stdin.write(b"\n")
    process.stdin.flush()
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert b"done: Clamshell (5 reps in 0 s)" in out
    assert b"routine complete" in out
    ends = [r for r in _trace(trace) if r["event"] == "interval_end"]
    assert [(r["kind"], r["exercise"], r["status"]) for r in ends] == [
        ("prep", "Clamshell", "done"),
        ("work", "Clamshell", "done"),
        ("transition", "Plank", "done"),
        ("work", "Plank", "done"),
    ]


def test_closed_stdin_stops_an_untimed_set_with_a_message(tmp_path: Path) -> None:
    routine = write_routine(tmp_path, UNTIMED)
    result = run_evenside("play", "--plain", routine, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert "stdin is closed" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [(None, "no routine named"), ("name: Broken\n", "the routine has errors")],
)
def test_a_bad_routine_is_one_clear_message(
    tmp_path: Path, content: str | None, expected: str
) -> None:
    target = "no-such-routine" if content is None else write_routine(tmp_path, content)
    result = run_evenside("play", "--plain", target, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_plain_output_into_a_closed_pipe_stops_cleanly(tmp_path: Path) -> None:
    path = write_routine(
        tmp_path,
        "name: Tiny\ndefaults: {prep: 1s, switch: 1s}\n"
        "steps:\n  - exercise: Lunge\n    hold: 2s\n    sides: both\n",
        "tiny.yaml",
    )
    evenside = [*EVENSIDE, "play", str(path), "--plain", "--mute"]
    player = subprocess.Popen(evenside, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert player.stdout is not None
    player.stdout.readline()  # read one line, then go away like `| head -1`
    player.stdout.close()
    _, err = player.communicate(timeout=30)
    assert player.returncode == 0
    assert b"Traceback" not in err
    assert b"BrokenPipe" not in err


REPS_AND_TRANSITIONS = """\
name: Reps and moves
defaults: {prep: 1s, transition: 1s}
steps:
  - exercise: Bridge
    reps: 4
    tempo: 2s
  - exercise: Clamshell
    reps: 5
  - exercise: Kneeling lunge
    hold: 1s
    sides: both
    order: right-first
"""


def test_reps_are_counted_transitions_said_and_an_untimed_set_counts_up(tmp_path: Path) -> None:
    routine = write_routine(tmp_path, REPS_AND_TRANSITIONS)
    process = _play(routine, stdin=subprocess.PIPE)
    output = ProcessOutput(process)
    output.until("Bridge: 4 reps, one every 2 s (8 s)")
    output.until("rep 2 of 4")
    output.until("rep 3 of 4")
    output.until("Get into position: Clamshell (1 s)")
    output.until("Clamshell: 5 reps. Press Enter when the set is done.")
    output.until("Clamshell: 0:15 so far", timeout=30)
    assert process.stdin is not None
    process.stdin.write(b"\n")
    process.stdin.flush()
    output.until("done: Clamshell (5 reps in 1")  # 15 s and a little
    output.until("Get into position: Kneeling lunge, RIGHT side (1 s)")
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert b"routine complete" in out
