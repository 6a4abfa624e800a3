"""Tests the report's period: whole local days ending today, its weeks, its refusals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from evenside.report.period import PeriodError, ReportPeriod

TODAY = date(2024, 5, 22)


def test_the_last_days_end_today() -> None:
    period = ReportPeriod.last_days(TODAY, 42)
    assert (period.first, period.last, period.days) == (date(2024, 4, 11), TODAY, 42)
    assert len(period.each_day()) == 42
    assert period.mondays() == [date(2024, 4, 8) + timedelta(weeks=n) for n in range(7)]
    assert date(2024, 4, 10) not in period and date(2024, 4, 11) in period


def test_since_a_date_runs_to_today() -> None:
    assert ReportPeriod.since(TODAY, TODAY).days == 1
    assert ReportPeriod.since(TODAY, date(2024, 5, 20)).mondays() == [date(2024, 5, 20)]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: ReportPeriod.last_days(TODAY, 0), "1 day or more"),
        (lambda: ReportPeriod.since(TODAY, date(2024, 5, 23)), "is after today"),
    ],
)
def test_a_period_that_cannot_be_is_refused(make: Callable[[], ReportPeriod], message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        make()
