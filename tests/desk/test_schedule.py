"""Tests the desk-break schedule with fake clocks: due times, snooze, skip, suspend, midnight."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from evenside.desk.schedule import ReminderSchedule, ReminderState
from evenside.engine.clock import FakeClock

MINUTE_MS = 60_000


class FakeDay:
    """A wall clock that only knows the local date, moved by the test."""

    def __init__(self, day: date = date(2024, 3, 9)) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day

    def next(self) -> None:
        self.day += timedelta(days=1)


def make(
    every_min: int = 55, goal: int = 8, **kwargs: int
) -> tuple[ReminderSchedule, FakeClock, FakeDay]:
    clock = FakeClock()
    day = FakeDay()
    schedule = ReminderSchedule(every_min * MINUTE_MS, goal=goal, clock=clock, today=day, **kwargs)
    return schedule, clock, day


def test_first_break_falls_due_one_interval_after_start() -> None:
    schedule, clock, _ = make(55)
    assert schedule.state is ReminderState.WAITING
    assert schedule.remaining_ms() == 55 * MINUTE_MS
    clock.advance_ms(55 * MINUTE_MS - 1)
    assert not schedule.is_due
    assert schedule.remaining_ms() == 1
    clock.advance_ms(1)
    assert schedule.is_due
    assert schedule.state is ReminderState.DUE


def test_remaining_counts_down_exactly() -> None:
    schedule, clock, _ = make(55)
    clock.advance_ms(10 * MINUTE_MS + 500)
    assert schedule.remaining_ms() == 45 * MINUTE_MS - 500


def test_snooze_puts_the_break_off_ten_minutes_from_the_answer() -> None:
    schedule, clock, _ = make(55)
    clock.advance_ms(57 * MINUTE_MS)  # answered two minutes late
    schedule.snooze()
    assert schedule.state is ReminderState.WAITING
    assert schedule.remaining_ms() == 10 * MINUTE_MS
    clock.advance_ms(10 * MINUTE_MS)
    assert schedule.is_due
    assert schedule.today().skipped == 0
    assert schedule.today().taken == 0


def test_snooze_or_skip_need_a_due_break() -> None:
    schedule, _, _ = make(55)
    with pytest.raises(RuntimeError):
        schedule.snooze()
    with pytest.raises(RuntimeError):
        schedule.skip()
    with pytest.raises(RuntimeError):
        schedule.begin_break()


def test_skip_counts_and_restarts_a_full_interval_from_the_answer() -> None:
    schedule, clock, _ = make(30)
    clock.advance_ms(33 * MINUTE_MS)
    schedule.skip()
    assert schedule.today().skipped == 1
    assert schedule.today().taken == 0
    assert schedule.remaining_ms() == 30 * MINUTE_MS


def test_next_break_is_counted_from_when_the_last_one_ended() -> None:
    schedule, clock, _ = make(55)
    clock.advance_ms(55 * MINUTE_MS)
    schedule.begin_break()
    assert schedule.state is ReminderState.IN_BREAK
    clock.advance_ms(7 * MINUTE_MS)  # a long break: the countdown holds meanwhile
    assert schedule.remaining_ms() == 0
    assert not schedule.is_due
    schedule.end_break()
    assert schedule.today().taken == 1
    assert schedule.remaining_ms() == 55 * MINUTE_MS
    clock.advance_ms(55 * MINUTE_MS - 1)
    assert not schedule.is_due


def test_a_break_not_finished_is_not_counted_taken() -> None:
    schedule, clock, _ = make(5)
    clock.advance_ms(5 * MINUTE_MS)
    schedule.begin_break()
    schedule.end_break(taken=False)
    assert schedule.today().taken == 0
    assert schedule.remaining_ms() == 5 * MINUTE_MS


def test_end_break_without_a_break_is_an_error() -> None:
    schedule, _, _ = make(5)
    with pytest.raises(RuntimeError):
        schedule.end_break()


def test_at_most_one_break_is_due_after_a_long_suspend() -> None:
    schedule, clock, _ = make(55)
    clock.advance(9 * 3600)  # a night away: nine intervals' worth
    assert schedule.is_due
    assert schedule.overdue_ms() == 9 * 3600 * 1000 - 55 * MINUTE_MS
    schedule.begin_break()
    schedule.end_break()
    # Only the one break was owed: the next is a whole interval away, not due at once.
    assert schedule.state is ReminderState.WAITING
    assert schedule.remaining_ms() == 55 * MINUTE_MS
    assert schedule.today().taken == 1


def test_skipping_after_a_long_idle_skips_one_break_not_a_pile() -> None:
    schedule, clock, _ = make(10)
    clock.advance(5 * 3600)
    schedule.skip()
    assert schedule.today().skipped == 1
    assert not schedule.is_due


def test_a_wall_clock_jump_does_not_move_the_due_time() -> None:
    schedule, clock, day = make(55)
    clock.advance_ms(20 * MINUTE_MS)
    day.day -= timedelta(days=3)  # the user set the clock back three days
    assert schedule.remaining_ms() == 35 * MINUTE_MS
    day.day += timedelta(days=10)  # and then far ahead
    assert schedule.remaining_ms() == 35 * MINUTE_MS
    assert not schedule.is_due


def test_daily_count_resets_at_local_midnight() -> None:
    schedule, clock, day = make(1, goal=2)
    for _ in range(2):
        clock.advance_ms(MINUTE_MS)
        schedule.begin_break()
        schedule.end_break()
    clock.advance_ms(MINUTE_MS)
    schedule.skip()
    today = schedule.today()
    assert (today.taken, today.skipped, today.goal_met) == (2, 1, True)
    day.next()
    tomorrow = schedule.today()
    assert tomorrow.day == day.day
    assert (tomorrow.taken, tomorrow.skipped, tomorrow.goal_met) == (0, 0, False)


def test_a_break_ending_after_midnight_counts_for_the_new_day() -> None:
    schedule, clock, day = make(1)
    clock.advance_ms(MINUTE_MS)
    schedule.begin_break()
    day.next()
    schedule.end_break()
    assert schedule.today().day == day.day
    assert schedule.today().taken == 1


def test_the_count_is_seeded_from_the_history_and_reset_the_next_day() -> None:
    schedule, _, day = make(55, goal=8, taken_today=3, skipped_today=1)
    assert (schedule.today().taken, schedule.today().skipped) == (3, 1)
    day.next()
    assert (schedule.today().taken, schedule.today().skipped) == (0, 0)


@pytest.mark.parametrize(("every_ms", "goal"), [(0, 8), (-1, 8), (1000, -1)])
def test_bad_settings_are_refused(every_ms: int, goal: int) -> None:
    with pytest.raises(ValueError):
        ReminderSchedule(every_ms, goal=goal, clock=FakeClock(), today=FakeDay())
