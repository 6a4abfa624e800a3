"""Provides the period a report covers: whole local days, ending today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT_DAYS = 42
"""Six weeks: the usual time between two physiotherapy appointments."""


class PeriodError(ValueError):
    """A period that cannot be reported (one line: why)."""


@dataclass(frozen=True)
class ReportPeriod:
    """The local days a report covers, both ends included."""

    first: date
    """The first day."""
    last: date
    """The last day (today, when the report is made)."""

    @property
    def days(self) -> int:
        """How many days the period holds."""
        return (self.last - self.first).days + 1

    @classmethod
    def last_days(cls, today: date, days: int = DEFAULT_DAYS) -> ReportPeriod:
        """The last `days` days, today included."""
        if days < 1:
            raise PeriodError(f"a report covers 1 day or more, not {days}")
        return cls(today - timedelta(days=days - 1), today)

    @classmethod
    def since(cls, today: date, first: date) -> ReportPeriod:
        """From `first` to today."""
        if first > today:
            raise PeriodError(f"{first.isoformat()} is after today ({today.isoformat()})")
        return cls(first, today)

    def each_day(self) -> list[date]:
        """Every day of the period, oldest first."""
        return [self.first + timedelta(days=n) for n in range(self.days)]

    def mondays(self) -> list[date]:
        """The Monday of each week the period touches, oldest first."""
        monday = week_of(self.first)
        weeks = []
        while monday <= self.last:
            weeks.append(monday)
            monday += timedelta(weeks=1)
        return weeks

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


def week_of(day: date) -> date:
    """The Monday starting `day`'s week."""
    return day - timedelta(days=day.weekday())
