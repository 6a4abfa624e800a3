"""Provides the words desk mode shows: the wait line, the break prompt and the answers it takes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from evenside.desk.schedule import DailyCount
from evenside.routine.model import Side
from evenside.terminal_text import safe_text
from evenside.wording import clock_to_go


class Answer(StrEnum):
    """What the person can say to a due break."""

    START = "start"
    SNOOZE = "snooze"
    SKIP = "skip"


def parse_answer(line: str) -> Answer | None:
    """Read a typed answer: empty (Enter) starts, `s` snoozes, `x` skips; anything else is None."""
    word = line.strip().lower()
    if word == "":
        return Answer.START
    if word in ("s", "snooze"):
        return Answer.SNOOZE
    if word in ("x", "skip"):
        return Answer.SKIP
    return None


@dataclass(frozen=True)
class BreakPlan:
    """The routine a due break offers, and which side it starts on and why."""

    routine: str
    """The routine's own name, as the library shows it ("Desk break")."""
    first_side: Side | None = None
    """The side the first two-sided exercise starts on; None when no exercise has two sides."""
    reason: str | None = None
    """Why that side goes first, e.g. "right is behind this week"."""
    exercise: str | None = None
    """The exercise that side belongs to (named with it: a break may hold several)."""


def side_phrase(plan: BreakPlan) -> str:
    """ "right side of Lunge first (right is behind this week)", or "" when no side goes first."""
    if plan.first_side is None:
        return ""
    of = f" of {plan.exercise}" if plan.exercise else ""
    phrase = f"{plan.first_side.value} side{of} first"
    if plan.reason:
        phrase += f" ({plan.reason})"
    return phrase


def prompt_text(plan: BreakPlan, snooze_minutes: int = 10) -> str:
    """The question asked when a break is due (names from the file shown, never sent)."""
    side = side_phrase(plan)
    head = f"Break: {plan.routine}" + (f", {side}" if side else "")
    return safe_text(f"{head}. Enter to start, s to snooze {snooze_minutes} min, x to skip")


def notification_body(plan: BreakPlan) -> str:
    """The desktop notification's text."""
    side = side_phrase(plan)
    return f"{plan.routine}: {side}" if side else plan.routine


def count_text(count: DailyCount) -> str:
    """ "today 2 of 8 breaks, 1 skipped"."""
    text = f"today {count.taken} of {count.goal} breaks"
    if count.skipped:
        text += f", {count.skipped} skipped"
    if count.goal_met and count.goal > 0:
        text += " (goal met)"
    return text


def due_time(now: datetime, remaining_ms: int) -> str:
    """The time of day a break falls due, "14:35" (local, as `now` is)."""
    return (now + timedelta(milliseconds=remaining_ms)).strftime("%H:%M")


def snoozed_text(at: str) -> str:
    """ "Snoozed until 14:35"."""
    return f"Snoozed until {at}"


def wait_line(remaining_ms: int, count: DailyCount) -> str:
    """The line shown while waiting: time to the next break and today's count."""
    return f"Next break in {clock_to_go(remaining_ms)}; {count_text(count)}"


WAIT_KEYS = "Enter takes a break now"
"""What the person can do while waiting."""
