"""Tests the --plain reminder loop in process, with a fake clock and typed answers."""

from __future__ import annotations

import io
import os
from datetime import date, datetime
from typing import TextIO

from evenside.desk.nudge import BELL, Nudger
from evenside.desk.prompt import BreakPlan
from evenside.desk.schedule import ReminderSchedule
from evenside.engine.clock import FakeClock
from evenside.plain.desk_loop import PlainReminder
from evenside.routine.model import Side

PLAN = BreakPlan("Desk break", Side.RIGHT, "right is behind this week")


def run(
    answers: str, every_s: int = 60, inp: TextIO | None = None
) -> tuple[str, ReminderSchedule, list[str]]:
    clock = FakeClock()
    schedule = ReminderSchedule(every_s * 1000, goal=4, clock=clock, today=lambda: date(2024, 3, 9))
    events: list[str] = []

    def play(plan: BreakPlan) -> bool:
        events.append(f"play {plan.routine} at {clock() // 10**9}")
        clock.advance(30)  # the routine takes half a minute
        return True

    out = io.StringIO()
    reminder = PlainReminder(
        schedule=schedule,
        plan=lambda: PLAN,
        play=play,
        on_skip=lambda plan: events.append(f"skip at {clock() // 10**9}"),
        nudger=Nudger(bell=True, desktop=False),
        out=out,
        inp=inp if inp is not None else io.StringIO(answers),
        now=lambda: datetime(2024, 3, 9, 14, 0),
        sleep=clock.advance,
    )
    assert reminder.run() == 0
    return out.getvalue(), schedule, events


def test_enter_plays_and_the_next_break_counts_from_its_end() -> None:
    out, schedule, events = run("\n")
    assert events == ["play Desk break at 1060"]
    lines = out.replace(BELL, "").splitlines()
    assert lines[0] == (
        "Next break in 1:00; today 0 of 4 breaks (at 14:01). Enter takes a break now."
    )
    assert lines[1] == (
        "Break: Desk break, right side first (right is behind this week). "
        "Enter to start, s to snooze 10 min, x to skip"
    )
    assert lines[2] == (
        "Next break in 1:00; today 1 of 4 breaks (at 14:01). Enter takes a break now."
    )
    assert out.count(BELL) == 2  # the second due break rang too, then input ended
    assert schedule.today().taken == 1


def test_snooze_then_skip() -> None:
    out, schedule, events = run("s\nx\n")
    # Due at 1060; snoozed 10 min; due again at 1660 and skipped.
    assert events == ["skip at 1660"]
    assert "Snoozed until 14:10.\n" in out
    assert "Next break in 10:00; today 0 of 4 breaks (snoozed until 14:10)." in out
    assert "Break skipped." in out
    assert schedule.today().skipped == 1
    assert schedule.today().taken == 0


def test_an_unknown_answer_asks_again() -> None:
    out, _, events = run("maybe\nx\n")
    assert "Type Enter, s or x." in out
    assert events == ["skip at 1060"]


def test_enter_while_waiting_takes_the_break_now() -> None:
    read, write = os.pipe()
    os.write(write, b"\n")
    os.close(write)
    with os.fdopen(read) as typed:
        out, schedule, events = run("", every_s=3600, inp=typed)
    # Not due for an hour: Enter started it at once, and it counts as taken.
    assert events == ["play Desk break at 1000"]  # the fake clock starts at 1000 s
    assert schedule.today().taken == 1
    assert BELL not in out  # no nudge: the person asked for it
