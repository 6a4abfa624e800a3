"""Tests `evenside today` and `evenside checkin`, as run: the JSON shape, counting, skipping."""

from __future__ import annotations

import json
from datetime import date

from evenside import locations
from evenside.history.checkins import checkins_between
from tests.support.evenside_process import run_evenside
from tests.support.history_fixtures import opened_history
from tests.support.program_sim import QUICK_STRETCH, write_program


def test_today_without_a_program() -> None:
    shown = json.loads(run_evenside("today", "--format", "json").stdout)
    assert shown == {
        "date": date.today().isoformat(),
        "program": None,
        "week": None,
        "due": [],
        "checkin": None,
        "suggestions": [],
    }


def test_today_counts_a_played_session_and_the_checkin() -> None:
    folder = locations.user_routines_dir()
    write_program(folder, stretch=QUICK_STRETCH)
    assert run_evenside("program", "use", "test-rehab").returncode == 0
    before = json.loads(run_evenside("today", "--format", "json").stdout)
    assert before["program"] == "Test rehab" and before["week"] == 1
    assert before["due"][0] == {"routine": "stretch", "times": 2, "done": 0}
    played = run_evenside("play", "--plain", "--mute", folder / "stretch.yaml", timeout=60)
    assert played.returncode == 0, played.stderr
    checked = run_evenside("checkin", input="3\n\n")
    assert checked.returncode == 0 and f"Checked in for {date.today()}: left 3." in checked.stdout
    after = json.loads(run_evenside("today", "--format", "json").stdout)
    assert after["due"][0] == {"routine": "stretch", "times": 2, "done": 1}
    assert after["checkin"] == {"left": 3}
    assert "Supine stretch: 1 of 2 (1 to go)" in run_evenside("today").stdout


def test_checkin_skipped_stores_nothing() -> None:
    skipped = run_evenside("checkin", input="\n\n")
    assert skipped.returncode == 0 and "Skipped; nothing stored." in skipped.stdout
    closed = run_evenside("checkin", input="")  # end of input: skipped, not an error
    assert closed.returncode == 0 and "Traceback" not in closed.stderr
    retried = run_evenside("checkin", input="eleven\n4\n5\n")
    assert "a number from 0 to 10" in retried.stdout
    assert retried.returncode == 0
    with opened_history() as store:
        given = checkins_between(store.conn, date.today(), date.today())
    assert [(c.side, c.pain) for c in given] == [("left", 4), ("right", 5)]


def test_checkin_with_options_and_out_of_range() -> None:
    assert run_evenside("checkin", "--left", "2", "--right", "7").returncode == 0
    bad = run_evenside("checkin", "--left", "12")
    assert bad.returncode == 2 and "0<=x<=10" in bad.stderr.replace(" ", "")
    with opened_history() as store:
        given = checkins_between(store.conn, date.today(), date.today())
    assert [(c.side, c.pain) for c in given] == [("left", 2), ("right", 7)]
