"""Tests the player's dose hook: a routine of the running program gets its doses, any other
routine is left alone, and without a program nothing of the program package is loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from evenside.history.program_records import DoseRecord, put_dose
from evenside.program.active import dose_note, dosed_routine
from evenside.routine.loader import load_routine
from evenside.routine.model import PerSide
from tests.support.paths import REPO
from tests.support.program_sim import START, ProgramSim


def test_the_programs_routine_gets_its_doses_and_another_does_not(sim: ProgramSim) -> None:
    step = DoseRecord(
        "test-rehab", "stretch", "supine", "left", "2024-04-02T08:00:00.000Z", 70_000, None
    )
    put_dose(sim.store.conn, step)
    sim.store.conn.commit()
    stretch = load_routine(sim.path.parent / "stretch.yaml")
    played = dosed_routine(stretch, sim.history, today=START)
    assert played.steps[0].hold_ms == PerSide(70_000, 60_000)  # type: ignore[union-attr]
    assert dose_note(stretch, sim.history, today=START) == (
        "Played at your program's dose: Supine release left 1:10."
    )
    copy = sim.path.parent / "copy.yaml"
    copy.write_text((sim.path.parent / "stretch.yaml").read_text(encoding="utf-8"))
    assert dosed_routine(load_routine(copy), sim.history, today=START) == load_routine(copy)
    after_the_end = START.replace(month=6)
    assert dosed_routine(stretch, sim.history, today=after_the_end) == stretch


def test_a_history_that_cannot_be_read_plays_the_routine_as_written(
    sim: ProgramSim, tmp_path: Path
) -> None:
    stretch = load_routine(sim.path.parent / "stretch.yaml")
    broken = tmp_path / "broken.sqlite3"
    broken.write_text("not a database")
    assert dosed_routine(stretch, broken, today=START) == stretch
    assert dosed_routine(stretch, tmp_path / "none.sqlite3", today=START) == stretch


LOADED = """
import json, sys
from evenside.routine.loader import load_routine
from evenside.history.db import open_database
open_database(sys.argv[2]).close()  # a history without a program
routine = load_routine(sys.argv[1])
before = set(sys.modules)
from evenside.program.active import dosed_routine
assert dosed_routine(routine, __import__("pathlib").Path(sys.argv[2])) == routine
print(json.dumps(sorted(m for m in set(sys.modules) - before if m.startswith("evenside"))))
"""


def test_without_a_program_the_hook_loads_nothing_more(tmp_path: Path) -> None:
    routine = REPO / "routines" / "psoas-stretches.yaml"
    done = subprocess.run(
        [sys.executable, "-c", LOADED, str(routine), str(tmp_path / "h.sqlite3")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(done.stdout) == ["evenside.program", "evenside.program.active"]
