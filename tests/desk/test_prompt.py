"""Tests the words desk mode shows and the answers it reads."""

from __future__ import annotations

from datetime import date

import pytest

from evenside.desk.prompt import Answer, BreakPlan, count_text, parse_answer, prompt_text, wait_line
from evenside.desk.schedule import DailyCount
from evenside.routine.model import Side


@pytest.mark.parametrize(
    ("ms", "text"),
    [
        (0, "0:00"),
        (1, "0:01"),  # rounded up: 0:00 only once it is due
        (59_001, "1:00"),
        (55 * 60_000, "55:00"),
        (3_600_000, "1:00:00"),
        (3_723_000, "1:02:03"),
    ],
)
def test_the_wait_line_counts_down_to_the_break(ms: int, text: str) -> None:
    line = wait_line(ms, DailyCount(date(2024, 3, 9), 0, 0, 8))
    assert line == f"Next break in {text}; today 0 of 8 breaks"


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("\n", Answer.START),
        ("  \n", Answer.START),
        ("s\n", Answer.SNOOZE),
        ("S\n", Answer.SNOOZE),
        ("snooze\n", Answer.SNOOZE),
        ("x\n", Answer.SKIP),
        ("skip\n", Answer.SKIP),
        ("y\n", None),
        ("sx\n", None),
    ],
)
def test_answers(line: str, answer: Answer | None) -> None:
    assert parse_answer(line) is answer


@pytest.mark.parametrize(
    ("taken", "skipped", "text"),
    [
        (0, 0, "today 0 of 8 breaks"),
        (3, 2, "today 3 of 8 breaks, 2 skipped"),
        (8, 0, "today 8 of 8 breaks (goal met)"),
    ],
)
def test_count_text(taken: int, skipped: int, text: str) -> None:
    assert count_text(DailyCount(date(2024, 3, 9), taken, skipped, 8)) == text


def test_a_name_with_escapes_is_shown_not_sent() -> None:
    plan = BreakPlan("Desk \x1b]0;pwned\x07break", Side.RIGHT, exercise="Lunge \x1b[8m")
    text = prompt_text(plan)
    assert "\x1b" not in text and "\x07" not in text
    assert text.startswith("Break: Desk ␛]0;pwned␇break, right side of Lunge ␛[8m first.")
