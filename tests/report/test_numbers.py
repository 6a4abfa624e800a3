"""Tests the report's numbers against six weeks played through the real recorder.

Every expected number is worked out here from the plan of what was played
(tests/support/report_history.py), not read back through the report's queries.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from evenside.history.checkins import Checkin, save_checkin
from evenside.history.db import open_database
from evenside.history.store import HistoryStore
from evenside.report.numbers import MORNING, ReportNumbers, gather_report
from evenside.report.period import ReportPeriod, week_of
from evenside.report.schedule import ProgramAdherence, WeekDue
from evenside.routine.model import Side
from tests.support.history_fixtures import TODAY
from tests.support.report_history import (
    FIRST,
    GAP_MONDAY,
    PLAN,
    SORER,
    build_six_weeks,
)

PERIOD = ReportPeriod.last_days(TODAY.date(), 42)
PLAYED = [p for p in PLAN if p.psoas is not None]


@pytest.fixture(scope="module")
def numbers(six_weeks: HistoryStore) -> ReportNumbers:
    return gather_report(six_weeks.conn, PERIOD, now=TODAY)


def test_the_period_is_the_six_weeks_ending_today() -> None:
    assert (PERIOD.first, PERIOD.last, PERIOD.days) == (FIRST, TODAY.date(), 42)
    assert PERIOD.mondays()[0] == week_of(FIRST) and PERIOD.mondays()[-1] == week_of(TODAY.date())


def test_adherence_counts_the_days_and_sessions_played(numbers: ReportNumbers) -> None:
    assert sorted(numbers.days) == [p.day for p in PLAYED]
    assert numbers.days_per_30 == pytest.approx(len(PLAYED) * 30 / 42)
    desk = sum(1 for p in PLAN if p.desk)
    assert [(u.routine, u.sessions) for u in numbers.routines] == [
        ("Psoas release", len(PLAYED)),
        ("Desk break", desk),
    ]
    assert numbers.sessions == len(PLAYED) + desk


def test_each_week_has_its_own_days_and_sessions(numbers: ReportNumbers) -> None:
    assert [w.monday for w in numbers.weeks] == PERIOD.mondays()
    for week in numbers.weeks:
        planned = [p for p in PLAN if week_of(p.day) == week.monday]
        assert week.days_in_period == len(planned)
        assert week.active_days == {p.day for p in planned if p.psoas}
        assert week.sessions == sum((p.psoas is not None) + p.desk for p in planned)
        assert week.due is None


def test_a_week_without_data_says_so_instead_of_zero(numbers: ReportNumbers) -> None:
    (gap,) = [w for w in numbers.weeks if not w.has_data]
    assert gap.monday == GAP_MONDAY
    assert all(w.has_data for w in numbers.weeks if w.monday != GAP_MONDAY)


def test_the_dose_per_side_is_what_was_played(numbers: ReportNumbers) -> None:
    kinds = [p.psoas for p in PLAYED]
    full, skipped, left_only = (kinds.count(k) for k in ("full", "skip-right", "left-only"))
    assert left_only == 1 and skipped > 3
    lunge = next(d for d in numbers.doses if d.exercise_id == "lunge")
    left_sets = 2 * full + 2 * skipped + 1
    assert (lunge.left.sets, lunge.left.prescribed_sets) == (left_sets, left_sets)
    assert lunge.left.seconds == lunge.left.prescribed_seconds == 45 * left_sets
    assert lunge.left.ratio == 1.0
    right_done, right_asked = 2 * full + skipped, 2 * full + 2 * skipped
    assert (lunge.right.sets, lunge.right.prescribed_sets) == (right_done, right_asked)
    assert lunge.right.seconds == 45 * right_done
    assert lunge.right.prescribed_seconds == 45 * right_asked
    assert lunge.right.ratio == pytest.approx(right_done / right_asked)
    assert lunge.weaker is Side.RIGHT
    hamstring = next(d for d in numbers.doses if d.exercise_id == "hamstring")
    desks = sum(1 for p in PLAN if p.desk)
    assert hamstring.left.sets == hamstring.right.sets == desks
    assert hamstring.left.seconds == hamstring.right.seconds == 30 * desks
    assert hamstring.weaker is None
    assert [d.exercise_id for d in numbers.doses] == ["hamstring", "lunge"]  # by name


def test_the_side_left_owed_today_is_still_open(numbers: ReportNumbers) -> None:
    (owed,) = numbers.owed
    assert (owed.exercise_id, owed.side) == ("lunge", Side.RIGHT)
    assert owed.since.startswith(TODAY.date().isoformat())


def test_the_pain_series_are_the_ratings_given(numbers: ReportNumbers) -> None:
    for side in ("left", "right"):
        before = {m.day: m.pain for m in numbers.pain_of(side, "before")}
        after = {m.day: m.pain for m in numbers.pain_of(side, "after")}
        assert before == {p.day: p.before[side] for p in PLAYED}
        assert after == {p.day: p.after[side] for p in PLAYED}
        morning = {m.day: m.pain for m in numbers.pain_of(side, MORNING)}
        assert morning == {p.day + timedelta(days=1): p.morning[side] for p in PLAYED if p.morning}
    assert numbers.pain_of(None, "before") == []
    sorer = next(p for p in PLAYED if p.day == SORER)
    assert sorer.after["right"] - sorer.before["right"] == 3


def test_a_check_in_after_a_day_without_a_session_is_no_next_morning(tmp_path: Path) -> None:
    store = build_six_weeks(tmp_path / "history.sqlite3")
    after_gap = GAP_MONDAY + timedelta(days=2)
    save_checkin(store.conn, Checkin(after_gap, "left", 9, f"{after_gap}T07:00:00.000Z"))
    found = gather_report(store.conn, PERIOD, now=TODAY)
    assert after_gap not in {m.day for m in found.pain_of("left", MORNING)}
    store.conn.close()


def test_care_notes_name_the_session_that_left_a_side_sorer(numbers: ReportNumbers) -> None:
    (note,) = numbers.care
    assert (note.day, note.routine) == (SORER, "Psoas release")
    assert "right side" in note.text.lower()
    assert numbers.marked == ()


def test_what_helps_rests_on_the_sessions_rated(numbers: ReportNumbers) -> None:
    (psoas,) = numbers.helps
    assert psoas.routine == "Psoas release"
    assert psoas.after_sessions == len(PLAYED)
    changes = [p.after[s] - p.before[s] for p in PLAYED for s in ("left", "right")]
    assert psoas.after_change == pytest.approx(sum(changes) / len(changes))


def test_a_program_adds_sessions_due_per_week(six_weeks: HistoryStore) -> None:
    due = {monday: WeekDue(due=6, done=n) for n, monday in enumerate(PERIOD.mondays()[1:])}
    program = ProgramAdherence("Psoas six weeks", due)
    found = gather_report(six_weeks.conn, PERIOD, now=TODAY, program=program)
    assert found.program is program
    assert found.weeks[0].due is None  # the program began a week later
    assert [w.due for w in found.weeks[1:]] == list(due.values())


def test_red_flags_are_kept_for_the_routines_played_only(six_weeks: HistoryStore) -> None:
    flags = {"Psoas release": ["See a doctor if it burns."], "Never played": ["x"]}
    found = gather_report(six_weeks.conn, PERIOD, now=TODAY, red_flags=flags)
    assert found.red_flags == {"Psoas release": ("See a doctor if it burns.",)}


def test_an_empty_history_has_no_data_anywhere(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "empty.sqlite3")
    found = gather_report(conn, PERIOD, now=TODAY)
    assert found.sessions == 0 and not found.days and not found.doses and not found.pain
    assert not any(w.has_data for w in found.weeks)
    conn.close()


def test_a_report_must_end_today(six_weeks: HistoryStore) -> None:
    with pytest.raises(ValueError, match="ends today"):
        gather_report(six_weeks.conn, ReportPeriod(date(2024, 1, 1), date(2024, 2, 1)), now=TODAY)
