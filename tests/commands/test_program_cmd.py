"""Tests `evenside program` (use, stop, step, ics), `show` and `check` of a program, as run."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from evenside import locations
from evenside.history.checkins import Checkin, save_checkin
from evenside.history.program_records import doses, enrolments
from tests.support.evenside_process import run_evenside
from tests.support.history_fixtures import opened_history
from tests.support.program_sim import PROGRAM, write_program


def user_program() -> Path:
    return write_program(locations.user_routines_dir())


def test_use_shows_and_stops_a_program() -> None:
    user_program()
    used = run_evenside("program", "use", "test-rehab")
    assert used.returncode == 0, used.stderr
    assert f"Taken up: Test rehab, from {date.today()}" in used.stdout
    shown = run_evenside("program")
    assert shown.returncode == 0, shown.stderr
    assert "Week 1 of 6" in shown.stdout
    assert "Supine stretch: 0 of 2 done" in shown.stdout
    assert "Supine stretch: Supine release, left: 1:00" in shown.stdout
    stopped = run_evenside("program", "stop")
    assert stopped.returncode == 0 and "Stopped: Test rehab." in stopped.stdout
    assert "No program running" in run_evenside("program").stdout
    with opened_history() as store:
        (kept,) = enrolments(store.conn)
    assert kept.stop_day == date.today() - timedelta(days=1)  # nothing due today


def test_use_from_a_date_and_a_bad_date() -> None:
    user_program()
    start = date.today() - timedelta(days=8)
    assert run_evenside("program", "use", "test-rehab", "--from", start.isoformat()).returncode == 0
    assert "Week 2 of 6" in run_evenside("program").stdout
    bad = run_evenside("program", "use", "test-rehab", "--from", "next tuesday")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr


def test_a_program_with_a_mistake_is_refused_with_its_line(tmp_path: Path) -> None:
    path = write_program(tmp_path, PROGRAM.replace("times: 2", "times: 0"))
    used = run_evenside("program", "use", path)
    assert used.returncode == 1
    assert f"{path}:6:12: error: 'times' must be at least 1" in used.stderr
    assert not locations.history_path().exists()  # nothing taken up, nothing made
    checked = run_evenside("check", path, tmp_path / "stretch.yaml")
    assert checked.returncode == 1
    assert f"{path}:6:12: error:" in checked.stdout and "stretch.yaml: ok" in checked.stdout
    assert run_evenside("program", "use", tmp_path / "stretch.yaml").returncode == 1


def test_check_passes_the_bundled_programs() -> None:
    folder = locations.bundled_routines_dir() / "programs"
    checked = run_evenside("check", folder)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.count(": ok") == 2


def test_show_prints_the_week_plan_and_the_dose_now() -> None:
    user_program()
    shown = run_evenside("show", "test-rehab")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[:3] == [
        "Test rehab: 6 weeks",
        "  Supine stretch: daily, 2 times a day",
        "    Supine release, left: 1:00",
    ]
    plan = json.loads(run_evenside("show", "test-rehab", "--format", "json").stdout)
    assert plan["schedule"][1]["days"] == "mon, wed, fri"
    assert not locations.history_path().exists()  # show makes no history


def test_step_asks_and_a_yes_keeps_the_dose_for_that_side() -> None:
    user_program()
    start = date.today() - timedelta(days=7)
    assert run_evenside("program", "use", "test-rehab", "--from", start.isoformat()).returncode == 0
    # A week of sessions and mornings, written as the player and check-in write them.
    from tests.support.program_sim import ProgramSim  # noqa: F401 (the same routines)

    _live_a_good_week(start)
    stepped = run_evenside("program", "step", input="y\nn\nn\nn\n")
    assert stepped.returncode == 0, stepped.stderr
    assert "Supine release, left: 1:00 → 1:05? [y/N]" in stepped.stdout
    with opened_history() as store:
        kept = doses(store.conn, "test-rehab")
    assert {(d.exercise_id, d.side, d.hold_ms, d.reps) for d in kept} == {
        ("supine", "left", 65_000, None),
        ("supine", "right", 60_000, None),  # the noes keep the dose where it was
        ("clam", "left", None, 10),
        ("clam", "right", None, 10),
    }
    status = run_evenside("program").stdout
    assert "Supine release, left: 1:05 (written 1:00)" in status
    assert "Supine release, right: 1:00\n" in status
    # The answers are remembered: nothing is asked again the same day.
    again = run_evenside("program", "step", input="y\ny\ny\ny\n")
    assert again.returncode == 0, again.stderr
    assert again.stdout == "Nothing to step today.\n"


def _live_a_good_week(start: date) -> None:
    from datetime import UTC, datetime

    from evenside.engine.clock import FakeClock
    from evenside.engine.session import Session
    from evenside.engine.timeline import expand
    from evenside.history.recorder import HistoryRecorder
    from evenside.routine.loader import load_routine
    from tests.support.session_builders import play_to_the_end

    folder = locations.user_routines_dir()
    with opened_history() as store:
        for offset in range(8):
            day = start + timedelta(days=offset)
            for side in ("left", "right"):
                save_checkin(store.conn, Checkin(day, side, 2, f"{day}T06:00:00.000Z"))
            if offset == 7:
                break
            todo = [("stretch.yaml", 2)] + (
                [("strength.yaml", 1)] if day.weekday() in (0, 2, 4) else []
            )
            for name, times in todo:
                routine = load_routine(folder / name)
                for time in range(times):
                    when = datetime(day.year, day.month, day.day, 10 + 4 * time, tzinfo=UTC)
                    clock = FakeClock()
                    session = Session(expand(routine), clock)
                    recorder = HistoryRecorder.for_routine(store, routine, now=lambda w=when: w)
                    session.subscribe(recorder)
                    play_to_the_end(session, clock)
                    assert recorder.session_id is not None
                    for side in ("left", "right"):
                        store.add_rating(recorder.session_id, "after", side, 2)


def test_ics_writes_a_private_calendar_a_parser_reads(tmp_path: Path) -> None:
    user_program()
    assert run_evenside("program", "use", "test-rehab").returncode == 0
    out = tmp_path / "rehab.ics"
    made = run_evenside("program", "ics", "-o", out)
    assert made.returncode == 0, made.stderr
    assert os.stat(out).st_mode & 0o777 == 0o600
    events = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert [e["rrule"]["FREQ"] for e in events] == [["DAILY"], ["WEEKLY"]]
    printed = run_evenside("program", "ics")
    assert Calendar.from_ical(printed.stdout.encode()).walk("VEVENT")
    nowhere = run_evenside("program", "ics", "-o", tmp_path / "missing" / "x.ics")
    assert nowhere.returncode == 1 and "cannot write" in nowhere.stderr
    assert "Traceback" not in nowhere.stderr


def test_without_a_program_ics_and_step_say_so() -> None:
    for args in (("program", "ics"), ("program", "step")):
        result = run_evenside(*args)
        assert result.returncode == 1 and "no program running" in result.stderr


def test_a_program_file_gone_since_is_one_line_not_a_traceback() -> None:
    path = user_program()
    assert run_evenside("program", "use", "test-rehab").returncode == 0
    path.unlink()
    for args in (("program",), ("today",)):
        result = run_evenside(*args)
        assert result.returncode == 1, result.stdout
        assert "does not load" in result.stderr and "program stop" in result.stderr
        assert "Traceback" not in result.stderr
    assert run_evenside("program", "stop").returncode == 0


def test_a_history_that_cannot_be_opened_is_one_line() -> None:
    user_program()
    where = locations.history_path()
    where.parent.mkdir(parents=True, exist_ok=True)
    where.write_text("not a database, someone else's file\n")
    for args in (("program", "use", "test-rehab"), ("today",), ("checkin", "--left", "2")):
        result = run_evenside(*args)
        assert result.returncode == 1, args
        assert "cannot open the history" in result.stderr and "Traceback" not in result.stderr
    assert where.read_text() == "not a database, someone else's file\n"


@pytest.mark.slow
def test_a_locked_history_is_one_line_and_nothing_is_taken_up() -> None:
    import sqlite3

    user_program()
    with opened_history():
        pass  # made and migrated first, so the lock below is the only obstacle
    holder = sqlite3.connect(locations.history_path(), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        used = run_evenside("program", "use", "test-rehab", timeout=120)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert used.returncode == 1
    assert "history" in used.stderr and "locked" in used.stderr
    assert "Traceback" not in used.stderr and len(used.stderr.strip().splitlines()) == 1
    with opened_history() as store:
        assert enrolments(store.conn) == []


def test_ics_never_writes_over_the_history() -> None:
    user_program()
    assert run_evenside("program", "use", "test-rehab").returncode == 0
    before = locations.history_path().read_bytes()
    refused = run_evenside("program", "ics", "-o", locations.history_path())
    assert refused.returncode == 1 and "will not write the calendar there" in refused.stderr
    assert locations.history_path().read_bytes() == before


def test_a_program_past_its_last_week_is_finished_with_nothing_due() -> None:
    user_program()
    start = date.today() - timedelta(days=43)
    assert run_evenside("program", "use", "test-rehab", "--from", start.isoformat()).returncode == 0
    shown = run_evenside("program").stdout
    assert f"Finished on {start + timedelta(days=41)}." in shown and "nothing due" in shown
    today = json.loads(run_evenside("today", "--format", "json").stdout)
    assert (today["program"], today["week"], today["due"]) == ("Test rehab", None, [])
