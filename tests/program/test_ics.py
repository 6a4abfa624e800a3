"""Tests `program ics`: the calendar a real iCalendar parser reads, one rule per schedule line."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from icalendar import Calendar

from evenside.program.ics import program_calendar
from evenside.program.loader import load_program
from tests.support.program_sim import START, write_program
from tests.support.routine_files import write_routine


def test_one_recurring_event_per_line_with_the_right_rules(tmp_path: Path) -> None:
    path = write_program(tmp_path)
    write_routine(
        tmp_path,
        "name: Mixed\nschedule:\n  - routine: stretch\n    days: weekdays\n"
        "  - routine: strength.yaml\n    days: 3 per week\n",
        "mixed.yaml",
    )
    six_weeks = Calendar.from_ical(
        program_calendar(load_program(path), START, "2024-04-01T07:00:00.000Z")
    )
    events = list(six_weeks.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Supine stretch (2 times)", "Clam strength"]
    daily, listed = (e["rrule"] for e in events)
    last = START + timedelta(days=41)
    assert daily["FREQ"] == ["DAILY"] and daily["UNTIL"] == [last]
    assert listed["FREQ"] == ["WEEKLY"] and listed["BYDAY"] == ["MO", "WE", "FR"]
    assert events[0].decoded("dtstart") == START
    assert len({str(e["uid"]) for e in events}) == 2
    open_ended = Calendar.from_ical(
        program_calendar(
            load_program(tmp_path / "mixed.yaml"), date(2024, 4, 3), "2024-04-01T07:00:00.000Z"
        )
    )
    weekdays, spread = (e["rrule"] for e in open_ended.walk("VEVENT"))
    assert weekdays["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"] and "UNTIL" not in weekdays
    assert spread["BYDAY"] == ["WE", "FR", "SU"]  # three days spread from a Wednesday
