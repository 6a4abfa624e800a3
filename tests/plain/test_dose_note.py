"""Tests that `play --plain` plays a program's stepped dose and its summary says so."""

from __future__ import annotations

import pytest

from evenside import locations
from evenside.history.program_records import DoseRecord, put_dose
from tests.support.evenside_process import run_evenside
from tests.support.history_fixtures import opened_history
from tests.support.program_sim import QUICK_STRETCH, write_program
from tests.support.routine_files import write_routine


@pytest.mark.slow
def test_the_stepped_side_is_played_and_named_at_the_end() -> None:
    folder = locations.user_routines_dir()
    write_program(folder, stretch=QUICK_STRETCH)
    assert run_evenside("program", "use", "test-rehab").returncode == 0
    with opened_history() as store:
        step = DoseRecord(
            "test-rehab", "stretch", "supine", "right", "2000-01-01T00:00:00.000Z", 2_000, None
        )
        put_dose(store.conn, step)
        store.conn.commit()
    played = run_evenside("play", "--plain", "--mute", "stretch", timeout=60)
    assert played.returncode == 0, played.stderr
    assert played.stdout.rstrip().endswith(
        "Played at your program's dose: Supine release right 0:02."
    )
    with opened_history() as store:
        rows = store.conn.execute("SELECT side, planned_ms FROM intervals ORDER BY side").fetchall()
    assert [tuple(r) for r in rows] == [("left", 1_000), ("right", 2_000)]
    other = write_routine(folder, QUICK_STRETCH, "other.yaml")  # the same, outside the program
    alone = run_evenside("play", "--plain", "--mute", other, timeout=60)
    assert alone.returncode == 0, alone.stderr
    assert "program's dose" not in alone.stdout
