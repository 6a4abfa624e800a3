"""Tests for the trace file and the wiring that attaches it, on a fake clock."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from evenside.engine.clock import FakeClock
from evenside.engine.events import SessionEvent
from evenside.engine.timeline import left_on_tie
from evenside.playback.assembly import SessionAssembly
from evenside.playback.options import PlayOptions
from tests.support.session_builders import hold, routine


def test_every_event_becomes_one_private_json_line(tmp_path: Path) -> None:
    trace = tmp_path / "trace.jsonl"
    trace.write_text("old contents\n")
    trace.chmod(0o644)
    clock = FakeClock()
    seen: list[SessionEvent] = []
    assembly = SessionAssembly(PlayOptions(trace=trace), clock=clock, sound=False, record=False)
    setup = assembly.build(
        routine(hold("Lunge", 4, switch=1), prep=1), left_on_tie, listeners=[seen.append]
    )
    session = setup.session
    session.start()
    clock.advance(2)
    session.update()
    session.pause()
    clock.advance(10)
    session.resume()
    session.skip()
    clock.advance(20)
    session.update()
    setup.close()

    assert stat.S_IMODE(trace.stat().st_mode) == 0o600
    records = [json.loads(line) for line in trace.read_text().splitlines()]
    assert len(records) == len(seen)
    assert [r["event"] for r in records if r["event"] != "cue"] == [
        "interval_start",
        "interval_end",
        "interval_start",
        "pause",
        "resume",
        "skip",
        "interval_end",
        "interval_start",
        "interval_end",
        "interval_start",
        "interval_end",
        "session_end",
    ]
    first_work = records[2]
    assert first_work == {
        "event": "interval_start",
        "kind": "work",
        "exercise": "Lunge",
        "side": "left",
        "set": 1,
        "planned": 1.0,
        "actual": 2.0,
    }
    skipped = next(r for r in records if r["event"] == "interval_end" and r["status"] != "done")
    assert (skipped["status"], skipped["planned"], skipped["actual"]) == ("skipped", 12.0, 12.0)
    assert records[-1] == {
        "event": "session_end",
        "kind": None,
        "exercise": None,
        "side": None,
        "set": None,
        "planned": 17.0,
        "actual": 32.0,
        "status": "completed",
    }
    assert {r["cue"] for r in records if r["event"] == "cue"} >= {"go", "switch", "done"}


def test_no_trace_option_means_no_file(tmp_path: Path) -> None:
    assembly = SessionAssembly(PlayOptions(), clock=FakeClock(), sound=False, record=False)
    setup = assembly.build(routine(hold("Lunge", 1)), left_on_tie)
    assert (setup.sound, setup.recorder, setup.trace) == (None, None, None)
    setup.close()
    assert list(tmp_path.iterdir()) == []
