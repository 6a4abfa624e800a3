"""Tests which side a due break starts on and the reason the prompt gives."""

from __future__ import annotations

from dataclasses import replace

from evenside.balance.chooser import BalanceChooser
from evenside.balance.tracker import BalanceReport, ExerciseBalance
from evenside.desk.break_plan import BreakPlanner
from evenside.desk.prompt import notification_body, prompt_text
from evenside.history.side_work import SideWork
from evenside.routine.model import ExerciseStep, Order, PerSide, Routine, Side, Sides

WALK = ExerciseStep(exercise="Walk", id="walk", hold_ms=PerSide.same(20_000))
LUNGE = ExerciseStep(exercise="Lunge", id="lunge", hold_ms=PerSide.same(30_000), sides=Sides.BOTH)


def routine(*steps: ExerciseStep) -> Routine:
    return Routine(name="Desk break", steps=steps)


def report_with_right_behind() -> BalanceReport:
    lunge = ExerciseBalance(
        id="lunge",
        name="Lunge",
        left=SideWork(seconds=90, sets=3, ratio=1.0, prescribed_sets=3),
        right=SideWork(seconds=30, sets=1, ratio=0.33, prescribed_sets=3),
        neglected=Side.RIGHT,
    )
    return BalanceReport(days=7, exercises=(lunge,))


def test_the_side_behind_goes_first_and_the_prompt_says_why() -> None:
    planner = BreakPlanner(
        routine(WALK, LUNGE), "desk-break", lambda: BalanceChooser(report_with_right_behind())
    )
    plan = planner.plan()
    assert (plan.first_side, plan.reason) == (Side.RIGHT, "right is behind this week")
    # The side chosen is named with its exercise: a break may hold several.
    assert plan.exercise == "Lunge"
    assert prompt_text(plan) == (
        "Break: desk-break, right side of Lunge first (right is behind this week). "
        "Enter to start, s to snooze 10 min, x to skip"
    )
    assert notification_body(plan) == (
        "desk-break: right side of Lunge first (right is behind this week)"
    )
    # The chooser the break is played with is the one the prompt was planned with.
    assert planner.chooser(LUNGE) is Side.RIGHT


def test_a_fixed_order_is_named_as_the_routines_choice() -> None:
    fixed = replace(LUNGE, order=Order.LEFT_FIRST)
    planner = BreakPlanner(
        routine(fixed), "desk-break", lambda: BalanceChooser(report_with_right_behind())
    )
    plan = planner.plan()
    assert (plan.first_side, plan.reason) == (Side.LEFT, "the routine says left first")


def test_no_two_sided_exercise_names_no_side() -> None:
    plan = BreakPlanner(routine(WALK), "desk-break").plan()
    assert plan.first_side is None
    assert prompt_text(plan).startswith("Break: desk-break. Enter to start")


def test_without_history_left_goes_first_on_a_tie() -> None:
    planner = BreakPlanner(
        routine(LUNGE), "desk-break", lambda: BalanceChooser(BalanceReport(days=7, exercises=()))
    )
    plan = planner.plan()
    assert plan.first_side is Side.LEFT
    assert plan.reason == "no recent history for this exercise"
