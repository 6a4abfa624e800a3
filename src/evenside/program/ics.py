"""Provides a program's schedule as an iCalendar file: one recurring all-day event per line.

A calendar on a phone or desktop then reminds too. Days written as a list or
as weekdays become a weekly rule on those days; "N per week" becomes N days
spread over the week from the first day; a program with `weeks` ends its rules
on its last day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from evenside.program.model import DayKind, Days, Program
from evenside.program.schedule import last_day

_ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _spread(start: date, per_week: int) -> list[int]:
    """`per_week` weekdays spread evenly over the week, from `start`'s weekday."""
    return sorted({(start.weekday() + (7 * i) // per_week) % 7 for i in range(per_week)})


def recurrence(days: Days, start: date, until: date | None) -> dict[str, object]:
    """The RRULE of `days` from `start` (to `until`, included, when given)."""
    rule: dict[str, object]
    if days.kind is DayKind.DAILY:
        rule = {"FREQ": "DAILY"}
    else:
        if days.kind is DayKind.WEEKDAYS:
            chosen = list(range(5))
        elif days.kind is DayKind.LISTED:
            chosen = sorted(days.weekdays)
        else:
            chosen = _spread(start, days.per_week)
        rule = {"FREQ": "WEEKLY", "BYDAY": [_ICAL_DAYS[d] for d in chosen]}
    if until is not None:
        rule["UNTIL"] = until
    return rule


def _first_on_or_after(start: date, days: Days) -> date:
    if days.kind in (DayKind.DAILY, DayKind.PER_WEEK):
        return start
    for offset in range(7):
        day = start + timedelta(days=offset)
        if days.fixed_on(day):
            return day
    return start


def program_calendar(program: Program, start: date, stamp: str) -> bytes:
    """The iCalendar bytes of `program` taken up on `start` (`stamp`: DTSTAMP, UTC text)."""
    # Loaded here: only `program ics` needs the package.
    from icalendar import Calendar, Event, vRecur

    calendar = Calendar()
    calendar.add("prodid", "-//evenside//program//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", program.name)
    until = last_day(program, start)
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    for index, line in enumerate(program.schedule):
        event = Event()
        times = "" if line.times == 1 else f" ({line.times} times)"
        event.add("summary", f"{line.routine.name}{times}")
        event.add("uid", f"{program.key}-{index + 1}-{start.isoformat()}@evenside")
        event.add("dtstamp", moment)
        first = _first_on_or_after(start, line.days)
        event.add("dtstart", first)
        event.add("dtend", first + timedelta(days=1))
        event.add("rrule", vRecur(recurrence(line.days, start, until)))
        words = f"{program.name}: {line.routine.name}, {line.days.describe()}"
        if line.times > 1:
            words += f", {line.times} times a day"
        event.add("description", words + f". evenside play {line.routine_ref}")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
