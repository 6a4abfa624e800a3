"""Provides adherence per program week: sessions due and done, days with data, doses, pain.

What `evenside program` and the history screen's Program pane show for each
week of a program, from its first week to the week of the day asked about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from evenside.history.program_records import DoseRecord
from evenside.history.timestamps import to_iso
from evenside.program.doses import dose_words, line_doses
from evenside.program.evidence import Evidence
from evenside.program.model import Program
from evenside.program.schedule import done_between, due_between, last_day, week_days, week_of


@dataclass(frozen=True)
class SidePain:
    """Pain on one side over a week: the averages of before, after and the mornings."""

    before: float | None
    """Average pain before sessions."""
    after: float | None
    """Average pain just after sessions (the "during" of the pain model)."""
    morning: float | None
    """Average morning check-in."""


@dataclass(frozen=True)
class WeekAdherence:
    """One program week."""

    week: int
    """1-based."""
    first: date
    """Its first day."""
    last: date
    """Its last day counted (today, in the week running now)."""
    due: float
    """Sessions due."""
    done: int
    """Sessions done (at most the times due a day)."""
    days_with_data: int
    """Days with a session or a check-in."""
    doses: dict[str, str]
    """"Exercise side" -> the dose at the week's end, in words."""
    pain: dict[str, SidePain]
    """By side."""

    @property
    def ratio(self) -> float | None:
        """Done over due (None when nothing was due)."""
        return self.done / self.due if self.due else None


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def weeks(
    program: Program, start: date, evidence: Evidence, kept: list[DoseRecord], today: date
) -> list[WeekAdherence]:
    """Every week from the first to the one holding `today` (or the last, when it is over)."""
    end = last_day(program, start)
    until = today if end is None else min(today, end)
    found: list[WeekAdherence] = []
    for week in range(1, week_of(start, until) + 1):
        first, last = week_days(start, week)
        last = min(last, until)
        due = sum(due_between(line, start, first, last) for line in program.schedule)
        done = sum(
            done_between(line, evidence.done_days(line.key), first, last)
            for line in program.schedule
        )
        session_days = {
            m.day for marks in evidence.sessions.values() for m in marks if first <= m.day <= last
        }
        morning_days = {d for d, _ in evidence.mornings if first <= d <= last}
        week_end = to_iso(datetime.combine(last + timedelta(days=1), time()).astimezone())
        shown: dict[str, str] = {}
        for line in program.schedule:
            for dose in line_doses(line, kept, until=week_end):
                shown[f"{dose.exercise} {dose.side}"] = dose_words(dose)
        pain: dict[str, SidePain] = {}
        for side in ("left", "right"):
            marks = [m for ms in evidence.sessions.values() for m in ms if first <= m.day <= last]
            pain[side] = SidePain(
                before=_mean([m.before[side] for m in marks if side in m.before]),
                after=_mean([m.after[side] for m in marks if side in m.after]),
                morning=_mean(
                    [
                        pain
                        for (day, rated), pain in evidence.mornings.items()
                        if rated == side and first <= day <= last
                    ]
                ),
            )
        found.append(
            WeekAdherence(
                week, first, last, due, done, len(session_days | morning_days), shown, pain
            )
        )
    return found
