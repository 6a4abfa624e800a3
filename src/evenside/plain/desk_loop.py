"""Provides the plain-text reminder loop: wait, nudge, ask on one line, play, wait again.

For a terminal without a TUI, or a screen reader: a line when waiting starts,
a line when a break is due, and one typed answer. Everything it needs (the
schedule, how to play, how to record) is passed in, so it runs the same in a
test with a pipe as in a real terminal.
"""

from __future__ import annotations

import os
import select
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TextIO

from evenside.desk.nudge import Nudger
from evenside.desk.prompt import (
    WAIT_KEYS,
    Answer,
    BreakPlan,
    due_time,
    notification_body,
    parse_answer,
    prompt_text,
    snoozed_text,
    wait_line,
)
from evenside.desk.schedule import ReminderSchedule

PlayBreak = Callable[[BreakPlan], bool]
"""Plays the break routine; True when a session was played (the break counts as taken)."""

BreakListener = Callable[[BreakPlan], None]
"""Told of a skipped break (to record it)."""


class Waited(StrEnum):
    """How a wait for the next break ended."""

    DUE = "due"
    TAKE_NOW = "take now"
    INPUT_ENDED = "input ended"


# While waiting, wake at least this often to notice a due break after a suspend.
MAX_NAP_S = 1.0


@dataclass
class PlainReminder:
    """The --plain reminder: the loop and its streams."""

    schedule: ReminderSchedule
    """When breaks are due, and today's count."""
    plan: Callable[[], BreakPlan]
    """The break on offer right now (asked at each due time: the side behind may change)."""
    play: PlayBreak
    """Plays the routine with the plain player."""
    on_skip: BreakListener
    """Records a skipped break."""
    nudger: Nudger = field(default_factory=Nudger)
    """Bell and desktop notification."""
    out: TextIO = field(default_factory=lambda: sys.stdout)
    """Where lines go."""
    inp: TextIO = field(default_factory=lambda: sys.stdin)
    """Where answers come from."""
    now: Callable[[], datetime] = datetime.now
    """The local wall clock, only to print the time of day a break falls due."""
    sleep: Callable[[float], None] = time.sleep
    """Waits a number of seconds (tests pass one that moves a fake clock)."""

    def run(self) -> int:
        """Wait and ask until the input ends; the exit code."""
        while True:
            waited = self._wait()
            if waited is Waited.INPUT_ENDED:
                break
            if waited is Waited.TAKE_NOW:
                self._take(self.plan())
            elif not self._ask():
                break
        self._say("No more input: the reminder stops.")
        return 0

    def _say(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()

    def _status(self) -> None:
        remaining = self.schedule.remaining_ms()
        at = due_time(self.now(), remaining)
        when = f"({snoozed_text(at).lower()})" if self.schedule.snoozed else f"(at {at})"
        self._say(f"{wait_line(remaining, self.schedule.today())} {when}. {WAIT_KEYS}.")

    def _wait(self) -> Waited:
        """Sleep until the break is due, the person asks for it now (Enter), or the
        input ends. Anything else typed prints the status again. With the input gone
        no one could answer the prompt, so there is no point waiting for it.
        """
        self._status()
        watch_input = _selectable(self.inp)
        while not self.schedule.is_due:
            nap = min(MAX_NAP_S, max(self.schedule.remaining_ms(), 1) / 1000)
            if not watch_input:
                self.sleep(nap)
                continue
            ready, _, _ = select.select([self.inp], [], [], nap)
            if not ready:
                continue
            line = self.inp.readline()
            if line == "":
                return Waited.INPUT_ENDED
            if not line.strip():
                self.schedule.take_now()
                return Waited.TAKE_NOW
            self._status()
        return Waited.DUE

    def _ask(self) -> bool:
        """Nudge, then read answers until the break is started or skipped; False at end of input."""
        plan = self.plan()
        self.nudger.nudge("Time for a break", notification_body(plan), self.out)
        text = prompt_text(plan, self.schedule.snooze_ms // 60_000)
        _drop_typed_ahead(self.inp)
        while True:
            self._say(text)
            line = self.inp.readline()
            if line == "":
                return False
            answer = parse_answer(line)
            if answer is None:
                self._say("Type Enter, s or x.")
                continue
            if answer is Answer.SNOOZE:
                self.schedule.snooze()
                at = due_time(self.now(), self.schedule.remaining_ms())
                self._say(f"{snoozed_text(at)}.")
            elif answer is Answer.SKIP:
                self.schedule.skip()
                self.on_skip(plan)
                self._say("Break skipped.")
            else:
                self._take(plan)
            return True

    def _take(self, plan: BreakPlan) -> None:
        """Play the break now (it is due), and count it when a session was played."""
        self.schedule.begin_break()
        taken = False
        try:
            taken = self.play(plan)
        finally:
            self.schedule.end_break(taken=taken)


def _selectable(stream: TextIO) -> bool:
    """True when `stream` is a real file descriptor select() can watch (not on Windows)."""
    if os.name == "nt":
        return False
    try:
        stream.fileno()
    except (OSError, ValueError, AttributeError):
        return False
    return True


def _drop_typed_ahead(stream: TextIO) -> None:
    """Forget keys typed at a terminal before the prompt, so a stray Enter cannot start a break."""
    try:
        if not stream.isatty():
            return
        import termios

        termios.tcflush(stream.fileno(), termios.TCIFLUSH)
    except (OSError, ValueError, ImportError, AttributeError):
        pass
