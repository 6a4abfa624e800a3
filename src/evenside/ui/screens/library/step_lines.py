"""Provides the detail view's step list: each step of a routine as one line, in wording's words.

A step reads as the routine file wrote it, not as the timeline expands it:
"Runner's lunge · 0:45 hold · each side, the side behind first · 2 sets, 0:15 rest".
Blocks indent their steps under "Hips circuit · 3 rounds". The names and cues
are the routine author's: the caller makes them safe for the terminal.
"""

from __future__ import annotations

from collections.abc import Callable

from evenside.engine.timeline import IntervalKind
from evenside.routine.model import (
    Block,
    ExerciseStep,
    Order,
    PerSide,
    RestStep,
    Routine,
    Sides,
    Step,
)
from evenside.terminal_text import safe_text
from evenside.wording import KIND_WORDS, clock_to_go, counted, reps_words, sentence, side_words

INDENT = "  "
ORDER_WORDS = {
    Order.BALANCE: "the side behind first",
    Order.LEFT_FIRST: "left first",
    Order.RIGHT_FIRST: "right first",
}
"""Which side goes first on an exercise worked on both (balance: the one behind, or owed)."""


def _per_side(value: PerSide[int], words: Callable[[int], str]) -> str:
    """'0:45', or 'left 0:45, right 0:30' when the sides differ."""
    if value.uniform:
        return words(value.left)
    return f"left {words(value.left)}, right {words(value.right)}"


def _amount(step: ExerciseStep) -> str:
    """What one set asks of a side: '0:45 hold', '12 reps', '12 reps at 0:03 each'."""
    if step.hold_ms is not None:
        return f"{_per_side(step.hold_ms, clock_to_go)} hold"
    if step.reps is not None:
        reps = _per_side(step.reps, reps_words)
        if step.tempo_ms is not None:
            return f"{reps}, {clock_to_go(step.tempo_ms)} each"
        return reps
    return ""


def _sides(step: ExerciseStep) -> str:
    """'each side, left first', 'left side only', or '' for an exercise without a side."""
    if step.sides is Sides.BOTH:
        return f"each side, {ORDER_WORDS[step.order]}"
    if step.sides is Sides.NONE:
        return ""
    (side,) = step.sides.worked
    return f"{side_words(side)} only"


def _sets(step: ExerciseStep) -> str:
    """'2 sets, 0:15 rest'; '' for a single set."""
    sets = step.sets
    if sets.uniform and sets.left < 2:
        return ""
    text = _per_side(sets, lambda n: counted(n, "set"))
    if step.rest_ms:
        text += f", {clock_to_go(step.rest_ms)} {KIND_WORDS[IntervalKind.REST]}"
    return text


def exercise_line(step: ExerciseStep) -> str:
    """One exercise step on one line."""
    parts = [safe_text(step.exercise), _amount(step), _sides(step), _sets(step)]
    return " · ".join(part for part in parts if part)


def _cue_line(cue: str | None, depth: int) -> list[str]:
    return [f"{INDENT * (depth + 1)}“{safe_text(cue)}”"] if cue else []


def _lines(steps: tuple[Step, ...], depth: int) -> list[str]:
    lines: list[str] = []
    for step in steps:
        if isinstance(step, ExerciseStep):
            lines.append(INDENT * depth + exercise_line(step))
            lines += _cue_line(step.cue, depth)
        elif isinstance(step, RestStep):
            rest = sentence(KIND_WORDS[IntervalKind.REST])
            lines.append(f"{INDENT * depth}{rest} {clock_to_go(step.rest_ms)}")
            lines += _cue_line(step.cue, depth)
        elif isinstance(step, Block):
            head = [safe_text(step.name) if step.name else "Repeat", counted(step.repeat, "round")]
            if step.rest_ms and step.repeat > 1:
                head.append(f"{clock_to_go(step.rest_ms)} rest between rounds")
            lines.append(INDENT * depth + " · ".join(head))
            lines += _lines(step.steps, depth + 1)
    return lines


def step_lines(routine: Routine) -> list[str]:
    """Every step of `routine`, in order, blocks' steps indented under them."""
    return _lines(routine.steps, 0)
