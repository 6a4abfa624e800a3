"""Tests `evenside play --plain` under ordinary faults, as real processes: a history locked
by another process mid-session, a disk that fills up, a process stopped for 12 s, and a
history that cannot be used at all. Nothing finished is lost or invented, the timing
holds, and what could not be saved is said, with a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from evenside.locations import history_path
from tests.support.evenside_process import EVENSIDE, run_evenside
from tests.support.history_fixtures import opened_history
from tests.support.routine_files import write_routine

SIDES = """\
name: Faults
defaults: {prep: 0, switch: 1s}
steps:
  - exercise: Lunge
    hold: 1s
    sides: both
    sets: 5
"""
"""Ten one-second holds, five a side, with one-second switches between sides."""
EVERY_SIDE_DONE = [("left", "done"), ("right", "done")] * 5

ONE = """\
name: Warm up
defaults: {prep: 0}
steps:
  - exercise: Breathe
    hold: 1s
"""


def start_play(routine: Path, trace: Path, **popen: object) -> subprocess.Popen[str]:
    return subprocess.Popen(  # type: ignore[call-overload,no-any-return]
        [*EVENSIDE, "play", str(routine), "--plain", "--mute", "--trace", str(trace)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def trace_records(trace: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in trace.read_text().splitlines()]


def wait_until(test: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not test():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def recorded(routine_name: str) -> list[tuple[str | None, str, int | None]]:
    """The last session of `routine_name`: (side, status, worked ms) of each interval."""
    with opened_history() as store:
        conn = store.conn
        row = conn.execute(
            "SELECT id FROM sessions WHERE routine = ? ORDER BY started_at DESC LIMIT 1",
            (routine_name,),
        ).fetchone()
        assert row is not None, "the session was not recorded"
        return [
            (r["side"], r["status"], r["actual_ms"])
            for r in conn.execute(
                "SELECT side, status, actual_ms FROM intervals WHERE session_id = ? ORDER BY seq",
                (row[0],),
            )
        ]


def a_history(tmp_path: Path) -> None:
    """A history that exists, as after a first session."""
    done = run_evenside("play", write_routine(tmp_path, ONE, "one.yaml"), "--plain", "--mute")
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_a_write_lock_held_15_s_loses_nothing_and_keeps_time(tmp_path: Path) -> None:
    a_history(tmp_path)
    routine = write_routine(tmp_path, SIDES, "sides.yaml")
    trace = tmp_path / "trace.jsonl"
    player = start_play(routine, trace)
    wait_until(lambda: trace.exists() and "interval_end" in trace.read_text(), "a first end")
    holder = sqlite3.connect(
        history_path(), timeout=5, isolation_level=None, check_same_thread=False
    )
    holder.execute("BEGIN IMMEDIATE")  # another process's write lock: a long import, a backup
    release = threading.Timer(15, holder.execute, ("COMMIT",))
    release.start()
    try:
        out, err = player.communicate(timeout=90)
    finally:
        release.join()
        holder.close()
    assert player.returncode == 0, err
    assert "Traceback" not in out + err
    # The person was told, and told again when it was all saved.
    assert "cannot save right now" in out and "saved again" in out
    intervals = recorded("Faults")
    assert [(side, status) for side, status, _ in intervals] == [
        ("left", "done"),
        ("right", "done"),
    ] * 5
    assert all(ms == 1_000 for _, _, ms in intervals), intervals
    starts = [r for r in trace_records(trace) if r["event"] == "interval_start"]
    late_ms = [1000 * (float(r["actual"]) - float(r["planned"])) for r in starts]  # type: ignore[arg-type]
    assert len(starts) >= 10
    assert max(late_ms) <= 50, late_ms


def ignore_sigxfsz_and_limit(limit: int) -> Callable[[], None]:
    def limit_files() -> None:
        # Past the limit a write fails with EFBIG, as on a full disk (instead of the
        # default SIGXFSZ, which would kill the process outright).
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_files


@pytest.mark.slow
def test_a_full_disk_keeps_every_finished_interval_or_says_which(tmp_path: Path) -> None:
    a_history(tmp_path)
    routine = write_routine(tmp_path, SIDES, "sides.yaml")
    trace = tmp_path / "trace.jsonl"
    # The history's write-ahead log may grow to 40 kB: a few intervals, then "disk full".
    player = start_play(routine, trace, preexec_fn=ignore_sigxfsz_and_limit(40_000))
    out, err = player.communicate(timeout=90)
    assert "Traceback" not in out + err
    pending = Path(f"{history_path()}.pending")
    assert player.returncode == 1, (out, err)
    assert "could not be written to the history" in err
    assert str(pending) in err
    # The player finished the routine all the same.
    assert "routine complete" in out
    # The next start merges what was kept: every finished interval is there, none twice.
    run_evenside("play", tmp_path / "one.yaml", "--plain", "--mute", check=True)
    assert not pending.exists()
    intervals = recorded("Faults")
    assert [(side, status) for side, status, _ in intervals] == [
        ("left", "done"),
        ("right", "done"),
    ] * 5


STOPPED_HOLD = """\
name: Stopped
defaults: {prep: 0}
steps:
  - exercise: Plank
    hold: 6s
"""


@pytest.mark.slow
def test_sigstop_for_12_s_records_nothing_the_person_did_not_do(tmp_path: Path) -> None:
    routine = write_routine(tmp_path, STOPPED_HOLD, "stopped.yaml")
    trace = tmp_path / "trace.jsonl"
    player = start_play(routine, trace)
    assert player.stdout is not None and player.stdin is not None
    wait_until(lambda: trace.exists() and "interval_start" in trace.read_text(), "the plank")
    time.sleep(2)
    os.kill(player.pid, signal.SIGSTOP)
    time.sleep(12)
    os.kill(player.pid, signal.SIGCONT)
    seen: list[str] = []
    for line in player.stdout:
        seen.append(line)
        if "did not run" in line:
            break
    assert any("Press Enter to carry on" in line for line in seen), seen
    player.stdin.write("\n")
    player.stdin.flush()
    _, err = player.communicate(timeout=30)
    assert player.returncode == 0, err
    ((_, status, worked_ms),) = recorded("Stopped")
    assert status == "done"
    # Six seconds of plank, whatever the clock did meanwhile; not six minus twelve.
    assert worked_ms == 6_000
    events = [r["event"] for r in trace_records(trace)]
    assert events.count("pause") == 1 and events.count("resume") == 1
    (ended,) = [r for r in trace_records(trace) if r["event"] == "interval_end"]
    assert float(ended["actual"]) >= 6 + 12 - 1  # type: ignore[arg-type]


def another_programs_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.commit()
    conn.close()


def a_newer_schema(path: Path) -> None:
    with opened_history(path) as store:
        store.conn.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (999, 'x')")


UNUSABLE: dict[str, Callable[[Path], None]] = {
    "not-sqlite": lambda path: path.write_bytes(b"my diary, not a database\n" * 100),
    "another-program": another_programs_database,
    "newer-schema": a_newer_schema,
    "damaged": lambda path: path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(UNUSABLE))
def test_a_history_that_cannot_be_used_is_one_line_and_left_untouched(
    tmp_path: Path, case: str
) -> None:
    path = history_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    UNUSABLE[case](path)
    path.chmod(0o644)
    # Another program's file keeps even its mode; evenside's own (a newer schema) is
    # made private, as every history is, but not changed.
    ours = case == "newer-schema"

    def state() -> tuple[bytes, int | None]:
        return path.read_bytes(), None if ours else path.stat().st_mode

    before = state()
    routine = write_routine(tmp_path, ONE, "one.yaml")
    for front_end in (["--plain"], []):
        refused = run_evenside("play", routine, *front_end, "--mute", stdin=subprocess.DEVNULL)
        assert refused.returncode == 1, refused
        assert "Traceback" not in refused.stdout + refused.stderr
        (line,) = refused.stderr.strip().splitlines()
        assert "cannot open the history" in line and "--no-history" in line
        assert state() == before
    played = run_evenside("play", routine, "--plain", "--mute", "--no-history")
    assert played.returncode == 0, played.stderr
    assert "routine complete" in played.stdout
    assert state() == before
