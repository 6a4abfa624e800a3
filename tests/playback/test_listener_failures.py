"""Provides tests that a failing listener or a closed output never derails a session."""

from __future__ import annotations

import subprocess
from pathlib import Path

from evenside.engine.events import IntervalEnded, SessionEnded, SessionEvent, SessionStatus
from tests.support.evenside_process import EVENSIDE
from tests.support.routine_files import write_routine
from tests.support.session_builders import hold, routine, started


def test_a_listener_that_raises_does_not_stop_the_session() -> None:
    session, clock, recorder = started(routine(hold("Lunge", 2), prep=1))
    failures: list[Exception] = []

    def broken(event: SessionEvent) -> None:
        raise OSError("disk full")

    session.subscribe(broken)
    session.on_listener_error = lambda event, error: failures.append(error)
    for _ in range(20):
        clock.advance(1)
        session.update()
    assert session.finished
    assert session.status is SessionStatus.COMPLETED
    ended = [e for e in recorder.events if isinstance(e, IntervalEnded)]
    # prep, left, switch, right: every boundary still reached the listeners after the broken one.
    assert len(ended) == 4
    assert any(isinstance(e, SessionEnded) for e in recorder.events)
    assert failures and all(str(f) == "disk full" for f in failures)
    assert len(session.listener_errors) == len(failures)


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
