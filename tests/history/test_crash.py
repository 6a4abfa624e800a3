"""Tests that a player killed by SIGKILL keeps every finished interval and shows interrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from evenside.history.db import open_database
from evenside.history.store import HistoryStore

# A player process: the real engine on a fake clock, the real recorder, a real database.
# It plays four work intervals and half of the fifth, says so, then waits to be killed.
PLAYER = textwrap.dedent(
    """
    import sys, time
    from evenside.engine.clock import FakeClock
    from evenside.engine.session import Session
    from evenside.engine.timeline import expand
    from evenside.history.db import open_database
    from evenside.history.recorder import HistoryRecorder
    from evenside.history.store import HistoryStore
    from evenside.routine.model import ExerciseStep, PerSide, Routine, Sides

    step = ExerciseStep(exercise="Lunge", id="lunge", hold_ms=PerSide.same(45_000),
                        sides=Sides.BOTH, sets=PerSide.same(3), switch_ms=5_000)
    routine = Routine(name="Crash routine", steps=(step,), prep_ms=5_000, content_hash="c0ffee")
    store = HistoryStore(open_database(sys.argv[1]))
    clock = FakeClock()
    session = Session(expand(routine), clock)
    recorder = HistoryRecorder.for_routine(store, routine)
    session.subscribe(recorder)
    session.start()
    # prep 5 s, then work 45 s and switch 5 s in turn: 4 work intervals end by 5 + 4*45 + 3*5.
    clock.advance(5 + 4 * 45 + 3 * 5 + 5 + 20)
    session.update()
    print(recorder.session_id, flush=True)
    time.sleep(120)
    """
)


def test_sigkill_keeps_finished_intervals_and_marks_the_session_interrupted(
    tmp_path: Path,
) -> None:
    db = tmp_path / "data" / "history.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-c", PLAYER, str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        session_id = proc.stdout.readline().strip()
        assert session_id, proc.stderr.read() if proc.stderr else ""
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    store = HistoryStore(open_database(db))
    before = store.session(session_id)
    assert before is not None and before.status is None  # nobody closed it
    assert store.mark_interrupted() == 1
    session = store.session(session_id)
    assert session is not None
    assert session.status == "interrupted"
    assert session.routine == "Crash routine"
    assert session.content_hash == "c0ffee"
    assert [(i.side, i.set_number, i.status) for i in session.intervals] == [
        ("left", 1, "done"),
        ("right", 1, "done"),
        ("left", 2, "done"),
        ("right", 2, "done"),
    ]
    assert all(i.actual_ms == 45_000 for i in session.intervals)
    # The session ends where its last finished interval ended.
    assert session.ended_at == session.intervals[-1].ended_at
