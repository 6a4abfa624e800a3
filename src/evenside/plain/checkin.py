"""Provides the morning check-in in `--plain`: offered at the first start on the day after a
session, one line per side, Enter skips (and end of input skips the rest)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO

from evenside.history.timestamps import local_today
from evenside.program.checkin_offer import QUESTION, save_answers, should_offer


def ask_checkin(out: TextIO, read: Callable[[], str | None]) -> dict[str, int | None]:
    """Ask the check-in: left then right, 0-10 each, Enter skips a side."""
    out.write(f"{QUESTION} (Enter skips)\n")
    answers: dict[str, int | None] = {"left": None, "right": None}
    for side in answers:
        while True:
            out.write(f"  {side}: ")
            out.flush()
            answer = read()
            if answer is None:
                out.write("\n")
                return answers
            answer = answer.strip()
            if not answer:
                break
            if answer.isdigit() and 0 <= int(answer) <= 10:
                answers[side] = int(answer)
                break
            out.write("  a number from 0 to 10, or Enter to skip\n")
    return answers


def offer_checkin(
    out: TextIO,
    read: Callable[[], str | None],
    *,
    interactive: bool,
    history: Path | None = None,
    today: date | None = None,
) -> None:
    """Offer the check-in when it is due and someone is at the keyboard (a script piping
    answers to the player must not have them taken by a question it did not expect)."""
    day = today or local_today()
    if not interactive or not should_offer(history, day):
        return
    problem = save_answers(history, day, ask_checkin(out, read))
    if problem is not None:
        out.write(f"! {problem}\n")
    out.flush()
